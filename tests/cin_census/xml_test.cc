// Reading CIN census XML: the tables it gives, hostile input refused without a crash, and the
// schema check's problems naming line and element.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "cin_census/export.h"
#include "cin_census/xml.h"

namespace safeguard::cin_census {
namespace {

std::string read_file(const std::string& name) {
  std::ifstream file(std::string(SAFEGUARD_SOURCE_DIR) + "/tests/data/cin_census/" + name);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(CinXml, ReadsTheSampleIntoTables) {
  auto census = read_census_xml(read_file("CIN_Census_2026.xml"));
  ASSERT_TRUE(census.ok()) << census.error().message;
  const Table* identifiers = census->find("ChildIdentifiers");
  ASSERT_NE(identifiers, nullptr);
  ASSERT_EQ(identifiers->row_count, 2u);
  EXPECT_EQ(identifiers->text(0, "LAchildID"), "DfEX0000001");
  EXPECT_EQ(identifiers->text(0, "UPN"), "A123456789123");
  EXPECT_EQ(identifiers->text(1, "Sex"), "M");
  EXPECT_EQ(identifiers->line_numbers[0], 19u);
  const Table* assessments = census->find("Assessments");
  ASSERT_EQ(assessments->row_count, 2u);
  EXPECT_EQ(assessments->text(0, "AssessmentFactors"), "1C,RB,6B");
  EXPECT_EQ(assessments->text(0, "LAchildID"), "DfEX0000001");
  EXPECT_EQ(census->find("AssessmentFactorsList")->row_count, 3u);
  EXPECT_EQ(census->find("Disabilities")->row_count, 3u);
  const Table* details = census->find("CINdetails");
  ASSERT_EQ(details->row_count, 2u);
  EXPECT_NE(details->text(0, "CINdetailsID"), details->text(1, "CINdetailsID"));
  EXPECT_EQ(details->text(0, "DateOfInitialCPC"), "2022-12-06");
  EXPECT_EQ(census->find("Section47")->text(0, "DateOfInitialCPC"), "2022-06-17");
  EXPECT_EQ(census->find("Reviews")->text(0, "CPPreviewDate"), "2023-02-15");
  EXPECT_EQ(census->find("Header")->text(0, "LEA"), "201");
}

TEST(CinXml, RefusesExternalEntitiesAndDoctypes) {
  const std::string xxe =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE Message [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
      "\n<Message><Children><Child><ChildIdentifiers><LAchildID>&secret;</LAchildID>"
      "</ChildIdentifiers></Child></Children></Message>";
  auto census = read_census_xml(xxe);
  ASSERT_FALSE(census.ok());
  EXPECT_NE(census.error().message.find("DOCTYPE"), std::string::npos);
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
      "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><Message>&lol2;</Message>";
  EXPECT_FALSE(read_census_xml(laughs).ok());
}

TEST(CinXml, NamesTheLineOfBrokenXml) {
  auto census = read_census_xml("<Message>\n<Children>\n<Child>\n</Children></Message>");
  ASSERT_FALSE(census.ok());
  EXPECT_NE(census.error().message.find("line 4"), std::string::npos) << census.error().message;
  EXPECT_FALSE(read_census_xml("").ok());
  EXPECT_FALSE(read_census_xml("<Other/>").ok());
  EXPECT_FALSE(read_census_xml(std::string("<Message>\0</Message>", 20)).ok());
}

TEST(CinXml, SurvivesOddButWellFormedInput) {
  std::string deep = "<Message><Children><Child><CINdetails>";
  for (int i = 0; i < 100; ++i) deep += "<Assessments>";
  for (int i = 0; i < 100; ++i) deep += "</Assessments>";
  deep += "</CINdetails></Child><Child/></Children><Children/></Message>";
  auto census = read_census_xml(deep);
  ASSERT_TRUE(census.ok()) << census.error().message;
  EXPECT_EQ(census->find("CINdetails")->row_count, 1u);
}

TEST(CinXml, SchemaProblemsNameLineElementAndReason) {
  // The 2026 sample is fake test data: its first child's Sex is "1", which the 2025/26 schema
  // does not allow, and it has a stray text node in ChildIdentifiers.
  auto problems = check_against_schema(read_file("CIN_Census_2026.xml"), 2026);
  ASSERT_TRUE(problems.ok()) << problems.error().message;
  ASSERT_FALSE(problems->empty());
  bool found_sex = false;
  for (const XmlProblem& problem : *problems) {
    if (problem.element == "Sex") {
      found_sex = true;
      EXPECT_EQ(problem.line, 25);
      EXPECT_FALSE(problem.reason.empty());
    }
  }
  EXPECT_TRUE(found_sex);
  EXPECT_FALSE(check_against_schema("<Message/>", 2031).ok());
}

TEST(CinXml, WrittenTablesReadBackTheSame) {
  auto census = read_census_xml(read_file("CIN_Census_2026.xml"));
  ASSERT_TRUE(census.ok());
  std::string written = write_census_xml(*census, 2026);
  auto again = read_census_xml(written);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(write_census_xml(*again, 2026), written);
  EXPECT_EQ(again->find("Assessments")->text(0, "AssessmentFactors"), "1C,RB,6B");
}

}  // namespace
}  // namespace safeguard::cin_census
