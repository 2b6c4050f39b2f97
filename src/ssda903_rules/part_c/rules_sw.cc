// The social worker episode rules (SWEpisodes: SW_ID, SW_DECOM, SW_DEC, SW_REASON; from 2023/24):
// SW01..SW05 and SW13 at stage 1 (is each episode complete and well formed), SW06..SW17 at stage 2
// (do the episodes make sense together and with the child's episodes of care).
//
// Where the DfE's own validator gets a rule wrong we follow the rule's statement instead:
// - SW01STG1 is about a child looked after on 31 March (an Episodes row), so the open episode of
//   care is the row reported, not a row of SWEpisodes with the same number.
// - SW12STG2 fails an episode of care that starts or ends care only when none of the child's
//   social worker episodes covers it (not once per social worker episode that does not).
#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ssda903_rules/part_c/support_c.h"

namespace safeguard::ssda903::part_c {
namespace {

constexpr std::string_view kSw = "SWEpisodes";

// The date from which SW_REASON must be given (the social worker collection began 1 April 2023).
Date reason_required_from() { return *Date::from_ymd(2023, 4, 1); }

// One social worker episode as the ordering rules read it.
struct SwEpisode {
  std::size_t row;
  std::optional<Date> started;  // SW_DECOM
  std::optional<Date> ended;    // SW_DEC
};

// The rows of SWEpisodes grouped by child (each child's in file order), their dates parsed once.
class SwByChild {
 public:
  SwByChild(const Column* child, const Column* decom, const Column* dec) {
    const std::size_t rows = child->cells.size();
    std::vector<std::int32_t> group_of_row(rows, -1);
    std::vector<std::uint32_t> sizes;
    for (std::size_t row = 0; row < rows; ++row) {
      const Cell& id = child->cells[row];
      if (!id) continue;
      bool inserted = false;
      std::uint32_t& group = groups_.get(*id, &inserted);
      if (inserted) {
        group = static_cast<std::uint32_t>(sizes.size());
        sizes.push_back(0);
        keys_.push_back(*id);
      }
      group_of_row[row] = static_cast<std::int32_t>(group);
      ++sizes[group];
    }
    offsets_.assign(sizes.size() + 1, 0);
    for (std::size_t g = 0; g < sizes.size(); ++g) offsets_[g + 1] = offsets_[g] + sizes[g];
    episodes_.resize(offsets_.back());
    std::vector<std::uint32_t> next(offsets_.begin(), offsets_.end() - 1);
    for (std::size_t row = 0; row < rows; ++row) {
      if (group_of_row[row] < 0) continue;
      episodes_[next[static_cast<std::size_t>(group_of_row[row])]++] = {
          row, parse_date(decom->cells[row]), dec ? parse_date(dec->cells[row]) : std::nullopt};
    }
  }
  std::size_t children() const { return keys_.size(); }
  std::string_view child(std::size_t group) const { return keys_[group]; }
  std::span<SwEpisode> episodes(std::size_t group) {
    return {episodes_.data() + offsets_[group], episodes_.data() + offsets_[group + 1]};
  }
  // The child's episodes, or an empty span.
  std::span<SwEpisode> episodes_of(std::string_view child) {
    std::uint32_t* group = groups_.find_key(child);
    return group ? episodes(*group) : std::span<SwEpisode>();
  }

