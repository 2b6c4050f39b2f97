// Rules 551-586: the decision to place for adoption (PlacedAdoption, this year and last) against
// the episodes and AD1, episodes missing from last year's return (562) and the periods a child
// was missing or away from placement (Missing, this year and last).
#include <algorithm>

#include "ssda903_rules/part_b/support_b.h"

namespace safeguard::ssda903 {
namespace {

// 551: placed for adoption (A3-A6) with no date of the decision to place (or no record of it).
RuleFailures check_551(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* placed = input.data.find("PlacedAdoption");
  const Column* place = column_of(episodes, "PLACE");
  const Column* child = column_of(episodes, "CHILD");
  const Column* decided = column_of(placed, "DATE_PLACED");
  if (!all_present(place, child, decided, column_of(placed, "CHILD"))) return {};
  RowsByChild placed_rows = rows_by_child(input, *placed);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!is_one_of(place->cells[row], {"A3", "A4", "A5", "A6"}) || !is_present(child->cells[row])) {
      continue;
    }
    auto found = placed_rows.find(*child->cells[row]);
    bool missing_decision =
        found == placed_rows.end() ||
        std::any_of(found->second.begin(), found->second.end(), [&](std::size_t placed_row) {
          return !is_present(decided->cells[placed_row]);
        });
    if (missing_decision) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 552: the child's first adoption placement (A3-A6) began before the latest decision to place.
RuleFailures check_552(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* placed = input.data.find("PlacedAdoption");
  const Column* place = column_of(episodes, "PLACE");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* decided = column_of(placed, "DATE_PLACED");
  if (!all_present(place, decom, decided, column_of(episodes, "CHILD"),
                   column_of(placed, "CHILD"))) {
    return {};
  }
  const auto& starts = dates_of(input, decom);
  const auto& decisions = dates_of(input, decided);
  RowsByChild placed_rows = rows_by_child(input, *placed);
  RuleFailures failures;
  for (auto& [child, rows] : rows_by_child(input, *episodes)) {
    rows = drop_rows(rows, [&](std::size_t row) {
      return !is_one_of(place->cells[row], {"A3", "A4", "A5", "A6"});
    });
    auto first_placement = earliest(rows, starts);
    auto found = placed_rows.find(child);
    if (!first_placement || found == placed_rows.end()) continue;
    auto last_decision = latest(found->second, decisions);
    if (last_decision && *starts[*first_placement] < *decisions[*last_decision]) {
      add_failing_rows(failures, "Episodes", {*first_placement});
      add_failing_rows(failures, "PlacedAdoption", {*last_decision});
    }
  }
  return failures;
}

// 553 (placement order, E1) and 555 (freeing order, D1): an episode under the order with no
// record of the decision to place; and a decision marked as ceased while the order's episode is
// still open.
RuleFailures order_without_decision(const RuleInput& input, std::string_view order) {
  const Table* episodes = input.data.find("Episodes");
  const Table* placed = input.data.find("PlacedAdoption");
  const Column* ls = column_of(episodes, "LS");
  const Column* dec = column_of(episodes, "DEC");
  const Column* child = column_of(episodes, "CHILD");
  const Column* ceased = column_of(placed, "DATE_PLACED_CEASED");
  const Column* reason = column_of(placed, "REASON_PLACED_CEASED");
  if (!all_present(ls, dec, child, ceased, reason, column_of(placed, "CHILD"))) return {};
  RowsByChild placed_rows = rows_by_child(input, *placed);
  RuleFailures failures;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!holds(ls->cells[row], order) || !is_present(child->cells[row])) continue;
    auto found = placed_rows.find(*child->cells[row]);
    if (found == placed_rows.end()) {
      add_failing_rows(failures, "Episodes", {row});
      continue;
    }
    if (is_present(dec->cells[row])) continue;
    for (std::size_t placed_row : found->second) {
      if (is_present(ceased->cells[placed_row]) || is_present(reason->cells[placed_row])) {
        add_failing_rows(failures, "PlacedAdoption", {placed_row});
      }
    }
  }
  return failures;
}
RuleFailures check_553(const RuleInput& input) { return order_without_decision(input, "E1"); }
RuleFailures check_555(const RuleInput& input) { return order_without_decision(input, "D1"); }

