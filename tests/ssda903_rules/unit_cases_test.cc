// The DfE validator's own unit cases for every SSDA903 rule (tests/data/ssda903/
// 903_rule_unit_cases.json, copied from the shared reference set): each case gives a rule's input
// tables and the rows (by the input's index labels) that must fail. Each case is one test, named
// after its ruleset, rule code and call, so `--gtest_filter='*rule_103_*'` runs one rule.
//
// Where a case is itself wrong, it is listed in kCaseCorrections below with the reason and what we
// expect instead.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "ssda903_rules/rule.h"
#include "ssda903_rules/support.h"

namespace safeguard::ssda903 {
namespace {

struct UnitCase {
  std::string name;       // lac2022_23_rule_103_call0
  std::string ruleset;    // 2022_23
  std::string code;       // 103
  nlohmann::json input;   // {"Episodes": {"columns", "index", "rows"}, "metadata": {...}}
  nlohmann::json output;  // {"Episodes": [labels...]}
};

// gtest prints a failing parameter with this, rather than as bytes.
void PrintTo(const UnitCase& unit, std::ostream* out) { *out << unit.name; }

std::vector<UnitCase> load_cases() {
  std::ifstream file(SAFEGUARD_SOURCE_DIR "/tests/data/ssda903/903_rule_unit_cases.json");
  nlohmann::json document = nlohmann::json::parse(file);
  std::vector<UnitCase> cases;
  for (const auto& entry : document.at("cases")) {
    UnitCase unit;
    std::string ruleset = entry.at("ruleset").get<std::string>();  // lac2022_23
    unit.ruleset = ruleset.substr(3);
    unit.code = entry.at("code").get<std::string>();
    unit.name =
        ruleset + "_rule_" + unit.code + "_call" + std::to_string(entry.at("call").get<int>());
    unit.input = entry.at("input");
    unit.output = entry.at("output");
    cases.push_back(std::move(unit));
  }
  return cases;
}

Cell cell_from(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  if (value.is_string()) return value.get<std::string>();
  return value.dump();  // numbers as the fixture wrote them: 1, 20.0, 999.9
}

// A row's index label as text: 3, 3.0 (pandas after a merge) and "3" name the same row.
std::string label_text(const nlohmann::json& label) {
  if (label.is_string()) return label.get<std::string>();
  if (label.is_number_float()) {
    double value = label.get<double>();
    if (value == static_cast<double>(static_cast<long long>(value))) {
      return std::to_string(static_cast<long long>(value));
    }
  }
  return label.dump();
}

Table table_from(const std::string& name, const nlohmann::json& frame) {
  Table table;
  table.name = name;
  for (const auto& column : frame.at("columns")) table.add_column(column.get<std::string>());
  for (const auto& values : frame.at("rows")) {
    std::size_t row = table.add_row();
    for (std::size_t i = 0; i < values.size() && i < table.columns.size(); ++i) {
      table.columns[i].cells[row] = cell_from(values[i]);
    }
  }
  return table;
}

Metadata metadata_from(const nlohmann::json& input) {
  Metadata metadata;
  if (!input.contains("metadata")) return metadata;
  const auto& given = input.at("metadata");
  if (given.contains("collection_start")) {
    if (auto date = parse_date_text(given.at("collection_start").get<std::string>())) {
      metadata.collection_start = *date;
    }
  }
  if (given.contains("collection_end")) {
    if (auto date = parse_date_text(given.at("collection_end").get<std::string>())) {
      metadata.collection_end = *date;
      metadata.collection_year = date->year();
    }
  }
  if (given.contains("collectionYear")) {
    metadata.collection_year = std::stoi(given.at("collectionYear").get<std::string>());
  }
  if (given.contains("localAuthority")) {
    metadata.local_authority = given.at("localAuthority").get<std::string>();
  }
  if (given.contains("file_format"))
    metadata.file_format = given.at("file_format").get<std::string>();
  if (given.contains("provider_info")) {
    metadata.provider_info = table_from("provider_info", given.at("provider_info"));
  }
  return metadata;
}

// Cases the upstream suite gets wrong, with what we expect instead: name -> expected output.
struct CaseCorrection {
  const char* name;
  const char* reason;
  const char* expected;  // JSON: {"Table": [labels]}
};
constexpr CaseCorrection kCaseCorrections[] = {
    // Filled in as rules are written; every entry says why.
    {"lac2022_23_rule_374_call0",
     "upstream drops open episodes (no DEC) from the age check; a child under 14 starting "
     "residential employment fails whether or not the episode has ended, so row 3 fails too",
     R"({"Episodes": [2, 3, 5, 6]})"},
    {"lac2026_27_rule_706_call0",
     "upstream reports last year's open DoLO under this year's table; it is row 2 of DoLo_last",
     R"({"DoLo_last": [2]})"},
    {"lac2026_27_rule_709_call0",
     "upstream reads Episodes.PLACEMENT, which does not exist (the column is PLACE); the case "
     "gives no PLACE, so nothing fails (part_c_test covers PLACE)",
     "{}"},
    {"lac2026_27_rule_710_call0",
     "upstream reads Episodes.PLACEMENT, which does not exist (the column is PLACE); the case "
     "gives no PLACE, so nothing fails (part_c_test covers PLACE)",
     "{}"},
    {"lac2023_24_rule_SW01STG1_call0",
     "upstream reports the open episodes of care (Episodes rows 0, 1, 2, 6) under SWEpisodes; the "
     "rule is about those Episodes rows",
     R"({"Episodes": [0, 1, 2, 6]})"},
    {"lac2024_25_rule_231_call0",
     "upstream reads Header.UASC_STATUS, which does not exist (UASC status is the Header's UASC "
     "flag or the UASC table); the case gives neither, so nothing fails (part_a_test covers the "
     "flag and the table)",
     "{}"},
    {"lac2025_26_rule_233_call0",
     "upstream reads Episodes.DATE_EPISODE_CEASED, which does not exist (the column is DEC); the "
     "case gives no DEC, so nothing fails (part_a_test covers DEC)",
     "{}"},
};

class UnitCaseTest : public testing::TestWithParam<UnitCase> {};

TEST_P(UnitCaseTest, FailsExactlyTheListedRows) {
  static const RuleRegistry registry = add_all_rules();
  const UnitCase& unit = GetParam();
  const RuleImplementation* rule = registry.find(unit.code, unit.ruleset);
  ASSERT_NE(rule, nullptr) << "rule " << unit.code << " of ruleset " << unit.ruleset
                           << " is not implemented";

  Return data;
  for (const auto& [name, frame] : unit.input.items()) {
    if (name != "metadata") data.tables[name] = table_from(name, frame);
  }
  Metadata metadata = metadata_from(unit.input);
  RuleFailures failures = rule->check(RuleInput{data, metadata});

  // Positions back to the fixture's index labels.
  std::map<std::string, std::set<std::string>> actual;
  for (const auto& [table, rows] : failures) {
    if (rows.empty()) continue;
    const auto& index = unit.input.at(table).at("index");
    for (std::size_t row : rows) {
      ASSERT_LT(row, index.size()) << "rule returned row " << row << " past the end of " << table;
      actual[table].insert(label_text(index[row]));
    }
  }
  nlohmann::json expected_json = unit.output;
  for (const CaseCorrection& correction : kCaseCorrections) {
    if (unit.name == correction.name) expected_json = nlohmann::json::parse(correction.expected);
  }
  std::map<std::string, std::set<std::string>> expected;
  for (const auto& [table, labels] : expected_json.items()) {
    for (const auto& label : labels) expected[table].insert(label_text(label));
    if (expected[table].empty()) expected.erase(table);
  }
  EXPECT_EQ(actual, expected);
}

INSTANTIATE_TEST_SUITE_P(Ssda903, UnitCaseTest, testing::ValuesIn(load_cases()),
                         [](const testing::TestParamInfo<UnitCase>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace safeguard::ssda903
