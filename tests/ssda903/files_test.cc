// The SSDA903 file layouts: every table written and read back in CSV and XML, the DfE's sample
// files, and malformed input reported by file, line, column and reason.
#include <gtest/gtest.h>
#include <libxml/xmlschemas.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "ssda903/files.h"
#include "ssda903/layout.h"
#include "support/temp_dir.h"

namespace safeguard::ssda903 {
namespace {

std::string sample_path(const std::string& name) {
  return SAFEGUARD_SOURCE_DIR "/tests/data/ssda903/sample/" + name;
}

std::string read_file(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::stringstream text;
  text << stream.rdbuf();
  return text.str();
}

// A plausible value for a column, varying by row so that rows differ.
std::string value_for(const TableLayout& table, const ColumnLayout& column, std::size_t row) {
  if (column.name == "CHILD") return "C" + std::to_string(100 + row);
  switch (column.kind) {
    case CellKind::kDate:
      return std::to_string(10 + row) + "/0" + std::to_string(4 + row) + "/2024";
    case CellKind::kInteger:
      return std::to_string(12 + row);
    case CellKind::kCode:
      if (column.name == "SEX") return "M";
      return std::string(column.name.substr(0, 2)) + std::to_string(row);
    case CellKind::kText:
      break;
  }
  // Readers put letters in upper case, as the DfE's tool does, so the test values are upper case.
  std::string text =
      std::string(table.name.substr(0, 3)) + " " + std::string(column.name) + std::to_string(row);
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Two rows per table for children C100 and C101 (Header first, so every child has a HEADER), with
// one blank optional cell.
Return full_return(int year) {
  Return data;
  for (const TableLayout* layout : layouts_for_year(year)) {
    Table& table = data.table(layout->name);
    for (const ColumnLayout& column : layout->columns) table.add_column(column.name);
    for (std::size_t row = 0; row < 2; ++row) {
      table.add_row();
      for (std::size_t c = 0; c < layout->columns.size(); ++c) {
        const ColumnLayout& column = layout->columns[c];
        table.columns[c].cells[row] = value_for(*layout, column, row);
        if (row == 1 && !column.required) table.columns[c].cells[row].reset();
      }
      // Every row of a child shares its date of birth, as the XML layout holds it once.
      if (Column* dob = table.column("DOB"))
        dob->cells[row] = "0" + std::to_string(row + 1) + "/02/2010";
      if (Column* sex = table.column("SEX")) sex->cells[row] = row == 0 ? "M" : "F";
    }
  }
  return data;
}

void expect_same_cells(const Table& expected, const Table& actual, const TableLayout& layout) {
  ASSERT_EQ(expected.row_count, actual.row_count) << layout.name;
  for (const ColumnLayout& column : layout.columns) {
    for (std::size_t row = 0; row < expected.row_count; ++row) {
      EXPECT_EQ(expected.cell(row, column.name), actual.cell(row, column.name))
          << layout.name << " row " << row << " column " << column.name;
    }
  }
}

class EveryYear : public ::testing::TestWithParam<int> {};

TEST_P(EveryYear, EveryTableRoundTripsThroughCsv) {
  int year = GetParam();
  Return data = full_return(year);
  for (const TableLayout* layout : layouts_for_year(year)) {
    std::string text = write_csv(*data.find(layout->name), *layout);
    // The DfE's column names, in order, as the first line.
    std::string first_line = text.substr(0, text.find("\r\n"));
    std::string expected;
    for (const auto& name : layout->column_names())
      expected += (expected.empty() ? "" : ",") + name;
    EXPECT_EQ(first_line, expected);
    ReadResult read;
    read_csv(text, layout->file_name, year, read);
    ASSERT_TRUE(read.problems.empty()) << read.problems.front().text();
    const Table* table = read.data.find(layout->name);
    ASSERT_NE(table, nullptr) << layout->name;
    expect_same_cells(*data.find(layout->name), *table, *layout);
    EXPECT_EQ(table->line_numbers, (std::vector<std::size_t>{2, 3}));
  }
}

TEST_P(EveryYear, EveryTableRoundTripsThroughXml) {
  int year = GetParam();
  Return data = full_return(year);
  std::string text = write_xml(data, year);
  ReadResult read;
  read_xml(text, "return.xml", year, read);
  ASSERT_TRUE(read.problems.empty()) << read.problems.front().text();
  for (const TableLayout* layout : layouts_for_year(year)) {
    const Table* table = read.data.find(layout->name);
    ASSERT_NE(table, nullptr) << layout->name;
    Table expected = *data.find(layout->name);
    // The XML holds one adoption (AD1), one care leaver record (OC3) and one UASC record per child:
    // both test children have one each, so nothing is lost.
    expect_same_cells(expected, *table, *layout);
  }
}

TEST_P(EveryYear, DirectoryWriteAndReadGiveTheSameTables) {
  int year = GetParam();
  Return data = full_return(year);
  for (std::string format : {"csv", "xml"}) {
    testing::TempDir dir;
    auto written = write_directory(data, year, dir.path(), format);
    ASSERT_TRUE(written) << written.error().message;
    ReadResult read;
    read_directory(dir.path(), year, read);
    ASSERT_TRUE(read.problems.empty()) << read.problems.front().text();
    EXPECT_EQ(read.format, format);
    for (const TableLayout* layout : layouts_for_year(year)) {
      ASSERT_NE(read.data.find(layout->name), nullptr) << format << " " << layout->name;
      expect_same_cells(*data.find(layout->name), *read.data.find(layout->name), *layout);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Ssda903, EveryYear, ::testing::Range(kFirstYear, kLastYear + 1));

TEST(Layout, NewerTablesBelongToTheirYears) {
  auto names = [](int year) {
    std::vector<std::string> out;
    for (const TableLayout* layout : layouts_for_year(year)) out.emplace_back(layout->name);
    return out;
  };
  EXPECT_EQ(names(2023).size(), 10u);
  EXPECT_EQ(names(2024).size(), 11u);
  EXPECT_EQ(names(2024).back(), "SWEpisodes");
  EXPECT_EQ(names(2027).back(), "DoLo");
  EXPECT_EQ(find_layout("Episodes_last"), find_layout("Episodes"));
  EXPECT_EQ(identify_table({"CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"}, 2023),
            nullptr);
  EXPECT_NE(identify_table({"SW_REASON", "CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC"}, 2024),
            nullptr);
}

TEST(ReadCsv, KeepsCellsAsTheDfEToolReadsThem) {
  ReadResult read;
  read_csv("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n  a1 ,m,01/02/2010,wbri,,,\r\n", "h.csv",
           2025, read);
  ASSERT_TRUE(read.problems.empty());
  const Table* header = read.data.find("Header");
  ASSERT_NE(header, nullptr);
  EXPECT_EQ(header->cell(0, "CHILD"), Cell("A1"));
  EXPECT_EQ(header->cell(0, "SEX"), Cell("M"));
  EXPECT_EQ(header->cell(0, "ETHNIC"), Cell("WBRI"));
  EXPECT_EQ(header->cell(0, "UPN"), std::nullopt);
}

TEST(ReadCsv, ColumnsMayComeInAnyOrder) {
  ReadResult read;
  read_csv("DOB,CHILD,REVIEW_CODE,REVIEW\n01/01/2010,7,PN1,02/03/2024\n", "r.csv", 2024, read);
  ASSERT_TRUE(read.problems.empty());
  EXPECT_EQ(read.data.find("Reviews")->cell(0, "REVIEW"), Cell("02/03/2024"));
}

TEST(ReadCsv, AnUnclosedQuoteNamesItsLine) {
  ReadResult read;
  read_csv("CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,01/05/2024,PN1\n2,\"01/01/2010,x,y\n",
           "reviews.csv", 2024, read);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].file, "reviews.csv");
  EXPECT_EQ(read.problems[0].line, 3u);
  EXPECT_NE(read.problems[0].reason.find("never closes"), std::string::npos);
  EXPECT_EQ(read.data.find("Reviews"), nullptr);
}

TEST(ReadCsv, ARowOfTheWrongLengthNamesItsLine) {
  ReadResult read;
  read_csv("CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,01/05/2024,PN1\n\n2,01/01/2010,PN1\n",
           "reviews.csv", 2024, read);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].line, 4u);
  EXPECT_NE(read.problems[0].reason.find("3 fields"), std::string::npos);
}

TEST(ReadCsv, AMissingColumnIsNamed) {
  ReadResult read;
  read_csv("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,HOME_POST,PL_POST,URN\n",
           "episodes.csv", 2025, read);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].line, 1u);
  EXPECT_EQ(read.problems[0].column, "REASON_PLACE_CHANGE");
  EXPECT_NE(read.problems[0].reason.find("Episodes"), std::string::npos);
}

