#include "ssda903_rules/part_c/support_c.h"

#include <array>
#include <charconv>
#include <string>

namespace safeguard::ssda903::part_c {

std::string_view code_text(const Cell& cell) {
  if (!cell) return {};
  std::string_view text = *cell;
  // A whole number read as a float ("2.0") is written by pandas' str() of an int column as "2".
  if (text.size() > 2 && text.substr(text.size() - 2) == ".0") {
    std::string_view whole = text.substr(0, text.size() - 2);
    bool digits = !whole.empty();
    for (char c : whole) digits = digits && c >= '0' && c <= '9';
    if (digits) return whole;
  }
  return text;
}

std::optional<double> number_of(const Cell& cell) {
  if (!cell) return std::nullopt;
  std::string_view text = *cell;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<Date> date_with_unknowns(const Cell& cell) {
  if (!cell) return std::nullopt;
  std::string_view text = *cell;
  std::array<std::string_view, 3> parts;
  for (std::size_t i = 0; i < 3; ++i) {
    std::size_t slash = text.find('/');
    if (i < 2 && slash == std::string_view::npos) return std::nullopt;
    parts[i] = i < 2 ? text.substr(0, slash) : text;
    if (i < 2) text.remove_prefix(slash + 1);
  }
  if (parts[2].find('/') != std::string_view::npos) return std::nullopt;
  enum class Unknown { kNone, kDay, kMonth } last_unknown = Unknown::kNone;
  std::string rebuilt;
  for (std::size_t i = 0; i < 3; ++i) {
    if (parts[i] == "ZZ") {
      rebuilt += "01";
      if (i == 0) last_unknown = Unknown::kDay;
      if (i == 1) last_unknown = Unknown::kMonth;
    } else if (parts[i] == "ZZZZ") {
      rebuilt += "2000";
    } else {
      rebuilt += parts[i];
    }
    if (i < 2) rebuilt += '/';
  }
  std::optional<Date> date = parse_date_text(rebuilt);
  if (!date) return std::nullopt;
  // The latest date it can be: the day before the next month (unknown day) or year (unknown month).
  if (last_unknown == Unknown::kDay) return date->plus_months(1).plus_days(-1);
  if (last_unknown == Unknown::kMonth) return date->plus_years(1).plus_days(-1);
  return date;
}

ChildrenIn::ChildrenIn(const RuleInput& input, const Table* table) {
  const Column* child = column_of(table, "CHILD");
  if (child == nullptr) return;
  if (child->cells.size() != table->row_count) {
    own_ = children_of(table);
    return;
  }
  grouped_ = &child_groups(input, *table);
  for (const Cell& cell : child->cells) names_blank_ = names_blank_ || (cell && cell->empty());
}

bool ChildrenIn::contains(const std::string& child) {
  if (grouped_ == nullptr) return own_.contains(child);
  if (child.empty()) return names_blank_;
  return grouped_->index.contains(std::string_view(child));
}

ByChild<Seen> children_of(const Table* table) {
  const Column* child = column_of(table, "CHILD");
  ByChild<Seen> children(child ? child->cells.size() / 2 : 0);
  if (child == nullptr) return children;
  for (const Cell& cell : child->cells) {
    if (cell) children.get(*cell);
  }
  return children;
}

}  // namespace safeguard::ssda903::part_c
