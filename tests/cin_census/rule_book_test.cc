// The rule book: every rule the DfE lists for a year has an implementation here, each with the
// DfE's code and message; years outside those held are refused with the years we hold.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cin_census/rule.h"
#include "cin_census/rule_book.h"
#include "cin_census/validate.h"
#include "cin_census/xml.h"

namespace safeguard::cin_census {
namespace {

TEST(CinRuleBook, EveryListedRuleIsImplementedEveryYear) {
  RuleRegistry registry = add_all_rules();
  for (int year = kFirstRuleYear; year <= kLastRuleYear; ++year) {
    auto rules = rules_for_year(year);
    ASSERT_TRUE(rules.ok()) << rules.error().message;
    EXPECT_GE(rules->size(), 105u) << year;
    for (const RuleInfo& info : *rules) {
      EXPECT_FALSE(info.message.empty()) << info.code;
      EXPECT_TRUE(info.type == "Error" || info.type == "Query") << info.code;
      EXPECT_NE(registry.find(info.code, info.ruleset), nullptr)
          << "rule " << info.code << " (" << info.ruleset << ") listed for " << year
          << " has no implementation";
    }
  }
}

TEST(CinRuleBook, YearsChangeTheRules) {
  auto before = rules_for_year(2024);
  auto after = rules_for_year(2025);
  ASSERT_TRUE(before.ok() && after.ok());
  auto message_of = [](const std::vector<RuleInfo>& rules, const std::string& code) {
    for (const auto& info : rules) {
      if (info.code == code) return info.message;
    }
    return std::string("(absent)");
  };
  EXPECT_EQ(message_of(*before, "4180"), "Gender is missing");
  EXPECT_EQ(message_of(*after, "4180"), "Sex must be provided and equal M, F, or U");
  EXPECT_EQ(message_of(*before, "1570"), "(absent)");
  EXPECT_FALSE(rules_for_year(2022).ok());
  EXPECT_FALSE(rules_for_year(2027).ok());
}

TEST(CinValidation, TheSampleFileFailsWhereItIsWrong) {
  std::ifstream file(std::string(SAFEGUARD_SOURCE_DIR) +
                     "/tests/data/cin_census/CIN_Census_2026.xml");
  std::stringstream text;
  text << file.rdbuf();
  auto census = read_census_xml(text.str());
  ASSERT_TRUE(census.ok());
  RuleRegistry registry = add_all_rules();
  auto report = validate_census(*census, 2026, registry);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->rules_not_implemented.empty());
  EXPECT_FALSE(report->clean());
  // The first child's Sex is "1", which is not M, F or U (rule 4180 from 2024/25), at line 19.
  bool found = false;
  for (const Failure& failure : report->failures) {
    if (failure.code == "4180") {
      found = true;
      EXPECT_EQ(failure.table, "ChildIdentifiers");
      EXPECT_EQ(failure.child, "DfEX0000001");
      EXPECT_EQ(failure.line, 19);
    }
  }
  EXPECT_TRUE(found);
  std::string csv = report_csv(*report);
  EXPECT_EQ(csv.rfind("code,type,message,table,row,line,child,fields\r\n", 0), 0u);
  EXPECT_NE(report_json(*report).find("\"failures_by_rule\""), std::string::npos);
}

// Every rule on hostile values in every column it might read: no crash, no hang.
TEST(CinValidation, SurvivesHostileValues) {
  const char* values[] = {
      "",    "0001-01-01",           "9999-12-31",       "31/02/2020",  "1/1/1", "-1",
      "abc", "99999999999999999999", "2025-03-31T99:99", "1,1,21,21,,", "UN1"};
  const char* columns[] = {"LAchildID",
                           "CINdetailsID",
                           "AssessmentID",
                           "CPPID",
                           "UPN",
                           "FormerUPN",
                           "UPNunknown",
                           "PersonBirthDate",
                           "ExpectedPersonBirthDate",
                           "Sex",
                           "GenderCurrent",
                           "PersonDeathDate",
                           "Ethnicity",
                           "Disability",
                           "CINreferralDate",
                           "ReferralSource",
                           "PrimaryNeedCode",
                           "CINclosureDate",
                           "ReasonForClosure",
                           "DateOfInitialCPC",
                           "ReferralNFA",
                           "AssessmentActualStartDate",
                           "AssessmentAuthorisationDate",
                           "AssessmentFactors",
                           "AssessmentFactor",
                           "CINPlanStartDate",
                           "CINPlanEndDate",
                           "S47ActualStartDate",
                           "InitialCPCtarget",
                           "ICPCnotRequired",
                           "CPPstartDate",
                           "CPPendDate",
                           "InitialCategoryOfAbuse",
                           "LatestCategoryOfAbuse",
                           "NumberOfPreviousCPP",
                           "CPPreviewDate",
                           "ReferenceDate",
                           "Year"};
  Census census;
  for (const char* name : kTableNames) {
    Table& table = census.table(name);
    for (std::size_t row = 0; row < 60; ++row) {
      table.add_row();
      std::size_t c = 0;
      for (const char* column : columns) {
        const char* value = values[(row * 7 + c++ * 3) % std::size(values)];
        table.set(row, column, *value ? Cell(value) : Cell());
      }
    }
  }
  RuleRegistry registry = add_all_rules();
  for (int year = kFirstRuleYear; year <= kLastRuleYear; ++year) {
    auto report = validate_census(census, year, registry);
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->clean());
  }
}

}  // namespace
}  // namespace safeguard::cin_census
