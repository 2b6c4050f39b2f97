// Who may do what: every authorisation decision in Safeguard is made here, from the signed-in
// person's role and team and the facts about the record, and nowhere else. Pure: no I/O, so every
// rule is tested directly. A refusal carries a reason the person can act on.
//
// The roles (docs/security.md): a social worker sees children allocated to them or held by their
// team; a team manager, children held by their team; a head of service and an independent reviewing
// officer, all children; a partner agency, only what it submitted; an analyst, aggregates and
// pseudonymised extracts; an administrator manages accounts and sees no case content.
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

// What is known about who holds a child's case now.
struct CaseHolders {
  std::vector<std::int64_t> worker_ids;  // workers with an open allocation
  std::vector<std::int64_t>
      team_ids;  // teams holding the case (allocated, or waiting in the team's tray)
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
};

struct Decision {
  bool allowed = false;
  std::string reason;  // why not, in words the person can act on
  static Decision allow() { return {true, {}}; }
  static Decision deny(std::string reason) { return {false, std::move(reason)}; }
};

// Actions that concern no particular child.
Decision decide(const Principal& principal, Action action);
// Actions on one child's record, given who holds the case.
Decision decide(const Principal& principal, Action action, const CaseHolders& holders);

}  // namespace safeguard::auth
