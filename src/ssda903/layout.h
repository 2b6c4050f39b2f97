// The DfE's layout of each SSDA903 table: its columns in file order, what each holds (a date, a
// code from a DfE list, a number or text), whether it may be blank, and the collection years the
// table is part of the return. Compiled from the DfE's layouts as liia-tools publishes them
// (data/reference/ssda903/schema, one YAML per year) and the newer tables in the DfE's guidance
// (SWEpisodes from 2023/24, DoLo from 2026/27).
//
// Years are collection years named by their end: 2025 is 2024/25.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace safeguard::ssda903 {

// The years Safeguard reads and writes: 2022/23 to 2026/27.
inline constexpr int kFirstYear = 2023;
inline constexpr int kLastYear = 2027;

enum class CellKind {
  kText,  // free text (CHILD, UPN, postcodes, URN, SW_ID)
  kDate,  // dd/mm/yyyy
  kCode,  // one of the DfE list named in code_list (checked against data/reference/codelists.csv)
  kInteger,  // a whole number (SDQ_SCORE)
};

struct ColumnLayout {
  std::string_view name;  // as the DfE spells it: "DECOM", "PLACE_PROVIDER"
  CellKind kind = CellKind::kText;
  bool required = false;       // false: may be blank
  std::string_view code_list;  // for kCode: the list in codelists.csv ("PLACE", "OC2_YES_NO")
};

struct TableLayout {
  std::string_view name;       // the table's name in a Return: "Episodes", "SWEpisodes"
  std::string_view file_name;  // what export writes: "episodes.csv"
  std::vector<ColumnLayout> columns;
  int first_year = kFirstYear;  // the first collection year the table is part of the return
  int last_year = kLastYear;

  bool in_year(int year) const { return first_year <= year && year <= last_year; }
  const ColumnLayout* column(std::string_view column_name) const;
  std::vector<std::string> column_names() const;
};

// Every table, in the order the DfE lists them.
const std::vector<TableLayout>& all_layouts();
// The tables of one collection year's return.
std::vector<const TableLayout*> layouts_for_year(int year);
// nullptr when no table has that name ("Episodes_last" is looked up as "Episodes").
const TableLayout* find_layout(std::string_view table_name);

// Which of the year's tables a file with this header row holds, as the DfE's tool decides it: the
// set of column names (in any order, case as given) must be exactly a table's. nullptr when none.
const TableLayout* identify_table(const std::vector<std::string>& header, int year);

// True when `year` is one Safeguard reads and writes.
inline bool supported_year(int year) { return kFirstYear <= year && year <= kLastYear; }

}  // namespace safeguard::ssda903
