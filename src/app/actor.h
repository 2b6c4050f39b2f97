// Who is acting: every use case takes one, and the audit trail records it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace safeguard::app {

struct Actor {
  std::string username;                   // as recorded in the audit trail
  std::string role;                       // social_worker, team_manager, ... or "system"
  std::optional<std::int64_t> worker_id;  // the worker record of a practitioner, if any

  static Actor system(std::string what) { return Actor{"system:" + what, "system", std::nullopt}; }
};

}  // namespace safeguard::app
