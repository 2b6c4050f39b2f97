#include "ssda903/layout.h"

#include <algorithm>

namespace safeguard::ssda903 {

namespace {

constexpr ColumnLayout text(std::string_view name, bool required = false) {
  return {name, CellKind::kText, required, {}};
}
constexpr ColumnLayout date(std::string_view name, bool required = false) {
  return {name, CellKind::kDate, required, {}};
}
constexpr ColumnLayout code(std::string_view name, std::string_view list, bool required = false) {
  return {name, CellKind::kCode, required, list};
}
constexpr ColumnLayout required_code(std::string_view name, std::string_view list) {
  return code(name, list, true);
}
constexpr ColumnLayout child() { return text("CHILD", true); }
constexpr ColumnLayout dob() { return date("DOB", true); }
constexpr ColumnLayout yes_no(std::string_view name) { return code(name, "OC2_YES_NO"); }

std::vector<TableLayout> build() {
  std::vector<TableLayout> tables;
  tables.push_back({"Header",
                    "header.csv",
                    {child(), required_code("SEX", "SEX"), dob(), required_code("ETHNIC", "ETHNIC"),
                     text("UPN", true), code("MOTHER", "MOTHER"), date("MC_DOB")}});
  tables.push_back(
      {"Episodes",
       "episodes.csv",
       {child(), date("DECOM", true), required_code("RNE", "RNE"), required_code("LS", "LS"),
        required_code("CIN", "CIN"), required_code("PLACE", "PLACE"),
        code("PLACE_PROVIDER", "PLACE_PROVIDER"), date("DEC"), code("REC", "REC"),
        code("REASON_PLACE_CHANGE", "REASON_PLACE_CHANGE"), text("HOME_POST"), text("PL_POST"),
        text("URN")}});
  tables.push_back(
      {"Reviews",
       "reviews.csv",
       {child(), dob(), date("REVIEW", true), required_code("REVIEW_CODE", "REVIEW_CODE")}});
  tables.push_back(
      {"UASC", "uasc.csv", {child(), required_code("SEX", "SEX"), dob(), date("DUC")}});
  tables.push_back({"OC2",
                    "oc2.csv",
                    {child(),
                     dob(),
                     {"SDQ_SCORE", CellKind::kInteger, false, {}},
                     code("SDQ_REASON", "SDQ_REASON"),
                     yes_no("CONVICTED"),
                     yes_no("HEALTH_CHECK"),
                     yes_no("IMMUNISATIONS"),
                     yes_no("TEETH_CHECK"),
                     yes_no("HEALTH_ASSESSMENT"),
                     yes_no("SUBSTANCE_MISUSE"),
                     yes_no("INTERVENTION_RECEIVED"),
                     yes_no("INTERVENTION_OFFERED")}});
  tables.push_back({"OC3",
                    "oc3.csv",
                    {child(), dob(), required_code("IN_TOUCH", "IN_TOUCH"),
                     required_code("ACTIV", "ACTIV"), required_code("ACCOM", "ACCOM")}});
  tables.push_back(
      {"AD1",
       "ad1.csv",
       {child(), dob(), date("DATE_INT", true), date("DATE_MATCH", true),
        required_code("FOSTER_CARE", "FOSTER_CARE"), required_code("NB_ADOPTR", "NB_ADOPTR"),
        required_code("SEX_ADOPTR", "SEX_ADOPTR"), required_code("LS_ADOPTR", "LS_ADOPTR")}});
  tables.push_back({"PlacedAdoption",
                    "placed_for_adoption.csv",
                    {child(), dob(), date("DATE_PLACED", true), date("DATE_PLACED_CEASED"),
                     code("REASON_PLACED_CEASED", "REASON_PLACED_CEASED")}});
  // DATE_PERM may be partly unknown in real returns ("XX/XX/2015"), so it is kept as text.
  tables.push_back({"PrevPerm",
                    "previous_permanence.csv",
                    {child(), dob(), required_code("PREV_PERM", "PREV_PERM"), text("LA_PERM"),
                     text("DATE_PERM")}});
  tables.push_back({"Missing",
                    "missing.csv",
                    {child(), dob(), required_code("MISSING", "MISSING"), date("MIS_START", true),
                     date("MIS_END")}});
  tables.push_back({"SWEpisodes",
                    "sw_episodes.csv",
                    {child(), dob(), text("SW_ID", true), date("SW_DECOM", true), date("SW_DEC"),
                     code("SW_REASON", "SW_REASON")},
                    2024});
  tables.push_back(
      {"DoLo", "dolo.csv", {child(), dob(), date("DOLO_START", true), date("DOLO_END")}, 2027});
  return tables;
}

}  // namespace

const ColumnLayout* TableLayout::column(std::string_view column_name) const {
  for (const ColumnLayout& each : columns) {
    if (each.name == column_name) return &each;
  }
  return nullptr;
}

std::vector<std::string> TableLayout::column_names() const {
  std::vector<std::string> names;
  names.reserve(columns.size());
  for (const ColumnLayout& each : columns) names.emplace_back(each.name);
  return names;
}

const std::vector<TableLayout>& all_layouts() {
  static const std::vector<TableLayout> tables = build();
  return tables;
}

std::vector<const TableLayout*> layouts_for_year(int year) {
  std::vector<const TableLayout*> tables;
  for (const TableLayout& table : all_layouts()) {
    if (table.in_year(year)) tables.push_back(&table);
  }
  return tables;
}

const TableLayout* find_layout(std::string_view table_name) {
  constexpr std::string_view kLast = "_last";
  if (table_name.size() > kLast.size() && table_name.ends_with(kLast)) {
    table_name.remove_suffix(kLast.size());
  }
  for (const TableLayout& table : all_layouts()) {
    if (table.name == table_name) return &table;
  }
  return nullptr;
}

const TableLayout* identify_table(const std::vector<std::string>& header, int year) {
  std::vector<std::string_view> given(header.begin(), header.end());
  std::sort(given.begin(), given.end());
  for (const TableLayout* table : layouts_for_year(year)) {
    std::vector<std::string_view> expected;
    for (const ColumnLayout& column : table->columns) expected.push_back(column.name);
    std::sort(expected.begin(), expected.end());
    if (given == expected) return table;
  }
  return nullptr;
}

}  // namespace safeguard::ssda903
