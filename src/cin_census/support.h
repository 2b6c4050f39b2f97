// What the CIN rules share: reading dates as the census and the DfE's test files write them, codes
// and lists of codes, and joining tables on the child and the CIN episode.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "cin_census/census.h"
#include "cin_census/rule.h"

namespace safeguard::cin_census {

// "2025-03-31" (the XML's layout), "31/03/2025", "5/12/1993" or "31-03-2025" (the DfE's test
// files); a time after a date ("2025-03-31T10:00:00" or " 00:00:00") is ignored. nullopt when it is
// not a date.
std::optional<Date> parse_date(std::string_view text);
std::optional<Date> date_at(const Table& table, std::size_t row, std::string_view column);

// True when the cell is absent or blank.
bool blank(const Table& table, std::size_t row, std::string_view column);

// The codes in a list cell ("1A,2B" or a single "21"), trimmed, empty ones dropped.
std::vector<std::string> codes_in(std::string_view text);

// "child|episode": the join key of a row on the given columns ("" for an absent cell).
std::string key_of(const Table& table, std::size_t row,
                   std::initializer_list<std::string_view> columns);

// The census date: the Header's ReferenceDate when readable, else the metadata's.
Date reference_date(const RuleInput& input);
// The first day of the collection year that ends on the census date.
Date collection_start(const RuleInput& input);

// Upper-cased copy.
std::string upper(std::string_view text);

}  // namespace safeguard::cin_census

namespace safeguard::cin_census {

// Marks each row of `table_name` for which fails(table, row) is true.
template <typename Fails>
void each_row(const RuleInput& input, RuleFailures& out, std::string_view table_name,
              Fails&& fails) {
  const Table* table = input.census.find(table_name);
  if (table == nullptr) return;
  for (std::size_t row = 0; row < table->row_count; ++row) {
    if (fails(*table, row)) out.add(table_name, row);
  }
}

// For each pair of rows of `left` and `right` with the same values in `on`, marks both when
// fails(left, l, right, r).
template <typename Fails>
void each_pair(const RuleInput& input, RuleFailures& out, std::string_view left_name,
               std::string_view right_name, std::initializer_list<std::string_view> on,
               Fails&& fails) {
  const Table* left = input.census.find(left_name);
  const Table* right = input.census.find(right_name);
  if (left == nullptr || right == nullptr) return;
  std::unordered_map<std::string, std::vector<std::size_t>> index;
  // A key with every part blank joins nothing (and would pair every unidentified row).
  auto joinable = [](const std::string& key) {
    return key.find_first_not_of('|') != std::string::npos;
  };
  for (std::size_t r = 0; r < right->row_count; ++r) {
    std::string key = key_of(*right, r, on);
    if (joinable(key)) index[key].push_back(r);
  }
  for (std::size_t l = 0; l < left->row_count; ++l) {
    std::string key = key_of(*left, l, on);
    if (!joinable(key)) continue;
    auto found = index.find(key);
    if (found == index.end()) continue;
    for (std::size_t r : found->second) {
      if (fails(*left, l, *right, r)) {
        out.add(left_name, l);
        out.add(right_name, r);
      }
    }
  }
}

// True when both dates are present and first < second.
inline bool before(const std::optional<Date>& first, const std::optional<Date>& second) {
  return first && second && *first < *second;
}

bool is_yes(std::string_view value);           // "1" or "true"
bool is_valid_yes_no(std::string_view value);  // 0, 1, true, false
bool in_list(std::string_view value, std::initializer_list<std::string_view> list);
template <std::size_t N>
bool in_list(std::string_view value, const std::string_view (&list)[N]) {
  for (std::string_view each : list) {
    if (each == value) return true;
  }
  return false;
}

}  // namespace safeguard::cin_census

namespace safeguard::cin_census {

// Weekdays after `from` up to and including `to` (bank holidays are not counted out: the DfE's
// own tool counts weekdays).
long weekdays_between(Date from, Date to);

// Rows of a table grouped by the values of `on`, in row order.
std::map<std::string, std::vector<std::size_t>> group_rows(
    const Table& table, std::initializer_list<std::string_view> on);

}  // namespace safeguard::cin_census