TEST(ReadCsv, AnExtraColumnIsNamed) {
  ReadResult read;
  read_csv("CHILD,DOB,REVIEW,REVIEW_CODE,NOTES\n", "reviews.csv", 2025, read);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].column, "NOTES");
}

TEST(ReadCsv, ATableFromALaterYearIsRefused) {
  ReadResult read;
  read_csv(read_file(sample_path("DoLo.csv")), "DoLo.csv", 2025, read);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_NE(read.problems[0].reason.find("not part of the 2024/25 return"), std::string::npos);
}

TEST(ReadCsv, TheSameTableTwiceIsAProblem) {
  ReadResult read;
  read_csv("CHILD,DOB,REVIEW,REVIEW_CODE\n", "a.csv", 2025, read);
  read_csv("CHILD,DOB,REVIEW,REVIEW_CODE\n", "b.csv", 2025, read);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].file, "b.csv");
}

TEST(ReadCsv, AnEmptyFileIsAProblemNotACrash) {
  ReadResult read;
  read_csv("", "empty.csv", 2025, read);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].file, "empty.csv");
}

TEST(ReadSamples, TheDfESampleCsvFilesRead) {
  // The shared samples are full of deliberate rule errors, but their layout is the DfE's.
  ReadResult read;
  for (const char* name :
       {"header.csv", "episodes.csv", "reviews.csv", "uasc.csv", "oc2.csv", "oc3.csv", "ad1.csv",
        "placed_for_adoption.csv", "previous_permanence.csv", "missing.csv", "sw_episodes.csv"}) {
    read_csv(read_file(sample_path(name)), name, 2024, read);
  }
  ASSERT_TRUE(read.problems.empty()) << read.problems.front().text();
  EXPECT_EQ(read.data.tables.size(), 11u);
  EXPECT_EQ(read.data.find("Episodes")->row_count, 5050u);
  EXPECT_EQ(read.data.find("SWEpisodes")->cell(0, "SW_REASON"), Cell("SWLAZY"));
  add_derived_columns(read.data);
  const Table* header = read.data.find("Header");
  ASSERT_NE(header->column("UASC"), nullptr);
  std::size_t flagged = 0;
  for (const Cell& cell : header->column("UASC")->cells) flagged += cell == Cell("1");
  EXPECT_GT(flagged, 0u);
}

