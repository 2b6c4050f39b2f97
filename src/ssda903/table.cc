#include "ssda903/table.h"

namespace safeguard::ssda903 {

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

const Table* Return::find(std::string_view table_name) const {
  auto found = tables.find(table_name);
  return found == tables.end() ? nullptr : &found->second;
}

Table& Return::table(std::string_view table_name) {
  auto found = tables.find(table_name);
  if (found != tables.end()) return found->second;
  Table& created = tables[std::string(table_name)];
  created.name = std::string(table_name);
  return created;
}

}  // namespace safeguard::ssda903
