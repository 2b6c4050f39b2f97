// The casework services, rule by rule: what each accepts, what it refuses, the refusal's message
// (what is wrong and what to do) and the audit event every refusal leaves. Dates are worked out by
// hand in the comments.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "casework/authority.h"
#include "store/mapping.h"

namespace safeguard::casework {
namespace {

using testing::Authority;
using testing::day;
using testing::other_manager;
using testing::social_worker;
using testing::team_manager;

// The newest audit event is the refusal of `entity`, with `message` as its reason.
void expect_refusal_audited(Authority& authority, std::int64_t events_before,
                            const std::string& entity, const std::string& message,
                            std::optional<std::int64_t> child_id) {
  auto last = authority.last_event();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->seq, events_before + 1) << "a refusal is exactly one audit event";
  EXPECT_EQ(last->action, "refuse");
  EXPECT_EQ(last->entity, entity);
  EXPECT_EQ(last->reason, message);
  EXPECT_EQ(last->child_id, child_id);
  EXPECT_FALSE(last->after.empty()) << "the refusal records what was asked";
}

void put_setting(Authority& authority, const std::string& key, const std::string& value) {
  ASSERT_TRUE(authority.casework().change_setting(other_manager(), key, value).ok());
}

// --- allocation ----------------------------------------------------------------------------------

TEST(Allocate, ToAWorkerEndsTheTrayAndIsAudited) {
  Authority a;
  auto worker = a.add_worker("Alex Morgan", a.team_a);
  auto child = a.add_child_with_case();
  auto tray = a.hold(child, std::nullopt, a.team_a, day("2025-03-10"));
  auto events = a.event_count();
  AllocationRequest request{child, worker, std::nullopt, "new case", std::nullopt, ""};
  auto outcome = a.casework().allocate(team_manager(), request);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->ended, std::vector<std::int64_t>{tray});
  auto ended = a.find<domain::Allocation>(tray);
  EXPECT_EQ(ended->end_date, a.today());
  auto made = a.find<domain::Allocation>(outcome->allocation_id);
  EXPECT_EQ(made->worker_id, worker);
  EXPECT_EQ(made->team_id, a.team_a);
  EXPECT_EQ(made->start_date, a.today());
  EXPECT_DOUBLE_EQ(outcome->weighted_caseload, 1.0);
  EXPECT_DOUBLE_EQ(outcome->caseload_limit, 18.0);
  auto last = a.last_event();
  EXPECT_EQ(last->seq, events + 2);  // the tray ended, the allocation made
  EXPECT_EQ(last->action, "create");
  EXPECT_EQ(last->entity, "allocation");
  EXPECT_EQ(last->reason, "new case");
}

TEST(Allocate, WithoutAReasonIsRefusedAndAudited) {
  Authority a;
  auto worker = a.add_worker("Alex Morgan", a.team_a);
  auto child = a.add_child_with_case();
  auto events = a.event_count();
  auto outcome = a.casework().allocate(
      team_manager(), AllocationRequest{child, worker, std::nullopt, "  ", std::nullopt, ""});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(outcome.error().message,
            fmt::format("give a reason for allocating child {} (C1) (new case, transfer, worker "
                        "leaving ...)",
                        child));
  expect_refusal_audited(a, events, "allocation", outcome.error().message, child);
  EXPECT_TRUE(a.list<domain::Allocation>("child_id", child).empty());
}

