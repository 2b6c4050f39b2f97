// A calendar date (no time of day, no time zone), as social care records and the DfE returns use
// them. Stored as days since 1970-01-01 so that comparisons and arithmetic are cheap; written as
// ISO 8601
// ("2025-03-31") in the store and the API, and as dd/mm/yyyy where the DfE's CSV layout asks for
// it.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace safeguard {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(std::int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Returns an error for an impossible date such as 2023-02-29.
  static Result<Date> from_ymd(int year, int month, int day);
  // "YYYY-MM-DD" only.
  static Result<Date> parse_iso(std::string_view text);
  // "DD/MM/YYYY" only (the DfE's CSV layout).
  static Result<Date> parse_uk(std::string_view text);
  // Either layout, as 903 files in the wild use both.
  static Result<Date> parse_any(std::string_view text);

  constexpr std::int32_t days_since_epoch() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  // 0 = Monday ... 6 = Sunday.
  int weekday() const;

  std::string iso() const;  // 2025-03-31
  std::string uk() const;   // 31/03/2025

  constexpr Date plus_days(std::int32_t days) const { return Date(days_ + days); }
  // Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb).
  Date plus_months(int months) const;
  Date plus_years(int years) const { return plus_months(12 * years); }
  constexpr std::int32_t days_until(Date later) const { return later.days_ - days_; }

  // Whole years of age on `on` for someone born on *this (a birthday on 29 Feb falls on 1 Mar).
  int age_on(Date on) const;

  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

// The DfE collection year named by its end: collection year 2025 runs 1 April 2024 to 31 March
// 2025.
struct CollectionYear {
  int ending = 0;
  Date first_day() const;
  Date last_day() const;
  // The collection year a date falls in.
  static CollectionYear containing(Date date);
  std::string label() const;  // "2024/25"
};

}  // namespace safeguard
