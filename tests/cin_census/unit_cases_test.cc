// The DfE validator's 114 CIN rule unit cases (tests/data/cin_census/cin_rule_unit_cases.json, from
// data-to-insight/csc-validator-be-cin): each case's input tables must fail exactly the rows its
// recorded output lists (every issue type collapsed to table and row), or the return as a whole for
// an authority-level rule. One test per case: --gtest_filter='*rule_8500_*'.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "cin_census/rule.h"

namespace safeguard::cin_census {
namespace {

using Json = nlohmann::json;

const Json& all_cases() {
  static const Json cases = [] {
    std::ifstream file(std::string(SAFEGUARD_SOURCE_DIR) +
                       "/tests/data/cin_census/cin_rule_unit_cases.json");
    return Json::parse(file)["cases"];
  }();
  return cases;
}

const RuleRegistry& registry() {
  static const RuleRegistry rules = add_all_rules();
  return rules;
}

using Rows = std::set<std::pair<std::string, long>>;

// A case whose recorded output is not what the rule should give: why, and the rows our rule
// fails instead (added to or taken from the recorded ones). The test still asserts the result.
struct Correction {
  std::string why;
  Rows also_fail;
  Rows do_not_fail;
};

const std::map<std::string, Correction>& corrections() {
  static const std::map<std::string, Correction> fixes = {
      {"8866/2022_23",
       {"row 3's ReferralSource is the text 'pd.NA', a pandas placeholder the upstream test typed "
        "as a string; the upstream rule lets it through. It is not a referral source code, so we "
        "fail it as the message says ('missing or an invalid code').",
        {{"CINdetails", 3}},
        {}}},
      {"8935/2022_23",
       {"the upstream rule counts open plans per CPPID, which names one plan, so the case puts two "
        "plans under one CPPID to make it fire. The message is about the child ('this child is "
        "showing more than one open plan'), so we count a child's open plans: row 2 is child1's "
        "third open plan and fails too.",
        {{"ChildProtectionPlans", 2}},
        {}}},
  };
  return fixes;
}

Cell to_cell(const Json& value) {
  if (value.is_null()) return std::nullopt;
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string joined;
    for (const Json& item : value) {
      if (item.is_null()) continue;
      if (!joined.empty()) joined += ',';
      joined += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return joined;
  }
  return value.dump();
}

struct Expected {
  Rows rows;
  bool authority_level = false;
};

Expected expected_of(const Json& output) {
  Expected expected;
  for (const Json& issue : output["type0"]) {
    expected.rows.insert({issue[0].get<std::string>(), issue[2].get<long>()});
  }
  auto add_frame = [&](const Json& frame) {
    for (const Json& row : frame["row_df"]["rows"]) {
      for (const Json& id : row[1]) expected.rows.insert({frame["table"], id.get<long>()});
    }
  };
  if (!output["type1"].is_null()) add_frame(output["type1"]);
  for (const Json& frame : output["type2"]) add_frame(frame);
  for (const Json& frame : output["type3"]) add_frame(frame);
  expected.authority_level = !output["la_level"].is_null();
  return expected;
}

class CinUnitCase : public ::testing::TestWithParam<std::size_t> {};

TEST_P(CinUnitCase, FailsExactlyTheListedRows) {
  const Json& test_case = all_cases()[GetParam()];
  const std::string code = test_case["code"];
  const std::string ruleset = test_case["ruleset"].get<std::string>().substr(3);  // "2022_23"
  SCOPED_TRACE("rule " + code + " (" + ruleset + "): " + test_case["message"].get<std::string>());
  const RuleImplementation* rule = registry().find(code, ruleset);
  ASSERT_NE(rule, nullptr) << "rule " << code << " is not implemented";

  Census census;
  std::map<std::string, std::vector<long>> labels;  // table -> row index labels
  for (const auto& [name, frame] : test_case["input"].items()) {
    Table& table = census.table(name);
    for (const Json& column : frame["columns"]) table.add_column(column.get<std::string>());
    for (std::size_t r = 0; r < frame["rows"].size(); ++r) {
      std::size_t row = table.add_row();
      const Json& values = frame["rows"][r];
      for (std::size_t c = 0; c < values.size(); ++c) {
        table.columns[c].cells[row] = to_cell(values[c]);
      }
      labels[name].push_back(frame["index"][r].get<long>());
    }
  }
  int year = std::stoi(ruleset.substr(0, 4)) + 1;
  Metadata metadata = Metadata::for_year(year);
  RuleFailures failures;
  rule->check(RuleInput{census, metadata}, failures);

  Rows actual;
  for (const auto& [table, rows] : failures.rows) {
    for (std::size_t row : rows) {
      auto& table_labels = labels[table];
      actual.insert({table, row < table_labels.size() ? table_labels[row] : -1});
    }
  }
  Expected expected = expected_of(test_case["output"]);
  if (auto fix = corrections().find(code + "/" + ruleset); fix != corrections().end()) {
    RecordProperty("correction", fix->second.why);
    std::cout << "[ CORRECTED] rule " << code << ": " << fix->second.why << "\n";
    for (const auto& row : fix->second.also_fail) expected.rows.insert(row);
    for (const auto& row : fix->second.do_not_fail) expected.rows.erase(row);
  }
  EXPECT_EQ(actual, expected.rows);
  EXPECT_EQ(failures.authority_level, expected.authority_level);
}

std::string case_name(const ::testing::TestParamInfo<std::size_t>& info) {
  const Json& test_case = all_cases()[info.param];
  std::string name = "rule_" + test_case["code"].get<std::string>() + "_" +
                     test_case["ruleset"].get<std::string>().substr(3) + "_" +
                     std::to_string(test_case["call"].get<int>());
  return name;
}

INSTANTIATE_TEST_SUITE_P(DfE, CinUnitCase, ::testing::Range<std::size_t>(0, all_cases().size()),
                         case_name);

TEST(CinUnitCases, AllHundredAndFourteenAreLoaded) { EXPECT_EQ(all_cases().size(), 114u); }

}  // namespace
}  // namespace safeguard::cin_census
