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

bool may_break_glass(Role role) {
  return role == Role::kSocialWorker || role == Role::kTeamManager;
}

bool has_emergency_access(const Principal& principal, const CaseHolders& holders) {
  return may_break_glass(principal.role) && !principal.username.empty() &&
         std::find(holders.emergency_access.begin(), holders.emergency_access.end(),
                   principal.username) != holders.emergency_access.end();
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
      if (may_break_glass(role)) return Decision::allow();
      if (sees_every_child(role)) {
        return Decision::deny(fmt::format(
            "a {} already sees every child: emergency access is not needed", role_title(role)));
      }
      return Decision::deny(
          fmt::format("a {} cannot use emergency access to a child's record", role_title(role)));
    case Action::kOpenChildRecord:
    case Action::kRecordOnChild:
    case Action::kAllocateCase:
    case Action::kApproveClosure:
    case Action::kRequestClosure:
      return Decision::deny("this action concerns a child: decide it with the case's holders");
    case Action::kViewWorkList:
    case Action::kViewReports:
    case Action::kReviewBreakGlass:
      return Decision::deny("this action concerns a worker or a team: decide it with the scope");
    case Action::kViewConcern:
      return Decision::deny("this action concerns a concern: decide it with who submitted it");
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
      if (has_emergency_access(principal, holders)) return Decision::allow();
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
    case Action::kRequestClosure:
      if (role == Role::kHeadOfService) return Decision::allow();
      if ((role == Role::kSocialWorker || role == Role::kTeamManager) && (own_case || team_case)) {
        return Decision::allow();
      }
      return Decision::deny(
          "a case is closed at the request of its worker or its team's manager, not by emergency "
          "access or review");
    case Action::kBreakGlass:
      if (sees_every_child(role) || own_case || team_case) {
        return Decision::deny(
            "you already have access to this child's record: emergency access is not needed");
      }
      return decide(principal, action);
    default:
      return decide(principal, action);
  }
}

Decision decide(const Principal& principal, Action action, const Scope& scope) {
  Role role = principal.role;
  bool own_team = scope.team_id && principal.team_id && *scope.team_id == *principal.team_id;
  bool own_work = scope.kind == Scope::Kind::kWorker && scope.worker_id && principal.worker_id &&
                  *scope.worker_id == *principal.worker_id;
  switch (action) {
    case Action::kViewWorkList:
      if (role == Role::kHeadOfService) return Decision::allow();
      switch (scope.kind) {
        case Scope::Kind::kWorker:
          if ((role == Role::kSocialWorker || role == Role::kTeamManager) && own_work) {
            return Decision::allow();
          }
          if (role == Role::kTeamManager && own_team) return Decision::allow();
          return Decision::deny(
              "a worker's work list is for them, their team manager and heads of service");
        case Scope::Kind::kTeam:
          if (role == Role::kTeamManager && own_team) return Decision::allow();
          return Decision::deny("a team's work list is for its manager and heads of service");
        case Scope::Kind::kService:
          return Decision::deny("the whole service's work list is for heads of service");
      }
      return Decision::deny("unknown scope");
    case Action::kViewReports:
    case Action::kReviewBreakGlass: {
      if (role == Role::kHeadOfService) return Decision::allow();
      if (role == Role::kTeamManager && scope.kind == Scope::Kind::kTeam && own_team) {
        return Decision::allow();
      }
      std::string_view what =
          action == Action::kViewReports ? "the investigation reports" : "the emergency accesses";
      if (role == Role::kTeamManager) {
        return Decision::deny(fmt::format("a team manager sees {} of their own team", what));
      }
      return Decision::deny(fmt::format("{} are for team managers and heads of service", what));
    }
    default:
      return decide(principal, action);
  }
}

Decision decide(const Principal& principal, Action action, const ConcernFacts& concern) {
  if (action != Action::kViewConcern) return decide(principal, action);
  if (!principal.username.empty() && principal.username == concern.submitted_by) {
    return Decision::allow();
  }
  return Decision::deny("a concern and its outcome are shown to the person who submitted it");
}

}  // namespace safeguard::auth
