#include "auth/policy.h"

#include <fmt/format.h>

#include <algorithm>

namespace safeguard::auth {
namespace {

struct RoleName {
  Role role;
  std::string_view name;
  std::string_view title;
};

constexpr RoleName kRoles[] = {
    {Role::kSocialWorker, "social_worker", "Social worker"},
    {Role::kTeamManager, "team_manager", "Team manager"},
    {Role::kHeadOfService, "head_of_service", "Head of service"},
    {Role::kIndependentReviewingOfficer, "iro", "Independent reviewing officer"},
    {Role::kPartnerAgency, "partner_agency", "Partner agency"},
    {Role::kAnalyst, "analyst", "Analyst"},
    {Role::kAdministrator, "admin", "Administrator"},
};

bool contains(const std::vector<std::int64_t>& ids, const std::optional<std::int64_t>& id) {
  return id && std::find(ids.begin(), ids.end(), *id) != ids.end();
}

bool sees_every_child(Role role) {
  return role == Role::kHeadOfService || role == Role::kIndependentReviewingOfficer;
}

bool is_practitioner(Role role) {
  return role == Role::kSocialWorker || role == Role::kTeamManager || sees_every_child(role);
}

}  // namespace

Result<Role> parse_role(std::string_view text) {
  for (const auto& entry : kRoles) {
    if (entry.name == text) return entry.role;
  }
  std::string names;
  for (const auto& entry : kRoles) names += (names.empty() ? "" : ", ") + std::string(entry.name);
  return Error::invalid(fmt::format("role '{}' is not one of: {}", text, names));
}

std::string_view role_name(Role role) {
  for (const auto& entry : kRoles) {
    if (entry.role == role) return entry.name;
  }
  return "unknown";
}

std::string_view role_title(Role role) {
  for (const auto& entry : kRoles) {
    if (entry.role == role) return entry.title;
  }
  return "Unknown";
}

Decision decide(const Principal& principal, Action action) {
  Role role = principal.role;
  switch (action) {
    case Action::kViewTeamCaseloads:
      if (role == Role::kTeamManager || role == Role::kHeadOfService) return Decision::allow();
      return Decision::deny("team caseloads are for team managers and heads of service");
    case Action::kViewAllTeams:
      if (role == Role::kHeadOfService) return Decision::allow();
      return Decision::deny("the whole service's view is for heads of service");
    case Action::kViewAggregates:
      if (role == Role::kAnalyst || role == Role::kTeamManager || role == Role::kHeadOfService) {
        return Decision::allow();
      }
      return Decision::deny("performance figures are for analysts and managers");
    case Action::kManageUsers:
      if (role == Role::kAdministrator) return Decision::allow();
      return Decision::deny("only an administrator manages accounts");
    case Action::kSubmitConcern:
      if (role == Role::kPartnerAgency || is_practitioner(role)) return Decision::allow();
      return Decision::deny("concerns are submitted by partner agencies and practitioners");
    case Action::kBreakGlass:
      if (role == Role::kSocialWorker || role == Role::kTeamManager) return Decision::allow();
      if (sees_every_child(role)) return Decision::allow();
      return Decision::deny(
          fmt::format("a {} cannot use emergency access to a child's record", role_title(role)));
    case Action::kOpenChildRecord:
    case Action::kRecordOnChild:
    case Action::kAllocateCase:
    case Action::kApproveClosure:
      return Decision::deny("this action concerns a child: decide it with the case's holders");
  }
  return Decision::deny("unknown action");
}

Decision decide(const Principal& principal, Action action, const CaseHolders& holders) {
  Role role = principal.role;
  if (role == Role::kPartnerAgency) {
    return Decision::deny(
        "partner agencies see the concerns they submitted and their outcome, not children's "
        "records");
  }
  if (role == Role::kAnalyst) {
    return Decision::deny(
        "analysts see aggregates and pseudonymised extracts, not children's records");
  }
  if (role == Role::kAdministrator) {
    return Decision::deny("administrators manage accounts and do not see case content");
  }
  bool own_case = contains(holders.worker_ids, principal.worker_id);
  bool team_case = contains(holders.team_ids, principal.team_id);
  switch (action) {
    case Action::kOpenChildRecord:
    case Action::kRecordOnChild:
      if (sees_every_child(role) || own_case || team_case) return Decision::allow();
      return Decision::deny(
          "this child is not allocated to you or held by your team: ask their team manager, or use "
          "emergency access and give a reason");
    case Action::kAllocateCase:
      if (role == Role::kHeadOfService) return Decision::allow();
      if (role == Role::kTeamManager && (team_case || holders.team_ids.empty())) {
        return Decision::allow();
      }
      return Decision::deny("cases are allocated by the manager of the team that holds them");
    case Action::kApproveClosure:
      if (role == Role::kHeadOfService) return Decision::allow();
      if (role == Role::kTeamManager && team_case) return Decision::allow();
      return Decision::deny("a closure is approved by the manager of the team that holds the case");
    default:
      return decide(principal, action);
  }
}

}  // namespace safeguard::auth
