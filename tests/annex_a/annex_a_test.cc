// Annex A from the demo authority: the template's columns, row counts that match the records in
// the store, and a workbook that opens (read back from its zip) with the same rows as the CSV.
#include "annex_a/annex_a.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "csv/csv.h"
#include "domain/children_in_need.h"
#include "domain/front_door.h"
#include "support/temp_dir.h"
#include "synthetic/demo_authority.h"

namespace safeguard::annex_a {
namespace {

const Date kAsOf = *Date::parse_iso("2026-03-31");

struct Demo {
  testing::TempDir dir;
  std::unique_ptr<store::Store> store;
  AnnexA annex;
};

Demo& demo() {
  static Demo built;
  static bool ready = [] {
    Demo& d = built;
    auto opened = store::Store::open(d.dir.file("demo.db"), store::Store::Mode::kCreateOrMigrate);
    EXPECT_TRUE(opened.ok());
    d.store = std::move(*opened);
    static const domain::CodeLists codes = *domain::CodeLists::load_standard();
    synthetic::DemoOptions options;
    options.children_in_care = 40;
    options.years = 4;
    auto report = synthetic::build_demo_authority(*d.store, codes, options, nullptr);
    EXPECT_TRUE(report.ok()) << report.error().message;
    static ManualClock clock(*Timestamp::parse_iso("2026-04-01T09:00:00.000000Z"));
    auto annex = export_annex_a(*d.store, clock, kAsOf, "system:test");
    EXPECT_TRUE(annex.ok()) << annex.error().message;
    d.annex = std::move(*annex);
    return true;
  }();
  EXPECT_TRUE(ready);
  return built;
}

std::string read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// A file inside a zip archive, read with the system's unzip.
std::string unzip(const std::string& archive, const std::string& member) {
  std::string command = "unzip -p '" + archive + "' '" + member + "'";
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

template <typename Record, typename Keep>
std::size_t count_in_store(Keep keep) {
  std::size_t count = 0;
  Status status = demo().store->read([&](store::Transaction& tx) -> Status {
    return tx.for_each<Record>([&](const Record& record) -> Status {
      count += keep(record) ? 1 : 0;
      return Status::success();
    });
  });
  EXPECT_TRUE(status.ok());
  return count;
}

TEST(AnnexA, ElevenListsWithTheTemplatesColumns) {
  const AnnexA& annex = demo().annex;
  ASSERT_EQ(annex.lists.size(), 11u);
  auto reference = csv::parse_table(
      read_text(std::string(SAFEGUARD_SOURCE_DIR) + "/tests/data/annex_a/annex_a_columns.csv"));
  ASSERT_TRUE(reference.ok());
  std::vector<std::vector<std::string>> expected(11);
  for (const auto& row : reference->rows) expected[std::stoul(row[0]) - 1].push_back(row[2]);
  for (std::size_t i = 0; i < 11; ++i) {
    EXPECT_EQ(annex.lists[i].name, "List " + std::to_string(i + 1));
    EXPECT_EQ(annex.lists[i].columns, expected[i]) << annex.lists[i].name;
    for (const auto& row : annex.lists[i].rows) {
      ASSERT_EQ(row.size(), expected[i].size());
    }
  }
  EXPECT_EQ(annex.period_start, *Date::parse_iso("2025-09-30"));
}

TEST(AnnexA, RowCountsMatchTheRecord) {
  const AnnexA& annex = demo().annex;
  Date from = annex.period_start;
  auto in_period = [&](Date date) { return date >= from && date <= kAsOf; };
  std::size_t contacts =
      count_in_store<domain::Contact>([&](const auto& c) { return in_period(c.date); });
  std::size_t referrals =
      count_in_store<domain::Referral>([&](const auto& r) { return in_period(r.date); });
  std::size_t episodes = count_in_store<domain::ChildInNeedEpisode>(
      [&](const auto& e) { return e.start_date <= kAsOf && (!e.end_date || *e.end_date >= from); });
  std::size_t plans = count_in_store<domain::ChildProtectionPlan>(
      [&](const auto& p) { return p.start_date <= kAsOf && (!p.end_date || *p.end_date >= from); });
  std::size_t enquiries = count_in_store<domain::Section47Enquiry>(
      [&](const auto& s) { return in_period(s.strategy_discussion_date); });
  EXPECT_GT(contacts, 0u);
  EXPECT_GT(plans, 0u);
  EXPECT_EQ(annex.lists[0].rows.size(), contacts);
  EXPECT_EQ(annex.lists[2].rows.size(), referrals);
  EXPECT_EQ(annex.lists[4].rows.size(), enquiries);
  EXPECT_EQ(annex.lists[5].rows.size(), episodes);
  EXPECT_EQ(annex.lists[6].rows.size(), plans);
  EXPECT_GT(annex.lists[7].rows.size(), 30u) << "about 40 children in care at the end date";
  EXPECT_TRUE(annex.lists[1].rows.empty()) << "no early help assessments on the record";
  EXPECT_TRUE(annex.lists[10].rows.empty()) << "no adopters on the record";
}

TEST(AnnexA, CellsUseTheTemplatesCategories) {
  const List& referrals = demo().annex.lists[2];
  ASSERT_FALSE(referrals.rows.empty());
  const auto& row = referrals.rows.front();
  EXPECT_TRUE(row[1].text == "a) Male" || row[1].text == "b) Female" ||
              row[1].text == "c) Not stated/recorded")
      << row[1].text;
  EXPECT_EQ(row[2].text.substr(1, 2), ") ") << row[2].text;
  ASSERT_TRUE(row[3].date.has_value());
  EXPECT_EQ(row[4].text, std::to_string(row[3].date->age_on(kAsOf)));
  EXPECT_TRUE(row[7].text == "a) Yes" || row[7].text == "b) No");
}

TEST(AnnexA, WorkbookOpensWithEveryRowAndMatchesTheCsv) {
  const AnnexA& annex = demo().annex;
  testing::TempDir dir;
  std::string workbook = dir.file("annex_a.xlsx");
  ASSERT_TRUE(write_xlsx(annex, workbook).ok());
  std::string sheets = unzip(workbook, "xl/workbook.xml");
  ASSERT_FALSE(sheets.empty()) << "unzip could not read the workbook";
  for (int i = 1; i <= 11; ++i) {
    EXPECT_NE(sheets.find("name=\"List " + std::to_string(i) + "\""), std::string::npos) << i;
  }
  std::string strings = unzip(workbook, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("Child Unique ID"), std::string::npos);
  auto files = write_csv(annex, dir.file("csv"));
  ASSERT_TRUE(files.ok()) << files.error().message;
  ASSERT_EQ(files->size(), 11u);
  for (std::size_t i = 0; i < 11; ++i) {
    std::string sheet = unzip(workbook, "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
    EXPECT_EQ(count_of(sheet, "<row "), annex.lists[i].rows.size() + 1) << annex.lists[i].name;
    auto table = csv::parse_table(read_text((*files)[i]));
    ASSERT_TRUE(table.ok()) << (*files)[i];
    EXPECT_EQ(table->rows.size(), annex.lists[i].rows.size());
    EXPECT_EQ(table->columns, annex.lists[i].columns);
  }
  // Dates are dates in the workbook (a number with the date style), dd/mm/yyyy in the CSV.
  auto first = csv::parse_table(read_text((*files)[0]));
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->rows.empty());
  EXPECT_EQ(first->rows[0][5], annex.lists[0].rows[0][5].date->uk());
}

TEST(AnnexA, RefusesAnUnwritablePlace) {
  EXPECT_FALSE(write_xlsx(demo().annex, "/nonexistent-dir/annex.xlsx").ok());
  EXPECT_FALSE(write_csv(demo().annex, "/proc/annex").ok());
}

}  // namespace
}  // namespace safeguard::annex_a
