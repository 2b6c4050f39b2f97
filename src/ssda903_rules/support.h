// Small helpers every 903 rule uses: reading dates, numbers and codes from cells, and finding rows.
// Dates in the 903 CSV layout are dd/mm/yyyy; a cell that does not parse is treated as absent, as
// the DfE's validator does (a separate rule reports the bad format).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "ssda903/table.h"
#include "ssda903_rules/rule.h"

namespace safeguard::ssda903 {

// dd/mm/yyyy (one or two digits for day and month); nullopt for an empty or malformed cell.
std::optional<Date> parse_date(const Cell& cell);
std::optional<Date> parse_date_text(std::string_view text);
// Each cell's date as parse_date reads it, parsed once (one per cell; none when `column` is null).
std::vector<std::optional<Date>> dates_of(const Column* column);
// A table's rows grouped by the text of its CHILD column: each child's rows in table order, the
// children in the order they first appear; rows with an empty CHILD are left out. Flat (one array
// of rows) so that a rule can copy it cheaply. The children view the table's cells.
struct ChildGroups {
  struct Group {
    std::string_view child;
    std::size_t first = 0;  // where its rows start in `rows`
    std::size_t count = 0;
  };
  std::vector<std::size_t> rows;
  std::vector<Group> groups;
  std::unordered_map<std::string_view, std::size_t> index;  // child -> position in `groups`
};
// Empty when the table has no CHILD column or the column does not hold one cell per row.
ChildGroups group_by_child(const Table& table);

// What the rules of one validation run share, so that each table is grouped and each date column
// parsed once per run rather than once per rule. Safe to use from several threads. Entries are
// keyed by the table or column's address: the Return must not change during the run.
class RuleCache {
 public:
  const std::vector<std::optional<Date>>& dates(const Column& column);
  const ChildGroups& children(const Table& table);

 private:
  std::mutex mutex_;
  std::unordered_map<const Column*, std::unique_ptr<const std::vector<std::optional<Date>>>> dates_;
  std::unordered_map<const Table*, std::unique_ptr<const ChildGroups>> children_;
};

// dates_of(column) through the run's cache (empty when `column` is null). The reference stays
// valid for the rule's call.
const std::vector<std::optional<Date>>& dates_of(const RuleInput& input, const Column* column);
// group_by_child(table) through the run's cache.
const ChildGroups& child_groups(const RuleInput& input, const Table& table);

// A whole number (an optional sign, digits; surrounding spaces ignored); nullopt otherwise.
std::optional<long long> parse_integer(const Cell& cell);

inline bool is_present(const Cell& cell) { return cell.has_value() && !cell->empty(); }
// True when the cell holds one of `codes` exactly.
bool is_one_of(const Cell& cell, std::initializer_list<std::string_view> codes);

// The rows of `table` grouped by the text of `column` (rows with an empty cell are left out).
std::unordered_map<std::string, std::vector<std::size_t>> rows_by(const Table& table,
                                                                  std::string_view column);

// A result naming failing rows of one table, sorted and without repeats; empty when `rows` is.
RuleFailures failing_rows(std::string_view table, std::vector<std::size_t> rows);
// Adds `rows` of `table` to `failures` (appending: cheap however often a rule calls it). The lists
// are sorted and without repeats once the rule returns through the registry (sort_failing_rows).
void add_failing_rows(RuleFailures& failures, std::string_view table,
                      std::vector<std::size_t> rows);
// Sorts each table's list and removes repeats.
void sort_failing_rows(RuleFailures& failures);

}  // namespace safeguard::ssda903
