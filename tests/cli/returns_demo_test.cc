// The demo authority's statutory returns through the built binary: the CIN census survives export,
// import into an empty database and export again byte for byte (issue 5's round trip; the SSDA903
// one is in tests/ssda903/cli_test.cc), and the demo's own 903 and CIN returns pass the DfE's
// rules but for the rules listed below. Each listed rule carries the cause as far as the rule's
// message and the generator show it; those are still to fix in src/synthetic (or, for SW17STG2, in
// the export). A failing rule that is not listed fails the test.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace safeguard {
namespace {

using nlohmann::json;
using testing::run_command;

std::string slurp(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::stringstream text;
  text << stream.rdbuf();
  return text.str();
}

class DemoReturns : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    db_ = dir_->file("demo.db");
    auto made = run("demo --db " + db_ + " --children-in-care 40 --years 3");
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static testing::CommandResult run(const std::string& arguments) {
    return run_command(std::string(SAFEGUARD_BINARY) + " " + arguments, dir_->path().string());
  }
  // Failing rows by rule, from a validator's JSON.
  static std::map<std::string, int> failures_by_rule(const json& report, const char* key) {
    std::map<std::string, int> counts;
    for (const auto& failure : report.at("failures")) ++counts[failure.at(key).get<std::string>()];
    return counts;
  }

  static std::unique_ptr<testing::TempDir> dir_;
  static std::string db_;
};

std::unique_ptr<testing::TempDir> DemoReturns::dir_;
std::string DemoReturns::db_;

TEST_F(DemoReturns, CinCensusRoundTripGivesAnIdenticalFile) {
  std::string first = dir_->file("cin-first.xml");
  std::string second = dir_->file("cin-second.xml");
  std::string fresh = dir_->file("fresh.db");
  auto exported = run("returns export-cin --db " + db_ + " --year 2026 --out " + first);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  ASSERT_EQ(run("init --db " + fresh).exit_code, 0);
  auto imported = run("returns import-cin --db " + fresh + " --year 2026 " + first);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  auto again = run("returns export-cin --db " + fresh + " --year 2026 --out " + second);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  std::string before = slurp(first);
  EXPECT_GT(before.size(), 10'000u) << "the demo's census holds children";
  EXPECT_NE(before.find("<CINdetails>"), std::string::npos);
  EXPECT_EQ(before, slurp(second));
}

// The rules the demo's 2025/26 SSDA903 return still fails, and why. Fixed in the generator:
// SW13STG1 and SW01bSTG1 (every worker's allocation records the DfE's SW_REASON code).
const std::map<std::string, std::string> kKnown903 = {
    {"1001", "care leaver information for a young person the generator never looked after long"},
    {"1002", "care leaver information for a child with no previous episodes of care"},
    {"104", "the UASC end date the export derives from the 18th birthday is outside the year"},
    {"146", "a placement type code the generator draws is not valid for 2025/26"},
    {"191", "children looked after 12 months have no OC2 health record every year"},
    {"378", "placed with parents (P1) under a single period of accommodation (V2)"},
    {"392c", "synthetic postcodes are not real postcode districts"},
    {"392d", "synthetic home and placement postcodes can coincide"},
    {"393", "the generator records MOTHER only for some girls in care"},
    {"551", "placements for adoption without an AD1 decision date"},
    {"553", "placement orders without a decision that the child be placed for adoption"},
    {"607", "the generator records MOTHER only for some girls in care"},
    {"630", "previous permanence is recorded only for some new entrants"},
    {"SW10STG2", "a new worker starts on the day the last one ends (the export's day overlap)"},
    {"SW12STG2", "allocations before the child came into care are not all exported"},
    {"SW17STG2",
     "a child's last allocation ends when the case closes; the DfE leaves the last social worker "
     "episode open (the export, not the record, would have to blank SW_DEC)"},
};

// The rules the demo's 2025/26 CIN census still fails, and why. Fixed in the generator: 8868 (a
// conference that makes no plan still comes before the case closes; none on the closing day).
const std::map<std::string, std::string> kKnownCin = {
    {"1530", "synthetic UPNs do not carry a real local authority code"},
    {"2883", "a plan may start without its own initial conference (a second plan)"},
    {"2885", "a plan may start a day after its conference"},
    {"2990", "activity recorded after an RC8/RC9 closure (a later assessment in the same episode)"},
    {"8540", "the generator records no Disability for most children"},
    {"8670Q",
     "an assessment open more than 45 working days at the year end (a query, not an error)"},
    {"8825Q", "RC8/RC9 closures after other activity (a query, not an error)"},
    {"8868", "(fixed: must not fail)"},
};

TEST_F(DemoReturns, The903ReturnFailsOnlyTheDocumentedRules) {
  std::string year = dir_->file("903-2026");
  std::string last = dir_->file("903-2025");
  ASSERT_EQ(run("returns export-903 --db " + db_ + " --year 2026 --out " + year).exit_code, 0);
  ASSERT_EQ(run("returns export-903 --db " + db_ + " --year 2025 --out " + last).exit_code, 0);
  std::string out = dir_->file("903.json");
  auto validated = run("returns validate-903 " + year + " --year 2026 --last-year " + last +
                       " --format json --out " + out);
  ASSERT_NE(validated.exit_code, 2) << validated.err;
  auto failing = failures_by_rule(json::parse(slurp(out)), "rule");
  EXPECT_EQ(failing.count("SW13STG1"), 0u) << "every social worker episode has its reason";
  for (const auto& [rule, rows] : failing) {
    EXPECT_TRUE(kKnown903.count(rule)) << "rule " << rule << " fails " << rows << " rows";
  }
}

TEST_F(DemoReturns, TheCinCensusFailsOnlyTheDocumentedRules) {
  std::string file = dir_->file("cin.xml");
  ASSERT_EQ(run("returns export-cin --db " + db_ + " --year 2026 --out " + file).exit_code, 0);
  std::string out = dir_->file("cin.json");
  auto validated = run("returns validate-cin " + file + " --year 2026 --format json --out " + out);
  ASSERT_NE(validated.exit_code, 2) << validated.err;
  auto failing = failures_by_rule(json::parse(slurp(out)), "code");
  EXPECT_EQ(failing.count("8868"), 0u) << "closed episodes' enquiries end at a conference";
  for (const auto& [rule, rows] : failing) {
    EXPECT_TRUE(kKnownCin.count(rule)) << "rule " << rule << " fails " << rows << " rows";
  }
}

}  // namespace
}  // namespace safeguard
