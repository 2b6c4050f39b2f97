// Authorised, audited access to one child's record for the API, with emergency ("break-glass")
// access taken into account. The decision is still auth::decide's: this only gathers its facts —
// who holds the case (app::case_holders) and, when that alone refuses someone who may break glass,
// whether they hold a live grant for this child, read from the audit trail.
//
// A grant is the audit event {action "break_glass", entity "child", child_id, actor, reason,
// after {"until": timestamp}} written by POST /api/v1/children/{id}/break-glass; it lets that
// person open and record on the child until `until` (ServiceOptions::break_glass_minutes after
// it was given). The audit trail is append-only and hash-chained, so a grant cannot be edited or
// removed without `safeguard audit verify` noticing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api/services.h"
#include "api/session.h"
#include "app/case_record.h"
#include "auth/policy.h"
#include "base/clock.h"
#include "base/result.h"
#include "http/request.h"
#include "http/response.h"
#include "store/transaction.h"

namespace safeguard::api {

inline constexpr char kBreakGlassAction[] = "break_glass";

struct BreakGlassGrant {
  std::int64_t seq = 0;  // the audit event
  std::int64_t child_id = 0;
  std::string username;
  std::string role;  // as stored: social_worker, team_manager
  std::string reason;
  Timestamp granted_at;
  Timestamp until;
};

// The break-glass grants on `child_id` given at or after `since`, newest first.
Result<std::vector<BreakGlassGrant>> break_glass_grants(store::Transaction& transaction,
                                                        std::int64_t child_id, Timestamp since);

// The case's holders now, and — when they alone would refuse `action` to a principal who may
// break glass — the principal's username in `emergency_access` if they hold a live grant.
Result<auth::CaseHolders> holders_for(store::Transaction& transaction, const Services& services,
                                      const auth::Principal& principal, auth::Action action,
                                      std::int64_t child_id);

// Whether `principal` may do `action` on the child: forbidden (audited "refuse" event, durable
// before it returns) or not found.
Status authorise_child(Services& services, const auth::Principal& principal, auth::Action action,
                       std::int64_t child_id);

// The child's whole record (kOpenChildRecord), audited as a read — "emergency access" in the
// event's reason when only a grant allowed it.
Result<app::ChildRecord> open_child(Services& services, const auth::Principal& principal,
                                    std::int64_t child_id);

// The child id from the request's {id}, once the caller is allowed `action` on that child (a
// refusal is audited). Sets `refusal` (403, or 404 for a bad or unknown id) and returns nullopt
// otherwise.
std::optional<std::int64_t> authorised_child(Services& services, const http::Request& request,
                                             const Caller& caller, auth::Action action,
                                             http::Response& refusal);

}  // namespace safeguard::api
