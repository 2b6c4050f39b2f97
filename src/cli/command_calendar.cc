// safeguard calendar: the working-day calendar of England and Wales, as the statutory clocks count.
//   safeguard calendar add-working-days --from YYYY-MM-DD --days N   prints the date, nothing else
//   safeguard calendar holidays --year YYYY                          "YYYY-MM-DD<TAB>Name" per line
#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "cli/command.h"
#include "rules/calendar.h"

namespace safeguard::cli {
namespace {

// About 400 years of working days: far beyond any timescale, and inside the calendar's range.
constexpr int kMostWorkingDays = 100'000;

int fail(const std::string& message) {
  fmt::print(stderr, "safeguard: {}\n", message);
  return kExitCannotRun;
}

bool in_calendar(Date date) {
  return date.year() >= rules::kFirstCalendarYear && date.year() <= rules::kLastCalendarYear;
}

// A whole number written plainly ("-3", "45"), or nothing.
std::optional<int> parse_whole_number(const std::string& text) {
  int value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (!text.empty() && *begin == '+') ++begin;
  auto [stop, error] = std::from_chars(begin, end, value);
  if (begin == end || error != std::errc{} || stop != end) return std::nullopt;
  return value;
}

int add_working_days(const std::string& from_text, const std::string& days_text) {
  if (from_text.empty()) return fail("--from is required (a date, YYYY-MM-DD)");
  if (days_text.empty()) return fail("--days is required (a whole number of working days)");
  auto from = Date::parse_iso(from_text);
  if (!from) return fail(fmt::format("--from: {}", from.error().message));
  if (!in_calendar(*from)) {
    return fail(fmt::format("--from: the calendar covers {} to {}", rules::kFirstCalendarYear,
                            rules::kLastCalendarYear));
  }
  std::optional<int> days = parse_whole_number(days_text);
  if (!days) return fail(fmt::format("--days: '{}' is not a whole number", days_text));
  if (std::abs(*days) > kMostWorkingDays) {
    return fail(fmt::format("--days: at most {} either way", kMostWorkingDays));
  }
  rules::WorkingDayCalendar calendar;
  Date result = calendar.add_working_days(*from, *days);
  if (!in_calendar(result)) {
    return fail(fmt::format("the result falls outside the calendar's years {} to {}",
                            rules::kFirstCalendarYear, rules::kLastCalendarYear));
  }
  fmt::print("{}\n", result.iso());
  return kExitOk;
}

int list_holidays(const std::string& year_text) {
  if (year_text.empty()) return fail("--year is required (e.g. --year 2025)");
  std::optional<int> year = parse_whole_number(year_text);
  if (!year) return fail(fmt::format("--year: '{}' is not a year", year_text));
  if (*year < rules::kFirstCalendarYear || *year > rules::kLastCalendarYear) {
    return fail(fmt::format("--year: the calendar covers {} to {}", rules::kFirstCalendarYear,
                            rules::kLastCalendarYear));
  }
  rules::WorkingDayCalendar calendar;
  for (const rules::Holiday& holiday : calendar.holidays(*year)) {
    fmt::print("{}\t{}\n", holiday.date.iso(), holiday.name);
  }
  return kExitOk;
}

}  // namespace

void add_calendar_command(CLI::App& app, Runner& runner) {
  auto* command = app.add_subcommand(
      "calendar", "Working days and bank holidays (England and Wales) as statutory clocks count");
  command->require_subcommand(1);

  auto* add = command->add_subcommand(
      "add-working-days",
      "Print the date N working days after (or, for negative N, before) a date");
  // Read as text and checked here, so that every mistake is reported in one line.
  auto from = std::make_shared<std::string>();
  auto days = std::make_shared<std::string>();
  add->add_option("--from", *from, "Start date, YYYY-MM-DD (day 0) [required]");
  add->add_option("--days", *days, "Working days to count; negative counts back [required]");
  add->callback(
      [&runner, from, days] { runner = [from, days] { return add_working_days(*from, *days); }; });

  auto* holidays = command->add_subcommand(
      "holidays", "List a year's bank holidays in England and Wales, one per line");
  auto year = std::make_shared<std::string>();
  holidays->add_option("--year", *year, "Calendar year, e.g. 2025 [required]");
  holidays->callback([&runner, year] { runner = [year] { return list_holidays(*year); }; });
}

}  // namespace safeguard::cli
