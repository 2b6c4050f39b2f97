// The CIN census from the case record and back: the demo authority's census is valid against the
// year's XSD (checked here with libxml2 directly), imports into an empty database, and exports from
// there as the identical file. A refused file leaves the store as it was.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "cin_census/export.h"
#include "cin_census/import.h"
#include "cin_census/rule.h"
#include "cin_census/validate.h"
#include "domain/children_in_need.h"
#include "support/temp_dir.h"
#include "synthetic/demo_authority.h"

namespace safeguard::cin_census {
namespace {

const domain::CodeLists& codes() {
  static const domain::CodeLists lists = *domain::CodeLists::load_standard();
  return lists;
}

ManualClock& clock() {
  static ManualClock manual(*Timestamp::parse_iso("2026-04-02T09:00:00.000000Z"));
  return manual;
}

std::unique_ptr<store::Store> open_store(const std::string& path) {
  auto opened = store::Store::open(path, store::Store::Mode::kCreateOrMigrate);
  EXPECT_TRUE(opened.ok());
  return std::move(*opened);
}

// A small demo authority, built once for every test here.
store::Store& demo() {
  static testing::TempDir dir;
  static std::unique_ptr<store::Store> store = [] {
    auto built = open_store(dir.file("demo.db"));
    synthetic::DemoOptions options;
    options.children_in_care = 40;
    options.years = 4;
    auto report = synthetic::build_demo_authority(*built, codes(), options, nullptr);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return built;
  }();
  return *store;
}

// Validates with libxml2's own calls against the XSD file in data/reference.
std::vector<std::string> xsd_errors(const std::string& xml, int year) {
  std::vector<std::string> errors;
  std::string path = std::string(SAFEGUARD_SOURCE_DIR) + "/data/reference/cin_census/schema/" +
                     "CIN_schema_" + std::to_string(year) + ".xsd";
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(path.c_str());
  xmlSchemaPtr schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (schema == nullptr) return {"schema did not load: " + path};
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "census.xml", nullptr,
                                XML_PARSE_NONET);
  if (doc == nullptr) {
    xmlSchemaFree(schema);
    return {"not well-formed"};
  }
  xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(schema);
  xmlSchemaSetValidStructuredErrors(
      validator,
      [](void* sink, xmlErrorPtr error) {
        static_cast<std::vector<std::string>*>(sink)->push_back(
            "line " + std::to_string(error->line) + ": " + error->message);
      },
      &errors);
  int outcome = xmlSchemaValidateDoc(validator, doc);
  if (outcome != 0 && errors.empty()) errors.push_back("invalid, code " + std::to_string(outcome));
  xmlSchemaFreeValidCtxt(validator);
  xmlFreeDoc(doc);
  xmlSchemaFree(schema);
  return errors;
}

std::int64_t count_children(store::Store& store) {
  std::int64_t count = -1;
  Status status = store.read([&](store::Transaction& tx) -> Status {
    auto counted = tx.count<domain::Child>();
    if (!counted) return counted.error();
    count = *counted;
    return Status::success();
  });
  EXPECT_TRUE(status.ok());
  return count;
}

class CinRoundTrip : public ::testing::TestWithParam<int> {};

TEST_P(CinRoundTrip, DemoExportIsSchemaValidAndSurvivesImportUnchanged) {
  const int year = GetParam();
  auto first = export_census(demo(), clock(), year, "system:test");
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto census = read_census_xml(*first);
  ASSERT_TRUE(census.ok());
  ASSERT_GT(census->find("ChildIdentifiers")->row_count, 20u) << "the demo should have children";
  ASSERT_GT(census->find("ChildProtectionPlans")->row_count, 0u);
  ASSERT_GT(census->find("Assessments")->row_count, 0u);
  ASSERT_GT(census->find("Section47")->row_count, 0u);
  std::vector<std::string> errors = xsd_errors(*first, year);
  EXPECT_TRUE(errors.empty()) << errors.size() << " schema errors, first: " << errors.front();
  // The other years' schemas differ (Sex against GenderCurrent), so the year matters.
  if (year >= 2025) {
    EXPECT_FALSE(xsd_errors(*first, 2024).empty());
  }

  testing::TempDir dir;
  auto empty = open_store(dir.file("empty.db"));
  auto imported = import_census(*empty, codes(), clock(), *first, year, "system:test");
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  ASSERT_TRUE(imported->imported) << imported->problems.front().text();
  EXPECT_EQ(imported->counts.children_added,
            static_cast<long>(census->find("ChildIdentifiers")->row_count));
  EXPECT_EQ(imported->counts.plans,
            static_cast<long>(census->find("ChildProtectionPlans")->row_count));

  auto second = export_census(*empty, clock(), year, "system:test");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(*second, *first);

  // Loading the same census again is refused, and nothing changes.
  std::int64_t before = count_children(*empty);
  auto again = import_census(*empty, codes(), clock(), *first, year, "system:test");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->imported);
  ASSERT_FALSE(again->problems.empty());
  EXPECT_EQ(again->problems.front().element, "CINreferralDate");
  EXPECT_EQ(count_children(*empty), before);
  auto third = export_census(*empty, clock(), year, "system:test");
  EXPECT_EQ(*third, *first);
}

