#include "tabular/table.h"

namespace safeguard::tabular {

namespace {
const Cell kEmptyCell;
}

const Column* Table::column(std::string_view column_name) const {
  for (const Column& candidate : columns) {
    if (candidate.name == column_name) return &candidate;
  }
  return nullptr;
}

Column* Table::column(std::string_view column_name) {
  for (Column& candidate : columns) {
    if (candidate.name == column_name) return &candidate;
  }
  return nullptr;
}

const Cell& Table::cell(std::size_t row, std::string_view column_name) const {
  const Column* found = column(column_name);
  if (found == nullptr || row >= found->cells.size()) return kEmptyCell;
  return found->cells[row];
}

std::string_view Table::text(std::size_t row, std::string_view column_name) const {
  const Cell& value = cell(row, column_name);
  return value ? std::string_view(*value) : std::string_view();
}

std::size_t Table::line_of(std::size_t row) const {
  return row < line_numbers.size() ? line_numbers[row] : 0;
}

Column& Table::add_column(std::string_view column_name) {
  if (Column* existing = column(column_name)) return *existing;
  Column& added = columns.emplace_back();
  added.name = std::string(column_name);
  added.cells.resize(row_count);
  return added;
}

std::size_t Table::add_row() {
  for (Column& each : columns) each.cells.emplace_back();
  return row_count++;
}

std::size_t Table::add_row(std::size_t line) {
  line_numbers.resize(row_count, 0);
  line_numbers.push_back(line);
  return add_row();
}

void Table::set(std::size_t row, std::string_view column_name, Cell value) {
  Column& target = add_column(column_name);
  if (row >= target.cells.size()) target.cells.resize(row + 1);
  target.cells[row] = std::move(value);
}

const Table* TableSet::find(std::string_view table_name) const {
  auto found = tables.find(table_name);
  return found == tables.end() ? nullptr : &found->second;
}

Table& TableSet::table(std::string_view table_name) {
  auto found = tables.find(table_name);
  if (found != tables.end()) return found->second;
  Table& created = tables[std::string(table_name)];
  created.name = std::string(table_name);
  return created;
}

}  // namespace safeguard::tabular
