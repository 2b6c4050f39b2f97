// safeguard returns validate-903 / import-903 / export-903 as a user runs them: exit codes, output,
// and the round trip demo -> export -> import into an empty database -> export.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "ssda903_rules/rule.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace safeguard::ssda903 {
namespace {

using safeguard::testing::run_command;
using safeguard::testing::TempDir;

const std::string kSafeguard = SAFEGUARD_BINARY;

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::stringstream text;
  text << stream.rdbuf();
  return text.str();
}

std::map<std::string, std::string> files_in(const std::filesystem::path& directory) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    files[entry.path().filename().string()] = slurp(entry.path());
  }
  return files;
}

constexpr const char* kHeader = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n";
constexpr const char* kEpisodes =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,"
    "URN\r\n";

TEST(Validate903, AReturnWithNoRowsIsClean) {
  TempDir dir;
  write(dir.path() / "in" / "header.csv", kHeader);
  write(dir.path() / "in" / "episodes.csv", kEpisodes);
  auto result = run_command(
      kSafeguard + " returns validate-903 " + (dir.path() / "in").string() + " --year 2025",
      dir.path().string());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "rule,message,table,line,row,child,fields\r\n");
}

TEST(Validate903, UnreadableFilesExitTwoNamingFileAndLine) {
  TempDir dir;
  write(dir.path() / "in" / "header.csv", std::string(kHeader) + "A1,1,\"01/01/2010,WBRI\r\n");
  auto result = run_command(
      kSafeguard + " returns validate-903 " + (dir.path() / "in").string() + " --year 2025",
      dir.path().string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("header.csv line 2"), std::string::npos) << result.err;
}

TEST(Validate903, AYearOutsideTheRuleBooksExitsTwo) {
  TempDir dir;
  write(dir.path() / "in" / "header.csv", kHeader);
  auto result = run_command(
      kSafeguard + " returns validate-903 " + (dir.path() / "in").string() + " --year 2019",
      dir.path().string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("2019"), std::string::npos);
}

TEST(Validate903, FailingRowsExitOneWithCodeMessageRowChildAndFields) {
  static const RuleRegistry registry = add_all_rules();
  if (registry.find("101", "2024_25") == nullptr) {
    GTEST_SKIP() << "rule 101 (2024/25) is not implemented yet";
  }
  TempDir dir;
  write(dir.path() / "in" / "header.csv",
        std::string(kHeader) +
            "A1,M,01/01/2010,WBRI,A123456789012,,\r\nB2,Q,01/01/2011,WBRI,"
            "B123456789012,,\r\n");
  std::string out = (dir.path() / "failures.json").string();
  auto result = run_command(kSafeguard + " returns validate-903 " + (dir.path() / "in").string() +
                                " --year 2025 --format json --out " + out,
                            dir.path().string());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  auto report = nlohmann::json::parse(slurp(out));
  bool found = false;
  for (const auto& failure : report.at("failures")) {
    if (failure.at("rule") == "101") {
      found = true;
      EXPECT_EQ(failure.at("table"), "Header");
      EXPECT_EQ(failure.at("line"), 3);
      EXPECT_EQ(failure.at("child"), "B2");
      EXPECT_EQ(failure.at("fields").at("SEX"), "Q");
      EXPECT_FALSE(failure.at("message").get<std::string>().empty());
    }
  }
  EXPECT_TRUE(found) << report.dump(2);
  EXPECT_NE(result.out.find("101"), std::string::npos);  // the summary by rule
}

TEST(Import903, ARefusedReturnExitsOneAndStoresNothing) {
  TempDir dir;
  std::string db = dir.file("empty.db");
  ASSERT_EQ(run_command(kSafeguard + " init --db " + db, dir.path().string()).exit_code, 0);
  write(dir.path() / "in" / "header.csv",
        std::string(kHeader) +
            "A1,M,01/01/2010,WBRI,A123456789012,,\r\nB2,M,01/01/2010,WBRI,"
            "B123456789012,,\r\n");
  write(dir.path() / "in" / "episodes.csv",
        std::string(kEpisodes) +
            "A1,01/05/2024,S,C2,N1,U1,PR1,,,,,,\r\nB2,01/05/2024,S,C2,N1,"
            "U1,PR9,,,,,,\r\n");
  auto result = run_command(kSafeguard + " returns import-903 --db " + db + " --year 2025 " +
                                (dir.path() / "in").string(),
                            dir.path().string());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("episodes.csv,3,PLACE_PROVIDER"), std::string::npos) << result.err;
  auto exported = run_command(kSafeguard + " returns export-903 --db " + db +
                                  " --year 2025 --out " + (dir.path() / "out").string(),
                              dir.path().string());
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(slurp(dir.path() / "out" / "header.csv"), kHeader);  // no child was stored
}

// The acceptance test of the issue: the demo authority's return survives export, import into an
// empty database and export again, byte for byte, in both layouts.
TEST(RoundTrip, DemoExportImportExportGivesIdenticalFiles) {
  TempDir dir;
  std::string demo = dir.file("demo.db");
  auto made = run_command(kSafeguard + " demo --db " + demo + " --children-in-care 120 --years 4",
                          dir.path().string());
  ASSERT_EQ(made.exit_code, 0) << made.err;
  for (std::string format : {"csv", "xml"}) {
    auto first = dir.path() / ("first-" + format);
    auto second = dir.path() / ("second-" + format);
    std::string fresh = dir.file("fresh-" + format + ".db");
    ASSERT_EQ(run_command(kSafeguard + " returns export-903 --db " + demo + " --year 2025 --out " +
                              first.string() + " --format " + format,
                          dir.path().string())
                  .exit_code,
              0);
    ASSERT_EQ(run_command(kSafeguard + " init --db " + fresh, dir.path().string()).exit_code, 0);
    auto imported = run_command(
        kSafeguard + " returns import-903 --db " + fresh + " --year 2025 " + first.string(),
        dir.path().string());
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    ASSERT_EQ(run_command(kSafeguard + " returns export-903 --db " + fresh + " --year 2025 --out " +
                              second.string() + " --format " + format,
                          dir.path().string())
                  .exit_code,
              0);
    auto before = files_in(first);
    EXPECT_EQ(before, files_in(second)) << format;
    // The demo's return is not empty: children and episodes made the trip.
    if (format == "csv") {
      EXPECT_GT(std::count(before["episodes.csv"].begin(), before["episodes.csv"].end(), '\n'), 50);
      EXPECT_GT(std::count(before["reviews.csv"].begin(), before["reviews.csv"].end(), '\n'), 10);
    }
  }
}

}  // namespace
}  // namespace safeguard::ssda903