// 554: the decision to place for adoption is after the child's first placement order (E1)
// episode began.
RuleFailures check_554(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* placed = input.data.find("PlacedAdoption");
  const Column* ls = column_of(episodes, "LS");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* decided = column_of(placed, "DATE_PLACED");
  if (!all_present(ls, decom, decided, column_of(episodes, "CHILD"), column_of(placed, "CHILD"))) {
    return {};
  }
  const auto& starts = dates_of(input, decom);
  RowsByChild placed_rows = rows_by_child(input, *placed);
  RuleFailures failures;
  for (auto& [child, rows] : rows_by_child(input, *episodes)) {
    rows = drop_rows(rows, [&](std::size_t row) { return !holds(ls->cells[row], "E1"); });
    auto first_order = earliest(rows, starts);
    auto found = placed_rows.find(child);
    if (!first_order || found == placed_rows.end()) continue;
    for (std::size_t placed_row : found->second) {
      auto decision = parse_date(decided->cells[placed_row]);
      if (decision && *decision > *starts[*first_order]) {
        add_failing_rows(failures, "Episodes", {*first_order});
        add_failing_rows(failures, "PlacedAdoption", {placed_row});
      }
    }
  }
  return failures;
}

// 556: the decision to place for adoption is after a freeing order (D1) episode began.
RuleFailures check_556(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* placed = input.data.find("PlacedAdoption");
  const Column* ls = column_of(episodes, "LS");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* child = column_of(episodes, "CHILD");
  const Column* decided = column_of(placed, "DATE_PLACED");
  if (!all_present(ls, decom, child, decided, column_of(placed, "CHILD"))) return {};
  RowsByChild placed_rows = rows_by_child(input, *placed);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!holds(ls->cells[row], "D1") || !is_present(child->cells[row])) continue;
    auto start = parse_date(decom->cells[row]);
    auto found = placed_rows.find(*child->cells[row]);
    if (!start || found == placed_rows.end()) continue;
    for (std::size_t placed_row : found->second) {
      auto decision = parse_date(decided->cells[placed_row]);
      if (decision && *decision > *start) rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

// 557: left care other than by adoption (a reason ceased other than E11, E12, X1) from an
// adoption placement (A3-A6) or under `orders`, without the decision to place recorded as ceased
// (date and reason).
RuleFailures left_care_without_ceased_decision(const RuleInput& input,
                                               std::initializer_list<std::string_view> orders) {
  const Table* episodes = input.data.find("Episodes");
  const Table* placed = input.data.find("PlacedAdoption");
  const Column* place = column_of(episodes, "PLACE");
  const Column* ls = column_of(episodes, "LS");
  const Column* rec = column_of(episodes, "REC");
  const Column* child = column_of(episodes, "CHILD");
  const Column* ceased = column_of(placed, "DATE_PLACED_CEASED");
  const Column* reason = column_of(placed, "REASON_PLACED_CEASED");
  if (!all_present(place, ls, rec, child, ceased, reason, column_of(placed, "CHILD"))) return {};
  RowsByChild placed_rows = rows_by_child(input, *placed);
  RuleFailures failures;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    bool placed_or_ordered =
        is_one_of(place->cells[row], {"A3", "A4", "A5", "A6"}) || is_one_of(ls->cells[row], orders);
    bool left_not_adopted =
        is_present(rec->cells[row]) && !is_one_of(rec->cells[row], {"E11", "E12", "X1"});
    if (!placed_or_ordered || !left_not_adopted || !is_present(child->cells[row])) continue;
    auto found = placed_rows.find(*child->cells[row]);
    if (found == placed_rows.end()) {
      add_failing_rows(failures, "Episodes", {row});
      continue;
    }
    for (std::size_t placed_row : found->second) {
      if (!is_present(ceased->cells[placed_row]) || !is_present(reason->cells[placed_row])) {
        add_failing_rows(failures, "Episodes", {row});
        add_failing_rows(failures, "PlacedAdoption", {placed_row});
      }
    }
  }
  return failures;
}
RuleFailures check_557(const RuleInput& input) {
  return left_care_without_ceased_decision(input, {"D1", "E1"});
}
// From 2024/25 freeing orders (D1) no longer count.
RuleFailures check_557_2024(const RuleInput& input) {
  return left_care_without_ceased_decision(input, {"E1"});
}

