// Part A rules (codes 100-299) beyond the DfE's unit cases: where the DfE's case reads a column the
// tables do not have (231, 233), uses row labels the case runner cannot map (205D), or leaves a
// behaviour untested, these check the rule as the DfE states it on the real 903 columns. Also:
// every part A rule finds nothing, and does not crash, on tables or columns that are absent.
#include <gtest/gtest.h>

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ssda903_rules/part_a/support_a.h"
#include "ssda903_rules/rule.h"

namespace safeguard::ssda903 {
namespace {

using Row = std::vector<std::optional<std::string>>;
using Rows = std::vector<std::size_t>;

Table make_table(std::string name, std::vector<std::string> columns, std::vector<Row> rows) {
  Table table;
  table.name = name;
  for (const std::string& column : columns) table.add_column(column);
  for (const Row& values : rows) {
    std::size_t row = table.add_row();
    for (std::size_t i = 0; i < values.size() && i < table.columns.size(); ++i) {
      table.columns[i].cells[row] = values[i];
    }
  }
  return table;
}

Metadata year_ending(int year) {
  Metadata metadata;
  metadata.collection_start = *Date::from_ymd(year - 1, 4, 1);
  metadata.collection_end = *Date::from_ymd(year, 3, 31);
  metadata.collection_year = year;
  return metadata;
}

const RuleRegistry& part_a_rules() {
  static const RuleRegistry registry = [] {
    RuleRegistry rules;
    add_rules_part_a(rules);
    return rules;
  }();
  return registry;
}

RuleFailures run(std::string_view code, std::string_view ruleset, const Return& data,
                 const Metadata& metadata) {
  const RuleImplementation* rule = part_a_rules().find(code, ruleset);
  if (rule == nullptr) {
    ADD_FAILURE() << "rule " << code << " (" << ruleset << ") is not registered";
    return {};
  }
  return rule->check(RuleInput{data, metadata});
}

Rows rows_of(const RuleFailures& failures, std::string_view table) {
  auto it = failures.find(table);
  return it == failures.end() ? Rows{} : it->second;
}

// --- 231: UASC children under 11 (2024/25) ------------------------------------------------------

TEST(PartA, Rule231ReadsTheHeadersUascFlag) {
  Return data;
  data.tables["Header"] =
      make_table("Header", {"CHILD", "DOB", "UASC"},
                 {{"1", "01/04/2014", "1"},  // 10 at 31/03/2025, UASC: fails
                  {"2", "31/03/2014", "1"},  // 11 on the last day: passes
                  {"3", "01/04/2014", "0"},  // not UASC
                  {"4", "01/04/2014", std::nullopt},
                  {"5", "not a date", "1"}});  // no date to judge (rule 102 reports it)
  auto failures = run("231", "2024_25", data, year_ending(2025));
  EXPECT_EQ(rows_of(failures, "Header"), (Rows{0}));
}

TEST(PartA, Rule231FallsBackToTheUascTableWhenTheHeaderHasNoFlag) {
  Return data;
  data.tables["Header"] = make_table(
      "Header", {"CHILD", "DOB"}, {{"1", "01/04/2014"}, {"2", "01/04/2014"}, {"3", "01/01/2000"}});
  data.tables["UASC"] =
      make_table("UASC", {"CHILD", "DOB", "SEX", "DUC"},
                 {{"1", "01/04/2014", "M", std::nullopt}, {"3", "01/01/2000", "F", std::nullopt}});
  auto failures = run("231", "2024_25", data, year_ending(2025));
  EXPECT_EQ(rows_of(failures, "Header"), (Rows{0}));
}

// --- 233: reason for placement change on an open episode (2025/26) ------------------------------

TEST(PartA, Rule233FailsAReasonForChangeOnAnEpisodeWithNoEndDate) {
  Return data;
  data.tables["Episodes"] = make_table("Episodes", {"CHILD", "DEC", "REASON_PLACE_CHANGE"},
                                       {{"1", "01/05/2025", std::nullopt},
                                        {"1", std::nullopt, std::nullopt},
                                        {"2", std::nullopt, "CARPL"},
                                        {"3", "01/06/2025", "CARPL"}});
  auto failures = run("233", "2025_26", data, year_ending(2026));
  EXPECT_EQ(rows_of(failures, "Episodes"), (Rows{2}));
}

// --- 205D: UASC this year but not last, status read from the UASC tables (CSV layout) -----------

TEST(PartA, Rule205DDerivesStatusFromTheUascTablesWithoutHeaders) {
  Return data;
  const std::vector<std::string> columns = {"CHILD", "DOB", "DUC"};
  data.tables["UASC"] = make_table("UASC", columns,
                                   {{"1001", "23/07/2002", "99/bad/date"},   // UASC both years
                                    {"1022", "23/07/2002", "01/01/2020"},    // UASC only now: fails
                                    {"1033", "23/07/2002", std::nullopt}});  // not UASC now
  data.tables["UASC_last"] = make_table("UASC_last", columns,
                                        {{"1001", "23/07/2002", "01/01/2020"},
                                         {"1022", "23/07/2002", std::nullopt},
                                         {"1033", "23/07/2002", "01/01/2020"}});
  Metadata metadata = year_ending(2021);
  auto failures = run("205D", "2022_23", data, metadata);
  EXPECT_EQ(rows_of(failures, "UASC"), (Rows{1}));
  EXPECT_TRUE(rows_of(failures, "Header").empty());
}

// --- 146: K3 from 2024/25 (the DfE tool's list has "k3", a typo) --------------------------------

TEST(PartA, Rule146AcceptsK3From2024AndDropsH5In2025) {
  Return data;
  data.tables["Episodes"] =
      make_table("Episodes", {"PLACE"}, {{"K3"}, {"k3"}, {"H5"}, {"Z11"}, {"Z1"}});
  EXPECT_EQ(rows_of(run("146", "2022_23", data, year_ending(2023)), "Episodes"), (Rows{0, 1, 3}));
  EXPECT_EQ(rows_of(run("146", "2024_25", data, year_ending(2025)), "Episodes"), (Rows{1, 3}));
  EXPECT_EQ(rows_of(run("146", "2025_26", data, year_ending(2026)), "Episodes"), (Rows{1, 2, 4}));
}

// --- 184: decision to place for adoption before birth -------------------------------------------

TEST(PartA, Rule184NeedsAKnownDateOfBirthToFail) {
  Return data;
  data.tables["Header"] =
      make_table("Header", {"CHILD", "DOB"}, {{"1", "10/03/2019"}, {"2", std::nullopt}});
  data.tables["PlacedAdoption"] = make_table(
      "PlacedAdoption", {"CHILD", "DATE_PLACED"},
      {{"1", "10/02/2019"}, {"1", "10/03/2019"}, {"2", "01/01/2019"}, {"3", "01/01/2019"}});
  auto failures = run("184", "2022_23", data, year_ending(2020));
  EXPECT_EQ(rows_of(failures, "PlacedAdoption"), (Rows{0}));
}

// --- 142: earlier episodes must have ended, whatever order the file lists them in ---------------

TEST(PartA, Rule142JudgesOrderByStartDateNotFileOrder) {
  Return data;
  data.tables["Episodes"] = make_table("Episodes", {"CHILD", "DECOM", "DEC", "REC"},
                                       {{"1", "10/06/2020", std::nullopt, std::nullopt},  // latest
                                        {"1", "01/06/2020", std::nullopt, "X1"},  // open: fails
                                        {"1", "05/06/2020", "10/06/2020", "X1"},
                                        {"2", "01/06/2020", std::nullopt, std::nullopt}});
  auto failures = run("142", "2022_23", data, year_ending(2021));
  EXPECT_EQ(rows_of(failures, "Episodes"), (Rows{1}));
}

// --- 165: mother status needs an episode in the year to be required -----------------------------

TEST(PartA, Rule165RequiresMotherStatusOnlyForGirlsInCareThisYear) {
  Return data;
  data.tables["Header"] = make_table("Header", {"CHILD", "SEX", "MOTHER"},
                                     {{"1", "2", std::nullopt},  // girl in care: fails
                                      {"2", "2", std::nullopt},  // girl, episode last year only
                                      {"3", "1", "0"},           // boy with a status: fails
                                      {"4", "2", "1"}});
  data.tables["Episodes"] = make_table("Episodes", {"CHILD", "DECOM", "DEC", "LS"},
                                       {{"1", "01/05/2020", std::nullopt, "C2"},
                                        {"2", "01/01/2019", "01/02/2019", "C2"},
                                        {"3", "01/05/2020", std::nullopt, "C2"},
                                        {"4", "01/05/2020", std::nullopt, "C2"}});
  data.tables["OC3"] = make_table("OC3", {"CHILD", "IN_TOUCH", "ACTIV", "ACCOM"}, {});
  auto failures = run("165", "2022_23", data, year_ending(2021));
  EXPECT_EQ(rows_of(failures, "Header"), (Rows{0, 2}));
}

// --- 218: which placements need a URN, by year -------------------------------------------------

TEST(PartA, Rule218ChangesWithTheYear) {
  Return data;
  data.tables["Episodes"] = make_table("Episodes", {"PLACE", "DEC", "PL_LA", "URN"},
                                       {{"H5", std::nullopt, "E09000001", std::nullopt},
                                        {"Z11", std::nullopt, "E09000001", std::nullopt},
                                        {"U1", std::nullopt, "W06000008", std::nullopt},
                                        {"U1", std::nullopt, "WAL", std::nullopt},
                                        {"U1", "01/01/2024", "E09000001", std::nullopt},
                                        {"U1", std::nullopt, std::nullopt, std::nullopt}});
  // 2022/23: H5 needs none; W... is Wales; the episode ended before the year began is left alone.
  EXPECT_EQ(rows_of(run("218", "2022_23", data, year_ending(2025)), "Episodes"), (Rows{1, 5}));
  // 2024/25: H5 needs a URN.
  EXPECT_EQ(rows_of(run("218", "2024_25", data, year_ending(2025)), "Episodes"), (Rows{0, 1, 5}));
  // 2025/26: Z11 needs none; only the named codes (WAL, ...) are outside England.
  EXPECT_EQ(rows_of(run("218", "2025_26", data, year_ending(2026)), "Episodes"), (Rows{0, 2, 5}));
}

// --- 225, 226: placement changes judged in date order, not file order ---------------------------

TEST(PartA, Rules225And226OrderEachChildsEpisodesByStartDate) {
  Return data;
  data.tables["Episodes"] =
      make_table("Episodes", {"CHILD", "DECOM", "RNE", "REC", "PLACE", "REASON_PLACE_CHANGE"},
                 {{"1", "01/09/2023", "P", std::nullopt, "T1", std::nullopt},  // third
                  {"1", "01/05/2023", "S", "X1", "U1", std::nullopt},          // first
                  {"1", "01/07/2023", "P", "X1", "U2", "CARPL"},               // second
                  {"2", "01/05/2023", "S", "X1", "U1", std::nullopt},
                  {"2", "01/06/2023", "B", std::nullopt, "U3", std::nullopt}});
  // 225: child 1's first episode ends X1 into a P placement with no reason; child 2's likewise.
  EXPECT_EQ(rows_of(run("225", "2022_23", data, year_ending(2024)), "Episodes"), (Rows{1, 3}));
  // 226: the T1 placement follows an episode with a reason for change.
  EXPECT_EQ(rows_of(run("226", "2022_23", data, year_ending(2024)), "Episodes"), (Rows{0}));
}

// --- 164: distance not checked for children UASC last year --------------------------------------

TEST(PartA, Rule164LeavesOutChildrenUascLastYear) {
  Return data;
  data.tables["Episodes"] =
      make_table("Episodes", {"CHILD", "PL_DISTANCE"},
                 {{"1", "1000.2"}, {"2", "1000.2"}, {"3", "-1"}, {"3", "12.5"}, {"4", "far"}});
  data.tables["Header"] = make_table("Header", {"CHILD", "UASC"}, {{"1", "0"}, {"2", "0"}});
  data.tables["Header_last"] = make_table("Header_last", {"CHILD", "UASC"}, {{"2", "1"}});
  auto failures = run("164", "2022_23", data, year_ending(2024));
  EXPECT_EQ(rows_of(failures, "Episodes"), (Rows{0, 2, 4}));
}

// --- Grouping by child --------------------------------------------------------------------------

TEST(PartA, ChildRowsGroupsInterleavedRowsOfManyChildren) {
  std::vector<Row> rows;
  for (int i = 0; i < 30000; ++i) rows.push_back({"C" + std::to_string(i % 10007)});
  Table table = make_table("Episodes", {"CHILD"}, rows);
  table.columns[0].cells[5] = std::nullopt;  // a row with no child
  part_a::ChildRows by_child(&table);
  EXPECT_EQ(by_child.index().size(), 10007u);
  auto of_child_5 = by_child.rows_of("C5");
  EXPECT_EQ(std::vector<std::size_t>(of_child_5.begin(), of_child_5.end()),
            (Rows{10012, 20019}));  // row 5 is blank
  auto of_child_9 = by_child.rows_of("C9");
  EXPECT_EQ(std::vector<std::size_t>(of_child_9.begin(), of_child_9.end()),
            (Rows{9, 10016, 20023}));
  EXPECT_TRUE(by_child.rows_of("C10007").empty());
  EXPECT_TRUE(by_child.rows_of("").empty());
}

TEST(PartA, DatesOfReadsTheQuickAndTheGeneralForms) {
  Table table = make_table("Episodes", {"DECOM"},
                           {{"29/02/2024"},
                            {"29/02/2023"},
                            {"1/3/2024"},
                            {" 01/03/2024"},
                            {"31/04/2024"},
                            {"01/13/2024"},
                            {"aa/bb/cccc"},
                            {std::nullopt}});
  auto dates = part_a::dates_of(&table, "DECOM");
  ASSERT_EQ(dates.size(), 8u);
  EXPECT_EQ(dates[0], *Date::from_ymd(2024, 2, 29));
  EXPECT_FALSE(dates[1].has_value());
  EXPECT_EQ(dates[2], *Date::from_ymd(2024, 3, 1));
  EXPECT_EQ(dates[3], *Date::from_ymd(2024, 3, 1));
  EXPECT_FALSE(dates[4].has_value());
  EXPECT_FALSE(dates[5].has_value());
  EXPECT_FALSE(dates[6].has_value());
  EXPECT_FALSE(dates[7].has_value());
}

// --- Robustness: absent tables and columns ------------------------------------------------------

TEST(PartA, EveryRuleFindsNothingWhenTablesOrColumnsAreAbsent) {
  Metadata metadata = year_ending(2024);
  Return empty;
  Return columnless;
  for (const char* name : {"Header", "Episodes", "Reviews", "UASC", "OC2", "OC3", "AD1",
                           "PlacedAdoption", "Header_last", "Episodes_last", "UASC_last"}) {
    Table table;
    table.name = name;
    table.add_row();
    table.add_row();
    columnless.tables[name] = table;
  }
  for (const RuleImplementation& rule : part_a_rules().all()) {
    RuleFailures none = rule.check(RuleInput{empty, metadata});
    EXPECT_TRUE(none.empty()) << rule.code << " " << rule.ruleset << " on an empty return";
    RuleFailures still_none = rule.check(RuleInput{columnless, metadata});
    EXPECT_TRUE(still_none.empty()) << rule.code << " " << rule.ruleset << " with no columns";
  }
}

TEST(PartA, EveryRuleReportsOnlyRowsThatExist) {
  // Ragged input: a column shorter than the table's row count, odd values everywhere.
  Return data;
  const std::vector<std::string> episode_columns = {
      "CHILD",      "DECOM",          "RNE", "LS",    "CIN",
      "PLACE",      "PLACE_PROVIDER", "DEC", "REC",   "REASON_PLACE_CHANGE",
      "HOME_POST",  "PL_POST",        "URN", "PL_LA", "PL_LOCATION",
      "PL_DISTANCE"};
  std::vector<Row> episode_rows;
  for (int i = 0; i < 20; ++i) {
    Row row;
    for (std::size_t c = 0; c < episode_columns.size(); ++c) {
      if ((i + static_cast<int>(c)) % 3 == 0) {
        row.push_back(std::nullopt);
      } else if (c == 1 || c == 7) {
        row.push_back(std::to_string(1 + i % 28) + "/0" + std::to_string(1 + i % 9) + "/2023");
      } else {
        row.push_back(i % 2 ? "X1" : "??");
      }
    }
    row[0] = std::to_string(i % 4);
    episode_rows.push_back(row);
  }
  data.tables["Episodes"] = make_table("Episodes", episode_columns, episode_rows);
  data.tables["Episodes"].columns[3].cells.resize(5);  // a short column
  data.tables["Episodes_last"] = data.tables["Episodes"];
  data.tables["Header"] = make_table("Header", {"CHILD", "SEX", "DOB", "UPN", "MOTHER", "UASC"},
                                     {{"0", "2", "01/01/2010", "UN4", std::nullopt, "1"},
                                      {"1", "1", "bad", "UN1", "1", "0"},
                                      {"2", std::nullopt, "29/02/2012", std::nullopt, "2", "1"}});
  data.tables["Header_last"] = data.tables["Header"];
  Metadata metadata = year_ending(2024);
  metadata.provider_info = make_table("provider_info", {"URN", "REG_END"}, {{"X1", "bad"}});
  for (const RuleImplementation& rule : part_a_rules().all()) {
    RuleFailures failures = rule.check(RuleInput{data, metadata});
    for (const auto& [table, rows] : failures) {
      const Table* found = data.find(table);
      ASSERT_NE(found, nullptr) << rule.code << " reported a table it was not given: " << table;
      for (std::size_t row : rows) {
        EXPECT_LT(row, found->row_count) << rule.code << " " << rule.ruleset << " " << table;
      }
    }
  }
}

}  // namespace
}  // namespace safeguard::ssda903