 private:
  ByChild<std::uint32_t> groups_;
  std::vector<std::string_view> keys_;
  std::vector<std::uint32_t> offsets_;
  std::vector<SwEpisode> episodes_;
};

// Orders episodes by start (SW_DECOM), those without a start last, ties in file order.
void sort_by_start(std::span<SwEpisode> episodes) {
  std::stable_sort(episodes.begin(), episodes.end(), [](const SwEpisode& a, const SwEpisode& b) {
    if (!a.started || !b.started) return a.started.has_value() && !b.started.has_value();
    return *a.started < *b.started;
  });
}

// The child's latest episode: the last of them in start order (one without a start counts as
// latest, as it sorts last).
const SwEpisode& latest_of(std::span<SwEpisode> episodes) {
  sort_by_start(episodes);
  return episodes.back();
}

// Each child's latest episode by start: the first met with the latest SW_DECOM; an episode
// without a start only when none of the child's has one. Only `row` and `started` are set.
ByChild<std::optional<SwEpisode>> latest_by_start(const Column* child, const Column* decom) {
  ByChild<std::optional<SwEpisode>> latest(child->cells.size() / 2);
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    std::optional<SwEpisode>& entry = latest.get(*child->cells[row]);
    auto started = parse_date(decom->cells[row]);
    if (!entry || (started && (!entry->started || *started > *entry->started))) {
      entry = SwEpisode{row, started, std::nullopt};
    }
  }
  return latest;
}

// SW01STG1 (2023/24): a child looked after on 31 March (an episode of care without DEC, LS not V3
// or V4) needs at least one social worker episode with SW_ID, one with SW_DECOM and one with
// SW_REASON. The open episodes of care are reported.
RuleFailures check_sw01(const RuleInput& input) {
  auto episodes = columns_of<3>(input.data.find("Episodes"), {"CHILD", "DEC", "LS"});
  auto sw = columns_of<4>(input.data.find(kSw), {"CHILD", "SW_ID", "SW_DECOM", "SW_REASON"});
  if (!episodes || !sw) return {};
  struct Given {
    bool id = false, started = false, reason = false;
  };
  ByChild<Given> given_by_child((*sw)[0]->cells.size());
  auto [sw_child, sw_id, sw_decom, sw_reason] = *sw;
  for (std::size_t row = 0; row < sw_child->cells.size(); ++row) {
    if (!sw_child->cells[row]) continue;
    Given& entry = given_by_child.get(*sw_child->cells[row]);
    entry.id = entry.id || given(sw_id->cells[row]);
    entry.started = entry.started || given(sw_decom->cells[row]);
    entry.reason = entry.reason || given(sw_reason->cells[row]);
  }
  auto [child, dec, ls] = *episodes;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row] || given(dec->cells[row]) || is_one_of(ls->cells[row], {"V3", "V4"})) {
      continue;
    }
    const Given* found = given_by_child.find(*child->cells[row]);
    if (found == nullptr || !found->id || !found->started || !found->reason) {
      failing.push_back(row);
    }
  }
  return failing_rows("Episodes", std::move(failing));
}

// SW01aSTG1 (from 2024/25): SW_DECOM must be a date, and an episode begun before 1 April 2023 needs
// SW_ID.
RuleFailures check_sw01a(const RuleInput& input) {
  auto sw = columns_of<2>(input.data.find(kSw), {"SW_ID", "SW_DECOM"});
  if (!sw) return {};
  auto [sw_id, sw_decom] = *sw;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < sw_id->cells.size(); ++row) {
    auto started = parse_date(sw_decom->cells[row]);
    if (!started || (*started < reason_required_from() && !given(sw_id->cells[row]))) {
      failing.push_back(row);
    }
  }
  return failing_rows(kSw, std::move(failing));
}

// SW01bSTG1 (from 2024/25): SW_DECOM must be a date, and an episode begun on or after 1 April 2023
// needs SW_ID and SW_REASON.
RuleFailures check_sw01b(const RuleInput& input) {
  auto sw = columns_of<3>(input.data.find(kSw), {"SW_ID", "SW_DECOM", "SW_REASON"});
  if (!sw) return {};
  auto [sw_id, sw_decom, sw_reason] = *sw;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < sw_id->cells.size(); ++row) {
    auto started = parse_date(sw_decom->cells[row]);
    bool incomplete = !given(sw_id->cells[row]) || !given(sw_reason->cells[row]);
    if (!started || (*started >= reason_required_from() && incomplete)) failing.push_back(row);
  }
  return failing_rows(kSw, std::move(failing));
}

