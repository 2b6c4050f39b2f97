#include "base/date.h"

#include <date/date.h>
#include <fmt/format.h>

#include <charconv>

namespace safeguard {
namespace {

date::year_month_day to_ymd(std::int32_t days) {
  return date::year_month_day{date::sys_days{date::days{days}}};
}

std::optional<int> parse_digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

Result<Date> Date::from_ymd(int year, int month, int day) {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) {
    return Error::invalid(fmt::format("{:04}-{:02}-{:02} is not a date", year, month, day));
  }
  date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                           date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) {
    return Error::invalid(fmt::format("{:04}-{:02}-{:02} is not a date", year, month, day));
  }
  return Date(date::sys_days{ymd}.time_since_epoch().count());
}

Result<Date> Date::parse_iso(std::string_view text) {
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    auto year = parse_digits(text.substr(0, 4));
    auto month = parse_digits(text.substr(5, 2));
    auto day = parse_digits(text.substr(8, 2));
    if (year && month && day) return from_ymd(*year, *month, *day);
  }
  return Error::invalid(fmt::format("'{}' is not a date in the form YYYY-MM-DD", text));
}

Result<Date> Date::parse_uk(std::string_view text) {
  if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    auto day = parse_digits(text.substr(0, 2));
    auto month = parse_digits(text.substr(3, 2));
    auto year = parse_digits(text.substr(6, 4));
    if (year && month && day) return from_ymd(*year, *month, *day);
  }
  return Error::invalid(fmt::format("'{}' is not a date in the form DD/MM/YYYY", text));
}

Result<Date> Date::parse_any(std::string_view text) {
  if (text.size() == 10 && text[2] == '/') return parse_uk(text);
  if (text.size() == 10 && text[4] == '-') return parse_iso(text);
  return Error::invalid(
      fmt::format("'{}' is not a date in the form DD/MM/YYYY or YYYY-MM-DD", text));
}

int Date::year() const { return static_cast<int>(to_ymd(days_).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(to_ymd(days_).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(to_ymd(days_).day())); }

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  int remainder = (days_ + 3) % 7;
  return remainder < 0 ? remainder + 7 : remainder;
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year(), month(), day()); }
std::string Date::uk() const { return fmt::format("{:02}/{:02}/{:04}", day(), month(), year()); }

Date Date::plus_months(int months) const {
  auto ymd = to_ymd(days_);
  date::year_month_day moved = ymd + date::months{months};
  if (!moved.ok()) moved = moved.year() / moved.month() / date::last;
  return Date(date::sys_days{moved}.time_since_epoch().count());
}

int Date::age_on(Date on) const {
  int age = on.year() - year();
  if (on.month() < month() || (on.month() == month() && on.day() < day())) --age;
  return age;
}

Date CollectionYear::first_day() const { return *Date::from_ymd(ending - 1, 4, 1); }
Date CollectionYear::last_day() const { return *Date::from_ymd(ending, 3, 31); }
CollectionYear CollectionYear::containing(Date date) {
  return CollectionYear{date.month() >= 4 ? date.year() + 1 : date.year()};
}
std::string CollectionYear::label() const {
  return fmt::format("{}/{:02}", ending - 1, ending % 100);
}

}  // namespace safeguard
