// Rules 370-384: placements that need a minimum age, temporary placements (T0-T4) and their
// limits, and placements that do not fit the legal status.
#include "ssda903_rules/part_b/support_b.h"

namespace safeguard::ssda903 {
namespace {

// Temporary placements: T0-T4.
bool is_temporary(const Cell& place) { return is_one_of(place, {"T0", "T1", "T2", "T3", "T4"}); }

// Episodes in placement `place` that began before the child's birthday of age `min_age`.
RuleFailures placed_younger_than(const RuleInput& input, std::string_view place_code, int min_age) {
  const Table* episodes = input.data.find("Episodes");
  const Table* header = input.data.find("Header");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* place = column_of(episodes, "PLACE");
  const Column* child = column_of(episodes, "CHILD");
  const Column* dob = column_of(header, "DOB");
  if (!all_present(decom, place, child, dob, column_of(header, "CHILD"))) return {};
  RowsByChild header_rows = rows_by_child(input, *header);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!holds(place->cells[row], place_code) || !is_present(child->cells[row])) continue;
    auto start = parse_date(decom->cells[row]);
    auto found = header_rows.find(*child->cells[row]);
    if (!start || found == header_rows.end()) continue;
    for (std::size_t header_row : found->second) {
      auto born = parse_date(dob->cells[header_row]);
      if (born && *start < born->plus_years(min_age)) rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

// Ended episodes in placement `place` that lasted more than `max_days`.
RuleFailures placed_longer_than(const RuleInput& input, std::string_view place_code, int max_days) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  const Column* place = column_of(episodes, "PLACE");
  if (!all_present(decom, dec, place)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!holds(place->cells[row], place_code)) continue;
    auto start = parse_date(decom->cells[row]);
    auto end = parse_date(dec->cells[row]);
    if (start && end && *end > start->plus_days(max_days)) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 370: independent living (P2) under 15; from 2023/24 under 16.
RuleFailures check_370(const RuleInput& input) { return placed_younger_than(input, "P2", 15); }
RuleFailures check_370_2023(const RuleInput& input) { return placed_younger_than(input, "P2", 16); }
// 371: semi-independent living (H5) under 14; from 2023/24 under 16; from 2024/25 supported
// accommodation (K3) under 16.
RuleFailures check_371(const RuleInput& input) { return placed_younger_than(input, "H5", 14); }
RuleFailures check_371_2023(const RuleInput& input) { return placed_younger_than(input, "H5", 16); }
RuleFailures check_371_2024(const RuleInput& input) { return placed_younger_than(input, "K3", 16); }
// 372: youth custody or prison (R5) under 10.
RuleFailures check_372(const RuleInput& input) { return placed_younger_than(input, "R5", 10); }
// 373: placed in a school (S1) under 4.
RuleFailures check_373(const RuleInput& input) { return placed_younger_than(input, "S1", 4); }
// 374: residential employment (P3) under 14.
RuleFailures check_374(const RuleInput& input) { return placed_younger_than(input, "P3", 14); }

// 375: temporary hospital placement (T1) over six weeks.
RuleFailures check_375(const RuleInput& input) { return placed_longer_than(input, "T1", 42); }
// 376: temporary placement for the foster carer's holiday (T3) over three weeks.
RuleFailures check_376(const RuleInput& input) { return placed_longer_than(input, "T3", 21); }
// 379: temporary placement for another reason (T4) over seven days.
RuleFailures check_379(const RuleInput& input) { return placed_longer_than(input, "T4", 7); }

// 377: more than two holiday placements (T3) in the year: all of them fail.
RuleFailures check_377(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* place = column_of(episodes, "PLACE");
  const Column* child = column_of(episodes, "CHILD");
  if (!all_present(place, child)) return {};
  std::unordered_map<std::string, std::vector<std::size_t>> holidays;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (holds(place->cells[row], "T3") && is_present(child->cells[row])) {
      holidays[*child->cells[row]].push_back(row);
    }
  }
  std::vector<std::size_t> failing;
  for (const auto& [id, rows] : holidays) {
    if (rows.size() > 2) failing.insert(failing.end(), rows.begin(), rows.end());
  }
  return failing_rows("Episodes", failing);
}

// Rows where `place` and `ls` satisfy `fails`.
template <typename Predicate>
RuleFailures episodes_where(const RuleInput& input, std::string_view first_column,
                            std::string_view second_column, Predicate fails) {
  const Table* episodes = input.data.find("Episodes");
  const Column* first = column_of(episodes, first_column);
  const Column* second = column_of(episodes, second_column);
  if (!all_present(first, second)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (fails(first->cells[row], second->cells[row])) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 378: placed with parents (P1) while accommodated under a single period of section 20 (V2).
RuleFailures check_378(const RuleInput& input) {
  return episodes_where(input, "PLACE", "LS", [](const Cell& place, const Cell& ls) {
    return holds(place, "P1") && holds(ls, "V2");
  });
}

// 380: a temporary placement that does not follow a placement change (RNE P or B).
RuleFailures check_380(const RuleInput& input) {
  return episodes_where(input, "PLACE", "RNE", [](const Cell& place, const Cell& rne) {
    return is_temporary(place) && !is_one_of(rne, {"P", "B"});
  });
}

// 381: a temporary placement that ends the period of care (a reason ceased other than X1).
RuleFailures check_381(const RuleInput& input) {
  return episodes_where(input, "PLACE", "REC", [](const Cell& place, const Cell& rec) {
    return is_temporary(place) && is_present(rec) && !holds(rec, "X1");
  });
}

// 382: a short break (V3, V4) in a temporary placement.
RuleFailures check_382(const RuleInput& input) {
  return episodes_where(input, "PLACE", "LS", [](const Cell& place, const Cell& ls) {
    return is_temporary(place) && is_one_of(ls, {"V3", "V4"});
  });
}

// 384: a short break (V3, V4) in a long-term foster placement (U1, U4).
RuleFailures check_384(const RuleInput& input) {
  return episodes_where(input, "PLACE", "LS", [](const Cell& place, const Cell& ls) {
    return is_one_of(place, {"U1", "U4"}) && is_one_of(ls, {"V3", "V4"});
  });
}

// 383: the episode after a temporary placement must be a return (RNE P) to the placement before
// it (and, from 2025/26, to the same placement postcode). The episode after the temporary one
// fails.
RuleFailures returns_after_temporary_placement(const RuleInput& input, bool same_postcode_too) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* place = column_of(episodes, "PLACE");
  const Column* rne = column_of(episodes, "RNE");
  const Column* postcode = column_of(episodes, "PL_POST");
  if (!all_present(decom, place, rne, column_of(episodes, "CHILD"))) return {};
  if (same_postcode_too && postcode == nullptr) return {};
  const auto& starts = dates_of(input, decom);
  std::vector<std::size_t> failing;
  for (auto& [id, rows] : rows_by_child(input, *episodes)) {
    sort_by_date(rows, starts);
    for (std::size_t i = 2; i < rows.size(); ++i) {
      if (!is_temporary(place->cells[rows[i - 1]])) continue;
      std::size_t row = rows[i];
      std::size_t usual = rows[i - 2];
      bool same_place = is_present(place->cells[row]) && place->cells[row] == place->cells[usual];
      bool same_postcode = !same_postcode_too || (is_present(postcode->cells[row]) &&
                                                  postcode->cells[row] == postcode->cells[usual]);
      if (!holds(rne->cells[row], "P") || !same_place || !same_postcode) failing.push_back(row);
    }
  }
  return failing_rows("Episodes", failing);
}

RuleFailures check_383(const RuleInput& input) {
  return returns_after_temporary_placement(input, false);
}
RuleFailures check_383_2025(const RuleInput& input) {
  return returns_after_temporary_placement(input, true);
}

}  // namespace

void add_rules_placement_ages(RuleRegistry& registry) {
  registry.add("370", "2022_23", check_370);
  registry.add("370", "2023_24", check_370_2023);
  registry.add("371", "2022_23", check_371);
  registry.add("371", "2023_24", check_371_2023);
  registry.add("371", "2024_25", check_371_2024);
  registry.add("372", "2022_23", check_372);
  registry.add("373", "2022_23", check_373);
  registry.add("374", "2022_23", check_374);
  registry.add("375", "2022_23", check_375);
  registry.add("376", "2022_23", check_376);
  registry.add("377", "2022_23", check_377);
  registry.add("378", "2022_23", check_378);
  registry.add("379", "2022_23", check_379);
  registry.add("380", "2022_23", check_380);
  registry.add("381", "2022_23", check_381);
  registry.add("382", "2022_23", check_382);
  registry.add("383", "2022_23", check_383);
  registry.add("383", "2025_26", check_383_2025);
  registry.add("384", "2022_23", check_384);
}

}  // namespace safeguard::ssda903