// SW02STG1: SW_ID must begin with SW or XX (a blank one does not).
RuleFailures check_sw02(const RuleInput& input) {
  auto sw = columns_of<1>(input.data.find(kSw), {"SW_ID"});
  if (!sw) return {};
  std::vector<std::size_t> failing;
  const Column* id = (*sw)[0];
  for (std::size_t row = 0; row < id->cells.size(); ++row) {
    const Cell& cell = id->cells[row];
    if (!cell || (!cell->starts_with("SW") && !cell->starts_with("XX"))) {
      failing.push_back(row);
    }
  }
  return failing_rows(kSw, std::move(failing));
}

// SW03STG1 (2023/24): SW_ID, SW_DECOM and SW_REASON must all be given.
RuleFailures check_sw03(const RuleInput& input) {
  auto sw = columns_of<3>(input.data.find(kSw), {"SW_ID", "SW_DECOM", "SW_REASON"});
  if (!sw) return {};
  auto [sw_id, sw_decom, sw_reason] = *sw;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < sw_id->cells.size(); ++row) {
    if (!given(sw_id->cells[row]) || !given(sw_decom->cells[row]) ||
        !given(sw_reason->cells[row])) {
      failing.push_back(row);
    }
  }
  return failing_rows(kSw, std::move(failing));
}

// SW04STG1 (SW_DECOM) and SW05STG1 (SW_DEC): the date, where given, must be a date (day or month
// may be ZZ and year ZZZZ when unknown).
RuleFailures invalid_sw_date(const RuleInput& input, std::string_view field) {
  auto sw = columns_of<1>(input.data.find(kSw), {field});
  if (!sw) return {};
  std::vector<std::size_t> failing;
  const Column* date = (*sw)[0];
  for (std::size_t row = 0; row < date->cells.size(); ++row) {
    if (given(date->cells[row]) && !date_with_unknowns(date->cells[row])) failing.push_back(row);
  }
  return failing_rows(kSw, std::move(failing));
}

// SW06STG2: the social worker episode began after the collection year's end.
RuleFailures check_sw06(const RuleInput& input) {
  auto sw = columns_of<1>(input.data.find(kSw), {"SW_DECOM"});
  if (!sw) return {};
  std::vector<std::size_t> failing;
  const Column* decom = (*sw)[0];
  for (std::size_t row = 0; row < decom->cells.size(); ++row) {
    auto started = parse_date(decom->cells[row]);
    if (started && *started > input.metadata.collection_end) failing.push_back(row);
  }
  return failing_rows(kSw, std::move(failing));
}

// SW07STG2: the episode ended before the reporting period or after the collection year. The period
// is the collection year to 2023/24 and the year before it as well from 2024/25.
RuleFailures check_sw07(const RuleInput& input, int years_before) {
  auto sw = columns_of<1>(input.data.find(kSw), {"SW_DEC"});
  if (!sw) return {};
  const Date from = input.metadata.collection_start.plus_years(-years_before);
  std::vector<std::size_t> failing;
  const Column* dec = (*sw)[0];
  for (std::size_t row = 0; row < dec->cells.size(); ++row) {
    auto ended = parse_date(dec->cells[row]);
    if (ended && (*ended < from || *ended > input.metadata.collection_end)) failing.push_back(row);
  }
  return failing_rows(kSw, std::move(failing));
}

// SW08STG2: an episode with no end (SW_DEC) that is not the child's latest.
RuleFailures check_sw08(const RuleInput& input) {
  auto sw = columns_of<3>(input.data.find(kSw), {"CHILD", "SW_DECOM", "SW_DEC"});
  if (!sw) return {};
  SwByChild by_child((*sw)[0], (*sw)[1], (*sw)[2]);
  std::vector<std::size_t> failing;
  for (std::size_t group = 0; group < by_child.children(); ++group) {
    std::span<SwEpisode> episodes = by_child.episodes(group);
    std::size_t latest = latest_of(episodes).row;
    for (const SwEpisode& episode : episodes) {
      if (episode.row != latest && episode.started && !episode.ended) {
        failing.push_back(episode.row);
      }
    }
  }
  return failing_rows(kSw, std::move(failing));
}

