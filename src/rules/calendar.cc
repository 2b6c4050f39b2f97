#include "rules/calendar.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace safeguard::rules {
namespace {

constexpr int kMonday = 0;
constexpr int kFriday = 4;
constexpr int kSaturday = 5;
constexpr int kSunday = 6;

// Only called with real dates inside the supported years.
Date ymd(int year, int month, int day) { return *Date::from_ymd(year, month, day); }

bool is_weekend(Date date) { return date.weekday() >= kSaturday; }

Date first_monday(int year, int month) {
  Date first = ymd(year, month, 1);
  return first.plus_days((7 - first.weekday() + kMonday) % 7);
}

Date last_monday(int year, int month) {
  Date last = ymd(year, month, 1).plus_months(1).plus_days(-1);
  return last.plus_days(-last.weekday());
}

struct OneOffDay {
  int year, month, day;
  const char* name;
};

constexpr OneOffDay kOneOffDays[] = {
    {1977, 6, 7, "Silver Jubilee of Queen Elizabeth II"},
    {1981, 7, 29, "Royal wedding of the Prince of Wales and Lady Diana Spencer"},
    {1999, 12, 31, "Millennium celebrations"},
    {2002, 6, 3, "Golden Jubilee of Queen Elizabeth II"},
    {2011, 4, 29, "Royal wedding of Prince William and Catherine Middleton"},
    {2012, 6, 5, "Diamond Jubilee of Queen Elizabeth II"},
    {2022, 6, 3, "Platinum Jubilee of Queen Elizabeth II"},
    {2022, 9, 19, "State funeral of Queen Elizabeth II"},
    {2023, 5, 8, "Coronation of King Charles III"},
};

// Years in which the spring bank holiday moved to make a long weekend with a one-off day.
struct MovedSpringHoliday {
  int year, month, day;
};
constexpr MovedSpringHoliday kMovedSpringHolidays[] = {
    {1977, 6, 6}, {2002, 6, 4}, {2012, 6, 4}, {2022, 6, 2}};

void add_new_years_day(int year, std::vector<Holiday>& out) {
  if (year < 1974) return;  // a bank holiday in England and Wales from 1974
  Date day = ymd(year, 1, 1);
  if (day.weekday() == kSaturday) {
    out.push_back({day.plus_days(2), "New Year's Day (substitute day)"});
  } else if (day.weekday() == kSunday) {
    out.push_back({day.plus_days(1), "New Year's Day (substitute day)"});
  } else {
    out.push_back({day, "New Year's Day"});
  }
}

void add_easter(int year, std::vector<Holiday>& out) {
  Date easter = easter_sunday(year);
  out.push_back({easter.plus_days(-2), "Good Friday"});
  out.push_back({easter.plus_days(1), "Easter Monday"});
}

void add_may_holidays(int year, std::vector<Holiday>& out) {
  if (year == 1995 || year == 2020) {
    out.push_back({ymd(year, 5, 8), "Early May bank holiday (VE Day)"});
  } else if (year >= 1978) {  // first held in 1978
    out.push_back({first_monday(year, 5), "Early May bank holiday"});
  }
  Date spring = last_monday(year, 5);
  for (const MovedSpringHoliday& moved : kMovedSpringHolidays) {
    if (moved.year == year) spring = ymd(moved.year, moved.month, moved.day);
  }
  out.push_back({spring, "Spring bank holiday"});
}

void add_christmas(int year, std::vector<Holiday>& out) {
  Date christmas = ymd(year, 12, 25);
  switch (christmas.weekday()) {
    case kSaturday:  // Monday 27 and Tuesday 28 stand in for both
      out.push_back({christmas.plus_days(2), "Christmas Day (substitute day)"});
      out.push_back({christmas.plus_days(3), "Boxing Day (substitute day)"});
      break;
    case kSunday:  // Boxing Day is the Monday; the Tuesday stands in for Christmas
      out.push_back({christmas.plus_days(1), "Boxing Day"});
      out.push_back({christmas.plus_days(2), "Christmas Day (substitute day)"});
      break;
    case kFriday:  // Boxing Day on the Saturday moves to Monday 28
      out.push_back({christmas, "Christmas Day"});
      out.push_back({christmas.plus_days(3), "Boxing Day (substitute day)"});
      break;
    default:
      out.push_back({christmas, "Christmas Day"});
      out.push_back({christmas.plus_days(1), "Boxing Day"});
      break;
  }
}

// Every bank holiday of the supported years, sorted: computed once, never changed.
const std::vector<Date>& all_bank_holiday_dates() {
  static const std::vector<Date> dates = [] {
    std::vector<Date> all;
    for (int year = kFirstCalendarYear; year <= kLastCalendarYear; ++year) {
      for (const Holiday& holiday : bank_holidays_england_and_wales(year)) {
        all.push_back(holiday.date);
      }
    }
    std::sort(all.begin(), all.end());
    return all;
  }();
  return dates;
}

}  // namespace

