// Every rule the DfE lists for a collection year has an implementation of the version that year
// uses.
#include <gtest/gtest.h>

#include "ssda903_rules/rule.h"
#include "ssda903_rules/rule_book.h"
#include "ssda903_rules/support.h"

namespace safeguard::ssda903 {
namespace {

TEST(RuleBook, HoldsEachYearFrom2023To2027) {
  for (int year = kFirstRuleYear; year <= kLastRuleYear; ++year) {
    auto rules = rules_for_year(year);
    ASSERT_TRUE(rules) << rules.error().message;
    EXPECT_GT(rules->size(), 250u) << year;
    for (const RuleInfo& rule : *rules) {
      EXPECT_FALSE(rule.code.empty());
      EXPECT_FALSE(rule.message.empty()) << rule.code;
      EXPECT_FALSE(rule.ruleset.empty()) << rule.code;
    }
  }
}

TEST(RuleBook, RefusesAYearItDoesNotHoldSayingWhichItDoes) {
  auto rules = rules_for_year(2019);
  ASSERT_FALSE(rules);
  EXPECT_NE(rules.error().message.find("2023 to 2027"), std::string::npos) << rules.error().message;
}

TEST(RuleBook, EveryListedRuleIsImplementedInTheVersionItsYearUses) {
  const RuleRegistry registry = add_all_rules();
  for (int year = kFirstRuleYear; year <= kLastRuleYear; ++year) {
    auto rules = rules_for_year(year);
    ASSERT_TRUE(rules);
    for (const RuleInfo& rule : *rules) {
      EXPECT_NE(registry.find(rule.code, rule.ruleset), nullptr)
          << "collection year " << year << ": rule " << rule.code << " (version " << rule.ruleset
          << ") has no implementation";
    }
  }
}

}  // namespace
// A rule may add its rows in any order and more than once (add_failing_rows only appends, so
// adding row by row stays linear); what the registry hands back is sorted and without repeats.
TEST(RuleRegistry, ReturnsEachTablesRowsSortedWithoutRepeats) {
  RuleRegistry registry;
  registry.add("X1", "2022_23", [](const RuleInput&) {
    RuleFailures failures;
    add_failing_rows(failures, "Episodes", {7});
    add_failing_rows(failures, "Header", {4, 2});
    add_failing_rows(failures, "Episodes", {3, 7});
    add_failing_rows(failures, "Episodes", {1});
    add_failing_rows(failures, "Header", {2});
    add_failing_rows(failures, "Reviews", {});
    return failures;
  });
  Return data;
  Metadata metadata;
  RuleFailures failures = registry.find("X1", "2022_23")->check(RuleInput{data, metadata});
  RuleFailures expected{{"Episodes", {1, 3, 7}}, {"Header", {2, 4}}};
  EXPECT_EQ(failures, expected);
  EXPECT_EQ(failing_rows("Episodes", {5, 1, 5}), (RuleFailures{{"Episodes", {1, 5}}}));
}

}  // namespace safeguard::ssda903
