#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "cli/command.h"

namespace safeguard::cli {

int report_error(const Error& error) {
  fmt::print(stderr, "safeguard: {}\n", error.message);
  switch (error.kind) {
    case ErrorKind::kCorrupt:
    case ErrorKind::kConflict:
    case ErrorKind::kInvalid:
      return kExitProblemFound;
    default:
      return kExitCannotRun;
  }
}

Progress::Progress(std::string task) : task_(std::move(task)), enabled_(isatty(STDERR_FILENO)) {}

Progress::~Progress() {
  if (enabled_ && drawn_) fmt::print(stderr, "\n");
}

void Progress::update(double fraction, std::string_view stage) {
  if (!enabled_) return;
  drawn_ = true;
  fmt::print(stderr, "\r\033[K{}: {:3.0f}% {}", task_, fraction * 100.0, stage);
  std::fflush(stderr);
}

void Progress::count(long long done, std::string_view unit) {
  if (!enabled_) return;
  drawn_ = true;
  fmt::print(stderr, "\r\033[K{}: {} {}", task_, done, unit);
  std::fflush(stderr);
}

}  // namespace safeguard::cli
