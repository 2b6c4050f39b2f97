// Helpers shared by the rules of part A (codes 100-299): reading columns safely, the common shapes
// "a cell must hold one of these codes" and "a cell must hold a valid date", and facts about a
// child (date of birth, episodes) that several rules need.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
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

// Dense numbers for children's IDs (CHILD), so that rules can keep per-child facts in vectors
// instead of hash maps keyed by text: a return of 80,000 children is grouped in a few
// milliseconds. The views point into the tables' cells, which outlive a rule's run. Lookups
// remember the last child found, so an index belongs to one rule's run (one thread).
class ChildIndex {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  explicit ChildIndex(std::size_t expected = 1024);
  // The child's number, numbering them from 0 in the order first seen.
  std::uint32_t add(std::string_view child);
  // The child's number, or kNone when not seen.
  std::uint32_t find(std::string_view child) const;
  std::size_t size() const { return count_; }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t number = kNone;
  };
  std::size_t slot_of(std::string_view child, std::uint32_t hash) const;
  void grow();
  std::vector<Slot> slots_;             // open addressing, linear probing
  std::vector<std::string_view> keys_;  // by number
  std::size_t count_ = 0;
  // The last child looked up: a return lists a child's rows together, so it is usually the next.
  mutable std::string_view last_key_;
  mutable std::uint32_t last_number_ = kNone;
};

// Per row of `table`, the number of its CHILD in `index` (kNone when blank or, unless `add_new`,
// not yet in the index).
std::vector<std::uint32_t> child_numbers(const Table* table, ChildIndex& index, bool add_new,
                                         std::string_view column = "CHILD");

// The rows of a table grouped by child number: rows_of(n) lists child n's rows in file order.
class RowsByChild {
 public:
  RowsByChild() = default;
  RowsByChild(const std::vector<std::uint32_t>& numbers, std::size_t children);
  std::span<const std::size_t> rows_of(std::uint32_t child) const {
    if (child == ChildIndex::kNone || child + 1 >= offsets_.size()) return {};
    return {rows_.data() + offsets_[child], offsets_[child + 1] - offsets_[child]};
  }

 private:
  std::vector<std::size_t> offsets_;
  std::vector<std::size_t> rows_;
};

// A table's rows grouped by CHILD (or another key column, such as the provider list's URN) and
// found by the key's text.
class ChildRows {
 public:
  explicit ChildRows(const Table* table, std::string_view column = "CHILD");
  std::span<const std::size_t> rows_of(std::string_view child) const {
    return groups_.rows_of(index_.find(child));
  }
  const ChildIndex& index() const { return index_; }
  const std::vector<std::uint32_t>& numbers() const { return numbers_; }
  std::span<const std::size_t> rows_of_number(std::uint32_t child) const {
    return groups_.rows_of(child);
  }

 private:
  ChildIndex index_;
  std::vector<std::uint32_t> numbers_;
  RowsByChild groups_;
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

// Sorts a child's few rows in place, keeping equal ones in their order (no allocation, unlike
// std::stable_sort, which matters when called once per child of 80,000).
template <typename Iterator, typename Less>
void sort_few(Iterator begin, Iterator end, Less less) {
  for (Iterator i = begin; i != end; ++i) {
    auto value = *i;
    Iterator j = i;
    while (j != begin && less(value, *(j - 1))) {
      *j = *(j - 1);
      --j;
    }
    *j = value;
  }
}

// A small set of codes (each at most 8 characters) tested by integer comparison: a code check
// over 300,000 episodes costs a couple of milliseconds.
class CodeSet {
 public:
  CodeSet(std::initializer_list<std::string_view> codes);
  bool contains_text(std::string_view text) const {
    if (text.size() > 8) return false;
    const std::uint64_t packed = pack(text);
    for (std::uint64_t code : codes_) {
      if (code == packed) return true;
    }
    return false;
  }
  bool contains(const Cell& cell) const { return cell.has_value() && contains_text(*cell); }

 private:
  static std::uint64_t pack(std::string_view text) {
    std::uint64_t packed = 0;
    for (char c : text) packed = (packed << 8) | static_cast<unsigned char>(c);
    return packed | (static_cast<std::uint64_t>(text.size()) << 60);
  }
  std::vector<std::uint64_t> codes_;
};

// The rows of `table` whose `column` does not hold one of `codes` (blank rows fail unless
// `blank_allowed`).
RuleFailures rows_without_code(const RuleInput& input, std::string_view table,
                               std::string_view column,
                               std::initializer_list<std::string_view> codes, bool blank_allowed);
// The rows of `table` whose `column` is not a dd/mm/yyyy date (blank rows fail unless
// `blank_allowed`).
RuleFailures rows_without_date(const RuleInput& input, std::string_view table,
                               std::string_view column, bool blank_allowed);

// The children looked after continuously through the collection year (the OC2 cohort), read from
// the Episodes: in care at some time in the year, and no episode that starts care in the year
// (new episode reason S), ends care in it (a reason other than X1), or is short-break care
// (legal status V3/V4) in the year.
class Cohort {
 public:
  bool contains(std::string_view child) const {
    std::uint32_t number = index_.find(child);
    return number != ChildIndex::kNone && in_cohort_[number];
  }

 private:
  friend Cohort continuously_looked_after(const RuleInput& input);
  ChildIndex index_;
  std::vector<char> in_cohort_;
};
Cohort continuously_looked_after(const RuleInput& input);

// Parsed dates of one column for every row of a table (nullopt where blank or malformed).
std::vector<std::optional<Date>> dates_of(const Table* table, std::string_view column);
// The same through the run's cache (support.h): each column parsed once for all the rules.
std::vector<std::optional<Date>> dates_of(const RuleInput& input, const Table* table,
                                          std::string_view column);

}  // namespace safeguard::ssda903::part_a
