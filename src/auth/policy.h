// Who may do what: every authorisation decision in Safeguard is made here, from the signed-in
// person's role and team and the facts about the record, and nowhere else. Pure: no I/O, so every
// rule is tested directly. A refusal carries a reason the person can act on.
//
// The roles (docs/security.md): a social worker sees children allocated to them or held by their
// team; a team manager, children held by their team; a head of service and an independent reviewing
// officer, all children; a partner agency, only what it submitted; an analyst, aggregates and
// pseudonymised extracts; an administrator manages accounts and sees no case content. Emergency
// ("break-glass") access lets a social worker or team manager who gave a reason open and record on
// a child outside their team for a few hours; it never allocates, closes or approves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace safeguard::auth {

enum class Role {
  kSocialWorker,
  kTeamManager,
  kHeadOfService,
  kIndependentReviewingOfficer,
  kPartnerAgency,
  kAnalyst,
  kAdministrator,
};

Result<Role> parse_role(std::string_view text);  // the stored names: social_worker, iro, admin ...
std::string_view role_name(Role role);
std::string_view role_title(Role role);  // "Social worker", "Independent reviewing officer" ...

// The signed-in person, as decisions need them.
struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  Role role = Role::kSocialWorker;
  std::optional<std::int64_t> worker_id;
  std::optional<std::int64_t> team_id;
  std::string agency;
};

// What is known about who holds a child's case now, and who has emergency access to it.
struct CaseHolders {
  std::vector<std::int64_t> worker_ids;  // workers with an open allocation
  std::vector<std::int64_t>
      team_ids;  // teams holding the case (allocated, or waiting in the team's tray)
  // Usernames with live emergency ("break-glass") access to this child: each gave a reason, which
  // is in the audit trail, and the access lasts a few hours. Empty when nobody has looked it up.
  std::vector<std::string> emergency_access;
};

// Whose work a request is about: one worker, one team, or the whole service.
struct Scope {
  enum class Kind { kWorker, kTeam, kService };
  Kind kind = Kind::kService;
  std::optional<std::int64_t> worker_id;  // kWorker: the worker
  std::optional<std::int64_t> team_id;    // kTeam: the team; kWorker: the worker's team
};

// A concern a partner agency (or a practitioner) submitted to the front door.
struct ConcernFacts {
  std::string submitted_by;  // username
};

enum class Action {
  kOpenChildRecord,    // read a child's record
  kRecordOnChild,      // add a visit, a note, an episode ...
  kAllocateCase,       // allocate or transfer a case
  kApproveClosure,     // a manager's approval to close a case
  kViewTeamCaseloads,  // caseloads of a team's workers
  kViewAllTeams,       // the whole service
  kViewAggregates,     // counts, rates and trends with no child identified
  kManageUsers,        // create and deactivate accounts
  kSubmitConcern,      // a partner agency's contact to the front door
  kBreakGlass,         // emergency access to a child not otherwise visible, with a reason
  kRequestClosure,     // ask to close a child's case (a manager's request is also the approval)
  kViewWorkList,       // what is overdue or due soon for a worker, a team or the service (Scope)
  kViewReports,        // the investigation reports: closures, waits, caseloads (Scope)
  kReviewBreakGlass,   // the emergency accesses to a team's children (Scope)
  kViewConcern,        // a submitted concern and its outcome (ConcernFacts)
};

struct Decision {
  bool allowed = false;
  std::string reason;  // why not, in words the person can act on
  static Decision allow() { return {true, {}}; }
  static Decision deny(std::string reason) { return {false, std::move(reason)}; }
};

// Actions that concern no particular child.
Decision decide(const Principal& principal, Action action);
// Actions on one child's record, given who holds the case (and who has emergency access).
Decision decide(const Principal& principal, Action action, const CaseHolders& holders);
// Actions on a worker's, a team's or the service's work: work lists, reports, the break-glass log.
Decision decide(const Principal& principal, Action action, const Scope& scope);
// Actions on a submitted concern.
Decision decide(const Principal& principal, Action action, const ConcernFacts& concern);

}  // namespace safeguard::auth