// SW09STG2: the episode began and ended on the same day.
RuleFailures check_sw09(const RuleInput& input) {
  auto sw = columns_of<2>(input.data.find(kSw), {"SW_DECOM", "SW_DEC"});
  if (!sw) return {};
  auto [decom, dec] = *sw;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < decom->cells.size(); ++row) {
    const Cell& started = decom->cells[row];
    const Cell& ended = dec->cells[row];
    if (!given(started) || !given(ended)) continue;
    auto start_date = parse_date(started);
    auto end_date = parse_date(ended);
    if (*started == *ended || (start_date && end_date && *start_date == *end_date)) {
      failing.push_back(row);
    }
  }
  return failing_rows(kSw, std::move(failing));
}

// SW10STG2: taking a child's episodes in order of start (then end), each must begin within seven
// days either side of the end of the one before, where both dates are given. From 2024/25 an
// episode whose reason is FCONTA (first contact) is exempt.
RuleFailures check_sw10(const RuleInput& input, bool first_contact_exempt) {
  const Table* table = input.data.find(kSw);
  auto sw = columns_of<3>(table, {"CHILD", "SW_DECOM", "SW_DEC"});
  if (!sw) return {};
  const Column* reason = column_of(table, "SW_REASON");
  if (first_contact_exempt && reason == nullptr) return {};
  SwByChild by_child((*sw)[0], (*sw)[1], (*sw)[2]);
  std::vector<std::size_t> failing;
  for (std::size_t group = 0; group < by_child.children(); ++group) {
    std::span<SwEpisode> episodes = by_child.episodes(group);
    std::stable_sort(episodes.begin(), episodes.end(), [](const SwEpisode& a, const SwEpisode& b) {
      if (a.started != b.started) {
        if (!a.started || !b.started) return a.started.has_value();
        return *a.started < *b.started;
      }
      if (!a.ended || !b.ended) return a.ended.has_value() && !b.ended.has_value();
      return *a.ended < *b.ended;
    });
    for (std::size_t i = 1; i < episodes.size(); ++i) {
      const SwEpisode& before = episodes[i - 1];
      const SwEpisode& current = episodes[i];
      if (!before.ended || !current.started) continue;
      if (first_contact_exempt && cell_is(reason->cells[current.row], "FCONTA")) continue;
      if (*current.started < before.ended->plus_days(-7) ||
          *current.started > before.ended->plus_days(7)) {
        failing.push_back(current.row);
      }
    }
  }
  return failing_rows(kSw, std::move(failing));
}

// SW11aSTG2 (2023/24): taking a child's episodes in order of start, an episode that ended at least
// five days before the year's end must be followed by one beginning within five days of that end.
// The following episode is reported.
RuleFailures check_sw11a(const RuleInput& input) {
  auto sw = columns_of<3>(input.data.find(kSw), {"CHILD", "SW_DECOM", "SW_DEC"});
  if (!sw) return {};
  const Date cut_off = input.metadata.collection_end.plus_days(-5);
  SwByChild by_child((*sw)[0], (*sw)[1], (*sw)[2]);
  std::vector<std::size_t> failing;
  for (std::size_t group = 0; group < by_child.children(); ++group) {
    std::span<SwEpisode> episodes = by_child.episodes(group);
    sort_by_start(episodes);
    for (std::size_t i = 1; i < episodes.size(); ++i) {
      const SwEpisode& before = episodes[i - 1];
      const SwEpisode& current = episodes[i];
      if (!before.ended || *before.ended > cut_off) continue;
      bool follows = current.started && *current.started >= before.ended->plus_days(-5) &&
                     *current.started <= before.ended->plus_days(5);
      if (!follows) failing.push_back(current.row);
    }
  }
  return failing_rows(kSw, std::move(failing));
}