// 558: an adopted child (E11, E12) whose decisions to place were all ended (more than one, each
// with a date ceased): the latest decision should have no date ceased.
RuleFailures check_558(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* placed = input.data.find("PlacedAdoption");
  const Column* rec = column_of(episodes, "REC");
  const Column* child = column_of(episodes, "CHILD");
  const Column* ceased = column_of(placed, "DATE_PLACED_CEASED");
  if (!all_present(rec, child, ceased, column_of(placed, "CHILD"))) return {};
  RowsByChild placed_rows = rows_by_child(input, *placed);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!is_one_of(rec->cells[row], {"E11", "E12"}) || !is_present(child->cells[row])) continue;
    auto found = placed_rows.find(*child->cells[row]);
    if (found == placed_rows.end() || found->second.size() < 2) continue;
    bool all_ceased =
        std::all_of(found->second.begin(), found->second.end(),
                    [&](std::size_t placed_row) { return is_present(ceased->cells[placed_row]); });
    if (all_ceased) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 559: a decision to place made before this year that last year's return did not record.
RuleFailures check_559(const RuleInput& input) {
  const Table* placed = input.data.find("PlacedAdoption");
  const Table* last = input.data.find("PlacedAdoption_last");
  const Column* decided = column_of(placed, "DATE_PLACED");
  const Column* child = column_of(placed, "CHILD");
  const Column* last_decided = column_of(last, "DATE_PLACED");
  if (!all_present(decided, child, last_decided, column_of(last, "CHILD"))) return {};
  RowsByChild last_rows = rows_by_child(input, *last);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < placed->row_count; ++row) {
    auto decision = parse_date(decided->cells[row]);
    if (!decision || *decision >= input.metadata.collection_start) continue;
    auto found =
        is_present(child->cells[row]) ? last_rows.find(*child->cells[row]) : last_rows.end();
    if (found == last_rows.end()) {
      rows.push_back(row);
      continue;
    }
    for (std::size_t last_row : found->second) {
      if (!parse_date(last_decided->cells[last_row])) rows.push_back(row);
    }
  }
  return failing_rows("PlacedAdoption", rows);
}

// Calls `fails(row, last_row)` for each pair of this year's and last year's decisions for the same
// child and collects this year's rows it says fail.
template <typename Predicate>
RuleFailures against_last_years_decisions(const RuleInput& input, Predicate fails) {
  const Table* placed = input.data.find("PlacedAdoption");
  const Table* last = input.data.find("PlacedAdoption_last");
  const Column* child = column_of(placed, "CHILD");
  if (!all_present(child, column_of(last, "CHILD"))) return {};
  RowsByChild last_rows = rows_by_child(input, *last);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < placed->row_count; ++row) {
    if (!is_present(child->cells[row])) continue;
    auto found = last_rows.find(*child->cells[row]);
    if (found == last_rows.end()) continue;
    for (std::size_t last_row : found->second) {
      if (fails(row, last_row)) rows.push_back(row);
    }
  }
  return failing_rows("PlacedAdoption", rows);
}

// 560: last year's decision was still in force, but this year gives another date for it.
RuleFailures check_560(const RuleInput& input) {
  const Column* decided = column_of(input.data.find("PlacedAdoption"), "DATE_PLACED");
  const Table* last = input.data.find("PlacedAdoption_last");
  const Column* last_decided = column_of(last, "DATE_PLACED");
  const Column* last_ceased = column_of(last, "DATE_PLACED_CEASED");
  if (!all_present(decided, last_decided, last_ceased)) return {};
  return against_last_years_decisions(input, [&](std::size_t row, std::size_t last_row) {
    return is_present(last_decided->cells[last_row]) && !is_present(last_ceased->cells[last_row]) &&
           decided->cells[row] != last_decided->cells[last_row];
  });
}

