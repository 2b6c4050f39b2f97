// The SSDA903 return as a set of named tables of text, exactly as a council's files give them: the
// shape both the file readers produce and the validation rules read. Column-major, like the DfE's
// own tools, because a rule reads a few columns of every row.
//
//   const Table* episodes = data.find("Episodes");
//   const Column* decom = episodes ? episodes->column("DECOM") : nullptr;
//   if (decom && decom->cells[row]) ...   // a cell is absent when the file left it empty
//
// Last year's return travels in the same Return, each table named with "_last" ("Episodes_last").
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safeguard::ssda903 {

// One cell: empty (std::nullopt) or its text as given, surrounding spaces removed.
using Cell = std::optional<std::string>;

struct Column {
  std::string name;
  std::vector<Cell> cells;  // one per row
};

struct Table {
  std::string name;             // "Header", "Episodes", "Episodes_last", ...
  std::vector<Column> columns;  // in the order the file gave them
  std::size_t row_count = 0;
  std::vector<std::size_t>
      line_numbers;  // per row, where it came from in its file (1-based); may be empty

  // nullptr when the table has no such column.
  const Column* column(std::string_view column_name) const;
  Column* column(std::string_view column_name);
  // The cell, or an empty one when the column is absent.
  const Cell& cell(std::size_t row, std::string_view column_name) const;
  // Adds a column (every cell empty) if absent and returns it.
  Column& add_column(std::string_view column_name);
  // Appends a row with every cell empty; returns its index.
  std::size_t add_row();
};

struct Return {
  std::map<std::string, Table, std::less<>> tables;

  // nullptr when the return has no such table.
  const Table* find(std::string_view table_name) const;
  Table& table(std::string_view table_name);  // created empty when absent
};

}  // namespace safeguard::ssda903