TEST(ReadSamples, TheDfESampleXmlReads) {
  std::string text = read_file(sample_path("fake_903.xml"));
  ReadResult read;
  read_xml(text, "fake_903.xml", 2023, read);
  ASSERT_TRUE(read.problems.empty()) << read.problems.front().text();
  std::size_t children = 0;
  for (std::size_t at = text.find("<CHILD>"); at != std::string::npos;
       at = text.find("<CHILD>", at + 1)) {
    ++children;
  }
  EXPECT_EQ(read.data.find("Header")->row_count, children);
  std::size_t episodes = 0;
  for (std::size_t at = text.find("<EPISODE>"); at != std::string::npos;
       at = text.find("<EPISODE>", at + 1)) {
    ++episodes;
  }
  EXPECT_EQ(read.data.find("Episodes")->row_count, episodes);
  EXPECT_EQ(read.data.find("Header")->cell(0, "CHILD"), Cell("907440"));
  EXPECT_EQ(read.data.find("Episodes")->cell(0, "PLACE"), Cell("R5"));
  EXPECT_EQ(read.data.find("Reviews")->cell(0, "DOB"), Cell("28/07/2010"));
}

TEST(ReadXml, MalformedXmlNamesItsLine) {
  ReadResult read;
  read_xml("<EXPSSDA903>\n<CHILD>\n<HEADER><CHILDID>1</CHILDID>\n</CHILD>\n", "bad.xml", 2025,
           read);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].file, "bad.xml");
  EXPECT_GE(read.problems[0].line, 3u);
  EXPECT_NE(read.problems[0].reason.find("not well-formed"), std::string::npos);
}

TEST(ReadXml, UnexpectedElementsAreNamedWithTheirLines) {
  ReadResult read;
  read_xml(
      "<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILDID><DOB>01/01/2010</DOB>\n"
      "<SHOE>9</SHOE></HEADER>\n<EPISODE><DECOM>01/05/2024</DECOM><PL>U1</PL><PL>U2</PL>"
      "</EPISODE>\n</CHILD></EXPSSDA903>",
      "x.xml", 2025, read);
  ASSERT_EQ(read.problems.size(), 2u);
  EXPECT_EQ(read.problems[0].line, 3u);
  EXPECT_NE(read.problems[0].reason.find("<SHOE>"), std::string::npos);
  EXPECT_EQ(read.problems[1].line, 4u);
  EXPECT_EQ(read.problems[1].column, "PLACE");
  EXPECT_TRUE(read.data.tables.empty());
}