Date easter_sunday(int year) {
  int a = year % 19;
  int b = year / 100;
  int c = year % 100;
  int d = b / 4;
  int e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4;
  int k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;
  return ymd(year, month, day);
}

std::vector<Holiday> bank_holidays_england_and_wales(int year) {
  std::vector<Holiday> holidays;
  if (year < kFirstCalendarYear || year > kLastCalendarYear) return holidays;
  add_new_years_day(year, holidays);
  add_easter(year, holidays);
  add_may_holidays(year, holidays);
  holidays.push_back({last_monday(year, 8), "Summer bank holiday"});
  add_christmas(year, holidays);
  for (const OneOffDay& one_off : kOneOffDays) {
    if (one_off.year == year) {
      holidays.push_back({ymd(one_off.year, one_off.month, one_off.day), one_off.name});
    }
  }
  std::sort(holidays.begin(), holidays.end());
  return holidays;
}

WorkingDayCalendar::WorkingDayCalendar(std::vector<Date> extra_closure_days)
    : closure_days_(std::move(extra_closure_days)) {
  std::sort(closure_days_.begin(), closure_days_.end());
  closure_days_.erase(std::unique(closure_days_.begin(), closure_days_.end()), closure_days_.end());
  all_bank_holiday_dates();  // build the shared table now rather than on a first busy call
}

bool WorkingDayCalendar::is_bank_holiday(Date date) const {
  const std::vector<Date>& dates = all_bank_holiday_dates();
  return std::binary_search(dates.begin(), dates.end(), date);
}

bool WorkingDayCalendar::is_closure_day(Date date) const {
  return std::binary_search(closure_days_.begin(), closure_days_.end(), date);
}

bool WorkingDayCalendar::is_working_day(Date date) const {
  return !is_weekend(date) && !is_bank_holiday(date) && !is_closure_day(date);
}

std::vector<Holiday> WorkingDayCalendar::holidays(int year) const {
  std::vector<Holiday> result = bank_holidays_england_and_wales(year);
  for (Date day : closure_days_) {
    if (day.year() != year || is_weekend(day) || is_bank_holiday(day)) continue;
    result.push_back({day, "Authority closure day"});
  }
  std::sort(result.begin(), result.end());
  return result;
}

Date WorkingDayCalendar::add_working_days(Date from, int days) const {
  const int step = days < 0 ? -1 : 1;
  int remaining = std::abs(days);
  Date day = from;
  while (remaining > 0) {
    day = day.plus_days(step);
    if (is_working_day(day)) --remaining;
  }
  return day;
}

int WorkingDayCalendar::working_days_between(Date from, Date to) const {
  int count = 0;
  if (from <= to) {
    for (Date day = from.plus_days(1); day <= to; day = day.plus_days(1)) {
      if (is_working_day(day)) ++count;
    }
    return count;
  }
  for (Date day = to; day < from; day = day.plus_days(1)) {
    if (is_working_day(day)) ++count;
  }
  return -count;
}

}  // namespace safeguard::rules
