// Helpers shared by the rules of part b (300-599): reading columns once, dates per row, children's
// rows in date order, and the family checks that several rules share (ages at a placement, legal
// statuses that last too long, adopters' codes, first episode against last year's open one).
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/date.h"
#include "ssda903/table.h"
#include "ssda903_rules/rule.h"
#include "ssda903_rules/support.h"

namespace safeguard::ssda903 {

// The column `name` of `table`; nullptr when either is absent, or when the column does not hold
// exactly one cell per row (so a rule never reads past a column's end).
const Column* column_of(const Table* table, std::string_view name);

// True when every column given is present.
template <typename... Columns>
bool all_present(const Columns*... columns) {
  return ((columns != nullptr) && ...);
}

// The text of a cell, "" when it is empty.
inline std::string_view text_of(const Cell& cell) {
  return cell ? std::string_view(*cell) : std::string_view();
}
// True when the cell holds exactly `code`.
inline bool holds(const Cell& cell, std::string_view code) { return cell && *cell == code; }

// A number as pandas reads it (to_numeric): "1", "1.0", " 2 " ...; nullopt otherwise.
std::optional<double> number_of(const Cell& cell);

// Rows of a table by the CHILD column, in table order within each child (none when the column
// is absent). Flat: one array of rows for the whole table, each child a span of it, so grouping
// costs no allocation per child. Looks like a map of child to rows: find(), end(), iteration
// over {first: child, second: rows}. The children view the table's cells: the index must not
// outlive the table. Built from the run's shared grouping (support.h child_groups): a rule gets
// its own copy of the rows, which it may reorder.
class RowsByChild {
 public:
  struct Group {
    std::string_view first;         // the child
    std::span<std::size_t> second;  // its rows, in table order (a rule may reorder them)
  };
  using iterator = std::vector<Group>::iterator;
  using const_iterator = std::vector<Group>::const_iterator;

  RowsByChild() = default;
  // `grouped` must outlive this (the run's cache does).
  explicit RowsByChild(const ChildGroups& grouped);
  RowsByChild(RowsByChild&& other) noexcept = default;
  RowsByChild& operator=(RowsByChild&& other) noexcept = default;

  iterator begin() { return groups_.begin(); }
  iterator end() { return groups_.end(); }
  const_iterator begin() const { return groups_.begin(); }
  const_iterator end() const { return groups_.end(); }
  std::size_t size() const { return groups_.size(); }
  iterator find(std::string_view child);
  const_iterator find(std::string_view child) const;

 private:
  const ChildGroups* grouped_ = nullptr;
  std::vector<std::size_t> rows_;
  std::vector<Group> groups_;
};
RowsByChild rows_by_child(const RuleInput& input, const Table& table);

// Moves the rows of `rows` for which `drop` does not hold to its front, in order; returns them.
template <typename Predicate>
std::span<std::size_t> drop_rows(std::span<std::size_t> rows, Predicate drop) {
  auto kept_end =
      std::stable_partition(rows.begin(), rows.end(), [&](std::size_t row) { return !drop(row); });
  return rows.first(static_cast<std::size_t>(kept_end - rows.begin()));
}

// Sorts `rows` by `dates` (rows without a date last), keeping table order among equal dates.
void sort_by_date(std::span<std::size_t> rows, const std::vector<std::optional<Date>>& dates);

// Each child's rows sorted by `dates` (rows without a date last).
RowsByChild children_in_date_order(const RuleInput& input, const Table& table,
                                   const std::vector<std::optional<Date>>& dates);

// The row with the earliest (or latest) date among `rows`, ignoring rows without one; the first
// such row wins a tie, as pandas' idxmin/idxmax do.
std::optional<std::size_t> earliest(std::span<const std::size_t> rows,
                                    const std::vector<std::optional<Date>>& dates);
std::optional<std::size_t> latest(std::span<const std::size_t> rows,
                                  const std::vector<std::optional<Date>>& dates);

// The children looked after continuously through the collection year, as the DfE's guidance
// defines it: in care at some point in the year, with no episode in the year that starts a period
// of care (RNE S), ends one (REC other than X1) or is a short break (LS V3, V4).
std::unordered_set<std::string> continuously_looked_after(const RuleInput& input);

// Each child's one row with the earliest (or latest) date, rows without a date aside; the first
// such row in the table wins a tie. Cheaper than grouping every row when a rule needs only that.
using RowByChild = std::unordered_map<std::string_view, std::size_t>;
RowByChild earliest_by_child(const RuleInput& input, const Table& table,
                             const std::vector<std::optional<Date>>& dates);
RowByChild latest_by_child(const RuleInput& input, const Table& table,
                           const std::vector<std::optional<Date>>& dates);

// Registration of each family of rules in this part (one per .cc file).
void add_rules_300s(RuleRegistry& registry);
void add_rules_durations(RuleRegistry& registry);
void add_rules_placement_ages(RuleRegistry& registry);
void add_rules_episode_flow(RuleRegistry& registry);
void add_rules_postcodes_and_distance(RuleRegistry& registry);
void add_rules_400s(RuleRegistry& registry);
void add_rules_last_year(RuleRegistry& registry);
void add_rules_adoption(RuleRegistry& registry);
void add_rules_providers(RuleRegistry& registry);
void add_rules_health_and_offending(RuleRegistry& registry);
void add_rules_placed_for_adoption(RuleRegistry& registry);
void add_rules_missing(RuleRegistry& registry);

}  // namespace safeguard::ssda903
