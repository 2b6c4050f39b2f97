// Helpers the rules of part C (600 and above, the 1000s, 3001, EPI, NoE, INT.., SW..) share.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ssda903_rules/rule.h"
#include "ssda903_rules/support.h"

namespace safeguard::ssda903::part_c {

// The column of a table that may itself be absent; nullptr when either is.
inline const Column* column_of(const Table* table, std::string_view name) {
  return table ? table->column(name) : nullptr;
}

// Every named column of a table, in order; nullopt when the table or any of the columns is absent
// (a rule then finds nothing).
template <std::size_t N>
std::optional<std::array<const Column*, N>> columns_of(
    const Table* table, const std::array<std::string_view, N>& names) {
  if (table == nullptr) return std::nullopt;
  std::array<const Column*, N> columns{};
  for (std::size_t i = 0; i < N; ++i) {
    columns[i] = table->column(names[i]);
    if (columns[i] == nullptr) return std::nullopt;
  }
  return columns;
}

// True when the cell holds a value, even an empty text (pandas' notna).
inline bool given(const Cell& cell) { return cell.has_value(); }

// True when the cell holds exactly `code`.
inline bool cell_is(const Cell& cell, std::string_view code) { return cell && *cell == code; }

// A code as pandas' str() of the value would give it: "1.0" read from a number is "1".
std::string_view code_text(const Cell& cell);
// True when code_text(cell) is `code`.
inline bool code_is(const Cell& cell, std::string_view code) {
  return cell && code_text(cell) == code;
}

// The cell as a number, as pandas' to_numeric reads it ("1", "1.0", " 2 "); nullopt otherwise.
std::optional<double> number_of(const Cell& cell);

// True when `date` falls in the collection year (start and end included).
inline bool in_collection_year(const std::optional<Date>& date, const Metadata& metadata) {
  return date && *date >= metadata.collection_start && *date <= metadata.collection_end;
}

// A date where parts may be unknown and written ZZ (day, month) or ZZZZ (year), as DATE_PERM and
// SW_DEC allow: read as the latest date it can be ("ZZ/05/2021" is 31/05/2021, "05/ZZ/2020" is
// 04/01/2021; a ZZZZ year reads as 2000). nullopt when it is still not a date.
std::optional<Date> date_with_unknowns(const Cell& cell);

// Every date of a column parsed once (nullopt for empty or malformed cells); empty when the column
// is absent.
std::vector<std::optional<Date>> dates_of(const Column* column);

// The children (CHILD text) named in a table, as a set.
std::unordered_set<std::string> children_in(const Table* table);

// The first row of each child in a table (the Header has one row per child).
std::unordered_map<std::string, std::size_t> first_row_by_child(const Table* table);

// Registration of each family of rules in part C.
void add_rules_600s(RuleRegistry& registry);
void add_rules_700s(RuleRegistry& registry);
void add_rules_1000s(RuleRegistry& registry);
void add_rules_integrity(RuleRegistry& registry);
void add_rules_sw(RuleRegistry& registry);

}  // namespace safeguard::ssda903::part_c
