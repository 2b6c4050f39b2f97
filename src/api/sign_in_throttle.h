// Slows down password guessing from one address, and bounds the memory password checks take.
// app::Access already locks an account after repeated failures; this adds a limit per network
// address (so one client cannot try many usernames) and lets only a few argon2id checks (64 MiB
// each) run at once. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace safeguard::api {

struct ThrottleLimits {
  int failures_per_address = 20;      // failed sign-ins from one address in the window ...
  std::int64_t window_seconds = 300;  // ... before it must wait for the window to pass
  int concurrent_checks = 2;          // password checks running at once
  std::chrono::milliseconds wait_for_check{10'000};  // longest wait for a turn
  std::size_t max_addresses = 10'000;  // addresses remembered (oldest forgotten first)
};

class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottleLimits limits = {}) : limits_(limits) {}

  // When `address` may try again, if it is throttled now.
  std::optional<Timestamp> throttled_until(std::string_view address, Timestamp now);
  void record_failure(std::string_view address, Timestamp now);
  void record_success(std::string_view address);

  // A turn to check a password; false when none came free in time (the caller answers 503).
  class Turn {
   public:
    Turn(SignInThrottle* owner, bool granted) : owner_(owner), granted_(granted) {}
    ~Turn();
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;
    explicit operator bool() const { return granted_; }

   private:
    SignInThrottle* owner_;
    bool granted_;
  };
  Turn take_turn();

 private:
  struct Failures {
    int count = 0;
    Timestamp window_start;
  };

  ThrottleLimits limits_;
  std::mutex mutex_;
  std::condition_variable turn_freed_;
  int checks_running_ = 0;
  std::map<std::string, Failures, std::less<>> failures_;
};

}  // namespace safeguard::api
