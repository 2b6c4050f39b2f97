// The safeguards as services (docs/safeguards.md): allocating and transferring cases within
// caseload limits, deactivating workers and teams, closing cases, ending placements. Each call is
// one write transaction holding the change and its audit events. Each refusal is decided before
// anything is written, and is then written alone, in the same transaction, as an audit event with
// action "refuse" (entity: what was asked for; reason: the refusal message; after: the request), so
// a refusal is on the record even though nothing changed. There is no way round a rule but the one
// it names (a manager's override with a reason, a manager's approval).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "base/clock.h"
#include "base/result.h"
#include "casework/settings.h"
#include "domain/codes.h"
#include "domain/safeguards.h"
#include "domain/workforce.h"
#include "rules/statutory_clocks.h"
#include "store/store.h"

namespace safeguard::casework {

// The action of every refusal's audit event.
inline constexpr char kRefuseAction[] = "refuse";

// Whether the actor's role may give a manager's approval or override.
bool is_manager(const app::Actor& actor);

// --- allocation and caseloads --------------------------------------------------------------------

struct AllocationRequest {
  std::int64_t child_id = 0;
  std::optional<std::int64_t> worker_id;  // none: into the team's tray, waiting for a worker
  std::optional<std::int64_t> team_id;    // default: the worker's team; required for a tray
  std::string reason;                     // why: new case, transfer, worker leaving ...
  std::optional<Date> date;               // from when (default: today)
  std::string override_reason;            // a manager's reason to take the worker over their limit
};

struct AllocationOutcome {
  std::int64_t allocation_id = 0;
  std::vector<std::int64_t> ended;  // the allocations it replaced (ended the same day)
  std::optional<std::int64_t> override_id;
  double weighted_caseload = 0.0;  // the worker's, with this case (0 for a tray)
  double caseload_limit = 0.0;
};

// What kind of case a child's is on a date, for weighting: an open protection plan, else an open
// looked-after episode, else child in need.
enum class CaseType { kChildProtection, kLookedAfter, kChildInNeed };
const char* case_type_name(CaseType type);  // child_protection, looked_after, child_in_need
double weight_of(CaseType type, const CaseWeights& weights);

struct Caseload {
  std::int64_t worker_id = 0;
  int cases = 0;
  double weighted = 0.0;
  double limit = 0.0;  // limit_per_fte x FTE
  bool over() const { return weighted > limit + 1e-9; }
};

// --- closure
// ----------------------------------------------------------------------------------------

struct ClosureInput {
  std::int64_t child_id = 0;
  std::string reason_for_closure;  // ReasonForClosure RC1-RC9
  std::string note;                // why, in the worker's words
};

struct UnmetRequirement {
  std::string requirement;  // visit_child_seen, no_open_protection_plan, not_looked_after
  std::string message;      // what is missing and what to do
};

struct ClosureDecision {
  enum class Status {
    kClosed,            // HTTP 200: the case is closed, its allocations ended
    kAwaitingApproval,  // HTTP 202: stored; a team manager approves or declines it
    kRefused,           // HTTP 422: `unmet` says what is missing; the refusal is audited
  };
  Status status = Status::kRefused;
  std::int64_t child_id = 0;
  std::int64_t episode_id = 0;
  std::optional<std::int64_t> request_id;
  std::vector<UnmetRequirement> unmet;
  std::string message;  // one sentence for the person: what happened, or what to do

  // The refusal as one Error (conflict), for callers that only pass errors on.
  Error refusal() const { return Error::conflict(message); }
};
const char* closure_status_name(ClosureDecision::Status status);  // closed, awaiting_approval ...

// --- placements
// ------------------------------------------------------------------------------------

struct PlacementEnd {
  std::int64_t episode_id = 0;        // the looked-after episode whose placement ends
  Date end_date;                      // DEC
  std::string reason_episode_ceased;  // REC: X1 when a new episode begins the same day
  std::string reason_place_change;    // REASON_PLACE_CHANGE: needed when REC is X1
};

class Casework {
 public:
  Casework(store::Store& store, const domain::CodeLists& codes, const Clock& clock)
      : store_(store), codes_(codes), clock_(clock) {}

  // The authority's settings (defaults for those not set).
  Result<Settings> settings();
  // Changes one setting (checked first; a manager or administrator only); audited with the
  // previous value.
  Status change_setting(const app::Actor& actor, std::string_view key, std::string_view value);

  // Allocates or transfers a case to a worker, or puts it in a team's tray. Ends the case's open
  // allocations the same day. Refused without a reason, for a child with no open case, a worker
  // not in post, an inactive team, the same holder again, and when the worker's weighted caseload
  // would go over their limit, unless a manager gives an override with a reason (recorded as a
  // CaseloadOverride).
  Result<AllocationOutcome> allocate(const app::Actor& actor, const AllocationRequest& request);
  // A worker's caseload on a date (no audit: no child is identified).
  Result<Caseload> caseload(std::int64_t worker_id, Date as_of);

  // Sets the worker's leaving date. Refused while they hold any case open on or after that date.
  Status deactivate_worker(const app::Actor& actor, std::int64_t worker_id, Date leaving_date,
                           std::string_view reason);
  // Marks the team inactive. Refused while it holds any open case (its tray included).
  Status deactivate_team(const app::Actor& actor, std::int64_t team_id, std::string_view reason);

  // Asks to close the child's open case (their open child-in-need episode) today. Refused with the
  // unmet requirements when there is no visit with the child seen within
  // closure.visit_working_days working days, a protection plan is open, or the child is looked
  // after. A practitioner's request then awaits a manager's approval; a manager's request is the
  // approval and closes the case.
  Result<ClosureDecision> request_closure(const app::Actor& actor, const ClosureInput& input);
  // A manager (not the one who asked) approves: the evidence is checked again as of today, and the
  // case closes today.
  Result<ClosureDecision> approve_closure(const app::Actor& actor, std::int64_t request_id,
                                          std::string_view note);
  Status decline_closure(const app::Actor& actor, std::int64_t request_id, std::string_view note);
  // Requests awaiting approval, oldest first (for a manager's screen).
  Result<std::vector<domain::ClosureRequest>> closures_awaiting_approval();

  // Records the assessment made before a placement ends.
  Result<std::int64_t> record_placement_end_assessment(const app::Actor& actor,
                                                       domain::PlacementEndAssessment assessment);
  // Ends a placement (the looked-after episode). Refused, naming every gap, without a valid REC, a
  // REASON_PLACE_CHANGE when REC is X1, or an assessment recorded for the episode on or before the
  // end date.
  Status end_placement(const app::Actor& actor, const PlacementEnd& placement);

  // The open statutory obligations on one child's case; reading them opens the record, so it is an
  // audited read.
  Result<std::vector<rules::ClockItem>> child_clocks(const app::Actor& actor, std::int64_t child_id,
                                                     Date as_of);

 private:
  store::Store& store_;
  const domain::CodeLists& codes_;
  const Clock& clock_;
};

}  // namespace safeguard::casework