// 561: this year repeats last year's decision date, but last year recorded that decision as
// ceased.
RuleFailures check_561(const RuleInput& input) {
  const Column* decided = column_of(input.data.find("PlacedAdoption"), "DATE_PLACED");
  const Table* last = input.data.find("PlacedAdoption_last");
  const Column* last_decided = column_of(last, "DATE_PLACED");
  const Column* last_ceased = column_of(last, "DATE_PLACED_CEASED");
  const Column* last_reason = column_of(last, "REASON_PLACED_CEASED");
  if (!all_present(decided, last_decided, last_ceased, last_reason)) return {};
  return against_last_years_decisions(input, [&](std::size_t row, std::size_t last_row) {
    return is_present(decided->cells[row]) &&
           decided->cells[row] == last_decided->cells[last_row] &&
           (is_present(last_ceased->cells[last_row]) || is_present(last_reason->cells[last_row]));
  });
}

// 584: last year's decision ceased, yet this year's decision date is blank or not after it.
RuleFailures check_584(const RuleInput& input) {
  const Column* decided = column_of(input.data.find("PlacedAdoption"), "DATE_PLACED");
  const Table* last = input.data.find("PlacedAdoption_last");
  const Column* last_decided = column_of(last, "DATE_PLACED");
  const Column* last_ceased = column_of(last, "DATE_PLACED_CEASED");
  const Column* last_reason = column_of(last, "REASON_PLACED_CEASED");
  if (!all_present(decided, last_decided, last_ceased, last_reason)) return {};
  return against_last_years_decisions(input, [&](std::size_t row, std::size_t last_row) {
    if (!is_present(last_ceased->cells[last_row]) && !is_present(last_reason->cells[last_row])) {
      return false;
    }
    if (!is_present(decided->cells[row])) return true;
    auto now = parse_date(decided->cells[row]);
    auto before = parse_date(last_decided->cells[last_row]);
    return now && before && *now <= *before;
  });
}

// 562: the child's first episode began before this year but is not last year's latest episode.
RuleFailures check_562(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* last = input.data.find("Episodes_last");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* last_decom = column_of(last, "DECOM");
  if (!all_present(decom, last_decom, column_of(episodes, "CHILD"), column_of(last, "CHILD"))) {
    return {};
  }
  const auto& starts = dates_of(input, decom);
  const auto& last_starts = dates_of(input, last_decom);
  RowsByChild last_rows = rows_by_child(input, *last);
  std::vector<std::size_t> failing;
  for (auto& [child, rows] : rows_by_child(input, *episodes)) {
    rows = drop_rows(rows, [&](std::size_t row) {
      return !starts[row] || *starts[row] >= input.metadata.collection_start;
    });
    auto first = earliest(rows, starts);
    if (!first) continue;
    auto found = last_rows.find(child);
    std::optional<std::size_t> last_latest;
    if (found != last_rows.end()) last_latest = latest(found->second, last_starts);
    if (!last_latest || *last_starts[*last_latest] != *starts[*first]) failing.push_back(*first);
  }
  return failing_rows("Episodes", failing);
}

// 563: a decision to place recorded as ceased (date and reason) with no date of the decision.
RuleFailures check_563(const RuleInput& input) {
  const Table* placed = input.data.find("PlacedAdoption");
  const Column* decided = column_of(placed, "DATE_PLACED");
  const Column* ceased = column_of(placed, "DATE_PLACED_CEASED");
  const Column* reason = column_of(placed, "REASON_PLACED_CEASED");
  if (!all_present(decided, ceased, reason)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < placed->row_count; ++row) {
    if (is_present(reason->cells[row]) && is_present(ceased->cells[row]) &&
        !is_present(decided->cells[row])) {
      rows.push_back(row);
    }
  }
  return failing_rows("PlacedAdoption", rows);
}

// 579: a decision to place made while the previous one was still open, or before it ceased.
RuleFailures check_579(const RuleInput& input) {
  const Table* placed = input.data.find("PlacedAdoption");
  const Column* decided = column_of(placed, "DATE_PLACED");
  const Column* ceased = column_of(placed, "DATE_PLACED_CEASED");
  if (!all_present(decided, ceased, column_of(placed, "CHILD"))) return {};
  const auto& decisions = dates_of(input, decided);
  std::vector<std::size_t> failing;
  for (const auto& [child_id, rows] : children_in_date_order(input, *placed, decisions)) {
    for (std::size_t i = 1; i < rows.size(); ++i) {
      auto previous_ceased = parse_date(ceased->cells[rows[i - 1]]);
      if (!previous_ceased || (decisions[rows[i]] && *decisions[rows[i]] < *previous_ceased)) {
        failing.push_back(rows[i]);
      }
    }
  }
  return failing_rows("PlacedAdoption", failing);
}

