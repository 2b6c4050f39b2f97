// Work lists and investigation reports on a hand-built authority; every expected date is worked
// out in the comments (today is Monday 17 March 2025).
#include <gtest/gtest.h>

#include <algorithm>

#include "casework/authority.h"
#include "casework/reports.h"
#include "casework/worklist.h"

namespace safeguard::casework {
namespace {

using testing::Authority;
using testing::day;
using testing::other_manager;
using testing::social_worker;
using testing::team_manager;

const WorkItem* find_item(const WorkList& list, const std::string& rule,
                          std::optional<std::int64_t> child) {
  for (const auto& item : list.items) {
    if (item.rule == rule && item.child_id == child) return &item;
  }
  return nullptr;
}

class WorkListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(a.casework().change_setting(other_manager(), "caseload.limit_per_fte", "1").ok());
    worker = a.add_worker("Alex Morgan", a.team_a);
    manager = a.add_worker("Pat Manager", a.team_a, 1.0, "team_manager");
    other = a.add_worker("Bo Other", a.team_b);
    // C1: on a plan, held by Alex, last seen on Monday 17 February.
    protected_child = a.add_child_with_case();
    a.add_plan(protected_child, day("2024-09-02"));
    a.add_visit(protected_child, day("2025-02-17"));
    a.hold(protected_child, worker, a.team_a);
    // C2, referred on Monday 3 March, in team A's tray since; C3 likewise since Friday 14 March.
    waiting_long = a.add_child_with_case(day("2025-03-03"));
    a.hold(waiting_long, std::nullopt, a.team_a, day("2025-03-03"));
    waiting_short = a.add_child_with_case(day("2025-03-14"));
    a.hold(waiting_short, std::nullopt, a.team_a, day("2025-03-14"));
    // C4 in team B with Bo.
    elsewhere = a.add_child_with_case();
    a.hold(elsewhere, other, a.team_b);
    // Alex's last one-to-one supervision: Monday 6 January.
    a.insert(domain::SupervisionSession{0, worker, manager, day("2025-01-06"), true});
  }

  WorkList list(WorkListScope scope) {
    auto built = work_list(a.store(), scope, a.today());
    EXPECT_TRUE(built.ok()) << built.error().message;
    return built.ok() ? *built : WorkList{};
  }

  Authority a;
  std::int64_t worker = 0, manager = 0, other = 0;
  std::int64_t protected_child = 0, waiting_long = 0, waiting_short = 0, elsewhere = 0;
};

TEST_F(WorkListTest, AWorkersListHoldsTheirChildrenTheirCaseloadAndTheirSupervision) {
  WorkList mine = list(WorkListScope::worker(worker));
  ASSERT_FALSE(mine.items.empty());
  for (const auto& item : mine.items) {
    bool theirs = item.child_id == protected_child || (!item.child_id && item.worker_id == worker);
    EXPECT_TRUE(theirs) << item.rule << " for child " << item.child_id.value_or(0);
    EXPECT_NE(item.state, rules::ClockItem::State::kDue) << "only overdue and due soon";
  }
  // Ten working days after Monday 17 February: 18-21, 24-28 February and 3 March.
  const WorkItem* visit = find_item(mine, rules::kProtectionVisit, protected_child);
  ASSERT_NE(visit, nullptr);
  EXPECT_EQ(visit->due, day("2025-03-03"));
  EXPECT_EQ(visit->state, rules::ClockItem::State::kOverdue);
  EXPECT_EQ(visit->worker_id, worker);
  // Four weeks after 6 January.
  const WorkItem* supervision = find_item(mine, rules::kSupervision, std::nullopt);
  ASSERT_NE(supervision, nullptr);
  EXPECT_EQ(supervision->due, day("2025-02-03"));
  // One protection case (1.5) over a limit of 1 x 1 FTE.
  const WorkItem* caseload = find_item(mine, kCaseloadRule, std::nullopt);
  ASSERT_NE(caseload, nullptr);
  EXPECT_EQ(caseload->description,
            "Alex Morgan holds 1 cases weighing 1.5, over their limit of 1 (1 per FTE x 1 FTE)");
  EXPECT_EQ(find_item(mine, kUnallocatedRule, waiting_long), nullptr);
  EXPECT_TRUE(std::is_sorted(mine.items.begin(), mine.items.end(),
                             [](const WorkItem& x, const WorkItem& y) { return x.due < y.due; }));
  EXPECT_EQ(mine.children, 1);
}

