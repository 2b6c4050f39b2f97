#include "ssda903_rules/part_a/support_a.h"

#include <cstdlib>

namespace safeguard::ssda903::part_a {

namespace {

std::size_t capacity_for(std::size_t expected) {
  std::size_t capacity = 16;
  while (capacity < expected * 2) capacity *= 2;
  return capacity;
}

}  // namespace

ChildIndex::ChildIndex(std::size_t expected) : slots_(capacity_for(expected / 4)) {}

std::size_t ChildIndex::slot_of(std::string_view child, std::uint32_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash & mask;
  while (slots_[slot].number != kNone &&
         (slots_[slot].hash != hash || keys_[slots_[slot].number] != child)) {
    slot = (slot + 1) & mask;
  }
  return slot;
}

namespace {

std::uint32_t hash_of(std::string_view text) {
  // FNV-1a: IDs are short, and this is cheaper than the library's hash for them.
  std::uint32_t hash = 2166136261u;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  // Mix the bits (MurmurHash3's finaliser): IDs are often consecutive numbers, and the table uses
  // the low bits.
  hash ^= hash >> 16;
  hash *= 0x85ebca6bu;
  hash ^= hash >> 13;
  hash *= 0xc2b2ae35u;
  return hash ^ (hash >> 16);
}

}  // namespace

std::uint32_t ChildIndex::add(std::string_view child) {
  if (last_number_ != kNone && child == last_key_) return last_number_;
  if ((count_ + 1) * 2 > slots_.size()) grow();
  const std::uint32_t hash = hash_of(child);
  Slot& slot = slots_[slot_of(child, hash)];
  if (slot.number == kNone) {
    slot.hash = hash;
    slot.number = static_cast<std::uint32_t>(count_++);
    keys_.push_back(child);
  }
  last_key_ = child;
  last_number_ = slot.number;
  return slot.number;
}

std::uint32_t ChildIndex::find(std::string_view child) const {
  if (count_ == 0) return kNone;
  if (last_number_ != kNone && child == last_key_) return last_number_;
  const std::uint32_t number = slots_[slot_of(child, hash_of(child))].number;
  if (number != kNone) {
    last_key_ = child;
    last_number_ = number;
  }
  return number;
}

void ChildIndex::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot());
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& entry : old) {
    if (entry.number == kNone) continue;
    std::size_t slot = entry.hash & mask;
    while (slots_[slot].number != kNone) slot = (slot + 1) & mask;
    slots_[slot] = entry;
  }
}

std::vector<std::uint32_t> child_numbers(const Table* table, ChildIndex& index, bool add_new,
                                         std::string_view column) {
  std::vector<std::uint32_t> numbers;
  if (table == nullptr) return numbers;
  numbers.assign(table->row_count, ChildIndex::kNone);
  ColumnView child(table, column);
  if (!child.exists()) return numbers;
  for (std::size_t row = 0; row < table->row_count; ++row) {
    if (!child[row]) continue;
    numbers[row] = add_new ? index.add(*child[row]) : index.find(*child[row]);
  }
  return numbers;
}

RowsByChild::RowsByChild(const std::vector<std::uint32_t>& numbers, std::size_t children)
    : offsets_(children + 1, 0) {
  for (std::uint32_t child : numbers) {
    if (child != ChildIndex::kNone) ++offsets_[child + 1];
  }
  for (std::size_t i = 1; i < offsets_.size(); ++i) offsets_[i] += offsets_[i - 1];
  rows_.resize(offsets_.back());
  std::vector<std::size_t> next(offsets_.begin(), offsets_.end() - 1);
  for (std::size_t row = 0; row < numbers.size(); ++row) {
    if (numbers[row] != ChildIndex::kNone) rows_[next[numbers[row]]++] = row;
  }
}

ChildRows::ChildRows(const Table* table, std::string_view column)
    : index_(table ? table->row_count : 0),
      numbers_(child_numbers(table, index_, true, column)),
      groups_(numbers_, index_.size()) {}

bool has_columns(const Table* table, std::initializer_list<std::string_view> columns) {
  if (table == nullptr) return false;
  for (std::string_view name : columns) {
    if (table->column(name) == nullptr) return false;
  }
  return true;
}