TEST(Allocate, OverTheWeightedLimitNeedsAManagersOverrideWithAReason) {
  Authority a;
  put_setting(a, "caseload.limit_per_fte", "2");
  auto worker = a.add_worker("Alex Morgan", a.team_a);
  auto protected_child = a.add_child_with_case();
  a.add_plan(protected_child, day("2025-01-06"));
  a.hold(protected_child, worker, a.team_a);  // weight 1.5
  auto child = a.add_child_with_case();       // weight 1.0: 2.5 > 2

  auto events = a.event_count();
  AllocationRequest request{child, worker, std::nullopt, "new case", std::nullopt, ""};
  auto refused = a.casework().allocate(team_manager(), request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kConflict);
  const std::string over = fmt::format(
      "allocating child {} (C2) (a child_in_need case, weight 1) would take Alex Morgan (SW1)'s "
      "weighted caseload to 2.5, over their limit of 2 (2 per full-time worker x 1 FTE)",
      child);
  EXPECT_EQ(refused.error().message,
            over + ": a team manager or head of service may override with a reason");
  expect_refusal_audited(a, events, "allocation", refused.error().message, child);

  request.override_reason = "Alex knows the family from a previous episode";
  events = a.event_count();
  auto not_a_manager = a.casework().allocate(social_worker(), request);
  ASSERT_FALSE(not_a_manager.ok());
  EXPECT_EQ(not_a_manager.error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(not_a_manager.error().message,
            over + ": only a team manager or head of service may override the limit");
  expect_refusal_audited(a, events, "allocation", not_a_manager.error().message, child);

  auto allowed = a.casework().allocate(team_manager(), request);
  ASSERT_TRUE(allowed.ok()) << allowed.error().message;
  ASSERT_TRUE(allowed->override_id.has_value());
  auto recorded = a.find<domain::CaseloadOverride>(*allowed->override_id);
  EXPECT_EQ(recorded->reason, "Alex knows the family from a previous episode");
  EXPECT_EQ(recorded->approved_by, "tm.patel");
  EXPECT_EQ(recorded->allocation_id, allowed->allocation_id);
  EXPECT_DOUBLE_EQ(recorded->weighted_caseload, 2.5);
  EXPECT_DOUBLE_EQ(recorded->caseload_limit, 2.0);
  EXPECT_EQ(a.last_event()->entity, "caseload_override");
}

TEST(Allocate, TheLimitIsProRataToFte) {
  Authority a;
  put_setting(a, "caseload.limit_per_fte", "4");
  auto part_time = a.add_worker("Jo Part", a.team_a, 0.5);  // limit 2
  auto first = a.add_child_with_case();
  auto second = a.add_child_with_case();
  auto third = a.add_child_with_case();
  for (auto child : {first, second}) {
    auto made = a.casework().allocate(
        team_manager(), AllocationRequest{child, part_time, std::nullopt, "new", std::nullopt, ""});
    ASSERT_TRUE(made.ok()) << made.error().message;  // 1.0 then 2.0: at the limit is allowed
  }
  auto over = a.casework().allocate(
      team_manager(), AllocationRequest{third, part_time, std::nullopt, "new", std::nullopt, ""});
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.error().message.find("over their limit of 2 (4 per full-time worker x 0.5 FTE)"),
            std::string::npos)
      << over.error().message;
  auto load = a.casework().caseload(part_time, a.today());
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(load->cases, 2);
  EXPECT_DOUBLE_EQ(load->weighted, 2.0);
  EXPECT_FALSE(load->over());
}

TEST(Allocate, ToATeamsTrayLeavesTheCaseUnallocated) {
  Authority a;
  auto worker = a.add_worker("Alex Morgan", a.team_a);
  auto child = a.add_child_with_case();
  a.hold(child, worker, a.team_a);
  auto moved = a.casework().allocate(
      team_manager(),
      AllocationRequest{child, std::nullopt, a.team_b, "transfer: into care", std::nullopt, ""});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  auto tray = a.find<domain::Allocation>(moved->allocation_id);
  EXPECT_FALSE(tray->worker_id.has_value());
  EXPECT_EQ(tray->team_id, a.team_b);
  store::Summary summary;
  ASSERT_TRUE(a.store()
                  .read([&](store::Transaction& tx) -> Status {
                    auto counted = tx.summary(a.today());
                    if (!counted) return counted.error();
                    summary = *counted;
                    return Status::success();
                  })
                  .ok());
  EXPECT_EQ(summary.unallocated_cases, 1);
  EXPECT_EQ(summary.allocated_cases, 0);
  auto again = a.casework().allocate(
      team_manager(), AllocationRequest{child, std::nullopt, a.team_b, "again", std::nullopt, ""});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(
      again.error().message,
      fmt::format("child {} (C1) is already waiting in the tray of team Children in Care Team",
                  child));
}