// 583: more than one decision to place, with an earlier one never ceased: every decision without
// a date ceased other than the child's latest fails.
RuleFailures check_583(const RuleInput& input) {
  const Table* placed = input.data.find("PlacedAdoption");
  const Column* decided = column_of(placed, "DATE_PLACED");
  const Column* ceased = column_of(placed, "DATE_PLACED_CEASED");
  if (!all_present(decided, ceased, column_of(placed, "CHILD"))) return {};
  const auto& decisions = dates_of(input, decided);
  std::vector<std::size_t> failing;
  for (const auto& [child, rows] : rows_by_child(input, *placed)) {
    if (rows.size() < 2) continue;
    auto most_recent = latest(rows, decisions);
    for (std::size_t row : rows) {
      if (!is_present(ceased->cells[row]) && (!most_recent || row != *most_recent)) {
        failing.push_back(row);
      }
    }
  }
  return failing_rows("PlacedAdoption", failing);
}

// Missing rows where `fails(missing, start, end)` holds for the MISSING code and the dates; the
// rule runs only when the table has every column in `needs`.
template <typename Predicate>
RuleFailures missing_where(const RuleInput& input, std::initializer_list<std::string_view> needs,
                           Predicate fails) {
  const Table* missing = input.data.find("Missing");
  if (missing == nullptr) return {};
  for (std::string_view name : needs) {
    if (column_of(missing, name) == nullptr) return {};
  }
  static const Cell kEmpty;
  auto cell = [&](const Column* column, std::size_t row) -> const Cell& {
    return column ? column->cells[row] : kEmpty;
  };
  const Column* code = column_of(missing, "MISSING");
  const Column* start = column_of(missing, "MIS_START");
  const Column* end = column_of(missing, "MIS_END");
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < missing->row_count; ++row) {
    if (fails(cell(code, row), cell(start, row), cell(end, row))) rows.push_back(row);
  }
  return failing_rows("Missing", rows);
}

// 564: missing or away (M, A) without a start date.
RuleFailures check_564(const RuleInput& input) {
  return missing_where(input, {"MISSING", "MIS_START"},
                       [](const Cell& code, const Cell& start, const Cell&) {
                         return is_one_of(code, {"M", "A", "m", "a"}) && !is_present(start);
                       });
}
// 565: a start date without saying whether missing or away.
RuleFailures check_565(const RuleInput& input) {
  return missing_where(input, {"MISSING", "MIS_START"},
                       [](const Cell& code, const Cell& start, const Cell&) {
                         return is_present(start) && !is_present(code);
                       });
}
// 566: an end date without saying whether missing or away.
RuleFailures check_566(const RuleInput& input) {
  return missing_where(input, {"MISSING", "MIS_END"},
                       [](const Cell& code, const Cell&, const Cell& end) {
                         return is_present(end) && !is_present(code);
                       });
}
// 567: a missing period ending before it started.
RuleFailures check_567(const RuleInput& input) {
  return missing_where(input, {"MIS_START", "MIS_END"},
                       [](const Cell&, const Cell& start, const Cell& end) {
                         auto began = parse_date(start);
                         auto ended = parse_date(end);
                         return began && ended && *began > *ended;
                       });
}
// 570: a missing period starting after the end of the year.
RuleFailures check_570(const RuleInput& input) {
  const Date year_end = input.metadata.collection_end;
  return missing_where(input, {"MIS_START"}, [&](const Cell&, const Cell& start, const Cell&) {
    auto began = parse_date(start);
    return began && *began > year_end;
  });
}
// 571: a missing period ending outside the collection year.
RuleFailures check_571(const RuleInput& input) {
  const Date year_start = input.metadata.collection_start;
  const Date year_end = input.metadata.collection_end;
  return missing_where(input, {"MIS_END"}, [&](const Cell&, const Cell&, const Cell& end) {
    auto ended = parse_date(end);
    return ended && (*ended < year_start || *ended > year_end);
  });
}

