// Rules 700 to 710 (from 2026/27): deprivation of liberty orders (DoLo: DOLO_START, DOLO_END).
//
// Where the DfE's own validator gets a rule wrong we follow the rule's statement instead:
// - 706 reads last year's DoLo (DoLo_last) and finds nothing when it is not loaded; the open
//   DoLO with no continuation is last year's row, so it is reported in DoLo_last.
// - 709 and 710 read the episode's placement from PLACE (the Episodes column), not "PLACEMENT".
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ssda903_rules/part_c/support_c.h"

namespace safeguard::ssda903::part_c {
namespace {

// 700: DOLO_START missing or not a date.
RuleFailures check_700(const RuleInput& input) {
  auto dolo = columns_of<1>(input.data.find("DoLo"), {"DOLO_START"});
  if (!dolo) return {};
  std::vector<std::size_t> failing;
  const Column* start = (*dolo)[0];
  for (std::size_t row = 0; row < start->cells.size(); ++row) {
    if (!parse_date(start->cells[row])) failing.push_back(row);
  }
  return failing_rows("DoLo", std::move(failing));
}

// 701: DOLO_END given but not a date.
RuleFailures check_701(const RuleInput& input) {
  auto dolo = columns_of<1>(input.data.find("DoLo"), {"DOLO_END"});
  if (!dolo) return {};
  std::vector<std::size_t> failing;
  const Column* end = (*dolo)[0];
  for (std::size_t row = 0; row < end->cells.size(); ++row) {
    if (given(end->cells[row]) && !parse_date(end->cells[row])) failing.push_back(row);
  }
  return failing_rows("DoLo", std::move(failing));
}

// 702: the DoLO ended on or before the day it started.
RuleFailures check_702(const RuleInput& input) {
  auto dolo = columns_of<2>(input.data.find("DoLo"), {"DOLO_START", "DOLO_END"});
  if (!dolo) return {};
  auto [start, end] = *dolo;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < start->cells.size(); ++row) {
    auto started = parse_date(start->cells[row]);
    auto ended = parse_date(end->cells[row]);
    if (started && ended && *ended <= *started) failing.push_back(row);
  }
  return failing_rows("DoLo", std::move(failing));
}

// 703: the DoLO started after the collection year's end.
RuleFailures check_703(const RuleInput& input) {
  auto dolo = columns_of<1>(input.data.find("DoLo"), {"DOLO_START"});
  if (!dolo) return {};
  std::vector<std::size_t> failing;
  const Column* start = (*dolo)[0];
  for (std::size_t row = 0; row < start->cells.size(); ++row) {
    auto started = parse_date(start->cells[row]);
    if (started && *started > input.metadata.collection_end) failing.push_back(row);
  }
  return failing_rows("DoLo", std::move(failing));
}

// 704: the DoLO ended outside the collection year.
RuleFailures check_704(const RuleInput& input) {
  auto dolo = columns_of<1>(input.data.find("DoLo"), {"DOLO_END"});
  if (!dolo) return {};
  std::vector<std::size_t> failing;
  const Column* end = (*dolo)[0];
  for (std::size_t row = 0; row < end->cells.size(); ++row) {
    auto ended = parse_date(end->cells[row]);
    if (ended && !in_collection_year(ended, input.metadata)) failing.push_back(row);
  }
  return failing_rows("DoLo", std::move(failing));
}

// 705: a DoLO started while the one before it was still open. A child's DoLOs are taken in order
// of their end (those without an end first, then by date; ties keep the file's order); a DoLO
// fails when the one before it has no end or started after it.
RuleFailures check_705(const RuleInput& input) {
  const Table* table = input.data.find("DoLo");
  auto dolo = columns_of<3>(table, {"CHILD", "DOLO_START", "DOLO_END"});
  if (!dolo) return {};
  auto [child, start, end] = *dolo;

  struct Order {
    std::size_t row;
    std::optional<Date> started;
    std::optional<Date> ended;
  };
  ByChild<std::vector<Order>> by_child(table->row_count);
  for (std::size_t row = 0; row < table->row_count; ++row) {
    if (!child->cells[row] || !given(start->cells[row])) continue;
    by_child.get(*child->cells[row])
        .push_back({row, parse_date(start->cells[row]), parse_date(end->cells[row])});
  }
  std::vector<std::size_t> failing;
  for (auto& [id, orders] : by_child) {
    std::stable_sort(orders.begin(), orders.end(), [](const Order& a, const Order& b) {
      if (!a.ended || !b.ended) return !a.ended && b.ended.has_value();
      return *a.ended < *b.ended;
    });
    for (std::size_t i = 1; i < orders.size(); ++i) {
      const Order& before = orders[i - 1];
      const Order& current = orders[i];
      bool started_earlier =
          current.started && before.started && *current.started < *before.started;
      if (!before.ended || started_earlier) failing.push_back(current.row);
    }
  }
  return failing_rows("DoLo", std::move(failing));
}

// 706: an open DoLO in last year's return with no DoLO this year for the same child starting on the
// same day. Reported on last year's row (DoLo_last).
RuleFailures check_706(const RuleInput& input) {
  auto this_year = columns_of<2>(input.data.find("DoLo"), {"CHILD", "DOLO_START"});
  const Table* last_table = input.data.find("DoLo_last");
  auto last = columns_of<3>(last_table, {"CHILD", "DOLO_START", "DOLO_END"});
  if (!this_year || !last) return {};

  // child -> the start dates (as text and as dates) of this year's DoLOs.
  struct Starts {
    std::vector<std::string_view> texts;
    std::vector<Date> dates;
  };
  ByChild<Starts> starts(input.data.find("DoLo")->row_count);
  auto [child, start] = *this_year;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row] || !given(start->cells[row])) continue;
    Starts& entry = starts.get(*child->cells[row]);
    entry.texts.push_back(*start->cells[row]);
    if (auto date = parse_date(start->cells[row])) entry.dates.push_back(*date);
  }
  auto [last_child, last_start, last_end] = *last;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < last_table->row_count; ++row) {
    if (!last_child->cells[row] || given(last_end->cells[row])) continue;
    if (!given(last_start->cells[row])) continue;
    bool continued = false;
    if (const Starts* found = starts.find(*last_child->cells[row])) {
      const Starts& entry = *found;
      auto date = parse_date(last_start->cells[row]);
      continued =
          std::find(entry.texts.begin(), entry.texts.end(),
                    std::string_view(*last_start->cells[row])) != entry.texts.end() ||
          (date && std::find(entry.dates.begin(), entry.dates.end(), *date) != entry.dates.end());
    }
    if (!continued) failing.push_back(row);
  }
  return failing_rows("DoLo_last", std::move(failing));
}