TEST(Allocate, RefusesAWorkerWhoLeftAnInactiveTeamAndAChildWithNoOpenCase) {
  Authority a;
  auto left = a.add_worker("Lee Gone", a.team_a);
  auto gone = *a.find<domain::Worker>(left);
  gone.leaving_date = day("2025-02-28");
  ASSERT_TRUE(a.store().write([&](store::Transaction& tx) { return tx.update(gone); }).ok());
  auto child = a.add_child_with_case();
  auto refused = a.casework().allocate(
      team_manager(), AllocationRequest{child, left, std::nullopt, "new", std::nullopt, ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "Lee Gone (SW1) is not in post on 2025-03-17 (started 2020-01-06, left 2025-02-28): "
            "allocate to someone in post or to the team's tray");

  auto closed_team = a.add_team("Old Team");
  auto team = *a.find<domain::Team>(closed_team);
  team.active = false;
  ASSERT_TRUE(a.store().write([&](store::Transaction& tx) { return tx.update(team); }).ok());
  auto inactive = a.casework().allocate(
      team_manager(), AllocationRequest{child, std::nullopt, closed_team, "new", std::nullopt, ""});
  ASSERT_FALSE(inactive.ok());
  EXPECT_EQ(inactive.error().message,
            fmt::format("team Old Team ({}) is inactive: allocate to an active team", closed_team));

  domain::Child no_case;
  no_case.local_id = "NOCASE";
  no_case.first_name = "No";
  no_case.last_name = "Case";
  no_case.date_of_birth = day("2014-01-01");
  no_case.sex = "M";
  no_case.ethnicity = "WBRI";
  auto lone = a.insert(no_case);
  auto worker = a.add_worker("Alex Morgan", a.team_a);
  auto no_open = a.casework().allocate(
      team_manager(), AllocationRequest{lone, worker, std::nullopt, "new", std::nullopt, ""});
  ASSERT_FALSE(no_open.ok());
  EXPECT_EQ(no_open.error().message,
            fmt::format("child {} (NOCASE) has no open case on 2025-03-17 to allocate: open a "
                        "referral first",
                        lone));
}

// --- deactivation --------------------------------------------------------------------------------

TEST(DeactivateWorker, RefusedWhileTheyHoldCasesNamingHowManyAndWhich) {
  Authority a;
  auto worker = a.add_worker("Alex Morgan", a.team_a);
  auto first = a.add_child_with_case();
  auto second = a.add_child_with_case();
  a.hold(first, worker, a.team_a);
  a.hold(second, worker, a.team_a);
  auto events = a.event_count();
  Status refused =
      a.casework().deactivate_worker(team_manager(), worker, day("2025-03-31"), "leaving");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(refused.error().message,
            fmt::format("Alex Morgan (SW1) cannot be deactivated: they hold 2 open cases: child {} "
                        "(C1) and child {} (C2). Transfer every case to another worker or a "
                        "team's tray first",
                        first, second));
  expect_refusal_audited(a, events, "worker", refused.error().message, std::nullopt);
  EXPECT_FALSE(a.find<domain::Worker>(worker)->leaving_date.has_value());

  for (auto child : {first, second}) {
    ASSERT_TRUE(a.casework()
                    .allocate(team_manager(), AllocationRequest{child, std::nullopt, a.team_a,
                                                                "worker leaving", std::nullopt, ""})
                    .ok());
  }
  Status done =
      a.casework().deactivate_worker(team_manager(), worker, day("2025-03-31"), "leaving");
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(a.find<domain::Worker>(worker)->leaving_date, day("2025-03-31"));
  EXPECT_EQ(a.last_event()->action, "update");
}

TEST(DeactivateWorker, OnlyAManagerOrAdministrator) {
  Authority a;
  auto worker = a.add_worker("Alex Morgan", a.team_a);
  auto events = a.event_count();
  Status refused =
      a.casework().deactivate_worker(social_worker(), worker, day("2025-03-31"), "leaving");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kForbidden);
  expect_refusal_audited(a, events, "worker", refused.error().message, std::nullopt);
}

TEST(DeactivateTeam, RefusedWhileItsTrayHoldsACase) {
  Authority a;
  auto child = a.add_child_with_case();
  a.hold(child, std::nullopt, a.team_b);
  auto events = a.event_count();
  Status refused = a.casework().deactivate_team(other_manager(), a.team_b, "restructure");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            fmt::format("team Children in Care Team cannot be deactivated: it holds 1 open case: "
                        "child {} (C1) (with its workers or in its tray). Transfer every case to "
                        "another team first",
                        child));
  expect_refusal_audited(a, events, "team", refused.error().message, std::nullopt);
  ASSERT_TRUE(a.casework()
                  .allocate(other_manager(), AllocationRequest{child, std::nullopt, a.team_a,
                                                               "restructure", std::nullopt, ""})
                  .ok());
  ASSERT_TRUE(a.casework().deactivate_team(other_manager(), a.team_b, "restructure").ok());
  EXPECT_FALSE(a.find<domain::Team>(a.team_b)->active);
}