// 586: a missing period starting on or before the child's date of birth.
RuleFailures check_586(const RuleInput& input) {
  const Table* missing = input.data.find("Missing");
  const Column* dob = column_of(missing, "DOB");
  const Column* start = column_of(missing, "MIS_START");
  if (!all_present(dob, start)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < missing->row_count; ++row) {
    auto began = parse_date(start->cells[row]);
    auto born = parse_date(dob->cells[row]);
    if (began && born && *began <= *born) rows.push_back(row);
  }
  return failing_rows("Missing", rows);
}

// 574: a missing period starting while the child's previous one was open, or overlapping it.
RuleFailures check_574(const RuleInput& input) {
  const Table* missing = input.data.find("Missing");
  const Column* start = column_of(missing, "MIS_START");
  const Column* end = column_of(missing, "MIS_END");
  if (!all_present(start, end, column_of(missing, "CHILD"))) return {};
  const auto& starts = dates_of(input, start);
  const auto& ends = dates_of(input, end);
  std::vector<std::optional<Date>> order_by(missing->row_count);
  for (std::size_t row = 0; row < missing->row_count; ++row) {
    order_by[row] = ends[row] ? ends[row] : starts[row];
  }
  std::vector<std::size_t> failing;
  for (auto& [child, rows] : rows_by_child(input, *missing)) {
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
      if (order_by[a] != order_by[b]) {
        if (!order_by[a]) return false;
        if (!order_by[b]) return true;
        return *order_by[a] < *order_by[b];
      }
      if (!starts[a]) return false;
      if (!starts[b]) return true;
      return *starts[a] < *starts[b];
    });
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto& previous_end = ends[rows[i - 1]];
      const auto& began = starts[rows[i]];
      if (!previous_end || (began && *began < *previous_end)) failing.push_back(rows[i]);
    }
  }
  return failing_rows("Missing", failing);
}

// 575: an open missing period that started within an episode that has since ended.
RuleFailures check_575(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* missing = input.data.find("Missing");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  const Column* start = column_of(missing, "MIS_START");
  const Column* end = column_of(missing, "MIS_END");
  const Column* child = column_of(missing, "CHILD");
  if (!all_present(decom, dec, start, end, child, column_of(episodes, "CHILD"))) return {};
  RowsByChild episode_rows = rows_by_child(input, *episodes);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < missing->row_count; ++row) {
    if (is_present(end->cells[row]) || !is_present(child->cells[row])) continue;
    auto began = parse_date(start->cells[row]);
    auto found = episode_rows.find(*child->cells[row]);
    if (!began || found == episode_rows.end()) continue;
    for (std::size_t episode : found->second) {
      auto episode_start = parse_date(decom->cells[episode]);
      auto episode_end = parse_date(dec->cells[episode]);
      if (episode_start && episode_end && *began >= *episode_start && *began <= *episode_end) {
        rows.push_back(row);
      }
    }
  }
  return failing_rows("Missing", rows);
}

// 576: last year ended with an open missing period, but this year's first one starts on another
// date (or has no start).
RuleFailures check_576(const RuleInput& input) {
  const Table* missing = input.data.find("Missing");
  const Table* last = input.data.find("Missing_last");
  const Column* start = column_of(missing, "MIS_START");
  const Column* last_start = column_of(last, "MIS_START");
  const Column* last_end = column_of(last, "MIS_END");
  if (!all_present(start, last_start, last_end, column_of(missing, "CHILD"),
                   column_of(last, "CHILD"))) {
    return {};
  }
  const auto& starts = dates_of(input, start);
  RowsByChild last_rows = rows_by_child(input, *last);
  std::vector<std::size_t> failing;
  for (const auto& [child, rows] : rows_by_child(input, *missing)) {
    auto found = last_rows.find(child);
    if (found == last_rows.end()) continue;
    // The first period this year; one without a start date counts as the latest.
    std::size_t first = rows.front();
    for (std::size_t row : rows) {
      if (starts[row] && (!starts[first] || *starts[row] < *starts[first])) first = row;
    }
    for (std::size_t last_row : found->second) {
      if (is_present(last_end->cells[last_row])) continue;
      auto open_start = parse_date(last_start->cells[last_row]);
      if (open_start && (!starts[first] || *starts[first] != *open_start)) {
        failing.push_back(first);
      }
    }
  }
  return failing_rows("Missing", failing);
}

