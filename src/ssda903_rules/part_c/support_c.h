// Helpers the rules of part C (600 and above, the 1000s, 3001, EPI, NoE, INT.., SW..) share.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
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

// A map from a child (CHILD text) to V for one rule call: keys point into the tables' cells, and a
// lookup of the same child as the previous one (returns list a child's rows together) skips the
// hash. References returned stay valid while entries are added (a node map).
template <typename V>
class ByChild {
 public:
  explicit ByChild(std::size_t expected = 0) { map_.reserve(expected); }
  // Moving keeps the remembered entry (a node map moves its nodes); a copy would point into the
  // original, so there is none.
  ByChild(ByChild&&) = default;
  ByChild& operator=(ByChild&&) = default;
  ByChild(const ByChild&) = delete;
  ByChild& operator=(const ByChild&) = delete;

  // The child's entry, value-initialised when new; `inserted` says which.
  V& get(const std::string& child, bool* inserted = nullptr) {
    if (last_key_ != nullptr && *last_key_ == child) {
      if (inserted) *inserted = false;
      return *last_value_;
    }
    auto [entry, added] = map_.try_emplace(std::string_view(child));
    if (inserted) *inserted = added;
    last_key_ = &child;
    last_value_ = &entry->second;
    return entry->second;
  }
  // The child's entry, or nullptr.
  V* find(const std::string& child) {
    if (last_key_ != nullptr && *last_key_ == child) return last_value_;
    auto entry = map_.find(std::string_view(child));
    if (entry == map_.end()) return nullptr;
    last_key_ = &child;
    last_value_ = &entry->second;
    return &entry->second;
  }
  // By a key from another ByChild (no shortcut for repeated children).
  V* find_key(std::string_view child) {
    auto entry = map_.find(child);
    return entry == map_.end() ? nullptr : &entry->second;
  }
  bool contains(const std::string& child) { return find(child) != nullptr; }
  auto begin() { return map_.begin(); }
  auto end() { return map_.end(); }
  std::size_t size() const { return map_.size(); }

 private:
  std::unordered_map<std::string_view, V> map_;
  const std::string* last_key_ = nullptr;
  V* last_value_ = nullptr;
};

// The children named in a table (an empty marker per child), for membership tests.
struct Seen {};
ByChild<Seen> children_of(const Table* table);

// The same membership test without building a set per rule: the run's shared grouping of the
// table by CHILD (support.h) when its CHILD column holds one cell per row, else children_of.
class ChildrenIn {
 public:
  ChildrenIn(const RuleInput& input, const Table* table);
  bool contains(const std::string& child);

 private:
  const ChildGroups* grouped_ = nullptr;
  bool names_blank_ = false;  // a cell holding "" (the grouping leaves such cells out)
  ByChild<Seen> own_;
};

// Registration of each family of rules in part C.
void add_rules_600s(RuleRegistry& registry);
void add_rules_700s(RuleRegistry& registry);
void add_rules_1000s(RuleRegistry& registry);
void add_rules_integrity(RuleRegistry& registry);
void add_rules_sw(RuleRegistry& registry);

}  // namespace safeguard::ssda903::part_c