TEST_F(WorkListTest, ATeamsListHoldsItsTrayButNotOtherTeamsCases) {
  WorkList team = list(WorkListScope::team(a.team_a));
  // Five working days after Monday 3 March is Monday 10 March, before today.
  const WorkItem* waiting = find_item(team, kUnallocatedRule, waiting_long);
  ASSERT_NE(waiting, nullptr);
  EXPECT_EQ(waiting->due, day("2025-03-10"));
  EXPECT_EQ(waiting->team_id, a.team_a);
  // Friday 14 March + 5 working days is Friday 21 March: not yet.
  EXPECT_EQ(find_item(team, kUnallocatedRule, waiting_short), nullptr);
  EXPECT_NE(find_item(team, rules::kProtectionVisit, protected_child), nullptr);
  for (const auto& item : team.items) EXPECT_NE(item.child_id, elsewhere);
  EXPECT_EQ(team.children, 3);
}

TEST_F(WorkListTest, MovingBetweenTraysDoesNotRestartTheWait) {
  // Referred on Monday 24 February into team A's tray, moved to team B's tray on 13 March: still
  // waiting since 24 February, so due five working days later, on Monday 3 March.
  auto moved = a.add_child_with_case(day("2025-02-24"));
  auto first_tray = a.hold(moved, std::nullopt, a.team_a, day("2025-02-24"));
  auto tray = *a.find<domain::Allocation>(first_tray);
  tray.end_date = day("2025-03-13");
  ASSERT_TRUE(a.store().write([&](store::Transaction& tx) { return tx.update(tray); }).ok());
  a.hold(moved, std::nullopt, a.team_b, day("2025-03-13"));
  WorkList team = list(WorkListScope::team(a.team_b));
  const WorkItem* waiting = find_item(team, kUnallocatedRule, moved);
  ASSERT_NE(waiting, nullptr);
  EXPECT_EQ(waiting->due, day("2025-03-03"));
  EXPECT_EQ(waiting->team_id, a.team_b);
  EXPECT_EQ(find_item(list(WorkListScope::team(a.team_a)), kUnallocatedRule, moved), nullptr);
}

TEST_F(WorkListTest, TheServiceListHoldsEveryOpenCase) {
  WorkList service = list(WorkListScope::service());
  EXPECT_NE(find_item(service, rules::kAssessment, elsewhere), nullptr)
      << "C4's referral of 3 June 2024 has had no assessment for far more than 45 working days";
  EXPECT_NE(find_item(service, kUnallocatedRule, waiting_long), nullptr);
  EXPECT_EQ(service.children, 4);
  EXPECT_EQ(service.workers, 3);
}

TEST_F(WorkListTest, AnUnknownWorkerOrTeamIsNotFound) {
  auto missing = work_list(a.store(), WorkListScope::worker(999), a.today());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(missing.error().message, "there is no worker with id 999");
  auto no_team = work_list(a.store(), WorkListScope::team(999), a.today());
  ASSERT_FALSE(no_team.ok());
  EXPECT_EQ(no_team.error().message, "there is no team with id 999");
}

template <typename Report, typename Make>
Report read_report(Authority& a, Make make) {
  Report report;
  Status status = a.store().read([&](store::Transaction& tx) -> Status {
    auto built = make(tx);
    if (!built) return built.error();
    report = *built;
    return Status::success();
  });
  EXPECT_TRUE(status.ok()) << status.error().message;
  return report;
}

TEST(ClosuresReport, SaysWhichClosuresHadAQualifyingVisitAndAnApproval) {
  Authority a;
  auto worker = a.add_worker("Alex Morgan", a.team_a);
  auto proper = a.add_child_with_case();
  a.hold(proper, worker, a.team_a);
  a.add_visit(proper, day("2025-03-12"));
  auto asked = a.casework().request_closure(social_worker(worker), {proper, "RC7", ""});
  ASSERT_EQ(asked->status, ClosureDecision::Status::kAwaitingApproval);
  ASSERT_EQ(a.casework().approve_closure(team_manager(), *asked->request_id, "")->status,
            ClosureDecision::Status::kClosed);
  // A case closed before the safeguards existed: straight into the record, no visit, no approval.
  auto old = a.add_child_with_case();
  a.hold(old, worker, a.team_a);
  a.add_visit(old, day("2025-01-06"));
  auto episode = *a.find<domain::ChildInNeedEpisode>(a.episode_of(old));
  episode.end_date = day("2025-03-14");
  episode.reason_for_closure = "RC7";
  ASSERT_TRUE(a.store().write([&](store::Transaction& tx) { return tx.update(episode); }).ok());

  auto report = read_report<ClosureReport>(
      a, [&](store::Transaction& tx) { return closures_report(tx, day("2025-03-01"), a.today()); });
  ASSERT_EQ(report.rows.size(), 2u);
  EXPECT_EQ(report.rows[0].child_id, old);
  EXPECT_EQ(report.rows[0].worker_id, worker);
  EXPECT_EQ(report.rows[0].last_seen, day("2025-01-06"));
  EXPECT_FALSE(report.rows[0].qualifying_visit);
  EXPECT_FALSE(report.rows[0].approved);
  EXPECT_EQ(report.rows[1].child_id, proper);
  EXPECT_TRUE(report.rows[1].qualifying_visit);
  EXPECT_TRUE(report.rows[1].approved);
  EXPECT_EQ(report.rows[1].approved_by, "tm.patel");
  ASSERT_EQ(report.by_worker.size(), 1u);
  EXPECT_EQ(report.by_worker[0].closed, 2);
  EXPECT_EQ(report.by_worker[0].with_both, 1);

  auto earlier = read_report<ClosureReport>(a, [&](store::Transaction& tx) {
    return closures_report(tx, day("2025-03-01"), day("2025-03-13"));
  });
  EXPECT_TRUE(earlier.rows.empty());
  Status backwards = a.store().read([&](store::Transaction& tx) -> Status {
    auto built = closures_report(tx, a.today(), day("2025-03-01"));
    if (!built) return built.error();
    return Status::success();
  });
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().message,
            "the period ends (2025-03-01) before it starts (2025-03-17)");
}