// SW11bSTG2: an episode that ended in the last five days of the year (to 31 March) needs a
// subsequent episode: taking the child's episodes in order of end (open ones last), the next one
// is reported when it has no start date, and the episode itself when there is no next one.
RuleFailures check_sw11b(const RuleInput& input) {
  auto sw = columns_of<3>(input.data.find(kSw), {"CHILD", "SW_DECOM", "SW_DEC"});
  if (!sw) return {};
  const Date end = input.metadata.collection_end;
  const Date from = end.plus_days(-5);
  SwByChild by_child((*sw)[0], (*sw)[1], (*sw)[2]);
  std::vector<std::size_t> failing;
  for (std::size_t group = 0; group < by_child.children(); ++group) {
    std::span<SwEpisode> episodes = by_child.episodes(group);
    std::stable_sort(episodes.begin(), episodes.end(), [](const SwEpisode& a, const SwEpisode& b) {
      if (!a.ended || !b.ended) return a.ended.has_value() && !b.ended.has_value();
      return *a.ended < *b.ended;
    });
    for (std::size_t i = 0; i < episodes.size(); ++i) {
      const SwEpisode& episode = episodes[i];
      if (!episode.ended || *episode.ended < from || *episode.ended > end) continue;
      if (i + 1 == episodes.size()) {
        failing.push_back(episode.row);
      } else if (!episodes[i + 1].started) {
        failing.push_back(episodes[i + 1].row);
      }
    }
  }
  return failing_rows(kSw, std::move(failing));
}

// SW12STG2: an episode of care in this year or last (or still open), not a short break (V3, V4),
// that starts care (RNE S) or ends it (REC other than X1) needs a social worker episode: one
// beginning on or after it began when it started care, or on or before it ended when it ended care.
// Reported on the episode of care.
RuleFailures check_sw12(const RuleInput& input) {
  auto episodes =
      columns_of<6>(input.data.find("Episodes"), {"CHILD", "DECOM", "DEC", "REC", "RNE", "LS"});
  auto sw = columns_of<2>(input.data.find(kSw), {"CHILD", "SW_DECOM"});
  if (!episodes || !sw) return {};
  // A child's social worker episodes cover an episode of care that ends care when the earliest
  // began on or before its end, and one that starts care when the latest began on or after it.
  struct Starts {
    Date earliest;
    Date latest;
  };
  ByChild<std::optional<Starts>> sw_starts((*sw)[0]->cells.size() / 2);
  for (std::size_t row = 0; row < (*sw)[0]->cells.size(); ++row) {
    const Cell& id = (*sw)[0]->cells[row];
    auto sw_start = id ? parse_date((*sw)[1]->cells[row]) : std::nullopt;
    if (!sw_start) continue;
    std::optional<Starts>& entry = sw_starts.get(*id);
    if (!entry) entry = Starts{*sw_start, *sw_start};
    entry->earliest = std::min(entry->earliest, *sw_start);
    entry->latest = std::max(entry->latest, *sw_start);
  }
  const Date from = input.metadata.collection_start.plus_years(-1);
  auto [child, decom, dec, rec, rne, ls] = *episodes;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row] || is_one_of(ls->cells[row], {"V3", "V4"})) continue;
    auto ended = parse_date(dec->cells[row]);
    if (ended && (*ended < from || *ended > input.metadata.collection_end)) continue;
    bool starts_care = cell_is(rne->cells[row], "S");
    bool ends_care = !cell_is(rec->cells[row], "X1");
    if (!starts_care && !ends_care) continue;
    auto started = parse_date(decom->cells[row]);
    bool covered = false;
    const std::optional<Starts>* starts = sw_starts.find(*child->cells[row]);
    if (starts && *starts) {
      covered = (ends_care && ended && (*starts)->earliest <= *ended) ||
                (starts_care && started && (*starts)->latest >= *started);
    }
    if (!covered) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

constexpr std::array<std::string_view, 10> kReasons = {"MANAGE", "FCONTA", "LEFTRL", "ORGRST",
                                                       "TSPROC", "ABSENC", "CHCHAN", "PCCHAN",
                                                       "SWDIED", "OTHERS"};

bool valid_reason(const Cell& cell) {
  return cell &&
         std::find(kReasons.begin(), kReasons.end(), std::string_view(*cell)) != kReasons.end();
}

// SW13STG1 (2023/24): SW_REASON must be one of the DfE's codes.
RuleFailures check_sw13(const RuleInput& input) {
  auto sw = columns_of<1>(input.data.find(kSw), {"SW_REASON"});
  if (!sw) return {};
  std::vector<std::size_t> failing;
  const Column* reason = (*sw)[0];
  for (std::size_t row = 0; row < reason->cells.size(); ++row) {
    if (!valid_reason(reason->cells[row])) failing.push_back(row);
  }
  return failing_rows(kSw, std::move(failing));
}

