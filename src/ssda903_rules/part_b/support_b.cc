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

std::unordered_set<std::string> continuously_looked_after(const Return& data,
                                                          const Metadata& metadata) {
  std::unordered_set<std::string> result;
  const Table* episodes = data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  const Column* rne = column_of(episodes, "RNE");
  const Column* rec = column_of(episodes, "REC");
  const Column* ls = column_of(episodes, "LS");
  if (!all_present(decom, dec, rne, rec, ls, column_of(episodes, "CHILD"))) return result;
  const Date start = metadata.collection_start;
  const Date end = metadata.collection_end;
  for (const auto& [child, rows] : rows_by_child(*episodes)) {
    bool in_care_in_year = false;
    bool broken = false;
    for (std::size_t row : rows) {
      auto began = parse_date(decom->cells[row]);
      auto ended = parse_date(dec->cells[row]);
      bool during_year = began && *began <= end && (!ended || *ended >= start);
      bool enters = holds(rne->cells[row], "S") && began && *began > start && *began <= end;
      bool leaves = !holds(rec->cells[row], "X1") && ended && *ended >= start && *ended < end;
      bool short_break = is_one_of(ls->cells[row], {"V3", "V4"}) && during_year;
      in_care_in_year = in_care_in_year || during_year;
      broken = broken || enters || leaves || short_break;
    }
    if (in_care_in_year && !broken) result.insert(child);
  }
  return result;
}

}  // namespace safeguard::ssda903
