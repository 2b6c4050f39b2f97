// Proves the working-day calendar of England and Wales against bank holidays published for real
// years (substitute days at Christmas and New Year, the moved May holidays, the one-off days),
// Easter by the anonymous Gregorian algorithm, and working-day arithmetic across weekends, Easter,
// the year end and 29 February, backwards and forwards, with an authority's own closure days.
// Every expected date below was worked out by hand from a printed calendar; the comments show the
// count.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/date.h"
#include "rules/calendar.h"

namespace safeguard::rules {
namespace {

Date ymd(int year, int month, int day) {
  auto date = Date::from_ymd(year, month, day);
  EXPECT_TRUE(date.ok()) << year << "-" << month << "-" << day;
  return date.ok() ? *date : Date();
}

Date iso(const char* text) {
  auto date = Date::parse_iso(text);
  EXPECT_TRUE(date.ok()) << text;
  return date.ok() ? *date : Date();
}

std::vector<std::string> listing(const std::vector<Holiday>& holidays) {
  std::vector<std::string> lines;
  for (const Holiday& holiday : holidays) lines.push_back(holiday.date.iso() + " " + holiday.name);
  return lines;
}

// --- bank holidays -------------------------------------------------------------------------------

struct YearOfHolidays {
  int year;
  std::vector<std::string> expected;  // "date name", in date order
};

class BankHolidays : public testing::TestWithParam<YearOfHolidays> {};

TEST_P(BankHolidays, MatchTheYearAsPublished) {
  const YearOfHolidays& c = GetParam();
  EXPECT_EQ(listing(bank_holidays_england_and_wales(c.year)), c.expected);
  EXPECT_EQ(listing(WorkingDayCalendar().holidays(c.year)), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    PublishedYears, BankHolidays,
    testing::Values(
        // 2010: Christmas on a Saturday, so Monday 27 and Tuesday 28 stand in.
        YearOfHolidays{
            2010,
            {"2010-01-01 New Year's Day", "2010-04-02 Good Friday", "2010-04-05 Easter Monday",
             "2010-05-03 Early May bank holiday", "2010-05-31 Spring bank holiday",
             "2010-08-30 Summer bank holiday", "2010-12-27 Christmas Day (substitute day)",
             "2010-12-28 Boxing Day (substitute day)"}},
        // 2011: 1 January a Saturday (Monday 3 instead); the royal wedding; Christmas on a
        // Sunday (Boxing Day Monday 26, Christmas substitute Tuesday 27).
        YearOfHolidays{2011,
                       {"2011-01-03 New Year's Day (substitute day)", "2011-04-22 Good Friday",
                        "2011-04-25 Easter Monday",
                        "2011-04-29 Royal wedding of Prince William and Catherine Middleton",
                        "2011-05-02 Early May bank holiday", "2011-05-30 Spring bank holiday",
                        "2011-08-29 Summer bank holiday", "2011-12-26 Boxing Day",
                        "2011-12-27 Christmas Day (substitute day)"}},
        // 2016: Christmas on a Sunday.
        YearOfHolidays{2016,
                       {"2016-01-01 New Year's Day", "2016-03-25 Good Friday",
                        "2016-03-28 Easter Monday", "2016-05-02 Early May bank holiday",
                        "2016-05-30 Spring bank holiday", "2016-08-29 Summer bank holiday",
                        "2016-12-26 Boxing Day", "2016-12-27 Christmas Day (substitute day)"}},
        // 2020: the early May holiday moved to Friday 8 May for VE Day; Boxing Day on a Saturday.
        YearOfHolidays{2020,
                       {"2020-01-01 New Year's Day", "2020-04-10 Good Friday",
                        "2020-04-13 Easter Monday", "2020-05-08 Early May bank holiday (VE Day)",
                        "2020-05-25 Spring bank holiday", "2020-08-31 Summer bank holiday",
                        "2020-12-25 Christmas Day", "2020-12-28 Boxing Day (substitute day)"}},
        // 2021: Christmas on a Saturday.
        YearOfHolidays{
            2021,
            {"2021-01-01 New Year's Day", "2021-04-02 Good Friday", "2021-04-05 Easter Monday",
             "2021-05-03 Early May bank holiday", "2021-05-31 Spring bank holiday",
             "2021-08-30 Summer bank holiday", "2021-12-27 Christmas Day (substitute day)",
             "2021-12-28 Boxing Day (substitute day)"}},
        // 2022: spring holiday Thursday 2 June and the platinum jubilee on Friday 3; the state
        // funeral; Christmas on a Sunday.
        YearOfHolidays{
            2022,
            {"2022-01-03 New Year's Day (substitute day)", "2022-04-15 Good Friday",
             "2022-04-18 Easter Monday", "2022-05-02 Early May bank holiday",
             "2022-06-02 Spring bank holiday", "2022-06-03 Platinum Jubilee of Queen Elizabeth II",
             "2022-08-29 Summer bank holiday", "2022-09-19 State funeral of Queen Elizabeth II",
             "2022-12-26 Boxing Day", "2022-12-27 Christmas Day (substitute day)"}},
        // 2023: 1 January a Sunday (Monday 2); the coronation on Monday 8 May.
        YearOfHolidays{2023,
                       {"2023-01-02 New Year's Day (substitute day)", "2023-04-07 Good Friday",
                        "2023-04-10 Easter Monday", "2023-05-01 Early May bank holiday",
                        "2023-05-08 Coronation of King Charles III",
                        "2023-05-29 Spring bank holiday", "2023-08-28 Summer bank holiday",
                        "2023-12-25 Christmas Day", "2023-12-26 Boxing Day"}},
        // 2024: Easter Sunday 31 March.
        YearOfHolidays{2024,
                       {"2024-01-01 New Year's Day", "2024-03-29 Good Friday",
                        "2024-04-01 Easter Monday", "2024-05-06 Early May bank holiday",
                        "2024-05-27 Spring bank holiday", "2024-08-26 Summer bank holiday",
                        "2024-12-25 Christmas Day", "2024-12-26 Boxing Day"}},
        YearOfHolidays{2025,
                       {"2025-01-01 New Year's Day", "2025-04-18 Good Friday",
                        "2025-04-21 Easter Monday", "2025-05-05 Early May bank holiday",
                        "2025-05-26 Spring bank holiday", "2025-08-25 Summer bank holiday",
                        "2025-12-25 Christmas Day", "2025-12-26 Boxing Day"}},
        // 2026: Boxing Day on a Saturday (Monday 28 instead).
        YearOfHolidays{2026,
                       {"2026-01-01 New Year's Day", "2026-04-03 Good Friday",
                        "2026-04-06 Easter Monday", "2026-05-04 Early May bank holiday",
                        "2026-05-25 Spring bank holiday", "2026-08-31 Summer bank holiday",
                        "2026-12-25 Christmas Day", "2026-12-28 Boxing Day (substitute day)"}},
        // 2027: Christmas on a Saturday.
        YearOfHolidays{
            2027,
            {"2027-01-01 New Year's Day", "2027-03-26 Good Friday", "2027-03-29 Easter Monday",
             "2027-05-03 Early May bank holiday", "2027-05-31 Spring bank holiday",
             "2027-08-30 Summer bank holiday", "2027-12-27 Christmas Day (substitute day)",
             "2027-12-28 Boxing Day (substitute day)"}},
        // 2002 and 2012: the spring holiday moved to 4 June beside the jubilee day.
        YearOfHolidays{
            2002,
            {"2002-01-01 New Year's Day", "2002-03-29 Good Friday", "2002-04-01 Easter Monday",
             "2002-05-06 Early May bank holiday", "2002-06-03 Golden Jubilee of Queen Elizabeth II",
             "2002-06-04 Spring bank holiday", "2002-08-26 Summer bank holiday",
             "2002-12-25 Christmas Day", "2002-12-26 Boxing Day"}},
        YearOfHolidays{
            2012,
            {"2012-01-02 New Year's Day (substitute day)", "2012-04-06 Good Friday",
             "2012-04-09 Easter Monday", "2012-05-07 Early May bank holiday",
             "2012-06-04 Spring bank holiday", "2012-06-05 Diamond Jubilee of Queen Elizabeth II",
             "2012-08-27 Summer bank holiday", "2012-12-25 Christmas Day",
             "2012-12-26 Boxing Day"}},
        // 1995: VE Day's 50th anniversary; 1999: the millennium eve, a Friday.
        YearOfHolidays{1995,
                       {"1995-01-02 New Year's Day (substitute day)", "1995-04-14 Good Friday",
                        "1995-04-17 Easter Monday", "1995-05-08 Early May bank holiday (VE Day)",
                        "1995-05-29 Spring bank holiday", "1995-08-28 Summer bank holiday",
                        "1995-12-25 Christmas Day", "1995-12-26 Boxing Day"}},
        YearOfHolidays{
            1999,
            {"1999-01-01 New Year's Day", "1999-04-02 Good Friday", "1999-04-05 Easter Monday",
             "1999-05-03 Early May bank holiday", "1999-05-31 Spring bank holiday",
             "1999-08-30 Summer bank holiday", "1999-12-27 Christmas Day (substitute day)",
             "1999-12-28 Boxing Day (substitute day)", "1999-12-31 Millennium celebrations"}},
        // 1970: before New Year's Day (1974) and the early May holiday (1978) were bank holidays.
        YearOfHolidays{1970,
                       {"1970-03-27 Good Friday", "1970-03-30 Easter Monday",
                        "1970-05-25 Spring bank holiday", "1970-08-31 Summer bank holiday",
                        "1970-12-25 Christmas Day", "1970-12-28 Boxing Day (substitute day)"}}));

TEST(BankHolidays, EveryYearOfTheCalendarHasItsEightRegularDays) {
  for (int year = kFirstCalendarYear; year <= kLastCalendarYear; ++year) {
    auto holidays = bank_holidays_england_and_wales(year);
    std::size_t regular = year >= 1978 ? 8 : (year >= 1974 ? 7 : 6);
    EXPECT_GE(holidays.size(), regular) << year;
    for (const Holiday& holiday : holidays) {
      EXPECT_EQ(holiday.date.year(), year) << holiday.name;
      EXPECT_LT(holiday.date.weekday(), 5) << holiday.date.iso() << " " << holiday.name;
    }
  }
}

TEST(BankHolidays, NoneOutsideTheCalendarYears) {
  EXPECT_TRUE(bank_holidays_england_and_wales(1969).empty());
  EXPECT_TRUE(bank_holidays_england_and_wales(2201).empty());
}

// --- Easter --------------------------------------------------------------------------------------

struct EasterCase {
  int year;
  const char* sunday;
};

class Easter : public testing::TestWithParam<EasterCase> {};

TEST_P(Easter, SundayByTheAnonymousGregorianAlgorithm) {
  EXPECT_EQ(easter_sunday(GetParam().year).iso(), GetParam().sunday);
  EXPECT_EQ(easter_sunday(GetParam().year).weekday(), 6);
}

INSTANTIATE_TEST_SUITE_P(
    KnownYears, Easter,
    testing::Values(EasterCase{1818, "1818-03-22"},  // earliest possible
                    EasterCase{1943, "1943-04-25"},  // latest possible
                    EasterCase{1970, "1970-03-29"}, EasterCase{2000, "2000-04-23"},
                    EasterCase{2008, "2008-03-23"}, EasterCase{2011, "2011-04-24"},
                    EasterCase{2019, "2019-04-21"}, EasterCase{2024, "2024-03-31"},
                    EasterCase{2025, "2025-04-20"}, EasterCase{2038, "2038-04-25"}));

// --- working days --------------------------------------------------------------------------------

TEST(WorkingDays, WeekendsBankHolidaysAndClosureDaysAreNotWorkingDays) {
  WorkingDayCalendar calendar({ymd(2025, 12, 29)});
  EXPECT_TRUE(calendar.is_working_day(ymd(2025, 3, 3)));     // Monday
  EXPECT_FALSE(calendar.is_working_day(ymd(2025, 3, 8)));    // Saturday
  EXPECT_FALSE(calendar.is_working_day(ymd(2025, 3, 9)));    // Sunday
  EXPECT_FALSE(calendar.is_working_day(ymd(2025, 4, 18)));   // Good Friday
  EXPECT_FALSE(calendar.is_working_day(ymd(2025, 12, 29)));  // closure day
  EXPECT_TRUE(WorkingDayCalendar().is_working_day(ymd(2025, 12, 29)));
  EXPECT_TRUE(calendar.is_bank_holiday(ymd(2025, 12, 26)));
  EXPECT_FALSE(calendar.is_bank_holiday(ymd(2025, 12, 29)));
}

TEST(WorkingDays, ClosureDaysAreListedWithTheHolidaysOnceEach) {
  // Boxing Day is already a bank holiday and 27 December 2025 is a Saturday: neither is listed
  // again. Monday 29 appears once though given twice.
  WorkingDayCalendar calendar({ymd(2025, 12, 29), ymd(2025, 12, 26), ymd(2025, 12, 27),
                               ymd(2025, 12, 29), ymd(2026, 1, 2)});
  auto lines = listing(calendar.holidays(2025));
  ASSERT_EQ(lines.size(), 9u);
  EXPECT_EQ(lines[7], "2025-12-26 Boxing Day");
  EXPECT_EQ(lines[8], "2025-12-29 Authority closure day");
}

struct AddCase {
  const char* from;
  int days;
  const char* expected;
  const char* why;
};

class AddWorkingDays : public testing::TestWithParam<AddCase> {};

TEST_P(AddWorkingDays, CountsOnlyWorkingDays) {
  const AddCase& c = GetParam();
  WorkingDayCalendar calendar;
  EXPECT_EQ(calendar.add_working_days(iso(c.from), c.days).iso(), c.expected) << c.why;
}

INSTANTIATE_TEST_SUITE_P(
    HandCounted, AddWorkingDays,
    testing::Values(
        AddCase{"2025-03-05", 0, "2025-03-05", "day 0 is the day itself"},
        AddCase{"2025-03-09", 0, "2025-03-09", "day 0 even on a Sunday"},
        AddCase{"2025-03-05", 1, "2025-03-06", "Wed -> Thu 1"},
        AddCase{"2025-01-10", 1, "2025-01-13", "Fri -> (Sat, Sun) Mon 1"},
        AddCase{"2025-01-11", 1, "2025-01-13", "Sat -> (Sun) Mon 1"},
        AddCase{"2025-01-06", 5, "2025-01-13", "Mon -> Tue 1 .. Fri 4, Mon 5"},
        AddCase{"2025-01-06", 10, "2025-01-20", "two whole weeks"},
        AddCase{"2024-02-28", 1, "2024-02-29", "leap year: Wed 28 Feb -> Thu 29 Feb 1"},
        AddCase{"2024-02-28", 2, "2024-03-01", "Thu 29 Feb 1, Fri 1 Mar 2"},
        AddCase{"2024-02-28", 3, "2024-03-04", "Thu 1, Fri 2, (Sat, Sun) Mon 4 Mar 3"},
        AddCase{"2023-02-28", 1, "2023-03-01", "not a leap year: Tue 28 Feb -> Wed 1 Mar"},
        AddCase{"2025-04-17", 1, "2025-04-22",
                "Thu -> (Good Fri 18, Sat, Sun, Easter Mon 21) Tue 22 1"},
        AddCase{"2024-03-28", 2, "2024-04-03",
                "Thu -> (Good Fri 29, Sat, Sun, Easter Mon 1 Apr) Tue 2 1, Wed 3 2"},
        AddCase{"2024-12-23", 1, "2024-12-24", "Mon 23 -> Tue 24 1"},
        AddCase{"2024-12-23", 2, "2024-12-27", "Tue 24 1, (Christmas, Boxing Day) Fri 27 2"},
        AddCase{"2024-12-23", 5, "2025-01-02",
                "Tue 24 1, Fri 27 2, Mon 30 3, Tue 31 4, (New Year's Day) Thu 2 Jan 5"},
        AddCase{"2027-12-23", 2, "2027-12-29",
                "Fri 24 1, (Sat 25, Sun 26, Mon 27 and Tue 28 substitute days) Wed 29 2"},
        AddCase{"2022-06-01", 1, "2022-06-06", "(Thu 2 spring, Fri 3 jubilee, Sat, Sun) Mon 6"},
        AddCase{"2025-03-06", -1, "2025-03-05", "Thu -> Wed -1"},
        AddCase{"2025-01-13", -1, "2025-01-10", "Mon -> (Sun, Sat) Fri -1"},
        AddCase{"2025-04-22", -1, "2025-04-17", "Tue -> (Easter Mon, Sun, Sat, Good Fri) Thu"},
        AddCase{"2025-01-02", -1, "2024-12-31", "Thu 2 Jan -> (New Year's Day) Tue 31 Dec"},
        AddCase{"2025-01-02", -5, "2024-12-23",
                "Tue 31 -1, Mon 30 -2, Fri 27 -3, (26, 25) Tue 24 -4, Mon 23 -5"},
        AddCase{"2024-03-01", -1, "2024-02-29", "leap day backwards"},
        // The referral of Friday 20 December 2024 plus 45 working days: Mon 23 (1), Tue 24 (2),
        // Fri 27 (3), Mon 30 (4), Tue 31 (5), Thu 2 Jan (6), Fri 3 (7), then whole weeks of 5:
        // 6-10 Jan (12), 13-17 (17), 20-24 (22), 27-31 (27), 3-7 Feb (32), 10-14 (37),
        // 17-21 (42), Mon 24 (43), Tue 25 (44), Wed 26 Feb (45).
        AddCase{"2024-12-20", 45, "2025-02-26", "assessment timescale across the year end"}));

TEST(WorkingDays, ClosureDaysAreSkippedToo) {
  // Christmas week closure: 27, 30 and 31 December 2024 closed as well as the bank holidays.
  // Mon 23 -> Tue 24 (1), (25, 26, 27, 28, 29, 30, 31, 1 Jan) Thu 2 Jan (2).
  WorkingDayCalendar calendar({ymd(2024, 12, 27), ymd(2024, 12, 30), ymd(2024, 12, 31)});
  EXPECT_EQ(calendar.add_working_days(ymd(2024, 12, 23), 2), ymd(2025, 1, 2));
  EXPECT_EQ(calendar.add_working_days(ymd(2025, 1, 2), -1), ymd(2024, 12, 24));
}

TEST(WorkingDays, BetweenCountsTheDaysAfterTheStartUpToTheEnd) {
  WorkingDayCalendar calendar;
  // Tue 24, Fri 27, Mon 30, Tue 31, Thu 2 Jan.
  EXPECT_EQ(calendar.working_days_between(ymd(2024, 12, 23), ymd(2025, 1, 2)), 5);
  EXPECT_EQ(calendar.working_days_between(ymd(2025, 1, 2), ymd(2024, 12, 23)), -5);
  EXPECT_EQ(calendar.working_days_between(ymd(2025, 3, 5), ymd(2025, 3, 5)), 0);
  // Sat to Sun: no working day; Fri to Mon: one.
  EXPECT_EQ(calendar.working_days_between(ymd(2025, 3, 8), ymd(2025, 3, 9)), 0);
  EXPECT_EQ(calendar.working_days_between(ymd(2025, 3, 7), ymd(2025, 3, 10)), 1);
  EXPECT_EQ(calendar.working_days_between(ymd(2024, 12, 20), ymd(2025, 2, 26)), 45);
}

TEST(WorkingDays, BetweenUndoesAddForEveryStartDayOfSeveralYears) {
  WorkingDayCalendar calendar({ymd(2024, 12, 27)});
  for (Date from = ymd(2019, 12, 1); from < ymd(2027, 2, 1); from = from.plus_days(1)) {
    for (int days : {-23, -5, -1, 0, 1, 5, 45}) {
      Date to = calendar.add_working_days(from, days);
      ASSERT_EQ(calendar.working_days_between(from, to), days) << from.iso() << " " << days;
      if (days != 0) {
        ASSERT_TRUE(calendar.is_working_day(to)) << from.iso() << " " << days;
      }
    }
  }
}

}  // namespace
}  // namespace safeguard::rules