// 707: a DoLO that does not sit within any of the child's periods of care: it is open although
// the period of care has ended or it started before the period did, or it ended outside it.
RuleFailures check_707(const RuleInput& input) {
  const Table* episode_table = input.data.find("Episodes");
  auto episodes = columns_of<3>(episode_table, {"CHILD", "DECOM", "DEC"});
  const Table* dolo_table = input.data.find("DoLo");
  auto dolo = columns_of<3>(dolo_table, {"CHILD", "DOLO_START", "DOLO_END"});
  if (!episodes || !dolo) return {};
  auto [child, decom, dec] = *episodes;

  struct Episode {
    std::size_t row;
    Date started;
    std::optional<Date> ended;
  };
  struct PeriodOfCare {
    Date started;
    std::optional<Date> ended;  // DEC of its last episode; open when absent
  };
  struct Child {
    std::vector<Episode> episodes;
    std::vector<PeriodOfCare> periods;
  };
  // Only the children with a DoLO are of interest.
  ByChild<Child> by_child(dolo_table->row_count);
  for (const Cell& id : (*dolo)[0]->cells) {
    if (id) by_child.get(*id);
  }
  for (std::size_t row = 0; row < episode_table->row_count; ++row) {
    if (!child->cells[row]) continue;
    Child* entry = by_child.find(*child->cells[row]);
    auto started = entry ? parse_date(decom->cells[row]) : std::nullopt;
    if (started) entry->episodes.push_back({row, *started, parse_date(dec->cells[row])});
  }
  for (auto& [id, entry] : by_child) {
    std::vector<Episode>& list = entry.episodes;
    std::stable_sort(list.begin(), list.end(),
                     [](const Episode& a, const Episode& b) { return a.started < b.started; });
    std::vector<PeriodOfCare>& child_periods = entry.periods;
    for (std::size_t i = 0; i < list.size(); ++i) {
      // A new period of care starts when the episode starts after the previous one ended.
      bool new_period = i == 0 || (list[i - 1].ended && list[i].started > *list[i - 1].ended);
      if (new_period) child_periods.push_back({list[i].started, std::nullopt});
      child_periods.back().ended = list[i].ended;
    }
  }
  auto [dolo_child, start, end] = *dolo;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < dolo_table->row_count; ++row) {
    auto started = parse_date(start->cells[row]);
    if (!dolo_child->cells[row] || !started) continue;
    const Child* found = by_child.find(*dolo_child->cells[row]);
    if (found == nullptr || found->periods.empty()) continue;
    auto ended = parse_date(end->cells[row]);
    bool within_some = false;
    for (const PeriodOfCare& period : found->periods) {
      bool outside =
          (!ended && period.ended.has_value()) || (!ended && *started < period.started) ||
          (ended && period.ended && *ended > *period.ended) || (ended && *ended < period.started);
      within_some = within_some || !outside;
    }
    if (!within_some) failing.push_back(row);
  }
  return failing_rows("DoLo", std::move(failing));
}

