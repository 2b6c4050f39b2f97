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
      return {{kMyWorkerId}, {kMyTeamId}};
    case Holder::kMyTeam:
      return {{99}, {kMyTeamId}};
    case Holder::kOtherTeam:
      return {{98}, {7}};
    case Holder::kNobody:
      return {{}, {}};
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
        ChildCase{kAdministrator, kAllocateCase, kNobody, false}));

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
