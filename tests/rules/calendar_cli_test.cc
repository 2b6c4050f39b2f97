// The calendar commands as scripts use them: add-working-days prints the date and nothing else,
// holidays prints "YYYY-MM-DD<TAB>Name" lines, and bad input gives one line on standard error and
// exit 2.
#include <gtest/gtest.h>

#include <string>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace safeguard {
namespace {

class CalendarCliTest : public ::testing::Test {
 protected:
  testing::CommandResult safeguard(const std::string& arguments) {
    return testing::run_command(std::string(SAFEGUARD_BINARY) + " " + arguments,
                                dir_.path().string());
  }

  static int lines_in(const std::string& text) {
    int lines = 0;
    for (char c : text) lines += c == '\n' ? 1 : 0;
    return lines;
  }

  testing::TempDir dir_;
};

TEST_F(CalendarCliTest, AddWorkingDaysPrintsOnlyTheDate) {
  // Fri 20 Dec 2024 + 45 working days, counted by hand in calendar_test.cc: Wed 26 Feb 2025.
  auto result = safeguard("calendar add-working-days --from 2024-12-20 --days 45");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "2025-02-26\n");
  EXPECT_EQ(result.err, "");

  // Backwards over New Year's Day: Thu 2 Jan 2025 - 1 = Tue 31 Dec 2024.
  result = safeguard("calendar add-working-days --from 2025-01-02 --days -1");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "2024-12-31\n");

  result = safeguard("calendar add-working-days --from 2024-02-28 --days 0");
  EXPECT_EQ(result.out, "2024-02-28\n");
}

TEST_F(CalendarCliTest, HolidaysListsTheYearWithTabs) {
  auto result = safeguard("calendar holidays --year 2022");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "2022-01-03\tNew Year's Day (substitute day)\n"
            "2022-04-15\tGood Friday\n"
            "2022-04-18\tEaster Monday\n"
            "2022-05-02\tEarly May bank holiday\n"
            "2022-06-02\tSpring bank holiday\n"
            "2022-06-03\tPlatinum Jubilee of Queen Elizabeth II\n"
            "2022-08-29\tSummer bank holiday\n"
            "2022-09-19\tState funeral of Queen Elizabeth II\n"
            "2022-12-26\tBoxing Day\n"
            "2022-12-27\tChristmas Day (substitute day)\n");
}

TEST_F(CalendarCliTest, BadInputIsOneLineOnStandardErrorAndExitTwo) {
  for (const char* arguments : {
           "calendar add-working-days --from 2024-02-30 --days 1",
           "calendar add-working-days --from 20/12/2024 --days 1",
           "calendar add-working-days --from 2024-12-20 --days ten",
           "calendar add-working-days --from 2024-12-20 --days 1.5",
           "calendar add-working-days --from 2024-12-20 --days 99999999999",
           "calendar add-working-days --from 2024-12-20",
           "calendar add-working-days --days 3",
           "calendar add-working-days --from 2200-12-30 --days 5",
           "calendar holidays --year 20x2",
           "calendar holidays --year 1969",
           "calendar holidays",
       }) {
    auto result = safeguard(arguments);
    EXPECT_EQ(result.exit_code, 2) << arguments;
    EXPECT_EQ(result.out, "") << arguments;
    EXPECT_EQ(lines_in(result.err), 1) << arguments << ": " << result.err;
    EXPECT_EQ(result.err.rfind("safeguard: ", 0), 0u) << arguments << ": " << result.err;
  }
}

}  // namespace
}  // namespace safeguard