// 708: the DoLO started on or before the child's date of birth.
RuleFailures check_708(const RuleInput& input) {
  auto dolo = columns_of<2>(input.data.find("DoLo"), {"DOLO_START", "DOB"});
  if (!dolo) return {};
  auto [start, dob] = *dolo;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < start->cells.size(); ++row) {
    auto started = parse_date(start->cells[row]);
    auto born = parse_date(dob->cells[row]);
    if (started && born && *started <= *born) failing.push_back(row);
  }
  return failing_rows("DoLo", std::move(failing));
}

// 709 and 710: the episodes whose placement (PLACE) overlaps a DoLO with both dates given. An
// episode without an end (DEC) is still going on. `wrong_place` says which placements fail.
RuleFailures check_dolo_placements(const RuleInput& input, bool (*wrong_place)(const Cell&)) {
  const Table* episode_table = input.data.find("Episodes");
  auto episodes = columns_of<4>(episode_table, {"CHILD", "DECOM", "DEC", "PLACE"});
  const Table* dolo_table = input.data.find("DoLo");
  auto dolo = columns_of<3>(dolo_table, {"CHILD", "DOLO_START", "DOLO_END"});
  if (!episodes || !dolo) return {};
  auto [child, decom, dec, place] = *episodes;

  struct Episode {
    std::size_t row;
    std::optional<Date> started;
    std::optional<Date> ended;
  };
  // Only the children with a DoLO are of interest.
  ByChild<std::vector<Episode>> wrongly_placed(dolo_table->row_count);
  for (const Cell& id : (*dolo)[0]->cells) {
    if (id) wrongly_placed.get(*id);
  }
  for (std::size_t row = 0; row < episode_table->row_count; ++row) {
    if (!child->cells[row] || !wrong_place(place->cells[row])) continue;
    if (auto* list = wrongly_placed.find(*child->cells[row])) {
      list->push_back({row, parse_date(decom->cells[row]), parse_date(dec->cells[row])});
    }
  }
  auto [dolo_child, start, end] = *dolo;
  std::vector<std::size_t> failing_dolo, failing_episodes;
  for (std::size_t row = 0; row < dolo_table->row_count; ++row) {
    if (!dolo_child->cells[row]) continue;
    const auto* found = wrongly_placed.find(*dolo_child->cells[row]);
    if (found == nullptr) continue;
    auto started = parse_date(start->cells[row]);
    auto ended = parse_date(end->cells[row]);
    if (!started || !ended) continue;
    for (const Episode& episode : *found) {
      bool overlaps = episode.started && *ended >= *episode.started &&
                      (!episode.ended || *started <= *episode.ended);
      if (overlaps) {
        failing_dolo.push_back(row);
        failing_episodes.push_back(episode.row);
      }
    }
  }
  RuleFailures failures;
  add_failing_rows(failures, "DoLo", std::move(failing_dolo));
  add_failing_rows(failures, "Episodes", std::move(failing_episodes));
  return failures;
}

// 709: during a DoLO the child should be in a children's home (K2) or placed under Z12 or Z13.
bool unexpected_for_dolo(const Cell& place) { return !is_one_of(place, {"K2", "Z12", "Z13"}); }

// 710: during a DoLO the child cannot be in a secure children's home (K1), with parents (P1), in a
// young offender institution (R5) or in supported accommodation (K3).
bool forbidden_for_dolo(const Cell& place) { return is_one_of(place, {"K1", "P1", "R5", "K3"}); }

}  // namespace

void add_rules_700s(RuleRegistry& registry) {
  registry.add("700", "2026_27", check_700);
  registry.add("701", "2026_27", check_701);
  registry.add("702", "2026_27", check_702);
  registry.add("703", "2026_27", check_703);
  registry.add("704", "2026_27", check_704);
  registry.add("705", "2026_27", check_705);
  registry.add("706", "2026_27", check_706);
  registry.add("707", "2026_27", check_707);
  registry.add("708", "2026_27", check_708);
  registry.add("709", "2026_27", [](const RuleInput& input) {
    return check_dolo_placements(input, unexpected_for_dolo);
  });
  registry.add("710", "2026_27", [](const RuleInput& input) {
    return check_dolo_placements(input, forbidden_for_dolo);
  });
}

}  // namespace safeguard::ssda903::part_c