// SW13STG1 (from 2024/25): SW_REASON, where given, must be one of the DfE's codes, and must be
// given for an episode begun on or after 1 April 2023.
RuleFailures check_sw13_from_2024(const RuleInput& input) {
  auto sw = columns_of<2>(input.data.find(kSw), {"SW_REASON", "SW_DECOM"});
  if (!sw) return {};
  auto [reason, decom] = *sw;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < reason->cells.size(); ++row) {
    if (given(reason->cells[row])) {
      if (!valid_reason(reason->cells[row])) failing.push_back(row);
      continue;
    }
    auto started = parse_date(decom->cells[row]);
    if (started && *started >= reason_required_from()) failing.push_back(row);
  }
  return failing_rows(kSw, std::move(failing));
}

// SW14STG2 (2023/24): an episode other than the child's latest has no end date.
RuleFailures check_sw14(const RuleInput& input) {
  auto sw = columns_of<3>(input.data.find(kSw), {"CHILD", "SW_DECOM", "SW_DEC"});
  if (!sw) return {};
  SwByChild by_child((*sw)[0], (*sw)[1], (*sw)[2]);
  std::vector<std::size_t> failing;
  for (std::size_t group = 0; group < by_child.children(); ++group) {
    std::span<SwEpisode> episodes = by_child.episodes(group);
    std::size_t latest = latest_of(episodes).row;
    for (const SwEpisode& episode : episodes) {
      if (episode.row != latest && !episode.ended) failing.push_back(episode.row);
    }
  }
  return failing_rows(kSw, std::move(failing));
}

// SW15STG2 (a 2024/25 rule the DfE's rule list does not carry): SW_REASON missing for an episode
// begun within the year before the collection year, or later, or with no start date.
RuleFailures check_sw15(const RuleInput& input) {
  auto sw = columns_of<2>(input.data.find(kSw), {"SW_DECOM", "SW_REASON"});
  if (!sw) return {};
  const Date from = input.metadata.collection_start.plus_years(-1);
  auto [decom, reason] = *sw;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < decom->cells.size(); ++row) {
    if (given(reason->cells[row])) continue;
    auto started = parse_date(decom->cells[row]);
    if (!started || *started >= from) failing.push_back(row);
  }
  return failing_rows(kSw, std::move(failing));
}

// SW16a/b/cSTG2 (2024/25 rules the DfE's rule list does not carry): when the child's latest social
// worker episode last year was still open, this year's first episode must carry on with the same
// `field` (SW_ID, SW_DECOM or SW_REASON).
RuleFailures carries_on_from_last_year(const RuleInput& input, std::string_view field) {
  const Table* this_table = input.data.find(kSw);
  const Table* last_table = input.data.find("SWEpisodes_last");
  auto current = columns_of<4>(this_table, {"CHILD", "SW_DECOM", "SW_DEC", field});
  auto last = columns_of<4>(last_table, {"CHILD", "SW_DECOM", "SW_DEC", field});
  if (!current || !last) return {};
  // Each child's latest episode last year (the first met with the latest start; one without a
  // start only when none has one) and, when that was still open, their first this year.
  struct Carried {
    std::optional<SwEpisode> last;
    std::optional<SwEpisode> first;
  };
  const Column* last_child = (*last)[0];
  ByChild<Carried> carried(last_child->cells.size() / 2);
  for (std::size_t row = 0; row < last_child->cells.size(); ++row) {
    if (!last_child->cells[row]) continue;
    std::optional<SwEpisode>& latest = carried.get(*last_child->cells[row]).last;
    auto started = parse_date((*last)[1]->cells[row]);
    if (!latest || (started && (!latest->started || *started > *latest->started))) {
      latest = SwEpisode{row, started, std::nullopt};
    }
  }
  const Column* child = (*current)[0];
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    Carried* entry = carried.find(*child->cells[row]);
    if (entry == nullptr || given((*last)[2]->cells[entry->last->row])) continue;
    auto started = parse_date((*current)[1]->cells[row]);
    // The first by start; one without a start only when none has one (ties: the file's first).
    if (!entry->first ||
        (started && (!entry->first->started || *started < *entry->first->started))) {
      entry->first = SwEpisode{row, started, std::nullopt};
    }
  }
  const bool as_date = field == "SW_DECOM";
  std::vector<std::size_t> failing;
  for (const auto& [id, entry] : carried) {
    if (!entry.first) continue;
    const Cell& before = (*last)[3]->cells[entry.last->row];
    const Cell& now = (*current)[3]->cells[entry.first->row];
    bool same = as_date ? (entry.first->started && entry.last->started &&
                           *entry.first->started == *entry.last->started)
                        : (given(before) && given(now) && *before == *now);
    if (!same) failing.push_back(entry.first->row);
  }
  return failing_rows(kSw, std::move(failing));
}

