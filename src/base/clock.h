// The time seam. Code that needs "now" takes a Clock&, so tests and the synthetic authority can run
// on simulated time, and a record made on a given day says so however fast the machine generated
// it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "base/date.h"
#include "base/result.h"

namespace safeguard {

// Microseconds since 1970-01-01T00:00:00Z.
struct Timestamp {
  std::int64_t microseconds = 0;

  static Timestamp at_start_of(Date date) {
    return Timestamp{static_cast<std::int64_t>(date.days_since_epoch()) * 86'400'000'000LL};
  }
  Date date() const;
  // 2025-03-31T09:15:02.000123Z
  std::string iso() const;
  static Result<Timestamp> parse_iso(std::string_view text);
  Timestamp plus_seconds(std::int64_t seconds) const {
    return Timestamp{microseconds + seconds * 1'000'000};
  }
  auto operator<=>(const Timestamp&) const = default;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
  Date today() const { return now().date(); }
};

// The machine's clock, in UTC.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// A clock that stands still until told to move: for tests and simulations.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start) {}
  Timestamp now() const override { return now_; }
  void set(Timestamp when) { now_ = when; }
  void advance_seconds(std::int64_t seconds) { now_ = now_.plus_seconds(seconds); }

 private:
  Timestamp now_;
};

}  // namespace safeguard
