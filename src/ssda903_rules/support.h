// Small helpers every 903 rule uses: reading dates, numbers and codes from cells, and finding rows.
// Dates in the 903 CSV layout are dd/mm/yyyy; a cell that does not parse is treated as absent, as
// the DfE's validator does (a separate rule reports the bad format).
#pragma once

#include <cstddef>
#include <initializer_list>
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
