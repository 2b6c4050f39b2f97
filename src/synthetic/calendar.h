// Working days, as statutory timescales count them (Monday to Friday; the synthetic authority keeps
// no bank holidays), and a far-off date that stands for "not within the simulation".
#pragma once

#include <cstdint>

#include "base/date.h"

namespace safeguard::synthetic {

// A date later than any simulated day: an event planned for it never happens on record.
inline constexpr Date kNever = Date::from_days(1'000'000);

inline bool is_working_day(Date date) { return date.weekday() < 5; }

// The date itself when it is a working day, else the Monday after.
inline Date next_working_day(Date date) {
  int weekday = date.weekday();
  return weekday < 5 ? date : date.plus_days(7 - weekday);
}

// `count` working days after `date` (0 gives next_working_day(date)).
inline Date add_working_days(Date date, int count) {
  Date day = next_working_day(date);
  int weeks = count / 5;
  int rest = count % 5;
  day = day.plus_days(7 * weeks);
  while (rest > 0) {
    day = day.plus_days(1);
    if (is_working_day(day)) --rest;
  }
  return day;
}

inline Date earlier(Date a, Date b) { return a < b ? a : b; }
inline Date later(Date a, Date b) { return a < b ? b : a; }

// A person's birthday `years` after `born` (29 February falls on 1 March, as Date::age_on counts).
inline Date birthday(Date born, int years) {
  Date day = born.plus_years(years);
  if (born.month() == 2 && born.day() == 29 && day.day() == 28) day = day.plus_days(1);
  return day;
}

}  // namespace safeguard::synthetic
