// Every role against every action, on a child held by the person, by their team, or by someone
// else: the table is the security model of docs/architecture.md in executable form.
#include "auth/policy.h"

#include <gtest/gtest.h>

namespace safeguard::auth {
namespace {

constexpr std::int64_t kMyWorkerId = 10;
constexpr std::int64_t kMyTeamId = 3;

Principal as(Role role) {
  Principal principal;
  principal.username = std::string(role_name(role));
  principal.role = role;
  principal.worker_id = kMyWorkerId;
  principal.team_id = kMyTeamId;
  return principal;
}

enum class Holder { kMe, kMyTeam, kOtherTeam, kNobody };

CaseHolders held_by(Holder holder) {
  switch (holder) {
    case Holder::kMe:
      return {{kMyWorkerId}, {kMyTeamId}, {}};
    case Holder::kMyTeam:
      return {{99}, {kMyTeamId}, {}};
    case Holder::kOtherTeam:
      return {{98}, {7}, {}};
    case Holder::kNobody:
      return {{}, {}, {}};
  }
  return {};
}

struct ChildCase {
  Role role;
  Action action;
  Holder holder;
  bool allowed;
};

class ChildAccessTest : public ::testing::TestWithParam<ChildCase> {};

TEST_P(ChildAccessTest, DecidesAsTheSecurityModelSays) {
  const auto& c = GetParam();
  Decision decision = decide(as(c.role), c.action, held_by(c.holder));
  EXPECT_EQ(decision.allowed, c.allowed)
      << role_name(c.role) << " action " << static_cast<int>(c.action) << " holder "
      << static_cast<int>(c.holder) << ": " << decision.reason;
  if (!decision.allowed) {
    EXPECT_FALSE(decision.reason.empty());
  }
}

using enum Role;
using enum Action;
using enum Holder;

INSTANTIATE_TEST_SUITE_P(
    Roles, ChildAccessTest,
    ::testing::Values(
        // Social worker: own cases and the team's, nobody else's.
        ChildCase{kSocialWorker, kOpenChildRecord, kMe, true},
        ChildCase{kSocialWorker, kOpenChildRecord, kMyTeam, true},
        ChildCase{kSocialWorker, kOpenChildRecord, kOtherTeam, false},
        ChildCase{kSocialWorker, kOpenChildRecord, kNobody, false},
        ChildCase{kSocialWorker, kRecordOnChild, kMe, true},
        ChildCase{kSocialWorker, kRecordOnChild, kOtherTeam, false},
        ChildCase{kSocialWorker, kAllocateCase, kMyTeam, false},
        ChildCase{kSocialWorker, kApproveClosure, kMe, false},
        // Team manager: the team's cases; allocates its own and unheld ones; approves its closures.
        ChildCase{kTeamManager, kOpenChildRecord, kMyTeam, true},
        ChildCase{kTeamManager, kOpenChildRecord, kOtherTeam, false},
        ChildCase{kTeamManager, kAllocateCase, kMyTeam, true},
        ChildCase{kTeamManager, kAllocateCase, kNobody, true},
        ChildCase{kTeamManager, kAllocateCase, kOtherTeam, false},
        ChildCase{kTeamManager, kApproveClosure, kMyTeam, true},
        ChildCase{kTeamManager, kApproveClosure, kOtherTeam, false},
        // Head of service and IRO: every child.
        ChildCase{kHeadOfService, kOpenChildRecord, kOtherTeam, true},
        ChildCase{kHeadOfService, kAllocateCase, kOtherTeam, true},
        ChildCase{kHeadOfService, kApproveClosure, kOtherTeam, true},
        ChildCase{kIndependentReviewingOfficer, kOpenChildRecord, kOtherTeam, true},
        ChildCase{kIndependentReviewingOfficer, kAllocateCase, kOtherTeam, false},
        ChildCase{kIndependentReviewingOfficer, kApproveClosure, kOtherTeam, false},
        // Partner agency, analyst, administrator: never a child's record, whoever holds it.
        ChildCase{kPartnerAgency, kOpenChildRecord, kMe, false},
        ChildCase{kPartnerAgency, kRecordOnChild, kMyTeam, false},
        ChildCase{kAnalyst, kOpenChildRecord, kMe, false},
        ChildCase{kAnalyst, kOpenChildRecord, kMyTeam, false},
        ChildCase{kAdministrator, kOpenChildRecord, kMe, false},
        ChildCase{kAdministrator, kAllocateCase, kNobody, false},
        // Asking to close: the case's worker or team; a manager; not an IRO or an outsider.
        ChildCase{kSocialWorker, kRequestClosure, kMe, true},
        ChildCase{kSocialWorker, kRequestClosure, kMyTeam, true},
        ChildCase{kSocialWorker, kRequestClosure, kOtherTeam, false},
        ChildCase{kTeamManager, kRequestClosure, kMyTeam, true},
        ChildCase{kTeamManager, kRequestClosure, kOtherTeam, false},
        ChildCase{kHeadOfService, kRequestClosure, kOtherTeam, true},
        ChildCase{kIndependentReviewingOfficer, kRequestClosure, kOtherTeam, false},
        ChildCase{kPartnerAgency, kRequestClosure, kMe, false},
        // Break-glass: only where the person cannot already see the child, and never for the
        // narrow roles.
        ChildCase{kSocialWorker, kBreakGlass, kOtherTeam, true},
        ChildCase{kSocialWorker, kBreakGlass, kNobody, true},
        ChildCase{kSocialWorker, kBreakGlass, kMyTeam, false},
        ChildCase{kTeamManager, kBreakGlass, kOtherTeam, true},
        ChildCase{kHeadOfService, kBreakGlass, kOtherTeam, false},
        ChildCase{kIndependentReviewingOfficer, kBreakGlass, kOtherTeam, false},
        ChildCase{kPartnerAgency, kBreakGlass, kOtherTeam, false},
        ChildCase{kAnalyst, kBreakGlass, kOtherTeam, false},
        ChildCase{kAdministrator, kBreakGlass, kOtherTeam, false}));

TEST(EmergencyAccess, ALiveGrantOpensAndRecordsButNeverAllocatesOrCloses) {
  CaseHolders held = held_by(kOtherTeam);
  for (Role role : {kSocialWorker, kTeamManager}) {
    Principal me = as(role);
    EXPECT_FALSE(decide(me, kOpenChildRecord, held).allowed);
    CaseHolders granted = held;
    granted.emergency_access = {me.username};
    EXPECT_TRUE(decide(me, kOpenChildRecord, granted).allowed) << role_name(role);
    EXPECT_TRUE(decide(me, kRecordOnChild, granted).allowed) << role_name(role);
    EXPECT_FALSE(decide(me, kAllocateCase, granted).allowed) << role_name(role);
    EXPECT_FALSE(decide(me, kApproveClosure, granted).allowed) << role_name(role);
    EXPECT_FALSE(decide(me, kRequestClosure, granted).allowed) << role_name(role);
    // Someone else's grant is not mine.
    CaseHolders theirs = held;
    theirs.emergency_access = {"someone-else"};
    EXPECT_FALSE(decide(me, kOpenChildRecord, theirs).allowed);
  }
  // A grant recorded for a partner, an analyst or an administrator opens nothing.
  for (Role role : {kPartnerAgency, kAnalyst, kAdministrator}) {
    Principal them = as(role);
    CaseHolders granted = held;
    granted.emergency_access = {them.username};
    EXPECT_FALSE(decide(them, kOpenChildRecord, granted).allowed) << role_name(role);
  }
  // An empty username never matches an empty entry.
  Principal nameless = as(kSocialWorker);
  nameless.username.clear();
  CaseHolders blank = held;
  blank.emergency_access = {""};
  EXPECT_FALSE(decide(nameless, kOpenChildRecord, blank).allowed);
}

struct ScopeCase {
  Role role;
  Action action;
  Scope scope;
  bool allowed;
};

class ScopeAccessTest : public ::testing::TestWithParam<ScopeCase> {};

TEST_P(ScopeAccessTest, DecidesAsTheSecurityModelSays) {
  const auto& c = GetParam();
  Decision decision = decide(as(c.role), c.action, c.scope);
  EXPECT_EQ(decision.allowed, c.allowed)
      << role_name(c.role) << " action " << static_cast<int>(c.action) << " scope "
      << static_cast<int>(c.scope.kind) << ": " << decision.reason;
  if (!decision.allowed) {
    EXPECT_FALSE(decision.reason.empty());
  }
}

const Scope kMyWork{Scope::Kind::kWorker, kMyWorkerId, kMyTeamId};
const Scope kColleague{Scope::Kind::kWorker, 99, kMyTeamId};
const Scope kStranger{Scope::Kind::kWorker, 98, 7};
const Scope kMyTeamScope{Scope::Kind::kTeam, std::nullopt, kMyTeamId};
const Scope kOtherTeamScope{Scope::Kind::kTeam, std::nullopt, 7};
const Scope kService{Scope::Kind::kService, std::nullopt, std::nullopt};

INSTANTIATE_TEST_SUITE_P(
    Roles, ScopeAccessTest,
    ::testing::Values(ScopeCase{kSocialWorker, kViewWorkList, kMyWork, true},
                      ScopeCase{kSocialWorker, kViewWorkList, kColleague, false},
                      ScopeCase{kSocialWorker, kViewWorkList, kMyTeamScope, false},
                      ScopeCase{kSocialWorker, kViewWorkList, kService, false},
                      ScopeCase{kTeamManager, kViewWorkList, kColleague, true},
                      ScopeCase{kTeamManager, kViewWorkList, kStranger, false},
                      ScopeCase{kTeamManager, kViewWorkList, kMyTeamScope, true},
                      ScopeCase{kTeamManager, kViewWorkList, kOtherTeamScope, false},
                      ScopeCase{kTeamManager, kViewWorkList, kService, false},
                      ScopeCase{kHeadOfService, kViewWorkList, kService, true},
                      ScopeCase{kHeadOfService, kViewWorkList, kStranger, true},
                      ScopeCase{kIndependentReviewingOfficer, kViewWorkList, kService, false},
                      ScopeCase{kPartnerAgency, kViewWorkList, kMyWork, false},
                      ScopeCase{kAnalyst, kViewWorkList, kMyTeamScope, false},
                      ScopeCase{kAdministrator, kViewWorkList, kMyWork, false},
                      ScopeCase{kTeamManager, kViewReports, kMyTeamScope, true},
                      ScopeCase{kTeamManager, kViewReports, kOtherTeamScope, false},
                      ScopeCase{kTeamManager, kViewReports, kService, false},
                      ScopeCase{kHeadOfService, kViewReports, kService, true},
                      ScopeCase{kSocialWorker, kViewReports, kMyTeamScope, false},
                      ScopeCase{kAnalyst, kViewReports, kService, false},
                      ScopeCase{kTeamManager, kReviewBreakGlass, kMyTeamScope, true},
                      ScopeCase{kTeamManager, kReviewBreakGlass, kOtherTeamScope, false},
                      ScopeCase{kHeadOfService, kReviewBreakGlass, kOtherTeamScope, true},
                      ScopeCase{kSocialWorker, kReviewBreakGlass, kMyTeamScope, false},
                      ScopeCase{kIndependentReviewingOfficer, kReviewBreakGlass, kMyTeamScope,
                                false}));

TEST(Concerns, OnlyTheSubmitterSeesTheirConcern) {
  for (Role role : {kPartnerAgency, kSocialWorker, kHeadOfService}) {
    Principal me = as(role);
    EXPECT_TRUE(decide(me, kViewConcern, ConcernFacts{me.username}).allowed) << role_name(role);
    EXPECT_FALSE(decide(me, kViewConcern, ConcernFacts{"someone-else"}).allowed) << role_name(role);
  }
  Principal nameless = as(kPartnerAgency);
  nameless.username.clear();
  EXPECT_FALSE(decide(nameless, kViewConcern, ConcernFacts{""}).allowed);
}

struct ServiceCase {
  Role role;
  Action action;
  bool allowed;
};

class ServiceAccessTest : public ::testing::TestWithParam<ServiceCase> {};

TEST_P(ServiceAccessTest, DecidesAsTheSecurityModelSays) {
  const auto& c = GetParam();
  EXPECT_EQ(decide(as(c.role), c.action).allowed, c.allowed)
      << role_name(c.role) << " action " << static_cast<int>(c.action);
}

INSTANTIATE_TEST_SUITE_P(Roles, ServiceAccessTest,
                         ::testing::Values(ServiceCase{kSocialWorker, kViewTeamCaseloads, false},
                                           ServiceCase{kTeamManager, kViewTeamCaseloads, true},
                                           ServiceCase{kHeadOfService, kViewTeamCaseloads, true},
                                           ServiceCase{kTeamManager, kViewAllTeams, false},
                                           ServiceCase{kHeadOfService, kViewAllTeams, true},
                                           ServiceCase{kAnalyst, kViewAggregates, true},
                                           ServiceCase{kSocialWorker, kViewAggregates, false},
                                           ServiceCase{kPartnerAgency, kViewAggregates, false},
                                           ServiceCase{kAdministrator, kManageUsers, true},
                                           ServiceCase{kHeadOfService, kManageUsers, false},
                                           ServiceCase{kPartnerAgency, kSubmitConcern, true},
                                           ServiceCase{kAnalyst, kSubmitConcern, false},
                                           ServiceCase{kSocialWorker, kBreakGlass, true},
                                           ServiceCase{kPartnerAgency, kBreakGlass, false},
                                           ServiceCase{kAnalyst, kBreakGlass, false},
                                           ServiceCase{kAdministrator, kBreakGlass, false},
                                           ServiceCase{kHeadOfService, kBreakGlass, false},
                                           ServiceCase{kHeadOfService, kViewWorkList, false},
                                           ServiceCase{kSocialWorker, kOpenChildRecord, false}));

TEST(RoleNames, RoundTripAndRefuseUnknown) {
  for (Role role : {kSocialWorker, kTeamManager, kHeadOfService, kIndependentReviewingOfficer,
                    kPartnerAgency, kAnalyst, kAdministrator}) {
    auto parsed = parse_role(role_name(role));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, role);
  }
  auto unknown = parse_role("superuser");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("social_worker"), std::string::npos);
}

}  // namespace
}  // namespace safeguard::auth