// SW17STG2 (from 2025/26): the child's latest social worker episode has ended, so none is open at
// 31 March.
RuleFailures check_sw17(const RuleInput& input) {
  auto sw = columns_of<3>(input.data.find(kSw), {"CHILD", "SW_DECOM", "SW_DEC"});
  if (!sw) return {};
  std::vector<std::size_t> failing;
  for (const auto& [id, latest] : latest_by_start((*sw)[0], (*sw)[1])) {
    if (latest && given((*sw)[2]->cells[latest->row])) failing.push_back(latest->row);
  }
  return failing_rows(kSw, std::move(failing));
}

}  // namespace

void add_rules_sw(RuleRegistry& registry) {
  registry.add("SW01STG1", "2023_24", check_sw01);
  registry.add("SW01aSTG1", "2024_25", check_sw01a);
  registry.add("SW01bSTG1", "2024_25", check_sw01b);
  registry.add("SW02STG1", "2023_24", check_sw02);
  registry.add("SW03STG1", "2023_24", check_sw03);
  registry.add("SW04STG1", "2023_24",
               [](const RuleInput& input) { return invalid_sw_date(input, "SW_DECOM"); });
  registry.add("SW05STG1", "2023_24",
               [](const RuleInput& input) { return invalid_sw_date(input, "SW_DEC"); });
  registry.add("SW06STG2", "2023_24", check_sw06);
  registry.add("SW07STG2", "2023_24", [](const RuleInput& input) { return check_sw07(input, 0); });
  registry.add("SW07STG2", "2024_25", [](const RuleInput& input) { return check_sw07(input, 1); });
  registry.add("SW08STG2", "2023_24", check_sw08);
  registry.add("SW09STG2", "2023_24", check_sw09);
  registry.add("SW10STG2", "2023_24",
               [](const RuleInput& input) { return check_sw10(input, false); });
  registry.add("SW10STG2", "2024_25",
               [](const RuleInput& input) { return check_sw10(input, true); });
  registry.add("SW11aSTG2", "2023_24", check_sw11a);
  registry.add("SW11bSTG2", "2023_24", check_sw11b);
  registry.add("SW12STG2", "2023_24", check_sw12);
  registry.add("SW12STG2", "2024_25", check_sw12);
  registry.add("SW13STG1", "2023_24", check_sw13);
  registry.add("SW13STG1", "2024_25", check_sw13_from_2024);
  registry.add("SW14STG2", "2023_24", check_sw14);
  registry.add("SW15STG2", "2024_25", check_sw15);
  registry.add("SW16aSTG2", "2024_25",
               [](const RuleInput& input) { return carries_on_from_last_year(input, "SW_ID"); });
  registry.add("SW16bSTG2", "2024_25",
               [](const RuleInput& input) { return carries_on_from_last_year(input, "SW_DECOM"); });
  registry.add("SW16cSTG2", "2024_25", [](const RuleInput& input) {
    return carries_on_from_last_year(input, "SW_REASON");
  });
  registry.add("SW17STG2", "2025_26", check_sw17);
}

}  // namespace safeguard::ssda903::part_c
