// The people who hold cases, the teams they belong to, which child each holds (allocations, with
// their history) and the one-to-one supervision every social worker is owed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/date.h"

namespace safeguard::domain {

struct Team {
  std::int64_t id = 0;
  std::string name;
  std::string
      service;  // front_door, assessment, safeguarding, children_in_care, leaving_care, disability
  bool active = true;
};

inline constexpr const char* kWorkerRoles[] = {
    "social_worker",   "senior_practitioner",           "team_manager",
    "head_of_service", "independent_reviewing_officer", "personal_adviser",
};

struct Worker {
  std::int64_t id = 0;
  std::string staff_id;  // SW_ID in the 903 SWEpisodes table
  std::string name;
  std::string role;     // one of kWorkerRoles
  bool agency = false;  // agency (locum) rather than permanent
  double fte = 1.0;     // full-time equivalent, 0 < fte <= 1
  std::optional<std::int64_t> team_id;
  Date start_date;
  std::optional<Date> leaving_date;
};

// Which worker holds a child's case, from when to when. An allocation with a team and no worker
// puts the case in the team's tray: it waits there for a worker, and its start date is the day it
// began waiting. A case with no open allocation with a worker is unallocated (whether it waits in a
// tray or has no open allocation at all).
struct Allocation {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::optional<std::int64_t> worker_id;  // none: waiting in the team's tray
  std::int64_t team_id = 0;
  Date start_date;
  std::optional<Date> end_date;
  std::string reason;  // why it began: new case, transfer, worker left ...
};

struct SupervisionSession {
  std::int64_t id = 0;
  std::int64_t worker_id = 0;
  std::int64_t supervisor_id = 0;
  Date date;
  bool one_to_one = true;
};

}  // namespace safeguard::domain