// --- closure
// --------------------------------------------------------------------------------------

TEST(Closure, WithoutAVisitIsRefusedWithTheUnmetRequirementAndAudited) {
  Authority a;  // today Monday 2025-03-17; 10 working days back is Monday 2025-03-03
  auto child = a.add_child_with_case();
  a.add_visit(child, day("2025-02-28"));         // one working day too early
  a.add_visit(child, day("2025-03-10"), false);  // the child was not seen: does not count
  auto events = a.event_count();
  auto decision = a.casework().request_closure(social_worker(), {child, "RC7", "needs met"});
  ASSERT_TRUE(decision.ok()) << decision.error().message;
  EXPECT_EQ(decision->status, ClosureDecision::Status::kRefused);
  ASSERT_EQ(decision->unmet.size(), 1u);
  EXPECT_EQ(decision->unmet[0].requirement, "visit_child_seen");
  EXPECT_EQ(decision->unmet[0].message,
            "no visit where the child was seen in the last 10 working days (since 2025-03-03); "
            "the last was on 2025-02-28: visit the child, record that they were seen, then ask "
            "again");
  EXPECT_EQ(decision->message, fmt::format("The case of child {} (C1) cannot close yet: 1) {}.",
                                           child, decision->unmet[0].message));
  expect_refusal_audited(a, events, "closure_request", decision->message, child);
  auto after = nlohmann::json::parse(a.last_event()->after);
  EXPECT_EQ(after["unmet"][0]["requirement"], "visit_child_seen");
  EXPECT_FALSE(a.find<domain::ChildInNeedEpisode>(a.episode_of(child))->end_date.has_value());
  EXPECT_TRUE(a.list<domain::ClosureRequest>("child_id", child).empty());
}

TEST(Closure, TheVisitWindowCountsWorkingDaysOverEaster) {
  // Tuesday 22 April 2025, after Good Friday (18th) and Easter Monday (21st): ten working days
  // back are 17, 16, 15, 14, 11, 10, 9, 8, 7 and 4 April.
  for (auto [visit, accepted] : {std::pair{"2025-04-04", true}, std::pair{"2025-04-03", false}}) {
    Authority a(day("2025-04-22"));
    auto child = a.add_child_with_case();
    a.add_visit(child, day(visit));
    auto decision = a.casework().request_closure(social_worker(), {child, "RC7", ""});
    ASSERT_TRUE(decision.ok());
    EXPECT_EQ(decision->status == ClosureDecision::Status::kAwaitingApproval, accepted) << visit;
  }
}

TEST(Closure, AnOpenPlanOrCareIsAnUnmetRequirementToo) {
  Authority a;
  auto child = a.add_child_with_case();
  a.add_plan(child, day("2024-09-02"));
  a.add_care(child, day("2025-01-13"));
  auto decision = a.casework().request_closure(social_worker(), {child, "RC7", ""});
  ASSERT_TRUE(decision.ok());
  ASSERT_EQ(decision->unmet.size(), 3u);
  EXPECT_EQ(decision->unmet[1].requirement, "no_open_protection_plan");
  EXPECT_EQ(decision->unmet[1].message,
            "the child protection plan that started on 2024-09-02 is still open: end it at a "
            "review conference first");
  EXPECT_EQ(decision->unmet[2].requirement, "not_looked_after");
  EXPECT_EQ(decision->unmet[2].message,
            "the child is looked after (episode from 2025-01-13): end the period of care first");
}

