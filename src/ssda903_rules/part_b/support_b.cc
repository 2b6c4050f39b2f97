#include "ssda903_rules/part_b/support_b.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace safeguard::ssda903 {

const Column* column_of(const Table* table, std::string_view name) {
  if (table == nullptr) return nullptr;
  const Column* column = table->column(name);
  // A column that does not hold one cell per row cannot be read safely: treat it as absent.
  if (column == nullptr || column->cells.size() != table->row_count) return nullptr;
  return column;
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

RowsByChild::RowsByChild(const ChildGroups& grouped) : grouped_(&grouped), rows_(grouped.rows) {
  groups_.reserve(grouped.groups.size());
  for (const ChildGroups::Group& group : grouped.groups) {
    groups_.push_back(
        Group{group.child, std::span<std::size_t>(rows_.data() + group.first, group.count)});
  }
}

RowsByChild::iterator RowsByChild::find(std::string_view child) {
  if (grouped_ == nullptr) return groups_.end();
  auto found = grouped_->index.find(child);
  return found == grouped_->index.end()
             ? groups_.end()
             : groups_.begin() + static_cast<std::ptrdiff_t>(found->second);
}

RowsByChild::const_iterator RowsByChild::find(std::string_view child) const {
  if (grouped_ == nullptr) return groups_.end();
  auto found = grouped_->index.find(child);
  return found == grouped_->index.end()
             ? groups_.end()
             : groups_.begin() + static_cast<std::ptrdiff_t>(found->second);
}

RowsByChild rows_by_child(const RuleInput& input, const Table& table) {
  return RowsByChild(child_groups(input, table));
}

void sort_by_date(std::span<std::size_t> rows, const std::vector<std::optional<Date>>& dates) {
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    if (!dates[a]) return false;
    if (!dates[b]) return true;
    return *dates[a] < *dates[b];
  });
}

RowsByChild children_in_date_order(const RuleInput& input, const Table& table,
                                   const std::vector<std::optional<Date>>& dates) {
  RowsByChild by_child = rows_by_child(input, table);
  for (auto& [child, rows] : by_child) sort_by_date(rows, dates);
  return by_child;
}

std::optional<std::size_t> earliest(std::span<const std::size_t> rows,
                                    const std::vector<std::optional<Date>>& dates) {
  std::optional<std::size_t> best;
  for (std::size_t row : rows) {
    if (dates[row] && (!best || *dates[row] < *dates[*best])) best = row;
  }
  return best;
}

std::optional<std::size_t> latest(std::span<const std::size_t> rows,
                                  const std::vector<std::optional<Date>>& dates) {
  std::optional<std::size_t> best;
  for (std::size_t row : rows) {
    if (dates[row] && (!best || *dates[row] > *dates[*best])) best = row;
  }
  return best;
}

namespace {

// Over the run's shared grouping: each child's rows are in table order, so the first of equal
// dates wins as `better` is strict.
template <typename Better>
RowByChild best_by_child(const RuleInput& input, const Table& table,
                         const std::vector<std::optional<Date>>& dates, Better better) {
  RowByChild best;
  const Column* child = column_of(&table, "CHILD");
  if (child == nullptr || dates.size() != table.row_count) return best;
  const ChildGroups& grouped = child_groups(input, table);
  best.reserve(grouped.groups.size());
  for (const ChildGroups::Group& group : grouped.groups) {
    std::optional<std::size_t> chosen;
    for (std::size_t i = group.first; i < group.first + group.count; ++i) {
      std::size_t row = grouped.rows[i];
      if (dates[row] && (!chosen || better(*dates[row], *dates[*chosen]))) chosen = row;
    }
    if (chosen) best.emplace(group.child, *chosen);
  }
  return best;
}

}  // namespace

RowByChild earliest_by_child(const RuleInput& input, const Table& table,
                             const std::vector<std::optional<Date>>& dates) {
  return best_by_child(input, table, dates, [](Date a, Date b) { return a < b; });
}

RowByChild latest_by_child(const RuleInput& input, const Table& table,
                           const std::vector<std::optional<Date>>& dates) {
  return best_by_child(input, table, dates, [](Date a, Date b) { return a > b; });
}

std::unordered_set<std::string> continuously_looked_after(const RuleInput& input) {
  const Metadata& metadata = input.metadata;
  std::unordered_set<std::string> result;
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  const Column* rne = column_of(episodes, "RNE");
  const Column* rec = column_of(episodes, "REC");
  const Column* ls = column_of(episodes, "LS");
  if (!all_present(decom, dec, rne, rec, ls, column_of(episodes, "CHILD"))) return result;
  const Date start = metadata.collection_start;
  const Date end = metadata.collection_end;
  for (const auto& [child, rows] : rows_by_child(input, *episodes)) {
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
    if (in_care_in_year && !broken) result.emplace(child);
  }
  return result;
}

}  // namespace safeguard::ssda903
