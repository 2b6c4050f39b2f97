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

}  // namespace
}  // namespace safeguard::ssda903
