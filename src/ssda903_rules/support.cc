#include "ssda903_rules/support.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace safeguard::ssda903 {

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<int> digits(std::string_view text, std::size_t min_length, std::size_t max_length) {
  if (text.size() < min_length || text.size() > max_length) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int32_t days_from_civil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int year_of_era = year - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// The exact dd/mm/yyyy form almost every cell has, read without the general path's costs, with
// the same answer Date::from_ymd gives (years 1800-2200, real days only). The outer nullopt sends
// any other shape to the general path.
std::optional<std::optional<Date>> exact_date(std::string_view text) {
  if (text.size() != 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
  auto digit = [&](std::size_t i) { return static_cast<unsigned>(text[i] - '0'); };
  for (std::size_t i : {0, 1, 3, 4, 6, 7, 8, 9}) {
    if (digit(i) > 9) return std::nullopt;
  }
  const int day = static_cast<int>(digit(0) * 10 + digit(1));
  const int month = static_cast<int>(digit(3) * 10 + digit(4));
  const int year = static_cast<int>(digit(6) * 1000 + digit(7) * 100 + digit(8) * 10 + digit(9));
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) {
    return std::optional<Date>();
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = month == 2 && leap ? 29 : kDays[month - 1];
  if (day > last) return std::optional<Date>();
  return std::optional<Date>(Date::from_days(days_from_civil(year, month, day)));
}

void sort_unique(std::vector<std::size_t>& rows) {
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
}

}  // namespace

std::optional<Date> parse_date_text(std::string_view text) {
  if (auto date = exact_date(text)) return *date;
  text = trimmed(text);
  auto first = text.find('/');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = text.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto day = digits(text.substr(0, first), 1, 2);
  auto month = digits(text.substr(first + 1, second - first - 1), 1, 2);
  auto year = digits(text.substr(second + 1), 4, 4);
  if (!day || !month || !year) return std::nullopt;
  auto date = Date::from_ymd(*year, *month, *day);
  if (!date) return std::nullopt;
  return *date;
}

std::optional<Date> parse_date(const Cell& cell) {
  if (!cell) return std::nullopt;
  return parse_date_text(*cell);
}

std::vector<std::optional<Date>> dates_of(const Column* column) {
  std::vector<std::optional<Date>> dates;
  if (column == nullptr) return dates;
  dates.reserve(column->cells.size());
  for (const Cell& cell : column->cells) dates.push_back(parse_date(cell));
  return dates;
}

ChildGroups group_by_child(const Table& table) {
  ChildGroups grouped;
  const Column* child = table.column("CHILD");
  if (child == nullptr || child->cells.size() != table.row_count) return grouped;
  // Which group each row belongs to; returns list a child's rows together, so the previous row's
  // group is usually the one.
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> group_of(table.row_count, kNone);
  grouped.index.reserve(table.row_count / 2 + 1);
  std::size_t previous = kNone;
  std::string_view previous_id;
  for (std::size_t row = 0; row < table.row_count; ++row) {
    const Cell& cell = child->cells[row];
    if (!is_present(cell)) continue;
    std::string_view id = *cell;
    if (previous == kNone || id != previous_id) {
      auto [found, added] = grouped.index.try_emplace(id, grouped.groups.size());
      if (added) grouped.groups.push_back({id, 0, 0});
      previous = found->second;
      previous_id = id;
    }
    group_of[row] = previous;
    ++grouped.groups[previous].count;
  }
  std::vector<std::size_t> next(grouped.groups.size());
  std::size_t total = 0;
  for (std::size_t group = 0; group < grouped.groups.size(); ++group) {
    grouped.groups[group].first = total;
    next[group] = total;
    total += grouped.groups[group].count;
  }
  grouped.rows.resize(total);
  for (std::size_t row = 0; row < table.row_count; ++row) {
    if (group_of[row] != kNone) grouped.rows[next[group_of[row]]++] = row;
  }
  return grouped;
}

const std::vector<std::optional<Date>>& RuleCache::dates(const Column& column) {
  {
    std::lock_guard lock(mutex_);
    auto found = dates_.find(&column);
    if (found != dates_.end()) return *found->second;
  }
  // Parsed outside the lock so the other thread's rules go on; the first to finish is kept.
  auto parsed = std::make_unique<const std::vector<std::optional<Date>>>(dates_of(&column));
  std::lock_guard lock(mutex_);
  return *dates_.try_emplace(&column, std::move(parsed)).first->second;
}

const ChildGroups& RuleCache::children(const Table& table) {
  {
    std::lock_guard lock(mutex_);
    auto found = children_.find(&table);
    if (found != children_.end()) return *found->second;
  }
  auto grouped = std::make_unique<const ChildGroups>(group_by_child(table));
  std::lock_guard lock(mutex_);
  return *children_.try_emplace(&table, std::move(grouped)).first->second;
}

const std::vector<std::optional<Date>>& dates_of(const RuleInput& input, const Column* column) {
  static const std::vector<std::optional<Date>> kNone;
  if (column == nullptr || input.cache == nullptr) return kNone;
  return input.cache->dates(*column);
}

const ChildGroups& child_groups(const RuleInput& input, const Table& table) {
  static const ChildGroups kNone;
  if (input.cache == nullptr) return kNone;
  return input.cache->children(table);
}

std::optional<long long> parse_integer(const Cell& cell) {
  if (!cell) return std::nullopt;
  std::string_view text = trimmed(*cell);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool is_one_of(const Cell& cell, std::initializer_list<std::string_view> codes) {
  if (!cell) return false;
  return std::find(codes.begin(), codes.end(), std::string_view(*cell)) != codes.end();
}

std::unordered_map<std::string, std::vector<std::size_t>> rows_by(const Table& table,
                                                                  std::string_view column) {
  std::unordered_map<std::string, std::vector<std::size_t>> groups;
  const Column* key = table.column(column);
  if (key == nullptr) return groups;
  for (std::size_t row = 0; row < key->cells.size(); ++row) {
    if (is_present(key->cells[row])) groups[*key->cells[row]].push_back(row);
  }
  return groups;
}

RuleFailures failing_rows(std::string_view table, std::vector<std::size_t> rows) {
  RuleFailures failures;
  add_failing_rows(failures, table, std::move(rows));
  sort_failing_rows(failures);
  return failures;
}

void add_failing_rows(RuleFailures& failures, std::string_view table,
                      std::vector<std::size_t> rows) {
  if (rows.empty()) return;
  auto found = failures.find(table);
  if (found == failures.end())
    found = failures.emplace(std::string(table), std::vector<std::size_t>()).first;
  auto& list = found->second;
  // Appending only: a rule adds rows one child at a time, and sorting the whole list on every
  // call made such rules quadratic. The registry sorts each list once when the rule returns.
  list.insert(list.end(), rows.begin(), rows.end());
}

void sort_failing_rows(RuleFailures& failures) {
  for (auto& [table, rows] : failures) sort_unique(rows);
}

}  // namespace safeguard::ssda903