TEST(ReadXml, TheWrongRootIsRefused) {
  ReadResult read;
  read_xml("<Message><Header/></Message>", "cin.xml", 2025, read);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_NE(read.problems[0].reason.find("EXPSSDA903"), std::string::npos);
}

TEST(ReadXml, SocialWorkerEpisodesBeforeTheirYearAreRefused) {
  ReadResult read;
  read_xml(
      "<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID></HEADER><SW_EPISODE><SW_ID>S1</SW_ID>"
      "</SW_EPISODE></CHILD></EXPSSDA903>",
      "x.xml", 2023, read);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_NE(read.problems[0].reason.find("2023/24"), std::string::npos);
}

// The XML we write for the years the DfE's 2021 schema covers (no SW episodes, no DoLo) is valid
// against that schema.
TEST(WriteXml, IsValidAgainstTheDfESchema) {
  Return data = full_return(2023);
  // Values the schema constrains: codes of the right length, dates dd/mm/yyyy.
  for (auto& [name, table] : data.tables) {
    for (Column& column : table.columns) {
      const ColumnLayout* layout = find_layout(name)->column(column.name);
      for (Cell& cell : column.cells) {
        if (!cell || layout->kind != CellKind::kCode) continue;
        if (column.name == "SEX") cell = "1";
        if (column.name == "ETHNIC") cell = "WBRI";
        if (column.name == "LS" || column.name == "CIN" || column.name == "PLACE") cell = "C2";
        if (column.name == "RNE" || column.name == "MOTHER" || column.name == "MISSING") cell = "S";
        if (column.name == "REVIEW_CODE") cell = "PN1";
        if (column.name == "FOSTER_CARE" || column.name == "NB_ADOPTR") cell = "1";
        if (column.name.find("_ADOPTR") != std::string_view::npos && column.name != "NB_ADOPTR") {
          cell = "M1";
        }
        if (column.name == "REC" || column.name == "REASON_PLACE_CHANGE") cell = "E11";
        if (column.name.starts_with("SDQ_REASON") || column.name == "IN_TOUCH") cell = "SDQ1";
        if (column.name == "PREV_PERM") cell = "P1";
        if (layout->code_list == "OC2_YES_NO") cell = "1";
      }
    }
  }
  for (auto& [name, table] : data.tables) {
    if (Column* upn = table.column("UPN")) upn->cells = {"A123", "B456"};
    if (Column* post = table.column("HOME_POST")) post->cells = {"AB1", std::nullopt};
    if (Column* post = table.column("PL_POST")) post->cells = {"CD2", std::nullopt};
    if (Column* urn = table.column("URN")) urn->cells = {"SC12345", std::nullopt};
    if (Column* la = table.column("LA_PERM")) la->cells = {"316", std::nullopt};
    if (Column* date = table.column("DATE_PERM")) date->cells = {"01/01/2015", std::nullopt};
    if (Column* accom = table.column("ACCOM")) accom->cells = {"B1", "Z1"};
    if (Column* activ = table.column("ACTIV")) activ->cells = {"F1", "P1"};
  }
  std::string text = write_xml(data, 2023);
  std::string xsd = SAFEGUARD_SOURCE_DIR "/tests/data/ssda903/CLA_SSDA903_2021_v3.3.0.xsd";
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(xsd.c_str());
  ASSERT_NE(parser, nullptr);
  xmlSchemaPtr schema = xmlSchemaParse(parser);
  ASSERT_NE(schema, nullptr);
  xmlSchemaValidCtxtPtr context = xmlSchemaNewValidCtxt(schema);
  xmlDocPtr document =
      xmlReadMemory(text.data(), static_cast<int>(text.size()), "out.xml", nullptr, 0);
  ASSERT_NE(document, nullptr);
  EXPECT_EQ(xmlSchemaValidateDoc(context, document), 0) << text.substr(0, 3000);
  xmlFreeDoc(document);
  xmlSchemaFreeValidCtxt(context);
  xmlSchemaFree(schema);
  xmlSchemaFreeParserCtxt(parser);
}

}  // namespace
}  // namespace safeguard::ssda903
