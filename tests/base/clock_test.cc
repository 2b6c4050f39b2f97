// Proves that a Timestamp writes itself as ISO 8601 UTC with microseconds and reads back exactly
// what it wrote (before and after 1970), that parse_iso refuses anything else (including signed
// numbers hidden in the time fields), and that ManualClock stands still until moved while
// SystemClock tells the real time.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "base/clock.h"

namespace safeguard {
namespace {

TEST(Timestamp, StartOfDayIsMidnightUtc) {
  Timestamp midnight = Timestamp::at_start_of(*Date::parse_iso("2025-03-31"));
  EXPECT_EQ(midnight.iso(), "2025-03-31T00:00:00.000000Z");
  EXPECT_EQ(midnight.date().iso(), "2025-03-31");
  EXPECT_EQ(midnight.plus_seconds(-1).date().iso(), "2025-03-30");
  EXPECT_EQ(midnight.plus_seconds(-1).iso(), "2025-03-30T23:59:59.000000Z");
  EXPECT_EQ(Timestamp{0}.iso(), "1970-01-01T00:00:00.000000Z");
}

TEST(Timestamp, WritesMicroseconds) {
  auto parsed = Timestamp::parse_iso("2025-03-31T09:15:02.000123Z");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  Timestamp expected = Timestamp::at_start_of(*Date::parse_iso("2025-03-31"));
  expected.microseconds += ((9 * 60 + 15) * 60 + 2) * 1'000'000LL + 123;
  EXPECT_EQ(*parsed, expected);
  EXPECT_EQ(parsed->iso(), "2025-03-31T09:15:02.000123Z");
}

TEST(Timestamp, BeforeTheEpochBelongsToThePreviousDay) {
  Timestamp just_before{-1};
  EXPECT_EQ(just_before.date().iso(), "1969-12-31");
  EXPECT_EQ(just_before.iso(), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(Timestamp{-86'400'000'000LL}.date().iso(), "1969-12-31");
  EXPECT_EQ(Timestamp{-86'400'000'001LL}.date().iso(), "1969-12-30");
  EXPECT_EQ(*Timestamp::parse_iso("1969-12-31T23:59:59.999999Z"), just_before);
}

// Property: any instant between 1900 and 2100 survives iso() and parse_iso() unchanged.
TEST(Timestamp, IsoRoundTripsRandomInstants) {
  std::mt19937_64 random(20250331);
  const std::int64_t low = Timestamp::at_start_of(*Date::parse_iso("1900-01-01")).microseconds;
  const std::int64_t high = Timestamp::at_start_of(*Date::parse_iso("2100-12-31")).microseconds;
  std::uniform_int_distribution<std::int64_t> instant(low, high);
  for (int i = 0; i < 20'000; ++i) {
    Timestamp original{instant(random)};
    auto parsed = Timestamp::parse_iso(original.iso());
    ASSERT_TRUE(parsed.ok()) << original.iso() << ": " << parsed.error().message;
    ASSERT_EQ(*parsed, original) << original.iso();
  }
}

TEST(Timestamp, ParseRefusesOtherLayoutsAndImpossibleTimes) {
  for (const char* text :
       {"", "2025-03-31",
        "2025-03-31T09:15:02Z",             // no microseconds
        "2025-03-31T09:15:02.000123",       // no Z
        "2025-03-31 09:15:02.000123Z",      // space instead of T
        "2025-03-31T09:15:02.000123+00:00"  // offset instead of Z
        ,
        "2025-03-31T24:00:00.000000Z", "2025-03-31T23:60:00.000000Z", "2025-03-31T23:59:60.000000Z",
        "2023-02-29T00:00:00.000000Z", "2025-03-31T0a:15:02.000123Z", "2025-03-31T09:15:02.00012aZ",
        "2025-03-31T09-15-02.000123Z", "2025-03-31T09:15:02,000123Z",
        "2025-03-31t09:15:02.000123z"}) {
    auto parsed = Timestamp::parse_iso(text);
    EXPECT_FALSE(parsed.ok()) << "'" << text << "' was accepted as " << parsed->iso();
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalid);
    }
  }
}

// Regression: parse_iso used std::from_chars on each time field, which reads a leading '-', so
// "T-1:..." was accepted as an hour of -1 and a microsecond field "-00001" as -1: garbage became a
// timestamp that iso() then wrote differently.
TEST(Timestamp, ParseRejectsSignedFields) {
  for (const char* text : {"2025-03-31T-1:15:02.000123Z", "2025-03-31T09:-5:02.000123Z",
                           "2025-03-31T09:15:-2.000123Z", "2025-03-31T09:15:02.-00001Z",
                           "2025-03-31T+9:15:02.000123Z", "2025-03-31T09:15:02.+00001Z"}) {
    auto parsed = Timestamp::parse_iso(text);
    EXPECT_FALSE(parsed.ok()) << "'" << text << "' was accepted as " << parsed->iso();
  }
}

TEST(Timestamp, ErrorQuotesTheTextAndTheExpectedLayout) {
  auto parsed = Timestamp::parse_iso("yesterday");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("yesterday"), std::string::npos);
  EXPECT_NE(parsed.error().message.find("YYYY-MM-DDThh:mm:ss.uuuuuuZ"), std::string::npos);
}

TEST(Timestamp, OrdersByInstant) {
  Timestamp earlier = *Timestamp::parse_iso("2025-03-31T09:15:02.000123Z");
  Timestamp later = earlier.plus_seconds(1);
  EXPECT_LT(earlier, later);
  EXPECT_EQ(later.iso(), "2025-03-31T09:15:03.000123Z");
  EXPECT_EQ(later.plus_seconds(-1), earlier);
}

TEST(ManualClock, StandsStillUntilMoved) {
  ManualClock clock(*Timestamp::parse_iso("2025-03-31T23:59:30.000000Z"));
  EXPECT_EQ(clock.now(), clock.now());
  EXPECT_EQ(clock.today().iso(), "2025-03-31");
  clock.advance_seconds(30);
  EXPECT_EQ(clock.now().iso(), "2025-04-01T00:00:00.000000Z");
  EXPECT_EQ(clock.today().iso(), "2025-04-01");
  clock.set(Timestamp::at_start_of(*Date::parse_iso("2024-02-29")));
  EXPECT_EQ(clock.today().iso(), "2024-02-29");
}

TEST(SystemClock, TellsTheRealTime) {
  SystemClock clock;
  Timestamp first = clock.now();
  Timestamp second = clock.now();
  EXPECT_LE(first, second);
  EXPECT_GE(clock.today(), *Date::parse_iso("2024-01-01"));
  EXPECT_LT(clock.today(), *Date::parse_iso("2100-01-01"));
  EXPECT_TRUE(Timestamp::parse_iso(first.iso()).ok());
}

}  // namespace
}  // namespace safeguard
