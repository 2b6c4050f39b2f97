// Proves that Date reads the two layouts 903 files use (ISO and dd/mm/yyyy) and nothing else, knows
// which years are leap years, moves by calendar months the way a review schedule expects (clamping
// to the month's end), counts a child's age correctly even for a 29 February birthday, and names
// weekdays; and that CollectionYear maps dates to the DfE's April-to-March years and labels them
// "2024/25".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/date.h"

namespace safeguard {
namespace {

Date ymd(int year, int month, int day) {
  auto date = Date::from_ymd(year, month, day);
  EXPECT_TRUE(date.ok()) << year << "-" << month << "-" << day;
  return date.ok() ? *date : Date();
}

// --- parsing -------------------------------------------------------------------------------------

struct GoodDate {
  const char* text;
  int year, month, day;
};

class IsoDateAccepted : public testing::TestWithParam<GoodDate> {};

TEST_P(IsoDateAccepted, ReadsYearMonthDay) {
  const GoodDate& c = GetParam();
  auto date = Date::parse_iso(c.text);
  ASSERT_TRUE(date.ok()) << date.error().message;
  EXPECT_EQ(date->year(), c.year);
  EXPECT_EQ(date->month(), c.month);
  EXPECT_EQ(date->day(), c.day);
  EXPECT_EQ(date->iso(), c.text);
}

INSTANTIATE_TEST_SUITE_P(
    Dates, IsoDateAccepted,
    testing::Values(GoodDate{"2025-03-31", 2025, 3, 31}, GoodDate{"2024-02-29", 2024, 2, 29},
                    GoodDate{"2000-02-29", 2000, 2, 29}, GoodDate{"1970-01-01", 1970, 1, 1},
                    GoodDate{"1969-12-31", 1969, 12, 31}, GoodDate{"1800-01-01", 1800, 1, 1},
                    GoodDate{"2200-12-31", 2200, 12, 31}, GoodDate{"2024-04-01", 2024, 4, 1}));

class IsoDateRefused : public testing::TestWithParam<const char*> {};

TEST_P(IsoDateRefused, WithAMessageQuotingTheText) {
  auto date = Date::parse_iso(GetParam());
  ASSERT_FALSE(date.ok()) << GetParam() << " parsed as " << date->iso();
  EXPECT_EQ(date.error().kind, ErrorKind::kInvalid);
  EXPECT_FALSE(date.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(ImpossibleOrMalformed, IsoDateRefused,
                         testing::Values("2023-02-29",  // not a leap year
                                         "1900-02-29",  // century, not a leap year
                                         "2100-02-29", "2024-02-30", "2025-04-31", "2025-06-31",
                                         "2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32", "",
                                         "2025", "2025-1-01", "2025-01-1", "25-01-2025",
                                         "2025/01/01", "31/03/2025", "2025-01-01 ", " 2025-01-01",
                                         "2025-01-01T00:00:00Z", "20a5-01-01", "2025-0a-01",
                                         "2025-01-0b", "+025-01-01", "-025-01-01", "2025--1-01",
                                         "2025-01--1", "1799-12-31", "2201-01-01", "garbage!!!",
                                         "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6"));

TEST(UkDate, ReadsDayMonthYear) {
  auto date = Date::parse_uk("29/02/2024");
  ASSERT_TRUE(date.ok()) << date.error().message;
  EXPECT_EQ(*date, ymd(2024, 2, 29));
  EXPECT_EQ(date->uk(), "29/02/2024");
  EXPECT_EQ(date->iso(), "2024-02-29");
}

TEST(UkDate, RefusesImpossibleAndOtherLayouts) {
  for (const char* text :
       {"29/02/2023", "31/04/2025", "00/01/2025", "01/13/2025", "1/1/2025", "01-01-2025",
        "2025-01-01", "01/01/25", "01/01/2025x", "aa/bb/cccc", "-1/01/2025", ""}) {
    auto date = Date::parse_uk(text);
    EXPECT_FALSE(date.ok()) << "'" << text << "' was accepted as " << date->iso();
  }
}

TEST(AnyLayoutDate, AcceptsBothLayoutsAndNamesThemWhenRefusing) {
  EXPECT_EQ(*Date::parse_any("31/03/2025"), ymd(2025, 3, 31));
  EXPECT_EQ(*Date::parse_any("2025-03-31"), ymd(2025, 3, 31));
  for (const char* text : {"31.03.2025", "20250331", "", "31/02/2025", "2025-02-31"}) {
    EXPECT_FALSE(Date::parse_any(text).ok()) << text;
  }
  auto refused = Date::parse_any("31.03.2025");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("31.03.2025"), std::string::npos);
  EXPECT_NE(refused.error().message.find("DD/MM/YYYY"), std::string::npos);
  EXPECT_NE(refused.error().message.find("YYYY-MM-DD"), std::string::npos);
}

TEST(DateFromYmd, RefusesOutOfRangeParts) {
  EXPECT_FALSE(Date::from_ymd(2025, 0, 1).ok());
  EXPECT_FALSE(Date::from_ymd(2025, 13, 1).ok());
  EXPECT_FALSE(Date::from_ymd(2025, 1, 0).ok());
  EXPECT_FALSE(Date::from_ymd(2025, 1, 32).ok());
  EXPECT_FALSE(Date::from_ymd(2025, 9, 31).ok());
  EXPECT_FALSE(Date::from_ymd(-5, 1, 1).ok());
  auto refused = Date::from_ymd(2023, 2, 29);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("2023-02-29"), std::string::npos);
}

// Every day in two centuries writes and reads back as itself, in both layouts, and consecutive days
// are one day apart in the calendar.
TEST(DateRoundTrip, EveryDayFrom1900To2100) {
  Date first = ymd(1900, 1, 1);
  Date last = ymd(2100, 12, 31);
  Date previous = first.plus_days(-1);
  for (Date day = first; day <= last; day = day.plus_days(1)) {
    auto iso = Date::parse_iso(day.iso());
    auto uk = Date::parse_uk(day.uk());
    ASSERT_TRUE(iso.ok() && uk.ok()) << day.iso();
    ASSERT_EQ(*iso, day);
    ASSERT_EQ(*uk, day);
    ASSERT_EQ(previous.days_until(day), 1);
    bool same_month = previous.month() == day.month();
    ASSERT_EQ(same_month ? previous.day() + 1 : 1, day.day()) << day.iso();
    ASSERT_EQ((previous.weekday() + 1) % 7, day.weekday()) << day.iso();
    previous = day;
  }
  EXPECT_EQ(first.days_until(last), 73'413);  // 201 years, 49 of them leap years
}

// --- leap years ----------------------------------------------------------------------------------

struct LeapYear {
  int year;
  bool leap;
};

class LeapYears : public testing::TestWithParam<LeapYear> {};

TEST_P(LeapYears, TwentyNinthOfFebruaryExistsOnlyInLeapYears) {
  auto [year, leap] = GetParam();
  EXPECT_EQ(Date::from_ymd(year, 2, 29).ok(), leap) << year;
  EXPECT_EQ(ymd(year, 1, 1).days_until(ymd(year + 1, 1, 1)), leap ? 366 : 365) << year;
}

INSTANTIATE_TEST_SUITE_P(Years, LeapYears,
                         testing::Values(LeapYear{2024, true}, LeapYear{2023, false},
                                         LeapYear{2000, true}, LeapYear{1900, false},
                                         LeapYear{2100, false}, LeapYear{1996, true},
                                         LeapYear{2028, true}, LeapYear{2025, false}));

// --- calendar arithmetic -------------------------------------------------------------------------

struct MonthStep {
  const char* from;
  int months;
  const char* expected;
};

class PlusMonths : public testing::TestWithParam<MonthStep> {};

TEST_P(PlusMonths, ClampsToTheLastDayOfShortMonths) {
  const MonthStep& c = GetParam();
  EXPECT_EQ(Date::parse_iso(c.from)->plus_months(c.months).iso(), c.expected)
      << c.from << " + " << c.months << " months";
}

INSTANTIATE_TEST_SUITE_P(
    Months, PlusMonths,
    testing::Values(
        MonthStep{"2025-01-31", 1, "2025-02-28"},
        MonthStep{"2024-01-31", 1, "2024-02-29"},  // leap year
        MonthStep{"2024-03-31", -1, "2024-02-29"}, MonthStep{"2025-03-31", -1, "2025-02-28"},
        MonthStep{"2025-05-31", 1, "2025-06-30"}, MonthStep{"2025-08-31", 1, "2025-09-30"},
        MonthStep{"2024-02-29", 12, "2025-02-28"}, MonthStep{"2024-02-29", 48, "2028-02-29"},
        MonthStep{"2025-12-15", 1, "2026-01-15"}, MonthStep{"2025-01-15", -1, "2024-12-15"},
        MonthStep{"2025-01-31", 0, "2025-01-31"},
        MonthStep{"2024-10-31", 6, "2025-04-30"},  // six-monthly review
        MonthStep{"2025-03-31", 25, "2027-04-30"}, MonthStep{"2025-03-31", -13, "2024-02-29"}));

TEST(PlusYears, IsTwelveMonthsAndClampsTheLeapDay) {
  EXPECT_EQ(ymd(2024, 2, 29).plus_years(1), ymd(2025, 2, 28));
  EXPECT_EQ(ymd(2024, 2, 29).plus_years(4), ymd(2028, 2, 29));
  EXPECT_EQ(ymd(2008, 6, 15).plus_years(18), ymd(2026, 6, 15));
  EXPECT_EQ(ymd(2025, 6, 15).plus_years(-1), ymd(2024, 6, 15));
}

TEST(PlusDays, CrossesMonthAndYearEnds) {
  EXPECT_EQ(ymd(2024, 12, 31).plus_days(1), ymd(2025, 1, 1));
  EXPECT_EQ(ymd(2024, 2, 28).plus_days(1), ymd(2024, 2, 29));
  EXPECT_EQ(ymd(2025, 2, 28).plus_days(1), ymd(2025, 3, 1));
  EXPECT_EQ(ymd(2025, 3, 1).plus_days(-1), ymd(2025, 2, 28));
  EXPECT_EQ(ymd(2025, 1, 1).days_until(ymd(2024, 12, 25)), -7);
  EXPECT_LT(ymd(2025, 1, 1), ymd(2025, 1, 2));
  EXPECT_EQ(Date::from_days(0), ymd(1970, 1, 1));
}

// --- ages ----------------------------------------------------------------------------------------

struct AgeCase {
  const char* born;
  const char* on;
  int age;
};

class AgeOn : public testing::TestWithParam<AgeCase> {};

TEST_P(AgeOn, CountsWholeYears) {
  const AgeCase& c = GetParam();
  EXPECT_EQ(Date::parse_iso(c.born)->age_on(*Date::parse_iso(c.on)), c.age)
      << "born " << c.born << ", on " << c.on;
}

INSTANTIATE_TEST_SUITE_P(
    Birthdays, AgeOn,
    testing::Values(
        AgeCase{"2010-06-15", "2025-06-14", 14}, AgeCase{"2010-06-15", "2025-06-15", 15},
        AgeCase{"2010-06-15", "2025-06-16", 15}, AgeCase{"2010-06-15", "2010-06-15", 0},
        AgeCase{"2010-06-15", "2011-01-01", 0},
        AgeCase{"2007-03-31", "2025-03-31", 18},  // leaves care on 31 March
        AgeCase{"2007-04-01", "2025-03-31", 17},
        // A 29 February birthday falls on 1 March in other years.
        AgeCase{"2008-02-29", "2026-02-28", 17}, AgeCase{"2008-02-29", "2026-03-01", 18},
        AgeCase{"2008-02-29", "2028-02-28", 19}, AgeCase{"2008-02-29", "2028-02-29", 20},
        AgeCase{"2008-02-29", "2009-02-28", 0}, AgeCase{"2008-02-29", "2009-03-01", 1},
        AgeCase{"2008-12-31", "2026-01-01", 17}));

// --- weekdays ------------------------------------------------------------------------------------

TEST(Weekday, MondayIsZeroAndSundaySix) {
  EXPECT_EQ(ymd(1970, 1, 1).weekday(), 3);    // Thursday
  EXPECT_EQ(ymd(1969, 12, 31).weekday(), 2);  // Wednesday, before the epoch
  EXPECT_EQ(ymd(1969, 12, 28).weekday(), 6);  // Sunday
  EXPECT_EQ(ymd(1900, 1, 1).weekday(), 0);    // Monday
  EXPECT_EQ(ymd(2000, 1, 1).weekday(), 5);    // Saturday
  EXPECT_EQ(ymd(2024, 2, 29).weekday(), 3);   // Thursday
  EXPECT_EQ(ymd(2025, 3, 31).weekday(), 0);   // Monday
  EXPECT_EQ(ymd(2025, 3, 30).weekday(), 6);   // Sunday
  EXPECT_EQ(ymd(2100, 12, 31).weekday(), 4);  // Friday
}

// --- collection years ----------------------------------------------------------------------------

TEST(CollectionYear, Year2025RunsFromApril2024ToMarch2025) {
  CollectionYear year{2025};
  EXPECT_EQ(year.first_day(), ymd(2024, 4, 1));
  EXPECT_EQ(year.last_day(), ymd(2025, 3, 31));
  EXPECT_EQ(year.label(), "2024/25");
}

TEST(CollectionYear, LabelsPadTheSecondYear) {
  EXPECT_EQ(CollectionYear{2000}.label(), "1999/00");
  EXPECT_EQ(CollectionYear{2010}.label(), "2009/10");
  EXPECT_EQ(CollectionYear{2026}.label(), "2025/26");
}

struct Containing {
  const char* date;
  int ending;
};

class CollectionYearContaining : public testing::TestWithParam<Containing> {};

TEST_P(CollectionYearContaining, NamesTheYearByItsEnd) {
  EXPECT_EQ(CollectionYear::containing(*Date::parse_iso(GetParam().date)).ending, GetParam().ending)
      << GetParam().date;
}

INSTANTIATE_TEST_SUITE_P(
    Boundaries, CollectionYearContaining,
    testing::Values(Containing{"2024-03-31", 2024}, Containing{"2024-04-01", 2025},
                    Containing{"2024-12-31", 2025}, Containing{"2025-01-01", 2025},
                    Containing{"2025-02-28", 2025}, Containing{"2025-03-31", 2025},
                    Containing{"2025-04-01", 2026}));

TEST(CollectionYear, EveryDayFallsInsideTheYearContainingIt) {
  for (Date day = ymd(2015, 1, 1); day <= ymd(2030, 12, 31); day = day.plus_days(1)) {
    CollectionYear year = CollectionYear::containing(day);
    ASSERT_LE(year.first_day(), day) << day.iso();
    ASSERT_LE(day, year.last_day()) << day.iso();
    ASSERT_EQ(year.first_day().days_until(year.last_day()) + 1,
              year.first_day().days_until(year.first_day().plus_years(1)));
  }
}

}  // namespace
}  // namespace safeguard
