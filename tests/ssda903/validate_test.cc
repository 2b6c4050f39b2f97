// The validation engine with rules of our own: which rows it reports, with what, on any number of
// threads; rules not implemented are noted; a rule that throws does not stop the others.
#include <gtest/gtest.h>

#include <stdexcept>

#include "ssda903_rules/validate.h"

namespace safeguard::ssda903 {
namespace {

Return sample() {
  Return data;
  Table& episodes = data.table("Episodes");
  episodes.add_column("CHILD");
  episodes.add_column("DECOM");
  episodes.add_column("RNE");
  for (int i = 0; i < 4; ++i) {
    std::size_t row = episodes.add_row();
    episodes.columns[0].cells[row] = "C" + std::to_string(i);
    episodes.columns[1].cells[row] = "0" + std::to_string(i + 1) + "/05/2024";
    if (i != 2) episodes.columns[2].cells[row] = i == 3 ? "Q" : "S";
  }
  episodes.line_numbers = {2, 3, 5, 6};
  return data;
}

std::vector<RuleInfo> book() {
  return {{"A1", "RNE must be given.", {"RNE", "DECOM"}, {"Episodes"}, "2024_25"},
          {"A2", "Not written yet.", {"RNE"}, {"Episodes"}, "2024_25"},
          {"A3", "RNE must be S.", {"RNE"}, {"Episodes"}, "2024_25"},
          {"A4", "Throws.", {}, {"Episodes"}, "2024_25"}};
}

RuleRegistry registry() {
  RuleRegistry rules;
  rules.add("A1", "2024_25", [](const RuleInput& input) {
    RuleFailures failures;
    const Table* table = input.data.find("Episodes");
    for (std::size_t row = 0; row < table->row_count; ++row) {
      if (!table->cell(row, "RNE")) failures["Episodes"].push_back(row);
    }
    return failures;
  });
  rules.add("A3", "2024_25", [](const RuleInput& input) {
    RuleFailures failures;
    const Table* table = input.data.find("Episodes");
    for (std::size_t row = 0; row < table->row_count; ++row) {
      const Cell& rne = table->cell(row, "RNE");
      if (rne && *rne != "S") failures["Episodes"].push_back(row);
    }
    failures["Episodes"].push_back(3);  // a repeat is reported once
    return failures;
  });
  rules.add("A4", "2024_25",
            [](const RuleInput&) -> RuleFailures { throw std::runtime_error("bad input"); });
  rules.add("A2", "2022_23", [](const RuleInput&) { return RuleFailures{{"Episodes", {0}}}; });
  return rules;
}

TEST(Validate, ReportsEachFailingRowWithItsLineChildAndFields) {
  Return data = sample();
  auto rules = book();
  ValidationReport report = validate(data, metadata_for_year(2025), rules, registry(), 1);
  EXPECT_EQ(report.rules_run, 3u);
  ASSERT_EQ(report.failures.size(), 2u);
  const Failure& missing = report.failures[0];
  EXPECT_EQ(missing.rule->code, "A1");
  EXPECT_EQ(missing.table, "Episodes");
  EXPECT_EQ(missing.row, 2u);
  EXPECT_EQ(missing.line, 5u);
  EXPECT_EQ(missing.child, "C2");
  EXPECT_EQ(missing.fields, (std::vector<std::pair<std::string, std::string>>{
                                {"RNE", ""}, {"DECOM", "03/05/2024"}}));
  EXPECT_EQ(report.failures[1].rule->code, "A3");
  EXPECT_EQ(report.failures[1].child, "C3");
  ASSERT_EQ(report.summary.size(), 2u);
  EXPECT_EQ(report.summary[1].failures, 1u);
}

TEST(Validate, NotesRulesNotImplementedForTheirRulesetAndSurvivesAThrowingRule) {
  Return data = sample();
  auto rules = book();
  ValidationReport report = validate(data, metadata_for_year(2025), rules, registry(), 2);
  ASSERT_EQ(report.not_implemented.size(), 1u);
  EXPECT_EQ(report.not_implemented[0]->code, "A2");  // implemented only for 2022_23
  ASSERT_EQ(report.rule_errors.size(), 1u);
  EXPECT_EQ(report.rule_errors[0].first->code, "A4");
  EXPECT_EQ(report.rule_errors[0].second, "bad input");
}

TEST(Validate, TheReportIsTheSameOnAnyNumberOfThreads) {
  Return data = sample();
  auto rules = book();
  auto registered = registry();
  ValidationReport one = validate(data, metadata_for_year(2025), rules, registered, 1);
  for (int threads : {2, 3, 8}) {
    ValidationReport many = validate(data, metadata_for_year(2025), rules, registered, threads);
    ASSERT_EQ(many.failures.size(), one.failures.size());
    for (std::size_t i = 0; i < one.failures.size(); ++i) {
      EXPECT_EQ(many.failures[i].rule, one.failures[i].rule);
      EXPECT_EQ(many.failures[i].row, one.failures[i].row);
    }
  }
}

TEST(Validate, MetadataNamesTheCollectionYearByItsEnd) {
  Metadata metadata = metadata_for_year(2025);
  EXPECT_EQ(metadata.collection_start.iso(), "2024-04-01");
  EXPECT_EQ(metadata.collection_end.iso(), "2025-03-31");
  EXPECT_EQ(metadata.collection_year, 2025);
}

// Every rule the others have written runs over the DfE's sample files without throwing.
TEST(Validate, EveryRegisteredRuleRunsOverTheSampleReturn) {
  static const RuleRegistry all = add_all_rules();
  auto rules = rules_for_year(2024);
  ASSERT_TRUE(rules);
  Return data = sample();
  ValidationReport report = validate(data, metadata_for_year(2024), *rules, all, 2);
  for (const auto& [rule, error] : report.rule_errors) ADD_FAILURE() << rule->code << ": " << error;
  EXPECT_EQ(report.rules_run + report.not_implemented.size(), rules->size());
}

}  // namespace
}  // namespace safeguard::ssda903
