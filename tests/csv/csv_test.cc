// Proves the RFC 4180 reader and writer: quoted fields holding commas, doubled quotes and line
// breaks; a UTF-8 byte order mark; CRLF, LF and mixed line ends; a trailing blank line; errors that
// name the line for an unterminated quote, text after a closing quote and a row of the wrong width;
// and that anything format_record writes, parse_records reads back exactly (a seeded property
// test). csv_fuzz_test.cc feeds it random bytes.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "csv/csv.h"

namespace safeguard::csv {
namespace {

using Records = std::vector<std::vector<std::string>>;

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// --- records that parse --------------------------------------------------------------------------

struct GoodCsv {
  const char* name;
  std::string text;
  Records expected;
};

class RecordsParse : public testing::TestWithParam<GoodCsv> {};

TEST_P(RecordsParse, IntoTheExpectedFields) {
  auto records = parse_records(GetParam().text);
  ASSERT_TRUE(records.ok()) << records.error().message;
  EXPECT_EQ(*records, GetParam().expected) << printable(GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Rfc4180, RecordsParse,
    testing::Values(
        GoodCsv{"lf", "a,b,c\n", {{"a", "b", "c"}}},
        GoodCsv{"crlf", "a,b\r\nc,d\r\n", {{"a", "b"}, {"c", "d"}}},
        GoodCsv{"no_final_line_end", "a,b\nc,d", {{"a", "b"}, {"c", "d"}}},
        GoodCsv{"mixed_line_ends", "a,b\r\nc,d\ne,f\r\n", {{"a", "b"}, {"c", "d"}, {"e", "f"}}},
        GoodCsv{"lone_cr_ends_a_record", "a\rb", {{"a"}, {"b"}}},
        GoodCsv{"comma_inside_quotes",
                "\"Flat 2, 10 High St\",SW1A 1AA\n",
                {{"Flat 2, 10 High St", "SW1A 1AA"}}},
        GoodCsv{"doubled_quotes", "\"she said \"\"no\"\"\",x\n", {{"she said \"no\"", "x"}}},
        GoodCsv{"only_a_quote", "\"\"\"\"\n", {{"\""}}},
        GoodCsv{"crlf_inside_quotes",
                "\"line one\r\nline two\",x\r\ny,z\r\n",
                {{"line one\r\nline two", "x"}, {"y", "z"}}},
        GoodCsv{"lf_inside_quotes", "\"line one\nline two\",x\n", {{"line one\nline two", "x"}}},
        GoodCsv{"cr_inside_quotes", "\"a\rb\"\n", {{"a\rb"}}},
        GoodCsv{"byte_order_mark",
                "\xEF\xBB\xBFlist,code\r\nPLACE,U1\r\n",
                {{"list", "code"}, {"PLACE", "U1"}}},
        GoodCsv{"byte_order_mark_then_quote", "\xEF\xBB\xBF\"a,b\",c\n", {{"a,b", "c"}}},
        GoodCsv{"empty_fields", ",,\n", {{"", "", ""}}},
        GoodCsv{"trailing_empty_field", "a,b,\n", {{"a", "b", ""}}},
        GoodCsv{"empty_quoted_field", "\"\",x\n", {{"", "x"}}}, GoodCsv{"empty_text", "", {}},
        GoodCsv{"blank_line_is_one_empty_field", "a\n\nb\n", {{"a"}, {""}, {"b"}}},
        GoodCsv{"trailing_blank_line", "a,b\r\n\r\n", {{"a", "b"}, {""}}},
        GoodCsv{"spaces_are_kept", " a , b \n", {{" a ", " b "}}},
        GoodCsv{"quote_inside_unquoted_field_is_literal", "ab\"c,d\n", {{"ab\"c", "d"}}},
        GoodCsv{"utf8_names", "Zo\xC3\xAB,\xC5\x81ukasz\n", {{"Zo\xC3\xAB", "\xC5\x81ukasz"}}},
        GoodCsv{"quoted_field_at_end_of_text", "a,\"b\"", {{"a", "b"}}}),
    [](const testing::TestParamInfo<GoodCsv>& param_info) {
      return std::string(param_info.param.name);
    });

// --- records that are refused --------------------------------------------------------------------

struct BadCsv {
  const char* name;
  std::string text;
  std::string message_contains;
};

class RecordsRefused : public testing::TestWithParam<BadCsv> {};

TEST_P(RecordsRefused, WithAnErrorNamingTheLine) {
  auto records = parse_records(GetParam().text);
  ASSERT_FALSE(records.ok()) << printable(GetParam().text);
  EXPECT_EQ(records.error().kind, ErrorKind::kInvalid);
  EXPECT_NE(records.error().message.find(GetParam().message_contains), std::string::npos)
      << records.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, RecordsRefused,
    testing::Values(
        BadCsv{"unterminated_quote_line_1", "\"never closed,a\n", "line 1: a quoted field opens"},
        BadCsv{"unterminated_quote_line_2", "a,b\r\n\"unterminated,c\r\n",
               "line 2: a quoted field opens here and never closes"},
        BadCsv{"unterminated_quote_after_multiline_field", "\"x\ny\",z\n\"open\nmore",
               "line 3: a quoted field opens"},
        BadCsv{"unterminated_after_doubled_quote", "a\n\"ends with a doubled quote\"\"",
               "line 2: a quoted field opens"},
        BadCsv{"text_after_closing_quote", "\"a\"b,c\n", "line 1: text follows a closing quote"},
        BadCsv{"text_after_closing_quote_line_3", "a\nb\n\"c\" ,d\n",
               "line 3: text follows a closing quote"}),
    [](const testing::TestParamInfo<BadCsv>& param_info) {
      return std::string(param_info.param.name);
    });

// --- tables --------------------------------------------------------------------------------------

TEST(Table, ReadsTheHeaderRowsAndTheLineEachRowStartsOn) {
  auto table = parse_table("CHILD,SEX,DOB\r\n1,M,\"01/02/2010\"\r\n\"2\nb\",F,03/04/2012\r\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->columns, (std::vector<std::string>{"CHILD", "SEX", "DOB"}));
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0], (std::vector<std::string>{"1", "M", "01/02/2010"}));
  EXPECT_EQ(table->rows[1], (std::vector<std::string>{"2\nb", "F", "03/04/2012"}));
  EXPECT_EQ(table->line_numbers, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(table->column("SEX"), 1u);
  EXPECT_EQ(table->column("DOB"), 2u);
  EXPECT_EQ(table->column("sex"), std::nullopt);  // names are matched exactly
  EXPECT_EQ(table->column("UPN"), std::nullopt);
}

TEST(Table, LineNumbersCountLineBreaksInsideQuotes) {
  auto table = parse_table("a,b\n\"x\ny\nz\",1\n2,3\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->line_numbers, (std::vector<std::size_t>{2, 5}));
}

TEST(Table, SkipsBlankLinesSuchAsATrailingOne) {
  for (std::string text : {"a,b\r\n1,2\r\n\r\n", "a,b\n1,2\n\n", "a,b\n\n1,2\n", "a,b\n1,2"}) {
    auto table = parse_table(text);
    ASSERT_TRUE(table.ok()) << printable(text) << ": " << table.error().message;
    ASSERT_EQ(table->rows.size(), 1u) << printable(text);
    EXPECT_EQ(table->rows[0], (std::vector<std::string>{"1", "2"}));
  }
}

TEST(Table, HeaderOnlyHasNoRows) {
  auto table = parse_table("a,b\r\n");
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE(table->rows.empty());
}

TEST(Table, EmptyFileIsRefused) {
  for (std::string text : {"", "\xEF\xBB\xBF"}) {
    auto table = parse_table(text);
    ASSERT_FALSE(table.ok());
    EXPECT_NE(table.error().message.find("empty"), std::string::npos) << table.error().message;
  }
}

struct WidthCase {
  const char* name;
  std::string text;
  std::string message;
};

class RowWidthMismatch : public testing::TestWithParam<WidthCase> {};

TEST_P(RowWidthMismatch, IsRefusedNamingTheLine) {
  auto table = parse_table(GetParam().text);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(table.error().message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, RowWidthMismatch,
    testing::Values(
        WidthCase{"short", "a,b\n1,2\n3\n", "line 3: 1 fields where the header has 2"},
        WidthCase{"long", "a,b\r\n1,2,3\r\n", "line 2: 3 fields where the header has 2"},
        WidthCase{"after_multiline_field", "a,b\n\"x\ny\",2\n3,4,5\n",
                  "line 4: 3 fields where the header has 2"},
        WidthCase{"trailing_comma", "a,b\n1,2,\n", "line 2: 3 fields where the header has 2"}),
    [](const testing::TestParamInfo<WidthCase>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(Table, PadShortRowsFillsMissingTrailingFieldsButStillRefusesLongRows) {
  auto padded = parse_table("a,b,c\n1\n2,3\n", /*pad_short_rows=*/true);
  ASSERT_TRUE(padded.ok()) << padded.error().message;
  ASSERT_EQ(padded->rows.size(), 2u);
  EXPECT_EQ(padded->rows[0], (std::vector<std::string>{"1", "", ""}));
  EXPECT_EQ(padded->rows[1], (std::vector<std::string>{"2", "3", ""}));

  auto long_row = parse_table("a,b\n1,2,3\n", /*pad_short_rows=*/true);
  ASSERT_FALSE(long_row.ok());
  EXPECT_NE(long_row.error().message.find("line 2"), std::string::npos);
}

TEST(Table, ErrorsFromTheReaderPassThrough) {
  auto table = parse_table("a,b\n1,\"2\n");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.error().message.find("line 2"), std::string::npos) << table.error().message;
}

// --- writing -------------------------------------------------------------------------------------

TEST(EscapeField, QuotesOnlyWhenItMust) {
  EXPECT_EQ(escape_field("plain"), "plain");
  EXPECT_EQ(escape_field(""), "");
  EXPECT_EQ(escape_field(" spaced "), " spaced ");
  EXPECT_EQ(escape_field("a,b"), "\"a,b\"");
  EXPECT_EQ(escape_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(escape_field("\""), "\"\"\"\"");
  EXPECT_EQ(escape_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(escape_field("two\r\nlines"), "\"two\r\nlines\"");
  EXPECT_EQ(escape_field("cr\r"), "\"cr\r\"");
}

TEST(FormatRecord, JoinsWithCommasAndEndsWithCrlf) {
  EXPECT_EQ(format_record({"a", "b,c", ""}), "a,\"b,c\",\r\n");
  EXPECT_EQ(format_record({"only"}), "only\r\n");
  EXPECT_EQ(format_record({""}), "\r\n");
}

// Property: any records of any fields (drawn from the characters that matter to CSV) written with
// format_record read back unchanged with parse_records and, with a header, parse_table.
TEST(RoundTrip, RandomRecordsSurviveFormatThenParse) {
  std::mt19937 random(4180);
  const std::string alphabet = std::string("ab ,\"\r\n\t;'x") + "\xC3\xA9" + std::string(1, '\0');
  std::uniform_int_distribution<int> field_length(0, 8);
  std::uniform_int_distribution<int> record_width(1, 6);
  std::uniform_int_distribution<int> record_count(1, 8);
  std::uniform_int_distribution<std::size_t> character(0, alphabet.size() - 1);
  for (int trial = 0; trial < 3'000; ++trial) {
    Records records(static_cast<std::size_t>(record_count(random)));
    int width = record_width(random);
    std::string text;
    for (auto& record : records) {
      for (int f = 0; f < width; ++f) {
        std::string field;
        for (int n = field_length(random); n > 0; --n) field += alphabet[character(random)];
        record.push_back(field);
      }
      text += format_record(record);
    }
    auto parsed = parse_records(text);
    ASSERT_TRUE(parsed.ok()) << printable(text) << ": " << parsed.error().message;
    ASSERT_EQ(*parsed, records) << printable(text);

    auto table = parse_table(text);
    ASSERT_TRUE(table.ok()) << printable(text) << ": " << table.error().message;
    ASSERT_EQ(table->columns, records.front());
    // parse_table drops rows that are a single empty field (blank lines); nothing else.
    Records expected_rows;
    for (std::size_t r = 1; r < records.size(); ++r) {
      if (records[r].size() == 1 && records[r][0].empty()) continue;
      expected_rows.push_back(records[r]);
    }
    ASSERT_EQ(table->rows, expected_rows) << printable(text);
  }
}

}  // namespace
}  // namespace safeguard::csv
