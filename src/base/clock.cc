#include "base/clock.h"

#include <fmt/format.h>

#include <charconv>

namespace safeguard {

Date Timestamp::date() const {
  std::int64_t days = microseconds / 86'400'000'000LL;
  if (microseconds < 0 && microseconds % 86'400'000'000LL != 0) --days;
  return Date::from_days(static_cast<std::int32_t>(days));
}

std::string Timestamp::iso() const {
  Date day = date();
  std::int64_t within_day =
      microseconds - static_cast<std::int64_t>(day.days_since_epoch()) * 86'400'000'000LL;
  std::int64_t seconds = within_day / 1'000'000;
  return fmt::format("{}T{:02}:{:02}:{:02}.{:06}Z", day.iso(), seconds / 3600, seconds / 60 % 60,
                     seconds % 60, within_day % 1'000'000);
}

Result<Timestamp> Timestamp::parse_iso(std::string_view text) {
  // Accepts exactly the layout iso() writes.
  auto fail = [&] {
    return Error::invalid(
        fmt::format("'{}' is not a timestamp in the form YYYY-MM-DDThh:mm:ss.uuuuuuZ", text));
  };
  if (text.size() != 27 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != '.' || text[26] != 'Z') {
    return fail();
  }
  auto day = Date::parse_iso(text.substr(0, 10));
  if (!day) return fail();
  auto number = [&](std::size_t at, std::size_t length, std::int64_t& out) {
    // Digits only: from_chars alone would also read a sign ("-1").
    for (char c : text.substr(at, length)) {
      if (c < '0' || c > '9') return false;
    }
    auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, out);
    return error == std::errc{} && end == text.data() + at + length;
  };
  std::int64_t hours = 0, minutes = 0, seconds = 0, micros = 0;
  if (!number(11, 2, hours) || !number(14, 2, minutes) || !number(17, 2, seconds) ||
      !number(20, 6, micros) || hours > 23 || minutes > 59 || seconds > 59) {
    return fail();
  }
  return Timestamp{Timestamp::at_start_of(*day).microseconds +
                   ((hours * 60 + minutes) * 60 + seconds) * 1'000'000 + micros};
}

Timestamp SystemClock::now() const {
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
}

}  // namespace safeguard
