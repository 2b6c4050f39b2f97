#include "ssda903_rules/part_b/support_b.h"

#include <algorithm>
#include <cstdlib>

namespace safeguard::ssda903 {

const Column* column_of(const Table* table, std::string_view name) {
  return table == nullptr ? nullptr : table->column(name);
}

std::vector<std::optional<Date>> dates_of(const Column& column) {
  std::vector<std::optional<Date>> dates;
  dates.reserve(column.cells.size());
  for (const Cell& cell : column.cells) dates.push_back(parse_date(cell));
  return dates;
}

std::optional<double> number_of(const Cell& cell) {
  if (!cell) return std::nullopt;
  std::string text = *cell;
  while (!text.empty() && text.back() == ' ') text.pop_back();
  std::size_t start = text.find_first_not_of(' ');
  if (start == std::string::npos) return std::nullopt;
  text = text.substr(start);
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

RowsByChild rows_by_child(const Table& table) { return rows_by(table, "CHILD"); }

void sort_by_date(std::vector<std::size_t>& rows, const std::vector<std::optional<Date>>& dates) {
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    if (!dates[a]) return false;
    if (!dates[b]) return true;
    return *dates[a] < *dates[b];
  });
}

std::vector<std::vector<std::size_t>> children_in_date_order(
    const Table& table, const std::vector<std::optional<Date>>& dates) {
  std::vector<std::vector<std::size_t>> children;
  RowsByChild by_child = rows_by_child(table);
  children.reserve(by_child.size());
  for (auto& [child, rows] : by_child) {
    sort_by_date(rows, dates);
    children.push_back(std::move(rows));
  }
  return children;
}

std::optional<std::size_t> earliest(const std::vector<std::size_t>& rows,
                                    const std::vector<std::optional<Date>>& dates) {
  std::optional<std::size_t> best;
  for (std::size_t row : rows) {
    if (dates[row] && (!best || *dates[row] < *dates[*best])) best = row;
  }
  return best;
}

std::optional<std::size_t> latest(const std::vector<std::size_t>& rows,
                                  const std::vector<std::optional<Date>>& dates) {
  std::optional<std::size_t> best;
  for (std::size_t row : rows) {
    if (dates[row] && (!best || *dates[row] > *dates[*best])) best = row;
  }
  return best;
}

}  // namespace safeguard::ssda903
