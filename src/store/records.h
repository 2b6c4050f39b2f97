// Read models the store returns besides the domain records themselves.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "domain/child.h"
#include "domain/children_in_need.h"
#include "domain/front_door.h"
#include "domain/looked_after.h"
#include "domain/practice.h"

namespace safeguard::store {

// One row of the audit trail as stored. The audit module decides what goes in and how it is
// chained.
struct AuditRecord {
  std::int64_t seq = 0;  // 1, 2, 3 ... in the order events happened
  std::string at;        // ISO 8601 timestamp, UTC
  std::string actor;     // who: a username, or "system:<process>"
  std::string action;    // what: create, update, read, refuse, import ...
  std::string entity;    // which kind of record: child, visit, looked_after_episode ...
  std::string entity_id;
  std::optional<std::int64_t> child_id;  // the child the record belongs to, when there is one
  std::string reason;                    // why, when the actor gave or the system recorded a reason
  std::string before;                    // JSON image before a change ("" for none)
  std::string after;                     // JSON image after a change ("" for none)
  std::string prev_hash;  // hex SHA-256 of the previous event ("000...0" for the first)
  std::string hash;       // hex SHA-256 of this event, chained to prev_hash
};

// A session and its account as stored now (Transaction::session_state).
struct SessionState {
  std::int64_t session_id = 0;
  std::int64_t user_id = 0;
  bool ended = false;
  std::string last_seen_at;  // ISO timestamps
  std::string expires_at;
  bool account_active = false;
  std::string role;  // the account's stored role name
  std::optional<std::int64_t> worker_id;
  std::optional<std::int64_t> team_id;
  std::string agency;
};

// Who holds a child's case on a day (Transaction::case_holding): the workers and teams of the
// allocations open that day, each once, in the order of the allocations' ids.
struct CaseHolding {
  std::vector<std::int64_t> worker_ids;
  std::vector<std::int64_t> team_ids;
};

// The counts `safeguard summary` shows, at one date.
struct Summary {
  Date as_of;
  std::int64_t children_looked_after = 0;
  std::map<std::string, std::int64_t> placements;  // children looked after by PLACE code
  std::int64_t cp_plans = 0;
  std::int64_t children_in_need = 0;
  std::int64_t unallocated_cases = 0;
  std::int64_t workers = 0;
  std::int64_t case_holding_workers = 0;
  std::int64_t allocated_cases = 0;
  double mean_caseload = 0.0;  // allocated cases per case-holding worker
};

// Everything the statutory clocks read about a set of children (rules::ChildFacts, for many
// children at once). Each list is ordered by child, then id; protection reviews by their plan's
// child, with the plan's child in `protection_review_children` at the same index.
struct CaseFacts {
  std::vector<domain::Child> children;
  std::vector<domain::Contact> contacts;
  std::vector<domain::Referral> referrals;
  std::vector<domain::ChildInNeedEpisode> child_in_need_episodes;
  std::vector<domain::Assessment> assessments;
  std::vector<domain::Section47Enquiry> section47_enquiries;
  std::vector<domain::InitialChildProtectionConference> conferences;
  std::vector<domain::ChildProtectionPlan> protection_plans;
  std::vector<domain::ChildProtectionReview> protection_reviews;
  std::vector<std::int64_t> protection_review_children;
  std::vector<domain::LookedAfterEpisode> looked_after_episodes;
  std::vector<domain::LookedAfterReview> looked_after_reviews;
  std::vector<domain::Visit> visits;
  std::vector<domain::CareLeaverContact> care_leaver_contacts;
};

}  // namespace safeguard::store
