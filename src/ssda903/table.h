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

#include "tabular/table.h"

namespace safeguard::ssda903 {

using Cell = tabular::Cell;
using Column = tabular::Column;
using Table = tabular::Table;
using Return = tabular::TableSet;

}  // namespace safeguard::ssda903