TEST(Closure, AWorkersRequestAwaitsAnotherManagersApprovalThenClosesTheCase) {
  Authority a;
  auto worker = a.add_worker("Alex Morgan", a.team_a);
  auto child = a.add_child_with_case();
  auto held = a.hold(child, worker, a.team_a);
  auto seen = a.add_visit(child, day("2025-03-12"));
  auto decision = a.casework().request_closure(social_worker(worker), {child, "RC7", "done"});
  ASSERT_TRUE(decision.ok());
  ASSERT_EQ(decision->status, ClosureDecision::Status::kAwaitingApproval);
  auto request = a.find<domain::ClosureRequest>(*decision->request_id);
  EXPECT_EQ(request->status, "awaiting_approval");
  EXPECT_EQ(request->visit_id, seen);
  EXPECT_FALSE(a.find<domain::ChildInNeedEpisode>(a.episode_of(child))->end_date.has_value());

  auto twice = a.casework().request_closure(social_worker(worker), {child, "RC7", "done"});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message,
            fmt::format("a request to close this case, made by sw.jones on 2025-03-17, already "
                        "awaits a manager's approval (request {})",
                        *decision->request_id));

  auto by_worker = a.casework().approve_closure(social_worker(), *decision->request_id, "");
  ASSERT_FALSE(by_worker.ok());
  EXPECT_EQ(by_worker.error().message,
            "a closure is approved by a team manager or head of service");
  app::Actor same_person{"sw.jones", "team_manager", std::nullopt};
  auto own = a.casework().approve_closure(same_person, *decision->request_id, "");
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().message, "you asked for this closure: another manager must approve it");
  EXPECT_EQ(a.last_event()->action, "refuse");

  a.set_today(day("2025-03-19"));
  auto approved = a.casework().approve_closure(team_manager(), *decision->request_id, "agreed");
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->status, ClosureDecision::Status::kClosed);
  auto episode = a.find<domain::ChildInNeedEpisode>(a.episode_of(child));
  EXPECT_EQ(episode->end_date, day("2025-03-19"));
  EXPECT_EQ(episode->reason_for_closure, "RC7");
  EXPECT_EQ(a.find<domain::Allocation>(held)->end_date, day("2025-03-19"));
  auto decided = a.find<domain::ClosureRequest>(*decision->request_id);
  EXPECT_EQ(decided->status, "approved");
  EXPECT_EQ(decided->decided_by, "tm.patel");
}

TEST(Closure, ApprovalChecksTheEvidenceAgain) {
  Authority a;
  auto child = a.add_child_with_case();
  a.add_visit(child, day("2025-03-12"));
  auto decision = a.casework().request_closure(social_worker(), {child, "RC7", ""});
  ASSERT_EQ(decision->status, ClosureDecision::Status::kAwaitingApproval);
  a.set_today(day("2025-04-07"));  // the visit is now more than 10 working days old
  auto approval = a.casework().approve_closure(team_manager(), *decision->request_id, "");
  ASSERT_TRUE(approval.ok());
  EXPECT_EQ(approval->status, ClosureDecision::Status::kRefused);
  EXPECT_EQ(approval->unmet[0].requirement, "visit_child_seen");
  EXPECT_EQ(a.last_event()->action, "refuse");
  EXPECT_EQ(a.find<domain::ClosureRequest>(*decision->request_id)->status, "awaiting_approval");
  EXPECT_FALSE(a.find<domain::ChildInNeedEpisode>(a.episode_of(child))->end_date.has_value());
}

TEST(Closure, AManagersOwnRequestClosesAtOnce) {
  Authority a;
  auto child = a.add_child_with_case();
  a.add_visit(child, day("2025-03-17"));
  auto decision = a.casework().request_closure(team_manager(), {child, "RC8", ""});
  ASSERT_TRUE(decision.ok());
  EXPECT_EQ(decision->status, ClosureDecision::Status::kClosed);
  EXPECT_EQ(a.find<domain::ChildInNeedEpisode>(a.episode_of(child))->end_date, a.today());
}

TEST(Closure, ABadReasonCodeOrADeclineWithoutANoteIsRefused) {
  Authority a;
  auto child = a.add_child_with_case();
  a.add_visit(child, day("2025-03-17"));
  auto bad = a.casework().request_closure(social_worker(), {child, "RC99", ""});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kInvalid);
  EXPECT_NE(bad.error().message.find("RC99"), std::string::npos);
  EXPECT_EQ(a.last_event()->action, "refuse");

  auto asked = a.casework().request_closure(social_worker(), {child, "RC7", ""});
  Status no_note = a.casework().decline_closure(team_manager(), *asked->request_id, " ");
  ASSERT_FALSE(no_note.ok());
  EXPECT_EQ(no_note.error().message,
            "say why the closure is declined, so the worker can act on it");
  ASSERT_TRUE(
      a.casework().decline_closure(team_manager(), *asked->request_id, "risk still present").ok());
  EXPECT_EQ(a.find<domain::ClosureRequest>(*asked->request_id)->status, "declined");
}

