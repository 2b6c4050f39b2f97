// The returns page's arrangement of an SSDA903 validation report: failures grouped by child, the
// children the store knows first with their record's id, and the collection year a person asks for.
#include "pages/returns_view.h"

#include <gtest/gtest.h>

namespace safeguard::pages {
namespace {

ssda903::Failure failure(const ssda903::RuleInfo& rule, std::string table, std::size_t row,
                         std::string child,
                         std::vector<std::pair<std::string, std::string>> fields = {}) {
  ssda903::Failure each;
  each.rule = &rule;
  each.table = std::move(table);
  each.row = row;
  each.child = std::move(child);
  each.fields = std::move(fields);
  return each;
}

TEST(FailuresByChild, GroupsEachChildsFailuresAndNamesTheRecord) {
  ssda903::RuleInfo r103{"103",
                         "The ethnicity code is either not valid or has not been entered.",
                         {"ETHNIC"},
                         {"Header"},
                         "2022_23"};
  ssda903::RuleInfo r164{"164", "Distance is not valid.", {"PL_DISTANCE"}, {"Episodes"}, "2022_23"};
  ssda903::ValidationReport report;
  report.failures = {failure(r103, "Header", 0, "C2", {{"ETHNIC", ""}}),
                     failure(r103, "Header", 4, "ZZ9"),
                     failure(r164, "Episodes", 2, "C2", {{"PL_DISTANCE", "9999"}}),
                     failure(r164, "Episodes_last", 7, "C1"), failure(r164, "Header", 9, "")};
  std::map<std::string, KnownChild, std::less<>> known = {{"C1", {11, "Zoe Adams"}},
                                                          {"C2", {12, "Amy Brown"}}};

  auto children = failures_by_child(report, known);
  ASSERT_EQ(children.size(), 4u);
  // Known children by name: Amy Brown (C2) before Zoe Adams (C1).
  EXPECT_EQ(children[0].child_code, "C2");
  ASSERT_TRUE(children[0].child.has_value());
  EXPECT_EQ(children[0].child->id, 12);
  ASSERT_EQ(children[0].failures.size(), 2u);
  EXPECT_EQ(children[0].failures[0].rule, "103");
  EXPECT_EQ(children[0].failures[0].row, 1u);  // rows as a person counts them
  EXPECT_EQ(children[0].failures[0].fields, "ETHNIC (blank)");
  EXPECT_EQ(children[0].failures[1].table, "Episodes");
  EXPECT_EQ(children[0].failures[1].fields, "PL_DISTANCE 9999");
  EXPECT_EQ(children[1].child_code, "C1");
  EXPECT_EQ(children[1].failures[0].table, "Episodes (last year)");
  EXPECT_EQ(children[1].failures[0].row, 8u);
  // A code the store does not know, then failures about no one child.
  EXPECT_EQ(children[2].child_code, "ZZ9");
  EXPECT_FALSE(children[2].child.has_value());
  EXPECT_EQ(children[3].child_code, "");
  EXPECT_FALSE(children[3].child.has_value());
}

TEST(FailuresByChild, ACleanReturnHasNoChildren) {
  EXPECT_TRUE(failures_by_child(ssda903::ValidationReport{}, {}).empty());
}

TEST(ReturnYear, DefaultsToTheYearTodayFallsInWithinTheRuleBooks) {
  FormErrors errors;
  EXPECT_EQ(read_return_year("", *Date::from_ymd(2025, 3, 31), 2023, 2027, errors), 2025);
  EXPECT_EQ(read_return_year("", *Date::from_ymd(2025, 4, 1), 2023, 2027, errors), 2026);
  EXPECT_EQ(read_return_year("", *Date::from_ymd(2040, 1, 1), 2023, 2027, errors), 2027);
  EXPECT_EQ(read_return_year("", *Date::from_ymd(2001, 1, 1), 2023, 2027, errors), 2023);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(read_return_year("2024", *Date::from_ymd(2025, 3, 31), 2023, 2027, errors), 2024);
}

TEST(ReturnYear, RefusesAYearWithNoRuleBookOrNotANumber) {
  for (std::string_view bad : {"2022", "2028", "20x5", "-2025", "2025 ", "99999999999"}) {
    FormErrors errors;
    EXPECT_FALSE(read_return_year(bad, *Date::from_ymd(2025, 3, 31), 2023, 2027, errors)) << bad;
    ASSERT_FALSE(errors.empty()) << bad;
    EXPECT_EQ(errors.all()[0].field, "year");
    EXPECT_EQ(errors.all()[0].message, "Choose a collection year from 2022/23 to 2026/27");
  }
}

TEST(ReturnYear, OffersEveryYearNewestFirst) {
  EXPECT_EQ(offered_years(2023, 2026), (std::vector<int>{2026, 2025, 2024, 2023}));
}

}  // namespace
}  // namespace safeguard::pages
