// Working days in England and Wales, as statutory timescales count them: Monday to Friday, except
// bank holidays and any closure days the authority adds (for example the days between Christmas and
// New Year). Bank holidays are computed, not listed, so every year from 1970 to 2200 is covered:
//
//   New Year's Day (from 1974)      1 January, or the Monday after when it falls at a weekend
//   Good Friday, Easter Monday      Easter by the anonymous Gregorian algorithm
//   Early May bank holiday          first Monday of May (from 1978); 8 May in 1995 and 2020
//   Spring bank holiday             last Monday of May; 6 June 1977, 4 June 2002 and 2012,
//                                   2 June 2022
//   Summer bank holiday             last Monday of August
//   Christmas Day, Boxing Day       with substitute days when either falls at a weekend
//   One-off days                    7 June 1977, 29 July 1981, 31 December 1999, 3 June 2002,
//                                   29 April 2011, 5 June 2012, 3 June 2022, 19 September 2022,
//                                   8 May 2023
//
// The rules before 1978 follow the history (no New Year's Day before 1974, no early May holiday
// before 1978, the 1977 silver jubilee). A one-off day proclaimed after this was written is added
// as an extra closure day until the code knows it.
//
// A WorkingDayCalendar does not change after it is made, so one can be shared between threads.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"

namespace safeguard::rules {

inline constexpr int kFirstCalendarYear = 1970;
inline constexpr int kLastCalendarYear = 2200;

struct Holiday {
  Date date;
  std::string name;  // "Easter Monday", "Christmas Day (substitute day)" ...
  auto operator<=>(const Holiday&) const = default;
};

// Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm; Meeus/Jones/Butcher).
Date easter_sunday(int year);

// The bank holidays of England and Wales in `year`, in date order.
std::vector<Holiday> bank_holidays_england_and_wales(int year);

class WorkingDayCalendar {
 public:
  // `extra_closure_days`: days the authority's offices are closed on top of bank holidays.
  explicit WorkingDayCalendar(std::vector<Date> extra_closure_days = {});

  // Monday to Friday and neither a bank holiday nor a closure day.
  bool is_working_day(Date date) const;
  bool is_bank_holiday(Date date) const;

  // The year's bank holidays and the authority's closure days that fall on weekdays ("Authority
  // closure day"), in date order.
  std::vector<Holiday> holidays(int year) const;

  // Counts `days` working days on from `from`: 0 gives `from` itself (even when it is not a working
  // day); N > 0 gives the Nth working day after `from` (from itself does not count); N < 0 the Nth
  // working day before it.
  Date add_working_days(Date from, int days) const;

  // The number of working days after `from` up to and including `to` (negative when `to` is before
  // `from`: minus the working days from `to` up to but excluding `from`). So for a working day
  // `to`, add_working_days(from, working_days_between(from, to)) == to.
  int working_days_between(Date from, Date to) const;

 private:
  bool is_closure_day(Date date) const;

  std::vector<Date> closure_days_;  // sorted, unique
};

}  // namespace safeguard::rules