// A child's periods of care: runs of episodes (in start order) each starting on or before the
// previous one ended; `end` is the last episode's end (empty while open).
struct PeriodOfCare {
  Date start;
  std::optional<Date> end;
};

std::unordered_map<std::string_view, std::vector<PeriodOfCare>> periods_of_care(
    const RuleInput& input, const Table& episodes) {
  std::unordered_map<std::string_view, std::vector<PeriodOfCare>> periods;
  const Column* decom = column_of(&episodes, "DECOM");
  const Column* dec = column_of(&episodes, "DEC");
  if (!all_present(decom, dec, column_of(&episodes, "CHILD"))) return periods;
  const auto& starts = dates_of(input, decom);
  const auto& ends = dates_of(input, dec);
  for (auto& [child, rows] : rows_by_child(input, episodes)) {
    rows = drop_rows(rows, [&](std::size_t row) { return !starts[row]; });
    sort_by_date(rows, starts);
    auto& list = periods[child];
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::size_t row = rows[i];
      bool continues = i > 0 && ends[rows[i - 1]] && *starts[row] <= *ends[rows[i - 1]];
      // An episode after an open one cannot be told apart from it: it continues the period.
      bool after_open = i > 0 && !ends[rows[i - 1]];
      if (continues || after_open) {
        list.back().end = ends[row];
      } else {
        list.push_back({*starts[row], ends[row]});
      }
    }
  }
  return periods;
}

// 577: a missing period not inside any of the child's periods of care: still open when the period
// of care has ended or began before it, or ending outside it.
RuleFailures check_577(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* missing = input.data.find("Missing");
  const Column* start = column_of(missing, "MIS_START");
  const Column* end = column_of(missing, "MIS_END");
  const Column* child = column_of(missing, "CHILD");
  if (!all_present(start, end, child) || episodes == nullptr) return {};
  auto periods = periods_of_care(input, *episodes);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < missing->row_count; ++row) {
    auto began = parse_date(start->cells[row]);
    if (!began || !is_present(child->cells[row])) continue;
    auto found = periods.find(*child->cells[row]);
    if (found == periods.end() || found->second.empty()) continue;
    auto ended = parse_date(end->cells[row]);
    bool open = !is_present(end->cells[row]);
    bool outside_every_period =
        std::all_of(found->second.begin(), found->second.end(), [&](const PeriodOfCare& period) {
          return (open && period.end) || (open && *began < period.start) ||
                 (ended && period.end && *ended > *period.end) || (ended && *ended < period.start);
        });
    if (outside_every_period) rows.push_back(row);
  }
  return failing_rows("Missing", rows);
}

// 578: a missing period starting outside every period of care (before it began, or after it
// ended).
RuleFailures check_578(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* missing = input.data.find("Missing");
  const Column* start = column_of(missing, "MIS_START");
  const Column* child = column_of(missing, "CHILD");
  if (!all_present(start, child) || episodes == nullptr) return {};
  auto periods = periods_of_care(input, *episodes);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < missing->row_count; ++row) {
    auto began = parse_date(start->cells[row]);
    if (!began || !is_present(child->cells[row])) continue;
    auto found = periods.find(*child->cells[row]);
    if (found == periods.end() || found->second.empty()) continue;
    bool outside_every_period =
        std::all_of(found->second.begin(), found->second.end(), [&](const PeriodOfCare& period) {
          return *began < period.start || (period.end && *began > *period.end);
        });
    if (outside_every_period) rows.push_back(row);
  }
  return failing_rows("Missing", rows);
}

// 580: missing on the day care ended at 18 (the 18th birthday), but the reason is not E8.
RuleFailures check_580(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* missing = input.data.find("Missing");
  const Column* dec = column_of(episodes, "DEC");
  const Column* rec = column_of(episodes, "REC");
  const Column* child = column_of(episodes, "CHILD");
  const Column* end = column_of(missing, "MIS_END");
  const Column* dob = column_of(missing, "DOB");
  if (!all_present(dec, rec, child, end, dob, column_of(missing, "CHILD"))) return {};
  RowsByChild missing_rows = rows_by_child(input, *missing);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    auto ceased = parse_date(dec->cells[row]);
    if (!ceased || holds(rec->cells[row], "E8") || !is_present(child->cells[row])) continue;
    auto found = missing_rows.find(*child->cells[row]);
    if (found == missing_rows.end()) continue;
    for (std::size_t missing_row : found->second) {
      auto ended = parse_date(end->cells[missing_row]);
      auto born = parse_date(dob->cells[missing_row]);
      if (ended && born && *ended == *ceased && born->plus_years(18) == *ended) {
        rows.push_back(row);
      }
    }
  }
  return failing_rows("Episodes", rows);
}