TEST(UnallocatedReport, ShowsWhereACaseWentWhenItsWorkerLeftAndHowLongItWaited) {
  Authority a;
  auto leaver = a.add_worker("Lee Leaving", a.team_a);
  auto next = a.add_worker("Nat Next", a.team_a);
  auto child = a.add_child_with_case();
  a.hold(child, leaver, a.team_a);
  a.set_today(day("2025-03-03"));
  ASSERT_TRUE(a.casework()
                  .allocate(team_manager(), AllocationRequest{child, std::nullopt, a.team_a,
                                                              "worker leaving", std::nullopt, ""})
                  .ok());
  ASSERT_TRUE(
      a.casework().deactivate_worker(team_manager(), leaver, day("2025-03-03"), "left").ok());
  a.set_today(day("2025-03-10"));
  ASSERT_TRUE(a.casework()
                  .allocate(team_manager(), AllocationRequest{child, next, std::nullopt,
                                                              "reallocated", std::nullopt, ""})
                  .ok());
  a.set_today(day("2025-03-17"));
  auto report = read_report<UnallocatedReport>(a, [&](store::Transaction& tx) {
    return unallocated_report(tx, day("2025-03-01"), a.today());
  });
  ASSERT_EQ(report.rows.size(), 1u) << "the tray is the same wait, not a second one";
  const WaitRow& row = report.rows[0];
  EXPECT_EQ(row.child_id, child);
  EXPECT_EQ(row.trigger, "worker_left");
  EXPECT_EQ(row.reason, "worker leaving");
  EXPECT_EQ(row.from_worker_id, leaver);
  EXPECT_EQ(row.waiting_since, day("2025-03-03"));
  EXPECT_EQ(row.allocated_on, day("2025-03-10"));
  EXPECT_EQ(row.to_worker_id, next);
  EXPECT_EQ(row.days_waited, 7);
}

TEST(CaseloadsReport, GivesEachWorkersCaseloadMonthByMonth) {
  Authority a;
  auto worker = a.add_worker("Alex Morgan", a.team_a, 0.5);
  auto protected_child = a.add_child_with_case();
  a.add_plan(protected_child, day("2025-02-01"));
  a.hold(protected_child, worker, a.team_a);
  auto later = a.add_child_with_case();
  a.hold(later, worker, a.team_a, day("2025-03-01"));
  auto report = read_report<CaseloadReport>(a, [&](store::Transaction& tx) {
    return caseloads_report(tx, day("2025-01-17"), a.today());
  });
  ASSERT_EQ(report.dates,
            (std::vector<Date>{day("2025-01-17"), day("2025-02-17"), day("2025-03-17")}));
  ASSERT_EQ(report.points.size(), 3u);
  EXPECT_EQ(report.points[0].cases, 1);
  EXPECT_DOUBLE_EQ(report.points[0].weighted, 1.0);  // the plan starts in February
  EXPECT_DOUBLE_EQ(report.points[1].weighted, 1.5);
  EXPECT_EQ(report.points[2].cases, 2);
  EXPECT_DOUBLE_EQ(report.points[2].weighted, 2.5);
  EXPECT_DOUBLE_EQ(report.points[2].limit, 9.0);  // 18 per FTE x 0.5
  EXPECT_FALSE(report.points[2].over);
}

}  // namespace
}  // namespace safeguard::casework
