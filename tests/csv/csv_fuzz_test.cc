// A libFuzzer-style robustness test for the CSV reader, run as an ordinary test with a fixed seed:
// many random byte strings (biased towards the bytes CSV cares about) go through parse_records and
// parse_table. Each must either succeed with a well-formed result or fail with an Error of kind
// kInvalid whose message names a line (or says the file is empty) -- never crash, hang or throw.
// Whatever parses must also reach a fixed point: writing it back with format_record and reading it
// again gives the same records.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "csv/csv.h"

namespace safeguard::csv {
namespace {

// Mostly CSV's special bytes, some letters, now and then any byte at all.
std::string random_input(std::mt19937& random) {
  static const std::string kInteresting = "\",\r\n\"\",a b";
  std::uniform_int_distribution<int> length(0, 48);
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_int_distribution<std::size_t> interesting(0, kInteresting.size() - 1);
  std::uniform_int_distribution<int> any_byte(0, 255);
  std::string text;
  if (kind(random) == 0) text = "\xEF\xBB\xBF";  // sometimes a byte order mark
  for (int n = length(random); n > 0; --n) {
    if (kind(random) < 8) {
      text += kInteresting[interesting(random)];
    } else {
      text += static_cast<char>(any_byte(random));
    }
  }
  return text;
}

std::string hex(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text) {
    out += kHex[c >> 4];
    out += kHex[c & 0xf];
    out += ' ';
  }
  return out;
}

bool names_a_line(const std::string& message) { return message.rfind("line ", 0) == 0; }

TEST(CsvFuzz, RandomBytesNeverCrashAndEitherParseOrFailCleanly) {
  std::mt19937 random(0x5afe);
  int parsed = 0;
  int refused = 0;
  for (int trial = 0; trial < 50'000; ++trial) {
    std::string input = random_input(random);
    SCOPED_TRACE(hex(input));

    auto records = parse_records(input);
    if (!records.ok()) {
      ++refused;
      ASSERT_EQ(records.error().kind, ErrorKind::kInvalid);
      ASSERT_TRUE(names_a_line(records.error().message)) << records.error().message;
    } else {
      ++parsed;
      for (const auto& record : *records) ASSERT_FALSE(record.empty());
      // A fixed point: write what was read, read it again, get the same records.
      std::string rewritten;
      for (const auto& record : *records) rewritten += format_record(record);
      auto again = parse_records(rewritten);
      ASSERT_TRUE(again.ok()) << again.error().message;
      ASSERT_EQ(*again, *records);
    }

    for (bool pad : {false, true}) {
      auto table = parse_table(input, pad);
      if (!table.ok()) {
        ASSERT_EQ(table.error().kind, ErrorKind::kInvalid);
        ASSERT_TRUE(names_a_line(table.error().message) ||
                    table.error().message.find("empty") != std::string::npos)
            << table.error().message;
        continue;
      }
      ASSERT_TRUE(records.ok()) << "a table parsed where the records did not";
      ASSERT_EQ(table->rows.size(), table->line_numbers.size());
      std::size_t previous_line = 1;
      for (std::size_t r = 0; r < table->rows.size(); ++r) {
        ASSERT_EQ(table->rows[r].size(), table->columns.size());
        ASSERT_GT(table->line_numbers[r], previous_line);
        previous_line = table->line_numbers[r];
      }
    }
  }
  // The inputs exercise both outcomes, or the test proves little.
  EXPECT_GT(parsed, 5'000);
  EXPECT_GT(refused, 5'000);
}

}  // namespace
}  // namespace safeguard::csv