// 581: a missing period starting outside every episode of a child who has episodes.
RuleFailures check_581(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* missing = input.data.find("Missing");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  const Column* start = column_of(missing, "MIS_START");
  const Column* child = column_of(missing, "CHILD");
  if (!all_present(decom, dec, start, child, column_of(episodes, "CHILD"))) return {};
  RowsByChild episode_rows = rows_by_child(input, *episodes);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < missing->row_count; ++row) {
    auto began = parse_date(start->cells[row]);
    if (!began || !is_present(child->cells[row])) continue;
    auto found = episode_rows.find(*child->cells[row]);
    if (found == episode_rows.end()) continue;
    bool in_an_episode =
        std::any_of(found->second.begin(), found->second.end(), [&](std::size_t episode) {
          auto episode_start = parse_date(decom->cells[episode]);
          auto episode_end = parse_date(dec->cells[episode]);
          return episode_start && *began >= *episode_start &&
                 (!is_present(dec->cells[episode]) || (episode_end && *began <= *episode_end));
        });
    if (!in_an_episode) rows.push_back(row);
  }
  return failing_rows("Missing", rows);
}

// 582: adopted (E11, E12) on the day the child was matched with the adopters.
RuleFailures check_582(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* ad1 = input.data.find("AD1");
  const Column* rec = column_of(episodes, "REC");
  const Column* dec = column_of(episodes, "DEC");
  const Column* child = column_of(episodes, "CHILD");
  const Column* matched = column_of(ad1, "DATE_MATCH");
  if (!all_present(rec, dec, child, matched, column_of(ad1, "CHILD"))) return {};
  RowsByChild ad1_rows = rows_by_child(input, *ad1);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!is_one_of(rec->cells[row], {"E11", "E12"}) || !is_present(child->cells[row])) continue;
    auto adopted = parse_date(dec->cells[row]);
    auto found = ad1_rows.find(*child->cells[row]);
    if (!adopted || found == ad1_rows.end()) continue;
    for (std::size_t ad1_row : found->second) {
      auto match = parse_date(matched->cells[ad1_row]);
      if (match && *match == *adopted) rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

}  // namespace

void add_rules_placed_for_adoption(RuleRegistry& registry) {
  registry.add("551", "2022_23", check_551);
  registry.add("552", "2022_23", check_552);
  registry.add("553", "2022_23", check_553);
  registry.add("554", "2022_23", check_554);
  registry.add("555", "2022_23", check_555);
  registry.add("556", "2022_23", check_556);
  registry.add("557", "2022_23", check_557);
  registry.add("557", "2024_25", check_557_2024);
  registry.add("558", "2022_23", check_558);
  registry.add("559", "2022_23", check_559);
  registry.add("560", "2022_23", check_560);
  registry.add("561", "2022_23", check_561);
  registry.add("562", "2022_23", check_562);
  registry.add("563", "2022_23", check_563);
  registry.add("579", "2022_23", check_579);
  registry.add("582", "2022_23", check_582);
  registry.add("583", "2022_23", check_583);
  registry.add("584", "2022_23", check_584);
}

void add_rules_missing(RuleRegistry& registry) {
  registry.add("564", "2022_23", check_564);
  registry.add("565", "2022_23", check_565);
  registry.add("566", "2022_23", check_566);
  registry.add("567", "2022_23", check_567);
  registry.add("570", "2022_23", check_570);
  registry.add("571", "2022_23", check_571);
  registry.add("574", "2022_23", check_574);
  registry.add("575", "2022_23", check_575);
  registry.add("576", "2022_23", check_576);
  registry.add("577", "2022_23", check_577);
  registry.add("578", "2022_23", check_578);
  registry.add("580", "2022_23", check_580);
  registry.add("581", "2022_23", check_581);
  registry.add("586", "2022_23", check_586);
}

}  // namespace safeguard::ssda903
