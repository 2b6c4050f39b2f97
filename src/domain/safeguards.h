// The records the safeguards keep (docs/safeguards.md): a request to close a case and the
// manager's decision on it, the assessment recorded before a placement ends, and a manager's
// override of a worker's caseload limit. Each names who acted (a username, as the audit trail does)
// so the investigation reports can be read without the audit trail.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/date.h"

namespace safeguard::domain {

inline constexpr const char* kClosureStatuses[] = {"awaiting_approval", "approved", "declined"};

// A practitioner's request to close a child's case (the open child-in-need episode), and the team
// manager's decision. The case closes only when a manager approves it and the evidence holds then.
struct ClosureRequest {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t episode_id = 0;     // the child-in-need episode to close
  Date closure_date;               // the day the case is to close (CINclosureDate)
  std::string reason_for_closure;  // ReasonForClosure RC1-RC9
  std::string note;                // why, in the worker's words
  std::string requested_by;        // username
  Date requested_on;
  std::optional<std::int64_t> visit_id;  // the visit with the child seen that qualified it
  std::string status;                    // one of kClosureStatuses
  std::string decided_by;                // the manager's username, once decided
  std::optional<Date> decided_on;
  std::string decision_note;
};

// The assessment recorded before a child's placement ends: what was considered and the child's
// views, by whom. Ending the placement (the looked-after episode) needs one.
struct PlacementEndAssessment {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t episode_id = 0;  // the looked-after episode whose placement ends
  Date date;
  std::string assessed_by;  // username
  std::optional<std::int64_t> worker_id;
  std::string summary;  // the assessment itself
};

// A manager's decision to let an allocation take a worker over their caseload limit.
struct CaseloadOverride {
  std::int64_t id = 0;
  std::int64_t worker_id = 0;
  std::int64_t child_id = 0;
  std::optional<std::int64_t> allocation_id;  // the allocation it allowed
  Date date;
  std::string approved_by;  // the manager's username
  std::string reason;
  double weighted_caseload = 0.0;  // the worker's weighted caseload with the new case
  double caseload_limit = 0.0;     // the worker's limit (pro rata to FTE) at the time
};

}  // namespace safeguard::domain