std::optional<double> to_number(const Cell& cell) {
  if (!cell) return std::nullopt;
  std::string text(*cell);
  std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return std::nullopt;
  std::size_t end = text.find_last_not_of(" \t");
  text = text.substr(begin, end - begin + 1);
  char* stop = nullptr;
  double value = std::strtod(text.c_str(), &stop);
  if (stop != text.c_str() + text.size()) return std::nullopt;
  if (value != value) return std::nullopt;  // "nan" reads as no number
  return value;
}

CodeSet::CodeSet(std::initializer_list<std::string_view> codes) {
  for (std::string_view code : codes) {
    if (code.size() <= 8) codes_.push_back(pack(code));
  }
}

RuleFailures rows_without_code(const RuleInput& input, std::string_view table_name,
                               std::string_view column_name,
                               std::initializer_list<std::string_view> codes, bool blank_allowed) {
  const Table* table = input.data.find(table_name);
  if (!has_columns(table, {column_name})) return {};
  ColumnView column(table, column_name);
  const CodeSet valid(codes);
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < table->row_count; ++row) {
    const Cell& cell = column[row];
    if (!cell) {
      if (!blank_allowed) failing.push_back(row);
      continue;
    }
    if (!valid.contains_text(*cell)) failing.push_back(row);
  }
  return failing_rows(table_name, std::move(failing));
}

RuleFailures rows_without_date(const RuleInput& input, std::string_view table_name,
                               std::string_view column_name, bool blank_allowed) {
  const Table* table = input.data.find(table_name);
  if (!has_columns(table, {column_name})) return {};
  ColumnView column(table, column_name);
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < table->row_count; ++row) {
    const Cell& cell = column[row];
    if (!cell) {
      if (!blank_allowed) failing.push_back(row);
      continue;
    }
    if (!parse_date(cell)) failing.push_back(row);
  }
  return failing_rows(table_name, std::move(failing));
}

Cohort continuously_looked_after(const RuleInput& input) {
  Cohort cohort;
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"CHILD", "DECOM"})) return cohort;
  const Date start = input.metadata.collection_start;
  const Date end = input.metadata.collection_end;
  cohort.index_ = ChildIndex(episodes->row_count);
  auto numbers = child_numbers(episodes, cohort.index_, true);
  ColumnView rne(episodes, "RNE");
  ColumnView rec(episodes, "REC");
  ColumnView ls(episodes, "LS");
  auto decom = dates_of(input, episodes, "DECOM");
  auto dec = dates_of(input, episodes, "DEC");
  std::vector<char> in_year(cohort.index_.size(), 0);  // in care at some time in the year
  std::vector<char> broken(cohort.index_.size(), 0);   // care not continuous
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    std::uint32_t child = numbers[row];
    if (child == ChildIndex::kNone) continue;
    bool during_year = decom[row] && *decom[row] <= end && (!dec[row] || *dec[row] >= start);
    bool enters_care =
        text_of(rne[row]) == "S" && decom[row] && *decom[row] > start && *decom[row] <= end;
    bool leaves_care =
        text_of(rec[row]) != "X1" && dec[row] && *dec[row] >= start && *dec[row] < end;
    bool short_breaks = is_one_of(ls[row], {"V3", "V4"}) && during_year;
    if (during_year) in_year[child] = 1;
    if (enters_care || leaves_care || short_breaks) broken[child] = 1;
  }
  cohort.in_cohort_.resize(cohort.index_.size());
  for (std::size_t child = 0; child < cohort.in_cohort_.size(); ++child) {
    cohort.in_cohort_[child] = in_year[child] && !broken[child];
  }
  return cohort;
}

std::vector<std::optional<Date>> dates_of(const Table* table, std::string_view column_name) {
  std::vector<std::optional<Date>> dates;
  if (table == nullptr) return dates;
  dates.resize(table->row_count);
  ColumnView column(table, column_name);
  if (!column.exists()) return dates;
  for (std::size_t row = 0; row < table->row_count; ++row) {
    dates[row] = parse_date(column[row]);
  }
  return dates;
}

std::vector<std::optional<Date>> dates_of(const RuleInput& input, const Table* table,
                                          std::string_view column_name) {
  if (table == nullptr) return {};
  const Column* column = table->column(column_name);
  // The run's cache holds whole columns; a short or missing one goes the long way.
  if (column == nullptr || column->cells.size() != table->row_count) {
    return dates_of(table, column_name);
  }
  return ssda903::dates_of(input, column);
}

}  // namespace safeguard::ssda903::part_a