// --- placements ----------------------------------------------------------------------------------

TEST(EndPlacement, NamesEveryGapAndIsAudited) {
  Authority a;
  auto child = a.add_child_with_case();
  auto episode = a.add_care(child, day("2024-11-04"));
  auto events = a.event_count();
  Status refused = a.casework().end_placement(team_manager(), {episode, day("2025-03-14"), "", ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(refused.error().message,
            fmt::format("The placement of child {} (C1) (episode {}) cannot end yet: 1) give the "
                        "reason the episode ends (REC): X1 when a new placement or legal status "
                        "begins the same day, an E code when the child leaves care; 2) no "
                        "assessment is recorded for this placement on or before 2025-03-14: "
                        "record the placement-end assessment first.",
                        child, episode));
  expect_refusal_audited(a, events, "looked_after_episode", refused.error().message, child);

  Status no_change_reason =
      a.casework().end_placement(team_manager(), {episode, day("2025-03-14"), "X1", ""});
  ASSERT_FALSE(no_change_reason.ok());
  EXPECT_NE(no_change_reason.error().message.find("give the reason for the change of placement "
                                                  "(REASON_PLACE_CHANGE"),
            std::string::npos);
}

TEST(EndPlacement, EndsWithAReasonAndAnAssessmentOnOrBeforeTheEnd) {
  Authority a;
  auto child = a.add_child_with_case();
  auto episode = a.add_care(child, day("2024-11-04"));
  domain::PlacementEndAssessment late{
      0, child, episode, day("2025-03-17"), "", std::nullopt, "Carers and child agree"};
  ASSERT_TRUE(a.casework().record_placement_end_assessment(social_worker(), late).ok());
  Status too_late =
      a.casework().end_placement(team_manager(), {episode, day("2025-03-14"), "X1", "CARPL"});
  ASSERT_FALSE(too_late.ok()) << "an assessment after the end does not count";

  domain::PlacementEndAssessment blank{0, child, episode, day("2025-03-10"), "", std::nullopt, ""};
  auto no_summary = a.casework().record_placement_end_assessment(social_worker(), blank);
  ASSERT_FALSE(no_summary.ok());
  EXPECT_EQ(no_summary.error().kind, ErrorKind::kInvalid);

  domain::PlacementEndAssessment before{0,
                                        child,
                                        episode,
                                        day("2025-03-10"),
                                        "",
                                        std::nullopt,
                                        "Placement no longer meets needs; child's views recorded"};
  auto recorded = a.casework().record_placement_end_assessment(social_worker(), before);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_EQ(a.find<domain::PlacementEndAssessment>(*recorded)->assessed_by, "sw.jones");
  Status ended =
      a.casework().end_placement(team_manager(), {episode, day("2025-03-14"), "X1", "CARPL"});
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  auto stored = a.find<domain::LookedAfterEpisode>(episode);
  EXPECT_EQ(stored->end_date, day("2025-03-14"));
  EXPECT_EQ(stored->reason_episode_ceased, "X1");
  EXPECT_EQ(stored->reason_place_change, "CARPL");

  Status again =
      a.casework().end_placement(team_manager(), {episode, day("2025-03-14"), "X1", "CARPL"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message,
            fmt::format("the placement of child {} (C1) in episode {} already ended on 2025-03-14",
                        child, episode));
}

// --- settings
// -------------------------------------------------------------------------------------

TEST(Settings, ABadValueIsRefusedNamingTheKeyAndTheRange) {
  Authority a;
  Status bad = a.casework().change_setting(other_manager(), "closure.visit_working_days", "ten");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message,
            "setting closure.visit_working_days is 'ten': it must be a whole number from 0 to 250");
  Status unknown = a.casework().change_setting(other_manager(), "closure.visits", "3");
  ASSERT_FALSE(unknown.ok());
  Status by_worker = a.casework().change_setting(social_worker(), "caseload.limit_per_fte", "30");
  ASSERT_FALSE(by_worker.ok());
  EXPECT_EQ(by_worker.error().kind, ErrorKind::kForbidden);
  ASSERT_TRUE(
      a.casework().change_setting(other_manager(), "timescale.supervision_weeks", "6").ok());
  auto settings = a.casework().settings();
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->timescales.supervision_weeks, 6);
  EXPECT_EQ(a.last_event()->entity, "setting");
}

}  // namespace
}  // namespace safeguard::casework