INSTANTIATE_TEST_SUITE_P(Years, CinRoundTrip, ::testing::Values(2024, 2025, 2026));

TEST(CinImport, RefusesABadFileWholeNamingLineAndElement) {
  auto exported = export_census(demo(), clock(), 2026, "system:test");
  ASSERT_TRUE(exported.ok());
  // Break the last child's primary need code: a schema problem near the end of the file.
  std::string broken = *exported;
  auto at = broken.rfind("<PrimaryNeedCode>");
  ASSERT_NE(at, std::string::npos);
  broken.replace(at, std::string("<PrimaryNeedCode>N1").size(), "<PrimaryNeedCode>Q9");
  int line = 1 + static_cast<int>(std::count(broken.begin(), broken.begin() + at, '\n'));

  testing::TempDir dir;
  auto empty = open_store(dir.file("empty.db"));
  auto outcome = import_census(*empty, codes(), clock(), broken, 2026, "system:test");
  ASSERT_TRUE(outcome.ok());
  EXPECT_FALSE(outcome->imported);
  ASSERT_EQ(outcome->problems.size(), 1u);
  EXPECT_EQ(outcome->problems[0].line, line);
  EXPECT_EQ(outcome->problems[0].element, "PrimaryNeedCode");
  EXPECT_EQ(count_children(*empty), 0);

  // A file for another year is refused by its reference date.
  auto wrong_year = import_census(*empty, codes(), clock(), *exported, 2025, "system:test");
  ASSERT_TRUE(wrong_year.ok());
  EXPECT_FALSE(wrong_year->imported);
  EXPECT_EQ(count_children(*empty), 0);
}

TEST(CinImport, RefusesWhatTheRecordCannotHoldRatherThanLosingIt) {
  auto exported = export_census(demo(), clock(), 2026, "system:test");
  ASSERT_TRUE(exported.ok());
  std::string with_disability = *exported;
  auto at = with_disability.find("</Ethnicity>");
  ASSERT_NE(at, std::string::npos);
  with_disability.insert(at + std::string("</Ethnicity>").size(),
                         "<Disabilities><Disability>HAND</Disability></Disabilities>");
  testing::TempDir dir;
  auto empty = open_store(dir.file("empty.db"));
  auto outcome = import_census(*empty, codes(), clock(), with_disability, 2026, "system:test");
  ASSERT_TRUE(outcome.ok());
  EXPECT_FALSE(outcome->imported);
  ASSERT_FALSE(outcome->problems.empty());
  EXPECT_EQ(outcome->problems[0].element, "Disability");
  EXPECT_EQ(count_children(*empty), 0);
}

TEST(CinValidate, DemoCensusRunsEveryImplementedRule) {
  auto exported = export_census(demo(), clock(), 2026, "system:test");
  ASSERT_TRUE(exported.ok());
  auto census = read_census_xml(*exported);
  ASSERT_TRUE(census.ok());
  RuleRegistry registry = add_all_rules();
  auto report = validate_census(*census, 2026, registry);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_GT(report->rules_run, 0u);
  for (const Failure& failure : report->failures) {
    if (failure.row) {
      EXPECT_GT(failure.line, 0) << failure.code;
    }
  }
}

}  // namespace
}  // namespace safeguard::cin_census
