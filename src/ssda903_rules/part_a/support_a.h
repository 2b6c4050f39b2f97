// Helpers shared by the rules of part A (codes 100-299): reading columns safely, the common shapes
// "a cell must hold one of these codes" and "a cell must hold a valid date", and facts about a
// child (date of birth, episodes) that several rules need.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/date.h"
#include "ssda903/table.h"
#include "ssda903_rules/rule.h"
#include "ssda903_rules/support.h"

namespace safeguard::ssda903::part_a {

// A column of a table that may be missing: every cell of a missing column reads as empty, so rules
// can read `column[row]` without checking first.
class ColumnView {
 public:
  ColumnView() = default;
  ColumnView(const Table* table, std::string_view name)
      : column_(table == nullptr ? nullptr : table->column(name)) {}
  bool exists() const { return column_ != nullptr; }
  const Cell& operator[](std::size_t row) const {
    static const Cell kEmpty;
    if (column_ == nullptr || row >= column_->cells.size()) return kEmpty;
    return column_->cells[row];
  }

 private:
  const Column* column_ = nullptr;
};

// True when the table is present and has every one of the named columns.
bool has_columns(const Table* table, std::initializer_list<std::string_view> columns);

// A cell given at all (the DfE tool's "not NaN"); an empty text still counts as given, as a
// stray "" in a file is itself a value to check.
inline bool given(const Cell& cell) { return cell.has_value(); }
// The cell as the DfE tool's to_numeric reads it: "1", "1.0", " 2 " are numbers; nullopt otherwise.
std::optional<double> to_number(const Cell& cell);
// The cell's text, or "" when absent.
inline std::string_view text_of(const Cell& cell) {
  return cell ? std::string_view(*cell) : std::string_view();
}

// The rows of `table` whose `column` does not hold one of `codes` (blank rows fail unless
// `blank_allowed`).
RuleFailures rows_without_code(const RuleInput& input, std::string_view table,
                               std::string_view column,
                               std::initializer_list<std::string_view> codes, bool blank_allowed);
// The rows of `table` whose `column` is not a dd/mm/yyyy date (blank rows fail unless
// `blank_allowed`).
RuleFailures rows_without_date(const RuleInput& input, std::string_view table,
                               std::string_view column, bool blank_allowed);

// Each child's date of birth from the Header (a child listed twice keeps the first valid date).
std::unordered_map<std::string, Date> birth_dates(const Table* header);

// The children looked after continuously through the collection year (the OC2 cohort), read from
// the Episodes: in care at some time in the year, and no episode that starts care in the year
// (new episode reason S), ends care in it (a reason other than X1), or is short-break care
// (legal status V3/V4) in the year.
std::unordered_set<std::string> continuously_looked_after(const RuleInput& input);

// Parsed dates of one column for every row of a table (nullopt where blank or malformed).
std::vector<std::optional<Date>> dates_of(const Table* table, std::string_view column);

}  // namespace safeguard::ssda903::part_a
