// Rules 358-367: legal statuses that need a minimum age, or may only last so long (police
// protection, emergency protection, child assessment orders, PACE, short breaks).
#include <algorithm>

#include "ssda903_rules/part_b/support_b.h"

namespace safeguard::ssda903 {
namespace {

// 358: a youth justice legal status (J1-J3) that began before the child's 10th birthday (or on
// it).
RuleFailures check_358(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* header = input.data.find("Header");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* ls = column_of(episodes, "LS");
  const Column* child = column_of(episodes, "CHILD");
  const Column* dob = column_of(header, "DOB");
  if (!all_present(decom, ls, child, dob, column_of(header, "CHILD"))) return {};
  RowsByChild header_rows = rows_by_child(input, *header);
  RuleFailures failures;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!is_one_of(ls->cells[row], {"J1", "J2", "J3"}) || !is_present(child->cells[row])) continue;
    auto start = parse_date(decom->cells[row]);
    auto found = header_rows.find(*child->cells[row]);
    if (!start || found == header_rows.end()) continue;
    for (std::size_t header_row : found->second) {
      auto born = parse_date(dob->cells[header_row]);
      if (born && born->plus_years(10) >= *start) {
        add_failing_rows(failures, "Episodes", {row});
        add_failing_rows(failures, "Header", {header_row});
      }
    }
  }
  return failures;
}

// 359: still looked after (open episode) at 18 or over by the end of the year, other than under
// section 20(5) in a community home (LS V2 with placement K2).
RuleFailures check_359(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* header = input.data.find("Header");
  const Column* dec = column_of(episodes, "DEC");
  const Column* ls = column_of(episodes, "LS");
  const Column* place = column_of(episodes, "PLACE");
  const Column* child = column_of(episodes, "CHILD");
  const Column* dob = column_of(header, "DOB");
  if (!all_present(dec, ls, place, child, dob, column_of(header, "CHILD"))) return {};
  RowsByChild header_rows = rows_by_child(input, *header);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (is_present(dec->cells[row]) || !is_present(child->cells[row])) continue;
    if (holds(ls->cells[row], "V2") && holds(place->cells[row], "K2")) continue;
    auto found = header_rows.find(*child->cells[row]);
    if (found == header_rows.end()) continue;
    for (std::size_t header_row : found->second) {
      auto born = parse_date(dob->cells[header_row]);
      if (born && born->plus_years(18) < input.metadata.collection_end) rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

// The episodes under legal status `code` that belong to an unbroken spell (each episode starting
// on or before the previous one ended; an open episode runs to the end of the year) lasting more
// than `max_days` from its first start to its last end: every episode of such a spell fails.
RuleFailures status_spells_longer_than(const RuleInput& input, std::string_view code,
                                       int max_days) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  const Column* ls = column_of(episodes, "LS");
  const Column* child = column_of(episodes, "CHILD");
  if (!all_present(decom, dec, ls, child)) return {};
  struct Spell {
    std::size_t row;
    Date start;
    Date end;
  };
  std::unordered_map<std::string, std::vector<Spell>> by_child;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!holds(ls->cells[row], code) || !is_present(child->cells[row])) continue;
    auto start = parse_date(decom->cells[row]);
    if (!start) continue;
    Date end = parse_date(dec->cells[row]).value_or(input.metadata.collection_end);
    by_child[*child->cells[row]].push_back({row, *start, end});
  }
  std::vector<std::size_t> failing;
  for (auto& [id, spells] : by_child) {
    std::stable_sort(spells.begin(), spells.end(),
                     [](const Spell& a, const Spell& b) { return a.start < b.start; });
    std::size_t first = 0;
    while (first < spells.size()) {
      std::size_t last = first;
      Date spell_end = spells[first].end;
      while (last + 1 < spells.size() && spells[last + 1].start <= spells[last].end) {
        ++last;
        spell_end = std::max(spell_end, spells[last].end);
      }
      if (spells[first].start.days_until(spell_end) > max_days) {
        for (std::size_t i = first; i <= last; ++i) failing.push_back(spells[i].row);
      }
      first = last + 1;
    }
  }
  return failing_rows("Episodes", failing);
}

// 361: police protection (L1) over 72 hours (more than 3 days).
RuleFailures check_361(const RuleInput& input) { return status_spells_longer_than(input, "L1", 3); }
// 362: an emergency protection order (L2) over 21 days.
RuleFailures check_362(const RuleInput& input) {
  return status_spells_longer_than(input, "L2", 21);
}
// 363: a child assessment order (L3) over 7 days.
RuleFailures check_363(const RuleInput& input) { return status_spells_longer_than(input, "L3", 7); }
// 364: detained under PACE (J2) over 21 days.
RuleFailures check_364(const RuleInput& input) {
  return status_spells_longer_than(input, "J2", 21);
}

// 365: a single short break (V3) longer than 17 days.
RuleFailures check_365(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  const Column* ls = column_of(episodes, "LS");
  if (!all_present(decom, dec, ls)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!holds(ls->cells[row], "V3")) continue;
    auto start = parse_date(decom->cells[row]);
    auto end = is_present(dec->cells[row]) ? parse_date(dec->cells[row])
                                           : std::optional(input.metadata.collection_end);
    if (start && end && *end > start->plus_days(17)) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 366: a short break (V3) that does not start a new period of care (RNE S).
RuleFailures check_366(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* rne = column_of(episodes, "RNE");
  const Column* ls = column_of(episodes, "LS");
  if (!all_present(rne, ls)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (holds(ls->cells[row], "V3") && !holds(rne->cells[row], "S")) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 367: more than 75 days of short breaks (V3) within the collection year.
RuleFailures check_367(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  const Column* ls = column_of(episodes, "LS");
  const Column* child = column_of(episodes, "CHILD");
  if (!all_present(decom, dec, ls, child)) return {};
  const Date year_start = input.metadata.collection_start;
  const Date year_end = input.metadata.collection_end;
  struct Break {
    std::size_t row;
    int days;
  };
  std::unordered_map<std::string, std::vector<Break>> by_child;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!holds(ls->cells[row], "V3") || !is_present(child->cells[row])) continue;
    auto start = parse_date(decom->cells[row]);
    if (!start) continue;
    std::optional<Date> end = parse_date(dec->cells[row]);
    if (!is_present(dec->cells[row]) || (end && *end > year_end)) end = year_end;
    if (!end) continue;
    int days = std::max(*start, year_start).days_until(*end);
    if (days > 0) by_child[*child->cells[row]].push_back({row, days});
  }
  std::vector<std::size_t> failing;
  for (const auto& [id, breaks] : by_child) {
    int total = 0;
    for (const Break& one : breaks) total += one.days;
    if (total > 75) {
      for (const Break& one : breaks) failing.push_back(one.row);
    }
  }
  return failing_rows("Episodes", failing);
}

}  // namespace

void add_rules_durations(RuleRegistry& registry) {
  registry.add("358", "2022_23", check_358);
  registry.add("359", "2022_23", check_359);
  registry.add("361", "2022_23", check_361);
  registry.add("362", "2022_23", check_362);
  registry.add("363", "2022_23", check_363);
  registry.add("364", "2022_23", check_364);
  registry.add("365", "2022_23", check_365);
  registry.add("366", "2022_23", check_366);
  registry.add("367", "2022_23", check_367);
}

}  // namespace safeguard::ssda903
