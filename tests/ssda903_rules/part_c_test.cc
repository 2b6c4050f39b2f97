// Part C rules (600 and above, the 1000s, 3001, EPI, NoE, INT.., SW..) beyond the DfE's unit cases:
// where the DfE's case is thin or reads a column the tables do not have, these check the rule as
// the DfE states it, on the columns the 903 layout really has.
#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ssda903_rules/rule.h"

namespace safeguard::ssda903 {
namespace {

using Row = std::vector<std::optional<std::string>>;

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

RuleFailures run(std::string_view code, std::string_view ruleset, const Return& data,
                 const Metadata& metadata) {
  static const RuleRegistry registry = add_all_rules();
  const RuleImplementation* rule = registry.find(code, ruleset);
  if (rule == nullptr) {
    ADD_FAILURE() << "rule " << code << " (" << ruleset << ") is not registered";
    return {};
  }
  return rule->check(RuleInput{data, metadata});
}

using Rows = std::vector<std::size_t>;

// --- 706, 709, 710: deprivation of liberty orders (2026/27) -------------------------------------

Return dolo_with_placements(std::vector<Row> episodes) {
  Return data;
  data.tables["DoLo"] = make_table("DoLo", {"CHILD", "DOB", "DOLO_START", "DOLO_END"},
                                   {{"1", "01/01/2010", "02/05/2026", "10/05/2026"},
                                    {"1", "01/01/2010", "01/09/2026", "05/09/2026"},
                                    {"1", "01/01/2010", "01/12/2026", std::nullopt}});
  data.tables["Episodes"] =
      make_table("Episodes", {"CHILD", "DECOM", "DEC", "PLACE"}, std::move(episodes));
  return data;
}

TEST(Rule709, FailsADoLoOverlappingAPlacementOtherThanK2Z12OrZ13) {
  Return data = dolo_with_placements({{"1", "01/04/2026", "01/06/2026", "U1"},
                                      {"1", "01/06/2026", std::nullopt, "K2"},
                                      {"2", "01/04/2026", std::nullopt, "U1"}});
  RuleFailures failures = run("709", "2026_27", data, year_ending(2027));
  EXPECT_EQ(failures["DoLo"], Rows({0}));
  EXPECT_EQ(failures["Episodes"], Rows({0}));
}

TEST(Rule709, AnOpenEpisodeOverlapsEveryLaterDoLo) {
  Return data = dolo_with_placements({{"1", "01/04/2026", std::nullopt, "U3"}});
  RuleFailures failures = run("709", "2026_27", data, year_ending(2027));
  // The third DoLO has no end, so it is not checked.
  EXPECT_EQ(failures["DoLo"], Rows({0, 1}));
}

TEST(Rule710, FailsADoLoOverlappingASecureHomeParentsYoiOrSupportedAccommodation) {
  Return data = dolo_with_placements({{"1", "01/04/2026", "01/06/2026", "K1"},
                                      {"1", "01/06/2026", "03/09/2026", "U1"},
                                      {"1", "03/09/2026", std::nullopt, "R5"}});
  RuleFailures failures = run("710", "2026_27", data, year_ending(2027));
  EXPECT_EQ(failures["DoLo"], Rows({0, 1}));
  EXPECT_EQ(failures["Episodes"], Rows({0, 2}));
}

TEST(Rule710, ReadsNothingWithoutPlace) {
  Return data = dolo_with_placements({});
  data.tables["Episodes"] = make_table("Episodes", {"CHILD", "DECOM", "DEC", "PLACEMENT"},
                                       {{"1", "01/04/2026", std::nullopt, "K1"}});
  EXPECT_TRUE(run("710", "2026_27", data, year_ending(2027)).empty());
}

TEST(Rule706, FindsNothingWithoutLastYearsReturn) {
  Return data = dolo_with_placements({});
  EXPECT_TRUE(run("706", "2026_27", data, year_ending(2027)).empty());
}

TEST(Rule706, AcceptsTheSameStartWrittenDifferently) {
  Return data = dolo_with_placements({});
  data.tables["DoLo_last"] = make_table("DoLo_last", {"CHILD", "DOLO_START", "DOLO_END"},
                                        {{"1", "2/5/2026", std::nullopt},
                                         {"1", "03/05/2026", std::nullopt},
                                         {"1", "04/05/2026", "05/05/2026"}});
  RuleFailures failures = run("706", "2026_27", data, year_ending(2027));
  EXPECT_EQ(failures["DoLo_last"], Rows({1}));
  EXPECT_EQ(failures.count("DoLo"), 0u);
}

// --- Every part C rule on awkward input ---------------------------------------------------------

RuleRegistry part_c_rules() {
  RuleRegistry registry;
  add_rules_part_c(registry);
  return registry;
}

TEST(PartC, FindsNothingInAnEmptyReturn) {
  Return data;
  const RuleRegistry rules = part_c_rules();
  for (const RuleImplementation& rule : rules.all()) {
    EXPECT_TRUE(rule.check(RuleInput{data, year_ending(2025)}).empty())
        << rule.code << " " << rule.ruleset;
  }
}

TEST(PartC, FindsNothingWhenTablesLackTheirColumns) {
  Return data;
  for (const char* name : {"Header", "Episodes", "Reviews", "UASC", "OC2", "OC3", "AD1",
                           "PlacedAdoption", "PrevPerm", "Missing", "SWEpisodes", "DoLo",
                           "Episodes_last", "Header_last", "SWEpisodes_last", "DoLo_last"}) {
    data.tables[name] = make_table(name, {"UNRELATED"}, {{"x"}, {std::nullopt}});
  }
  const RuleRegistry rules = part_c_rules();
  for (const RuleImplementation& rule : rules.all()) {
    EXPECT_TRUE(rule.check(RuleInput{data, year_ending(2025)}).empty())
        << rule.code << " " << rule.ruleset;
  }
}

TEST(PartC, NeverReportsARowPastTheEndOnMalformedCells) {
  // Every column any part C rule reads, filled with text that is not a date, a code or a number,
  // and with blanks, in every table.
  const std::vector<std::string> columns = {"CHILD",       "DOB",        "SEX",
                                            "MOTHER",      "MC_DOB",     "DECOM",
                                            "DEC",         "REC",        "RNE",
                                            "LS",          "PLACE",      "PLACE_PROVIDER",
                                            "PL_LA",       "URN",        "REASON_PLACE_CHANGE",
                                            "IN_TOUCH",    "ACTIV",      "ACCOM",
                                            "DATE_INT",    "DATE_MATCH", "FOSTER_CARE",
                                            "NB_ADOPTR",   "SEX_ADOPTR", "LS_ADOPTR",
                                            "DATE_PLACED", "PREV_PERM",  "LA_PERM",
                                            "DATE_PERM",   "MISSING",    "MIS_START",
                                            "MIS_END",     "SW_ID",      "SW_DECOM",
                                            "SW_DEC",      "SW_REASON",  "DOLO_START",
                                            "DOLO_END",    "DUC"};
  const std::vector<std::optional<std::string>> values = {
      "1",          "1",          "31/02/2020", "ZZ/ZZ/ZZ", "",
      std::nullopt, "2000/12/10", "99/99/9999", "E11",      "ZZ/13/2020"};
  std::vector<Row> rows;
  for (std::size_t i = 0; i < 12; ++i) {
    Row row;
    for (std::size_t c = 0; c < columns.size(); ++c) row.push_back(values[(i + c) % values.size()]);
    rows.push_back(row);
  }
  Return data;
  for (const char* name : {"Header", "Episodes", "Reviews", "UASC", "OC2", "OC3", "AD1",
                           "PlacedAdoption", "PrevPerm", "Missing", "SWEpisodes", "DoLo",
                           "Episodes_last", "Header_last", "SWEpisodes_last", "DoLo_last"}) {
    data.tables[name] = make_table(name, columns, rows);
  }
  Metadata metadata = year_ending(2025);
  metadata.provider_info = make_table("provider_info", {"URN"}, {{"1"}});
  const RuleRegistry rules = part_c_rules();
  for (const RuleImplementation& rule : rules.all()) {
    RuleFailures failures = rule.check(RuleInput{data, metadata});
    for (const auto& [table, failing] : failures) {
      ASSERT_NE(data.find(table), nullptr) << rule.code << " names a table it was not given";
      for (std::size_t row : failing) EXPECT_LT(row, rows.size()) << rule.code << " " << table;
    }
  }
}

// --- Where we follow the DfE's statement rather than its validator -----------------------------

TEST(Rule1007, ChildStillLookedAfterOnTheirBirthdayFailsWithoutAnEndDate) {
  Return data;
  data.tables["OC3"] = make_table("OC3", {"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"},
                                  {{"1", "10/06/2007", "YES", "F2", "S1"},
                                   {"2", "10/06/2007", "YES", "F2", "S1"},
                                   {"3", "10/06/2007", std::nullopt, std::nullopt, std::nullopt}});
  data.tables["Episodes"] = make_table("Episodes", {"CHILD", "DECOM", "DEC"},
                                       {{"1", "01/01/2024", std::nullopt},
                                        {"2", "01/01/2024", "01/06/2024"},
                                        {"3", "01/01/2024", std::nullopt}});
  // Child 1 turned 17 on 10/06/2024 while looked after; child 2 had left; child 3 has no details.
  RuleFailures failures = run("1007", "2022_23", data, year_ending(2025));
  EXPECT_EQ(failures["OC3"], Rows({0}));
}

TEST(Rule1015, ReadsThePlacementsCouncilOnlyWhenTheEpisodesCarryIt) {
  Return data;
  data.tables["Episodes"] =
      make_table("Episodes", {"PLACE", "LS", "PLACE_PROVIDER"}, {{"K2", "C2", "PR1"}});
  Metadata metadata = year_ending(2025);
  metadata.local_authority = "316";
  EXPECT_TRUE(run("1015", "2022_23", data, metadata).empty());
  data.tables["Episodes"] = make_table("Episodes", {"PLACE", "LS", "PLACE_PROVIDER", "PL_LA"},
                                       {{"K2", "C2", "PR1", "316"},
                                        {"K2", "C2", "PR1", "317"},
                                        {"U1", "C2", "PR1", "317"},
                                        {"K2", "V3", "PR1", "317"}});
  EXPECT_EQ(run("1015", "2022_23", data, metadata)["Episodes"], Rows({1}));
}

TEST(Rule621, NeedsBothDatesOfBirth) {
  Return data;
  data.tables["Header"] = make_table(
      "Header", {"DOB", "MC_DOB"},
      {{std::nullopt, "01/01/2020"}, {"01/01/2021", "01/01/2020"}, {"01/01/2000", "01/01/2020"}});
  EXPECT_EQ(run("621", "2022_23", data, year_ending(2025))["Header"], Rows({1}));
}

TEST(RuleSW12, OneCoveringSocialWorkerEpisodeIsEnough) {
  Return data;
  data.tables["Episodes"] =
      make_table("Episodes", {"CHILD", "DECOM", "DEC", "REC", "RNE", "LS"},
                 {{"1", "01/05/2024", "01/09/2024", "E4a", "S", "C2"},
                  {"2", "01/05/2024", std::nullopt, std::nullopt, "S", "C2"}});
  data.tables["SWEpisodes"] =
      make_table("SWEpisodes", {"CHILD", "SW_DECOM"},
                 {{"1", "01/05/2024"}, {"1", "01/11/2024"}, {"2", "01/04/2024"}});
  // Child 1 has a social worker from the start; the later change does not make the episode fail.
  // Child 2's only social worker episode began before care did.
  EXPECT_EQ(run("SW12STG2", "2024_25", data, year_ending(2025))["Episodes"], Rows({1}));
}

TEST(RuleSW11b, TheLastEpisodeEndingJustBeforeTheYearsEndNeedsASuccessor) {
  Return data;
  data.tables["SWEpisodes"] = make_table("SWEpisodes", {"CHILD", "SW_DECOM", "SW_DEC"},
                                         {{"1", "01/01/2025", "28/03/2025"},
                                          {"2", "01/01/2025", "28/03/2025"},
                                          {"2", "29/03/2025", std::nullopt},
                                          {"3", "01/01/2025", "10/03/2025"}});
  EXPECT_EQ(run("SW11bSTG2", "2023_24", data, year_ending(2025))["SWEpisodes"], Rows({0}));
}

TEST(Rule632, ReadsUnknownDayOrMonthAsTheLatestItCouldBe) {
  Return data;
  data.tables["Episodes"] =
      make_table("Episodes", {"CHILD", "DECOM"}, {{"1", "15/05/2021"}, {"2", "31/05/2021"}});
  data.tables["PrevPerm"] =
      make_table("PrevPerm", {"CHILD", "DATE_PERM"}, {{"1", "ZZ/05/2021"}, {"2", "30/ZZ/2020"}});
  // ZZ/05/2021 may be as late as 31/05/2021, after child 1 came into care; 30/ZZ/2020 reads as
  // 29/01/2021 at the latest, before child 2 did.
  EXPECT_EQ(run("632", "2022_23", data, year_ending(2022))["PrevPerm"], Rows({0}));
}

}  // namespace
}  // namespace safeguard::ssda903
