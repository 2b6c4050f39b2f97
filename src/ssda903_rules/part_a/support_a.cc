#include "ssda903_rules/part_a/support_a.h"

#include <cstdlib>

namespace safeguard::ssda903::part_a {

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

RuleFailures rows_without_code(const RuleInput& input, std::string_view table_name,
                               std::string_view column_name,
                               std::initializer_list<std::string_view> codes, bool blank_allowed) {
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
    if (!is_one_of(cell, codes)) failing.push_back(row);
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

std::unordered_map<std::string, Date> birth_dates(const Table* header) {
  std::unordered_map<std::string, Date> dates;
  if (!has_columns(header, {"CHILD", "DOB"})) return dates;
  ColumnView child(header, "CHILD");
  ColumnView dob(header, "DOB");
  for (std::size_t row = 0; row < header->row_count; ++row) {
    if (!child[row]) continue;
    if (auto date = parse_date(dob[row])) dates.emplace(*child[row], *date);
  }
  return dates;
}

std::unordered_set<std::string> continuously_looked_after(const RuleInput& input) {
  std::unordered_set<std::string> children;
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"CHILD", "DECOM"})) return children;
  const Date start = input.metadata.collection_start;
  const Date end = input.metadata.collection_end;
  ColumnView child(episodes, "CHILD");
  ColumnView rne(episodes, "RNE");
  ColumnView rec(episodes, "REC");
  ColumnView ls(episodes, "LS");
  auto decom = dates_of(episodes, "DECOM");
  auto dec = dates_of(episodes, "DEC");
  std::unordered_map<std::string, bool> in_year;  // child -> in care at some time in the year
  std::unordered_set<std::string> broken;         // children whose care was not continuous
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!child[row]) continue;
    const std::string& id = *child[row];
    bool during_year = decom[row] && *decom[row] <= end && (!dec[row] || *dec[row] >= start);
    bool enters_care =
        text_of(rne[row]) == "S" && decom[row] && *decom[row] > start && *decom[row] <= end;
    bool leaves_care =
        text_of(rec[row]) != "X1" && dec[row] && *dec[row] >= start && *dec[row] < end;
    bool short_breaks = is_one_of(ls[row], {"V3", "V4"}) && during_year;
    in_year[id] = in_year[id] || during_year;
    if (enters_care || leaves_care || short_breaks) broken.insert(id);
  }
  for (const auto& [id, was_in_year] : in_year) {
    if (was_in_year && !broken.contains(id)) children.insert(id);
  }
  return children;
}

std::vector<std::optional<Date>> dates_of(const Table* table, std::string_view column_name) {
  std::vector<std::optional<Date>> dates;
  if (table == nullptr) return dates;
  dates.resize(table->row_count);
  ColumnView column(table, column_name);
  if (!column.exists()) return dates;
  for (std::size_t row = 0; row < table->row_count; ++row) dates[row] = parse_date(column[row]);
  return dates;
}

}  // namespace safeguard::ssda903::part_a
