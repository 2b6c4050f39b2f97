// A statutory return as named tables of text, exactly as a council's files give them: the shape the
// SSDA903 and CIN census readers produce, their exports build, and their validation rules read.
// Column-major, like the DfE's own tools, because a rule reads a few columns of every row.
//
//   const Table* episodes = data.find("Episodes");
//   const Column* decom = episodes ? episodes->column("DECOM") : nullptr;
//   if (decom && decom->cells[row]) ...   // a cell is absent when the file left it empty
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safeguard::tabular {

// One cell: empty (std::nullopt) or its text as given, surrounding spaces removed.
using Cell = std::optional<std::string>;

struct Column {
  std::string name;
  std::vector<Cell> cells;  // one per row
};

struct Table {
  std::string name;             // "Header", "Episodes", "Episodes_last", "CINdetails", ...
  std::vector<Column> columns;  // in the order the file gave them
  std::size_t row_count = 0;
  // Per row, the line it came from in its file (1-based; 0 when unknown). Empty for a table that
  // was not read from a file; shorter than row_count when only some rows were.
  std::vector<std::size_t> line_numbers;

  // nullptr when the table has no such column.
  const Column* column(std::string_view column_name) const;
  Column* column(std::string_view column_name);
  // The cell, or an empty one when the column or row is absent.
  const Cell& cell(std::size_t row, std::string_view column_name) const;
  // The cell's text, or "" when it is empty.
  std::string_view text(std::size_t row, std::string_view column_name) const;
  // The line row came from, or 0 when unknown.
  std::size_t line_of(std::size_t row) const;
  // Adds a column (every cell empty) if absent and returns it.
  Column& add_column(std::string_view column_name);
  // Appends a row with every cell empty; returns its index.
  std::size_t add_row();
  // The same, remembering the line of the file the row came from.
  std::size_t add_row(std::size_t line);
  // Sets a cell, adding the column when absent.
  void set(std::size_t row, std::string_view column_name, Cell value);
};

// A return: its tables by name.
struct TableSet {
  std::map<std::string, Table, std::less<>> tables;

  // nullptr when there is no such table.
  const Table* find(std::string_view table_name) const;
  Table& table(std::string_view table_name);  // created empty when absent
};

}  // namespace safeguard::tabular
