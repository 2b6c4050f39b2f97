// Adoption (AD1) and "should be placed for adoption" (PlacedAdoption) items: dates and codes, and
// the decision dates against the child's episodes.
#include "ssda903_rules/part_a/rules_a.h"
#include "ssda903_rules/part_a/support_a.h"

namespace safeguard::ssda903 {

using namespace part_a;  // NOLINT: this part's own helpers

// 112: the date the child should be placed for adoption, when given, is a valid date.
RuleFailures check_112(const RuleInput& input) {
  return rows_without_date(input, "AD1", "DATE_INT", true);
}

// 113: the date of matching child and adopters, when given, is a valid date.
RuleFailures check_113(const RuleInput& input) {
  return rows_without_date(input, "AD1", "DATE_MATCH", true);
}

// 114: whether the adopters were the former foster carers is 0 or 1 when given.
RuleFailures check_114(const RuleInput& input) {
  return rows_without_code(input, "AD1", "FOSTER_CARE", {"0", "1"}, true);
}

// 115: the date of the decision to place for adoption, when given, is a valid date.
RuleFailures check_115(const RuleInput& input) {
  return rows_without_date(input, "PlacedAdoption", "DATE_PLACED", true);
}

// 116: the date of the decision no longer to place for adoption, when given, is a valid date.
RuleFailures check_116(const RuleInput& input) {
  return rows_without_date(input, "PlacedAdoption", "DATE_PLACED_CEASED", true);
}

// 117: neither decision date may fall after the collection year's end, nor after the end of the
// child's latest episode (episodes ending X1 set aside). Both the latest episode and the
// decision are reported.
RuleFailures check_117(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* placed = input.data.find("PlacedAdoption");
  if (!has_columns(episodes, {"CHILD", "DECOM", "DEC", "REC"}) ||
      !has_columns(placed, {"CHILD", "DATE_PLACED", "DATE_PLACED_CEASED"})) {
    return {};
  }
  ColumnView child(episodes, "CHILD");
  ColumnView rec(episodes, "REC");
  auto decom = dates_of(input, episodes, "DECOM");
  auto dec = dates_of(input, episodes, "DEC");
  // The latest episode of each child: greatest start date, the first such row on a tie.
  ChildIndex children(episodes->row_count);
  std::vector<std::size_t> latest;  // per child number
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!child[row] || !decom[row] || text_of(rec[row]) == "X1") continue;
    std::uint32_t number = children.add(*child[row]);
    if (number == latest.size()) {
      latest.push_back(row);
    } else if (*decom[row] > *decom[latest[number]]) {
      latest[number] = row;
    }
  }
  ColumnView placed_child(placed, "CHILD");
  auto date_placed = dates_of(input, placed, "DATE_PLACED");
  auto date_ceased = dates_of(input, placed, "DATE_PLACED_CEASED");
  const Date end = input.metadata.collection_end;
  std::vector<std::size_t> failing_episodes;
  std::vector<std::size_t> failing_placed;
  for (std::size_t row = 0; row < placed->row_count; ++row) {
    if (!placed_child[row]) continue;
    std::uint32_t number = children.find(*placed_child[row]);
    if (number == ChildIndex::kNone) continue;
    const std::size_t episode = latest[number];
    const auto& episode_end = dec[episode];
    auto too_late = [&](const std::optional<Date>& date) {
      return date && (*date > end || (episode_end && *date > *episode_end));
    };
    if (too_late(date_placed[row]) || too_late(date_ceased[row])) {
      failing_placed.push_back(row);
      failing_episodes.push_back(episode);
    }
  }
  RuleFailures failures = failing_rows("Episodes", std::move(failing_episodes));
  add_failing_rows(failures, "PlacedAdoption", std::move(failing_placed));
  return failures;
}

// 118: the decision no longer to place for adoption may not come before the collection year
// began, nor before the start of the child's first episode whose legal status is not V3/V4.
RuleFailures check_118(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* placed = input.data.find("PlacedAdoption");
  if (!has_columns(episodes, {"CHILD", "DECOM", "LS"}) ||
      !has_columns(placed, {"CHILD", "DATE_PLACED_CEASED"})) {
    return {};
  }
  ColumnView child(episodes, "CHILD");
  ColumnView ls(episodes, "LS");
  auto decom = dates_of(input, episodes, "DECOM");
  ChildIndex children(episodes->row_count);
  std::vector<std::size_t> earliest;  // per child number
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!child[row] || !decom[row] || is_one_of(ls[row], {"V3", "V4"})) continue;
    std::uint32_t number = children.add(*child[row]);
    if (number == earliest.size()) {
      earliest.push_back(row);
    } else if (*decom[row] < *decom[earliest[number]]) {
      earliest[number] = row;
    }
  }
  ColumnView placed_child(placed, "CHILD");
  auto date_ceased = dates_of(input, placed, "DATE_PLACED_CEASED");
  const Date start = input.metadata.collection_start;
  std::vector<std::size_t> failing_episodes;
  std::vector<std::size_t> failing_placed;
  for (std::size_t row = 0; row < placed->row_count; ++row) {
    if (!placed_child[row] || !date_ceased[row]) continue;
    std::uint32_t number = children.find(*placed_child[row]);
    if (number == ChildIndex::kNone) continue;
    const std::size_t episode = earliest[number];
    if (*date_ceased[row] < *decom[episode] || *date_ceased[row] < start) {
      failing_placed.push_back(row);
      failing_episodes.push_back(episode);
    }
  }
  RuleFailures failures = failing_rows("Episodes", std::move(failing_episodes));
  add_failing_rows(failures, "PlacedAdoption", std::move(failing_placed));
  return failures;
}

// 119: the date of and reason for a decision no longer to place for adoption come together.
RuleFailures check_119(const RuleInput& input) {
  const Table* placed = input.data.find("PlacedAdoption");
  if (!has_columns(placed, {"DATE_PLACED_CEASED", "REASON_PLACED_CEASED"})) return {};
  ColumnView date(placed, "DATE_PLACED_CEASED");
  ColumnView reason(placed, "REASON_PLACED_CEASED");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < placed->row_count; ++row) {
    if (given(date[row]) != given(reason[row])) failing.push_back(row);
  }
  return failing_rows("PlacedAdoption", std::move(failing));
}

// 120: the reason for reversing the decision is RD1-RD4 when given.
RuleFailures check_120(const RuleInput& input) {
  return rows_without_code(input, "PlacedAdoption", "REASON_PLACED_CEASED",
                           {"RD1", "RD2", "RD3", "RD4"}, true);
}

}  // namespace safeguard::ssda903
