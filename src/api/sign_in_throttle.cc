#include "api/sign_in_throttle.h"

#include <algorithm>

namespace safeguard::api {

std::optional<Timestamp> SignInThrottle::throttled_until(std::string_view address, Timestamp now) {
  std::lock_guard lock(mutex_);
  auto found = failures_.find(address);
  if (found == failures_.end()) return std::nullopt;
  Timestamp window_end = found->second.window_start.plus_seconds(limits_.window_seconds);
  if (now >= window_end) {
    failures_.erase(found);
    return std::nullopt;
  }
  if (found->second.count < limits_.failures_per_address) return std::nullopt;
  return window_end;
}

void SignInThrottle::record_failure(std::string_view address, Timestamp now) {
  std::lock_guard lock(mutex_);
  auto found = failures_.find(address);
  if (found == failures_.end()) {
    if (failures_.size() >= limits_.max_addresses) {
      // Forget the address whose window started first.
      auto oldest =
          std::min_element(failures_.begin(), failures_.end(), [](const auto& a, const auto& b) {
            return a.second.window_start < b.second.window_start;
          });
      failures_.erase(oldest);
    }
    found = failures_.emplace(std::string(address), Failures{0, now}).first;
  }
  Failures& failures = found->second;
  if (now >= failures.window_start.plus_seconds(limits_.window_seconds)) failures = {0, now};
  failures.count += 1;
}

void SignInThrottle::record_success(std::string_view address) {
  std::lock_guard lock(mutex_);
  if (auto found = failures_.find(address); found != failures_.end()) failures_.erase(found);
}

SignInThrottle::Turn SignInThrottle::take_turn() {
  std::unique_lock lock(mutex_);
  bool granted = turn_freed_.wait_for(lock, limits_.wait_for_check,
                                      [&] { return checks_running_ < limits_.concurrent_checks; });
  if (granted) ++checks_running_;
  return Turn(this, granted);
}

SignInThrottle::Turn::~Turn() {
  if (!granted_) return;
  {
    std::lock_guard lock(owner_->mutex_);
    --owner_->checks_running_;
  }
  owner_->turn_freed_.notify_one();
}

}  // namespace safeguard::api
