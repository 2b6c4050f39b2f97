// Rules 501-550: overlapping episodes, the first episode of the year against last year's open one
// (502, 503A-503J), category of need within a period of care, adopters' details (AD1), the
// adoption decision dates, placement providers against placement types and the health and
// offending information (OC2).
#include <cmath>

#include "ssda903_rules/part_b/support_b.h"

namespace safeguard::ssda903 {
namespace {

// 501: an episode starting before the previous one ended.
RuleFailures check_501(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  if (!all_present(decom, dec, column_of(episodes, "CHILD"))) return {};
  const auto& starts = dates_of(input, decom);
  std::vector<std::size_t> failing;
  for (const auto& [child_id, rows] : children_in_date_order(input, *episodes, starts)) {
    for (std::size_t i = 1; i < rows.size(); ++i) {
      auto previous_end = parse_date(dec->cells[rows[i - 1]]);
      if (starts[rows[i]] && previous_end && *starts[rows[i]] < *previous_end) {
        failing.push_back(rows[i]);
      }
    }
  }
  return failing_rows("Episodes", failing);
}

// 502: last year ended with an open episode, but this year's first episode starts on another
// date.
RuleFailures check_502(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* last = input.data.find("Episodes_last");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* last_decom = column_of(last, "DECOM");
  const Column* last_dec = column_of(last, "DEC");
  if (!all_present(decom, last_decom, last_dec, column_of(episodes, "CHILD"),
                   column_of(last, "CHILD"))) {
    return {};
  }
  const auto& starts = dates_of(input, decom);
  RowsByChild last_rows = rows_by_child(input, *last);
  std::vector<std::size_t> failing;
  for (const auto& [child, first] : earliest_by_child(input, *episodes, starts)) {
    auto found = last_rows.find(child);
    if (found == last_rows.end()) continue;
    for (std::size_t last_row : found->second) {
      if (is_present(last_dec->cells[last_row])) continue;
      auto open_start = parse_date(last_decom->cells[last_row]);
      if (!open_start || *open_start != *starts[first]) failing.push_back(first);
    }
  }
  return failing_rows("Episodes", failing);
}

// The child's first episode this year against last year's latest episode, when that one is
// still open: `differs(this_row, last_row)` says whether the first episode contradicts it.
template <typename Differs>
RuleFailures first_against_open_episode(const RuleInput& input, Differs differs) {
  const Table* episodes = input.data.find("Episodes");
  const Table* last = input.data.find("Episodes_last");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* last_decom = column_of(last, "DECOM");
  const Column* last_dec = column_of(last, "DEC");
  if (!all_present(decom, last_decom, last_dec, column_of(episodes, "CHILD"),
                   column_of(last, "CHILD"))) {
    return {};
  }
  RowByChild lasts = latest_by_child(input, *last, dates_of(input, last_decom));
  std::vector<std::size_t> failing;
  for (const auto& [child, first] : earliest_by_child(input, *episodes, dates_of(input, decom))) {
    auto found = lasts.find(child);
    if (found == lasts.end()) continue;
    std::size_t open = found->second;
    if (is_present(last_dec->cells[open])) continue;
    if (differs(first, open)) failing.push_back(first);
  }
  return failing_rows("Episodes", failing);
}

// 503A-503J: one field of the first episode differs from last year's open episode (both blank
// counts as the same). `allowed(now, before)` names recodings the DfE accepts in a year.
RuleFailures field_differs_from_open_episode(const RuleInput& input, std::string_view field,
                                             bool (*allowed)(std::string_view now,
                                                             std::string_view before) = nullptr) {
  const Column* now = column_of(input.data.find("Episodes"), field);
  const Column* before = column_of(input.data.find("Episodes_last"), field);
  if (!all_present(now, before)) return {};
  return first_against_open_episode(input, [&](std::size_t row, std::size_t last_row) {
    std::string_view current = text_of(now->cells[row]);
    std::string_view previous = text_of(before->cells[last_row]);
    if (current == previous) return false;
    return allowed == nullptr || !allowed(current, previous);
  });
}

RuleFailures check_503A(const RuleInput& input) {
  return field_differs_from_open_episode(input, "RNE");
}
RuleFailures check_503B(const RuleInput& input) {
  return field_differs_from_open_episode(input, "LS");
}
RuleFailures check_503C(const RuleInput& input) {
  return field_differs_from_open_episode(input, "CIN");
}
RuleFailures check_503D(const RuleInput& input) {
  return field_differs_from_open_episode(input, "PLACE");
}
// 2024/25 replaced semi-independent living (H5) with supported accommodation (K3).
RuleFailures check_503D_2024(const RuleInput& input) {
  return field_differs_from_open_episode(
      input, "PLACE",
      [](std::string_view now, std::string_view before) { return now == "K3" && before == "H5"; });
}
// 2025/26 split other placements (Z1) into Z11-Z14.
RuleFailures check_503D_2025(const RuleInput& input) {
  return field_differs_from_open_episode(
      input, "PLACE", [](std::string_view now, std::string_view before) {
        return before == "Z1" && (now == "Z11" || now == "Z12" || now == "Z13" || now == "Z14");
      });
}
RuleFailures check_503E(const RuleInput& input) {
  return field_differs_from_open_episode(input, "PLACE_PROVIDER");
}
RuleFailures check_503F(const RuleInput& input) {
  return field_differs_from_open_episode(input, "URN");
}
// 503G: the distance differs by 0.2 miles or more, or is given in only one of the years.
RuleFailures check_503G(const RuleInput& input) {
  const Column* now = column_of(input.data.find("Episodes"), "PL_DISTANCE");
  const Column* before = column_of(input.data.find("Episodes_last"), "PL_DISTANCE");
  if (!all_present(now, before)) return {};
  return first_against_open_episode(input, [&](std::size_t row, std::size_t last_row) {
    auto current = number_of(now->cells[row]);
    auto previous = number_of(before->cells[last_row]);
    if (!current || !previous) return current.has_value() != previous.has_value();
    return std::abs(*current - *previous) >= 0.2 - 1e-9;
  });
}
RuleFailures check_503H(const RuleInput& input) {
  return field_differs_from_open_episode(input, "PL_LA");
}
RuleFailures check_503J(const RuleInput& input) {
  return field_differs_from_open_episode(input, "PL_LOCATION");
}

// 504: the category of need changes within a period of care (after a continuation, X1, on the
// same day).
RuleFailures check_504(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  const Column* rec = column_of(episodes, "REC");
  const Column* cin = column_of(episodes, "CIN");
  if (!all_present(decom, dec, rec, cin, column_of(episodes, "CHILD"))) return {};
  const auto& starts = dates_of(input, decom);
  std::vector<std::size_t> failing;
  for (const auto& [child_id, rows] : children_in_date_order(input, *episodes, starts)) {
    for (std::size_t i = 1; i < rows.size(); ++i) {
      std::size_t previous = rows[i - 1];
      std::size_t row = rows[i];
      auto previous_end = parse_date(dec->cells[previous]);
      if (!holds(rec->cells[previous], "X1") || !previous_end || !starts[row] ||
          *previous_end != *starts[row]) {
        continue;
      }
      if (!is_present(cin->cells[row]) || cin->cells[row] != cin->cells[previous]) {
        failing.push_back(row);
      }
    }
  }
  return failing_rows("Episodes", failing);
}

// AD1 rows where `fails(first, second)` holds for two named columns.
template <typename Predicate>
RuleFailures ad1_where(const RuleInput& input, std::string_view first_column,
                       std::string_view second_column, Predicate fails) {
  const Table* ad1 = input.data.find("AD1");
  const Column* first = column_of(ad1, first_column);
  const Column* second = column_of(ad1, second_column);
  if (!all_present(first, second)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < ad1->row_count; ++row) {
    if (fails(first->cells[row], second->cells[row])) rows.push_back(row);
  }
  return failing_rows("AD1", rows);
}

// 511: two adopters but the genders are those of a single adopter (M1, F1).
RuleFailures check_511(const RuleInput& input) {
  return ad1_where(input, "NB_ADOPTR", "SEX_ADOPTR", [](const Cell& number, const Cell& sex) {
    return holds(number, "2") && is_one_of(sex, {"M1", "F1"});
  });
}

// Adopters' legal status `status` whose genders are not one of `genders`.
RuleFailures adopters_status_needs(const RuleInput& input, std::string_view status,
                                   std::initializer_list<std::string_view> genders) {
  return ad1_where(input, "LS_ADOPTR", "SEX_ADOPTR", [&](const Cell& legal, const Cell& sex) {
    return holds(legal, status) && !is_one_of(sex, genders);
  });
}
// 514: a single adopter (L0) recorded with a couple's genders.
RuleFailures check_514(const RuleInput& input) {
  return adopters_status_needs(input, "L0", {"M1", "F1"});
}
// 517: a married couple (L3) not coded MF.
RuleFailures check_517(const RuleInput& input) {
  return adopters_status_needs(input, "L3", {"MF"});
}
// 518: a same-sex married couple (L4) not coded MM or FF.
RuleFailures check_518(const RuleInput& input) {
  return adopters_status_needs(input, "L4", {"MM", "FF"});
}
// 519: a civil partnership (L2) not coded as a couple.
RuleFailures check_519(const RuleInput& input) {
  return adopters_status_needs(input, "L2", {"MM", "FF", "MF"});
}
// 520: a different-gender married couple (L11) not coded MF.
RuleFailures check_520(const RuleInput& input) {
  return adopters_status_needs(input, "L11", {"MF"});
}
// 524: a same-gender married couple (L12) not coded MM or FF.
RuleFailures check_524(const RuleInput& input) {
  return adopters_status_needs(input, "L12", {"MM", "FF"});
}

// 516: ceased to special guardianship by former foster carers (E45, E46) from a placement other
// than foster care (U1-U6).
RuleFailures check_516(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* rec = column_of(episodes, "REC");
  const Column* place = column_of(episodes, "PLACE");
  if (!all_present(rec, place)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (is_one_of(rec->cells[row], {"E45", "E46"}) &&
        !is_one_of(place->cells[row], {"U1", "U2", "U3", "U4", "U5", "U6"})) {
      rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

// 521: placed for adoption (A3-A6) before the decision that adoption is in the child's best
// interests (AD1 DATE_INT).
RuleFailures check_521(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* ad1 = input.data.find("AD1");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* place = column_of(episodes, "PLACE");
  const Column* child = column_of(episodes, "CHILD");
  const Column* decided = column_of(ad1, "DATE_INT");
  if (!all_present(decom, place, child, decided, column_of(ad1, "CHILD"))) return {};
  RowsByChild ad1_rows = rows_by_child(input, *ad1);
  RuleFailures failures;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!is_one_of(place->cells[row], {"A3", "A4", "A5", "A6"}) || !is_present(child->cells[row])) {
      continue;
    }
    auto start = parse_date(decom->cells[row]);
    auto found = ad1_rows.find(*child->cells[row]);
    if (!start || found == ad1_rows.end()) continue;
    for (std::size_t ad1_row : found->second) {
      auto decision = parse_date(decided->cells[ad1_row]);
      if (decision && *decision > *start) {
        add_failing_rows(failures, "Episodes", {row});
        add_failing_rows(failures, "AD1", {ad1_row});
      }
    }
  }
  return failures;
}

// 522: the decision to place for adoption is after the decision that ended it.
RuleFailures check_522(const RuleInput& input) {
  const Table* placed = input.data.find("PlacedAdoption");
  const Column* decided = column_of(placed, "DATE_PLACED");
  const Column* ceased = column_of(placed, "DATE_PLACED_CEASED");
  if (!all_present(decided, ceased)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < placed->row_count; ++row) {
    auto decision = parse_date(decided->cells[row]);
    auto reversed = parse_date(ceased->cells[row]);
    if (decision && reversed && *reversed < *decision) rows.push_back(row);
  }
  return failing_rows("PlacedAdoption", rows);
}

// 523: the date of the decision to place for adoption differs from the "should be placed" date
// in AD1.
RuleFailures check_523(const RuleInput& input) {
  const Table* placed = input.data.find("PlacedAdoption");
  const Table* ad1 = input.data.find("AD1");
  const Column* decided = column_of(placed, "DATE_PLACED");
  const Column* child = column_of(placed, "CHILD");
  const Column* should_be_placed = column_of(ad1, "DATE_INT");
  if (!all_present(decided, child, should_be_placed, column_of(ad1, "CHILD"))) return {};
  RowsByChild ad1_rows = rows_by_child(input, *ad1);
  RuleFailures failures;
  for (std::size_t row = 0; row < placed->row_count; ++row) {
    auto decision = parse_date(decided->cells[row]);
    if (!decision || !is_present(child->cells[row])) continue;
    auto found = ad1_rows.find(*child->cells[row]);
    if (found == ad1_rows.end()) continue;
    for (std::size_t ad1_row : found->second) {
      auto interest = parse_date(should_be_placed->cells[ad1_row]);
      if (interest && *interest != *decision) {
        add_failing_rows(failures, "PlacedAdoption", {row});
        add_failing_rows(failures, "AD1", {ad1_row});
      }
    }
  }
  return failures;
}

// 525: the decision to place for adoption was reversed, yet adoption details are given in AD1.
RuleFailures check_525(const RuleInput& input) {
  const Table* placed = input.data.find("PlacedAdoption");
  const Table* ad1 = input.data.find("AD1");
  const Column* ceased = column_of(placed, "DATE_PLACED_CEASED");
  const Column* child = column_of(placed, "CHILD");
  if (!all_present(ceased, child, column_of(ad1, "CHILD"))) return {};
  std::vector<const Column*> details;
  for (std::string_view name :
       {"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}) {
    const Column* column = column_of(ad1, name);
    if (column == nullptr) return {};
    details.push_back(column);
  }
  RowsByChild ad1_rows = rows_by_child(input, *ad1);
  RuleFailures failures;
  for (std::size_t row = 0; row < placed->row_count; ++row) {
    if (!is_present(ceased->cells[row]) || !is_present(child->cells[row])) continue;
    auto found = ad1_rows.find(*child->cells[row]);
    if (found == ad1_rows.end()) continue;
    for (std::size_t ad1_row : found->second) {
      bool any = false;
      for (const Column* column : details) any = any || is_present(column->cells[ad1_row]);
      if (any) {
        add_failing_rows(failures, "PlacedAdoption", {row});
        add_failing_rows(failures, "AD1", {ad1_row});
      }
    }
  }
  return failures;
}

// Episodes whose placement and provider satisfy `fails`.
template <typename Predicate>
RuleFailures provider_where(const RuleInput& input, Predicate fails) {
  const Table* episodes = input.data.find("Episodes");
  const Column* place = column_of(episodes, "PLACE");
  const Column* provider = column_of(episodes, "PLACE_PROVIDER");
  if (!all_present(place, provider)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (fails(place->cells[row], provider->cells[row])) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 526: no placement provider for a placement that needs one (all but temporary placements and
// "other", Z1; from 2025/26 Z11-Z14).
RuleFailures check_526(const RuleInput& input) {
  return provider_where(input, [](const Cell& place, const Cell& provider) {
    return !is_one_of(place, {"T0", "T1", "T2", "T3", "T4", "Z1"}) && !is_present(provider);
  });
}
RuleFailures check_526_2025(const RuleInput& input) {
  return provider_where(input, [](const Cell& place, const Cell& provider) {
    return !is_one_of(place, {"T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"}) &&
           !is_present(provider);
  });
}

// Provider `code` with one of the placement types it cannot provide.
RuleFailures provider_cannot_provide(const RuleInput& input, std::string_view code,
                                     std::initializer_list<std::string_view> places) {
  return provider_where(input, [&](const Cell& place, const Cell& provider) {
    return holds(provider, code) && is_one_of(place, places);
  });
}
// 527: the council's own provision (PR1) for placement with parents or in custody/secure units.
RuleFailures check_527(const RuleInput& input) {
  return provider_cannot_provide(input, "PR1", {"P1", "R2", "R5"});
}
// 528: another council (PR2) for those placements.
RuleFailures check_528(const RuleInput& input) {
  return provider_cannot_provide(input, "PR2", {"P1", "R2", "R5"});
}
// 529: another public body (PR3) for placements only councils or carers provide.
RuleFailures check_529(const RuleInput& input) {
  return provider_cannot_provide(
      input, "PR3", {"A3", "A4", "A5", "A6", "K1", "K2", "P1", "U1", "U2", "U3", "U4", "U5", "U6"});
}
// 530: a private provider (PR4) for placement with parents (P1).
RuleFailures check_530(const RuleInput& input) {
  return provider_cannot_provide(input, "PR4", {"P1"});
}
// 531: a voluntary provider (PR5) for placement with parents (P1).
RuleFailures check_531(const RuleInput& input) {
  return provider_cannot_provide(input, "PR5", {"P1"});
}
// 550: parents (PR0) as the provider of anything but placement with parents (P1).
RuleFailures check_550(const RuleInput& input) {
  return provider_where(input, [](const Cell& place, const Cell& provider) {
    return holds(provider, "PR0") && !holds(place, "P1");
  });
}

// OC2 rows of children at least (`older`) or under (otherwise) `age` at the end of the year.
bool aged_at_year_end(const Cell& dob, const Metadata& metadata, int age, bool older) {
  auto born = parse_date(dob);
  if (!born) return false;
  bool reached = born->plus_years(age) <= metadata.collection_end;
  return reached == older;
}

// 542: conviction information for a child under 10 at 31 March.
RuleFailures check_542(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  const Column* dob = column_of(oc2, "DOB");
  const Column* convicted = column_of(oc2, "CONVICTED");
  if (!all_present(dob, convicted)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (is_present(convicted->cells[row]) &&
        aged_at_year_end(dob->cells[row], input.metadata, 10, false)) {
      rows.push_back(row);
    }
  }
  return failing_rows("OC2", rows);
}

// OC2 rows of continuously looked-after children of an age band where the item `field` is
// blank (`must_be_given`) or given (otherwise).
RuleFailures oc2_item_by_age(const RuleInput& input, std::string_view field, int age, bool older,
                             bool strictly_older, bool must_be_given) {
  const Table* oc2 = input.data.find("OC2");
  const Column* child = column_of(oc2, "CHILD");
  const Column* dob = column_of(oc2, "DOB");
  const Column* item = column_of(oc2, field);
  if (!all_present(child, dob, item) || input.data.find("Episodes") == nullptr) return {};
  auto continuous = continuously_looked_after(input);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (!is_present(child->cells[row]) || !continuous.contains(*child->cells[row])) continue;
    if (is_present(item->cells[row]) == must_be_given) continue;
    auto born = parse_date(dob->cells[row]);
    if (!born) continue;
    Date birthday = born->plus_years(age);
    const Date end = input.metadata.collection_end;
    bool reached = strictly_older ? end > birthday : end >= birthday;
    if (reached == older) rows.push_back(row);
  }
  return failing_rows("OC2", rows);
}

// 543: no conviction information for a child over 10 at 31 March, looked after all year.
RuleFailures check_543(const RuleInput& input) {
  return oc2_item_by_age(input, "CONVICTED", 10, true, true, true);
}
// 545: no health promotion information for a child under 5 at 31 March, looked after all year.
RuleFailures check_545(const RuleInput& input) {
  return oc2_item_by_age(input, "HEALTH_CHECK", 5, false, false, true);
}
// 546: health promotion information for a child 5 or over at 31 March, looked after all year.
RuleFailures check_546(const RuleInput& input) {
  return oc2_item_by_age(input, "HEALTH_CHECK", 5, true, false, false);
}

// OC2 rows where `trigger` is 1 but one of the health items is blank.
RuleFailures health_items_needed_when(const RuleInput& input, std::string_view trigger) {
  const Table* oc2 = input.data.find("OC2");
  const Column* given = column_of(oc2, trigger);
  std::vector<const Column*> items;
  for (std::string_view name :
       {"IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"}) {
    items.push_back(column_of(oc2, name));
  }
  if (given == nullptr) return {};
  for (const Column* column : items) {
    if (column == nullptr) return {};
  }
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (!holds(given->cells[row], "1")) continue;
    for (const Column* column : items) {
      if (!is_present(column->cells[row])) {
        rows.push_back(row);
        break;
      }
    }
  }
  return failing_rows("OC2", rows);
}
// 544: conviction information without the health items.
RuleFailures check_544(const RuleInput& input) {
  return health_items_needed_when(input, "CONVICTED");
}
// 547: health promotion information without the health items.
RuleFailures check_547(const RuleInput& input) {
  return health_items_needed_when(input, "HEALTH_CHECK");
}

}  // namespace

void add_rules_last_year(RuleRegistry& registry) {
  registry.add("501", "2022_23", check_501);
  registry.add("502", "2022_23", check_502);
  registry.add("503A", "2022_23", check_503A);
  registry.add("503B", "2022_23", check_503B);
  registry.add("503C", "2022_23", check_503C);
  registry.add("503D", "2022_23", check_503D);
  registry.add("503D", "2024_25", check_503D_2024);
  registry.add("503D", "2025_26", check_503D_2025);
  registry.add("503E", "2022_23", check_503E);
  registry.add("503F", "2022_23", check_503F);
  registry.add("503G", "2022_23", check_503G);
  registry.add("503H", "2022_23", check_503H);
  registry.add("503J", "2022_23", check_503J);
  registry.add("504", "2022_23", check_504);
}

void add_rules_adoption(RuleRegistry& registry) {
  registry.add("511", "2022_23", check_511);
  registry.add("514", "2022_23", check_514);
  registry.add("516", "2022_23", check_516);
  registry.add("517", "2022_23", check_517);
  registry.add("518", "2022_23", check_518);
  registry.add("519", "2022_23", check_519);
  registry.add("520", "2022_23", check_520);
  registry.add("521", "2022_23", check_521);
  registry.add("522", "2022_23", check_522);
  registry.add("523", "2022_23", check_523);
  registry.add("524", "2022_23", check_524);
  registry.add("525", "2022_23", check_525);
}

void add_rules_providers(RuleRegistry& registry) {
  registry.add("526", "2022_23", check_526);
  registry.add("526", "2025_26", check_526_2025);
  registry.add("527", "2022_23", check_527);
  registry.add("528", "2022_23", check_528);
  registry.add("529", "2022_23", check_529);
  registry.add("530", "2022_23", check_530);
  registry.add("531", "2022_23", check_531);
  registry.add("550", "2022_23", check_550);
}

void add_rules_health_and_offending(RuleRegistry& registry) {
  registry.add("542", "2022_23", check_542);
  registry.add("543", "2022_23", check_543);
  registry.add("544", "2022_23", check_544);
  registry.add("545", "2022_23", check_545);
  registry.add("546", "2022_23", check_546);
  registry.add("547", "2022_23", check_547);
}

}  // namespace safeguard::ssda903
