// Proves the clocks of the front door and child protection: each due date counted across weekends,
// bank holidays, the year end and leap years (worked out by hand in the comment beside it); the
// states due, due soon and overdue; that a met obligation disappears; that visits restart only from
// a visit at which the child was seen; the child protection review sequence (3 months, then 6); the
// long-plan flag; the order of a whole record's items; supervision.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clocks_fixture.h"

namespace safeguard::rules {
namespace {

// --- states --------------------------------------------------------------------------------------

struct StateCase {
  const char* today;
  State expected;
  const char* why;
};

class ClockStates : public testing::TestWithParam<StateCase> {};

TEST_P(ClockStates, FollowTheDueDateInWorkingDays) {
  // Due Wednesday 26 February 2025; due soon means within 5 working days of today.
  const StateCase& c = GetParam();
  EXPECT_EQ(clock_state(iso("2025-02-26"), iso(c.today), Timescales{}, WorkingDayCalendar{}),
            c.expected)
      << c.why;
}

INSTANTIATE_TEST_SUITE_P(
    AroundTheDueDate, ClockStates,
    testing::Values(StateCase{"2025-01-06", State::kDue, "seven weeks away"},
                    StateCase{"2025-02-18", State::kDue,
                              "Tue 18: 19 (1), 20, 21, 24, 25 (5) stops short of Wed 26"},
                    StateCase{"2025-02-19", State::kDueSoon, "Wed 19: 20 (1) .. 26 (5)"},
                    StateCase{"2025-02-22", State::kDueSoon, "a Saturday: 24 (1) .. 26 (3)"},
                    StateCase{"2025-02-26", State::kDueSoon, "due today"},
                    StateCase{"2025-02-27", State::kOverdue, "the day after"}));

TEST(ClockStates, Named) {
  EXPECT_STREQ(state_name(State::kDue), "due");
  EXPECT_STREQ(state_name(State::kDueSoon), "due soon");
  EXPECT_STREQ(state_name(State::kOverdue), "overdue");
}

// --- front door ----------------------------------------------------------------------------------

TEST_F(ClocksTest, ContactDecisionIsDueTheNextWorkingDayUntilDecided) {
  domain::Contact contact;
  contact.id = 5;
  contact.child_id = 1;
  contact.date = iso("2024-12-24");  // Tue 24 -> (Christmas, Boxing Day) Fri 27 (1)
  facts_.contacts.push_back(contact);
  ClockItem item = only("2024-12-24", kContactDecision);
  EXPECT_EQ(item.due, iso("2024-12-27"));
  EXPECT_EQ(item.state, State::kDueSoon);
  EXPECT_EQ(item.source, "contact 5");
  EXPECT_EQ(item.description,
            "Decide what happens next with the contact received on 2024-12-24 within 1 working "
            "day");
  EXPECT_EQ(only("2024-12-30", kContactDecision).state, State::kOverdue);

  facts_.contacts.back().outcome = "referral";
  facts_.contacts.back().decision_date = iso("2024-12-27");
  EXPECT_TRUE(clocks("2024-12-30").empty());
}

struct AssessmentCase {
  const char* referral;
  const char* due;
  const char* count;
};

class AssessmentDue : public testing::TestWithParam<AssessmentCase> {};

TEST_P(AssessmentDue, CountsFortyFiveWorkingDaysFromTheReferral) {
  ChildFacts facts;
  domain::Referral referral;
  referral.id = 12;
  referral.date = iso(GetParam().referral);
  facts.referrals.push_back(referral);
  auto items = statutory_clocks(facts, referral.date, Timescales{}, WorkingDayCalendar{});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].rule, kAssessment);
  EXPECT_EQ(items[0].due, iso(GetParam().due)) << GetParam().count;
  EXPECT_EQ(items[0].source, "referral 12");
}

INSTANTIATE_TEST_SUITE_P(
    HandCounted, AssessmentDue,
    testing::Values(
        AssessmentCase{"2024-12-20", "2025-02-26",
                       "Mon 23 (1), Tue 24 (2), Fri 27 (3), Mon 30 (4), Tue 31 (5), Thu 2 Jan (6), "
                       "Fri 3 (7), five-day weeks to Fri 21 Feb (42), Mon 24 (43), Tue 25 (44), "
                       "Wed 26 (45)"},
        AssessmentCase{"2024-01-15", "2024-03-18",
                       "Tue 16-Fri 19 (4), weeks to Fri 23 Feb (29), Mon 26-Fri 1 Mar with the "
                       "29th (34), 4-8 (39), 11-15 (44), Mon 18 (45)"},
        AssessmentCase{
            "2025-03-20", "2025-05-28",
            "Fri 21 (1), weeks to Thu 17 Apr (20), Tue 22-Fri 25 (24), 28 Apr-2 May "
            "(29), Tue 6-Fri 9 (33), 12-16 (38), 19-23 (43), Tue 27 (44), Wed 28 (45)"}));

TEST_F(ClocksTest, AssessmentClockDisappearsOnceAuthorised) {
  add_referral(12, "2024-12-20", 3);
  add_assessment(7, 3, "2024-12-23");
  ClockItem item = only("2025-01-06", kAssessment);
  EXPECT_EQ(item.due, iso("2025-02-26"));
  EXPECT_EQ(item.state, State::kDue);
  EXPECT_EQ(item.description,
            "Assessment to be authorised within 45 working days of the referral on 2024-12-20");
  EXPECT_EQ(only("2025-02-27", kAssessment).state, State::kOverdue);

  facts_.assessments.back().authorised_date = iso("2025-02-10");
  EXPECT_FALSE(has("2025-02-27", kAssessment));
  // Authorised later than "today": still open on the days before.
  EXPECT_TRUE(has("2025-02-07", kAssessment));
}

TEST_F(ClocksTest, NoAssessmentClockForNoFurtherActionOrAClosedEpisode) {
  add_referral(12, "2024-12-20", 3);
  facts_.referrals.back().no_further_action = true;
  EXPECT_FALSE(has("2025-01-06", kAssessment));

  facts_.referrals.back().no_further_action = false;
  facts_.child_in_need_episodes.back().end_date = iso("2025-01-03");
  facts_.child_in_need_episodes.back().reason_for_closure = "RC8";
  EXPECT_FALSE(has("2025-01-06", kAssessment));
  EXPECT_TRUE(has("2025-01-02", kAssessment));  // before the episode closed
}

TEST_F(ClocksTest, ALaterAssessmentInTheEpisodeRunsFromItsOwnStart) {
  add_referral(12, "2024-12-20", 3);
  add_assessment(1, 3, "2024-12-23").authorised_date = iso("2025-02-10");
  add_assessment(2, 3, "2025-03-03");
  // Mon 3 Mar: Tue 4-Fri 7 (4), weeks to Fri 11 Apr (29), Mon 14-Thu 17 (33), Tue 22-Fri 25 (37),
  // 28 Apr-2 May (42), Tue 6 (43), Wed 7 (44), Thu 8 May (45).
  ClockItem item = only("2025-03-03", kAssessment);
  EXPECT_EQ(item.due, iso("2025-05-08"));
  EXPECT_EQ(item.source, "assessment 2");
}

TEST_F(ClocksTest, ConfiguredTimescaleChangesTheDueDateNotTheRule) {
  timescales_.assessment_working_days = 20;
  add_referral(12, "2024-12-20", 3);
  // Mon 23 (1), Tue 24 (2), Fri 27 (3), Mon 30 (4), Tue 31 (5), Thu 2 Jan (6), Fri 3 (7),
  // 6-10 (12), 13-17 (17), Mon 20 (18), Tue 21 (19), Wed 22 (20).
  ClockItem item = only("2025-01-06", kAssessment);
  EXPECT_EQ(item.due, iso("2025-01-22"));
  EXPECT_EQ(item.description,
            "Assessment to be authorised within 20 working days of the referral on 2024-12-20");
}

TEST_F(ClocksTest, AuthorityClosureDaysStretchTheClock) {
  calendar_ = WorkingDayCalendar({iso("2024-12-27"), iso("2024-12-30"), iso("2024-12-31")});
  timescales_.assessment_working_days = 5;
  add_referral(12, "2024-12-20", 3);
  // Mon 23 (1), Tue 24 (2), closed 25 Dec to 1 Jan, Thu 2 (3), Fri 3 (4), Mon 6 (5).
  EXPECT_EQ(only("2024-12-23", kAssessment).due, iso("2025-01-06"));
}

// --- child protection ----------------------------------------------------------------------------

struct ConferenceCase {
  const char* strategy_discussion;
  const char* due;
  const char* count;
};

class InitialConferenceDue : public testing::TestWithParam<ConferenceCase> {};

TEST_P(InitialConferenceDue, CountsFifteenWorkingDaysFromTheStrategyDiscussion) {
  ChildFacts facts;
  domain::Section47Enquiry enquiry;
  enquiry.id = 4;
  enquiry.strategy_discussion_date = enquiry.start_date = iso(GetParam().strategy_discussion);
  facts.section47_enquiries.push_back(enquiry);
  auto items = statutory_clocks(facts, enquiry.start_date, Timescales{}, WorkingDayCalendar{});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].rule, kInitialConference);
  EXPECT_EQ(items[0].due, iso(GetParam().due)) << GetParam().count;
  EXPECT_EQ(items[0].source, "section 47 enquiry 4");
}

INSTANTIATE_TEST_SUITE_P(
    HandCounted, InitialConferenceDue,
    testing::Values(ConferenceCase{"2025-04-10", "2025-05-06",
                                   "Fri 11 (1), 14-17 (5), (Easter) 22-25 (9), 28 Apr-2 May (14), "
                                   "(early May holiday) Tue 6 (15)"},
                    ConferenceCase{"2024-12-16", "2025-01-09",
                                   "17-20 (4), 23, 24 (6), 27 (7), 30, 31 (9), Thu 2, Fri 3 (11), "
                                   "Mon 6-Thu 9 (15)"}));

TEST_F(ClocksTest, InitialConferenceClockEndsWhenTheConferenceIsHeldOrNotNeeded) {
  domain::Section47Enquiry enquiry;
  enquiry.id = 4;
  enquiry.episode_id = 3;
  enquiry.strategy_discussion_date = enquiry.start_date = iso("2025-04-10");
  facts_.section47_enquiries.push_back(enquiry);
  EXPECT_EQ(only("2025-05-07", kInitialConference).state, State::kOverdue);

  domain::InitialChildProtectionConference conference;
  conference.id = 9;
  conference.episode_id = 3;
  conference.enquiry_id = 99;  // another enquiry's conference does not count
  conference.date = iso("2025-05-01");
  facts_.conferences.push_back(conference);
  EXPECT_TRUE(has("2025-05-07", kInitialConference));

  facts_.conferences.back().enquiry_id = 4;
  EXPECT_FALSE(has("2025-05-07", kInitialConference));

  facts_.conferences.back().enquiry_id.reset();  // no enquiry recorded: same episode, after it
  EXPECT_FALSE(has("2025-05-07", kInitialConference));

  facts_.conferences.clear();
  facts_.section47_enquiries.back().conference_not_required = true;
  EXPECT_FALSE(has("2025-05-07", kInitialConference));
}

TEST_F(ClocksTest, ProtectionReviewsThreeMonthsThenEverySix) {
  add_plan(7, "2024-11-29");
  ClockItem first = only("2024-12-02", kProtectionFirstReview);
  EXPECT_EQ(first.due, iso("2025-02-28"));  // 29 Nov + 3 months: no 29 February in 2025
  EXPECT_EQ(first.source, "child protection plan 7");
  EXPECT_EQ(first.description,
            "First child protection review conference within 3 months of the plan starting on "
            "2024-11-29");

  add_plan_review(5, 7, "2025-02-20");
  add_plan_review(6, 8, "2025-03-20");  // another plan's review
  EXPECT_FALSE(has("2025-03-01", kProtectionFirstReview));
  ClockItem later = only("2025-03-01", kProtectionLaterReview);
  EXPECT_EQ(later.due, iso("2025-08-20"));
  EXPECT_EQ(later.source, "child protection review 5");

  add_plan_review(10, 7, "2025-08-18");
  EXPECT_EQ(only("2025-08-19", kProtectionLaterReview).due, iso("2026-02-18"));

  facts_.protection_plans.back().end_date = iso("2025-09-01");
  EXPECT_TRUE(clocks("2025-09-02").empty());
}

TEST_F(ClocksTest, FirstProtectionReviewInALeapYear) {
  add_plan(7, "2023-11-30");
  EXPECT_EQ(only("2023-12-01", kProtectionFirstReview).due, iso("2024-02-29"));
}

TEST_F(ClocksTest, ProtectionVisitsRestartFromTheLastVisitWhereTheChildWasSeen) {
  add_plan(7, "2025-04-10");
  add_visit(30, "2025-04-01", true);  // before the plan: does not count
  // Thu 10 Apr: Fri 11 (1), 14-17 (5), (Easter) 22-25 (9), Mon 28 (10).
  ClockItem item = only("2025-04-11", kProtectionVisit);
  EXPECT_EQ(item.due, iso("2025-04-28"));
  EXPECT_EQ(item.source, "child protection plan 7");

  add_visit(31, "2025-04-24", true);
  add_visit(32, "2025-05-01", false);  // the child was not seen
  // Thu 24: Fri 25 (1), 28 Apr-2 May (6), (Mon 5 May) Tue 6-Fri 9 (10).
  item = only("2025-05-02", kProtectionVisit);
  EXPECT_EQ(item.due, iso("2025-05-09"));
  EXPECT_EQ(item.source, "visit 31");
  EXPECT_EQ(item.description,
            "Child protection visit: see the child within 10 working days of the last visit on "
            "2025-04-24");
  EXPECT_EQ(item.state, State::kDueSoon);
  EXPECT_EQ(only("2025-05-12", kProtectionVisit).state, State::kOverdue);
}

TEST_F(ClocksTest, AVisitDatedAfterTodayDoesNotCountYet) {
  add_plan(7, "2025-04-10");
  add_visit(31, "2025-04-24", true);
  EXPECT_EQ(only("2025-04-23", kProtectionVisit).due, iso("2025-04-28"));
}

TEST_F(ClocksTest, LongPlanIsFlaggedOnlyWhenItNearsOrPassesEighteenMonths) {
  add_plan(7, "2023-10-02");
  add_plan_review(5, 7, "2025-02-20");
  add_visit(31, "2025-03-20", true);
  EXPECT_FALSE(has("2025-03-01", kProtectionPlanLong));
  // Thu 27 Mar: Fri 28 (1), Mon 31 (2), Tue 1 (3), Wed 2 Apr (4): 18 months falls inside 5.
  ClockItem item = only("2025-03-27", kProtectionPlanLong);
  EXPECT_EQ(item.due, iso("2025-04-02"));
  EXPECT_EQ(item.state, State::kDueSoon);
  EXPECT_EQ(only("2025-04-03", kProtectionPlanLong).state, State::kOverdue);
  facts_.protection_plans.back().end_date = iso("2025-04-03");
  EXPECT_FALSE(has("2025-04-03", kProtectionPlanLong));
}

// --- the whole record ----------------------------------------------------------------------------

TEST_F(ClocksTest, ItemsComeEarliestFirstAndNextDueIsTheFirst) {
  add_referral(12, "2025-03-20", 3);         // assessment due 28 May
  add_plan(7, "2025-04-10");                 // review 10 Jul, visit 28 Apr
  add_episode(14, "2025-04-14", "S", "U6");  // review 12 May, visit 21 Apr
  auto items = clocks("2025-04-14");
  std::vector<std::string> rules;
  for (const ClockItem& item : items) rules.push_back(item.rule + " " + item.due.iso());
  EXPECT_EQ(rules, (std::vector<std::string>{
                       "la_visit_new_placement_1_week 2025-04-21",
                       "cp_visit_10_working_days 2025-04-28",
                       // Mon 14 Apr: 15-17 (3), (Easter) 22-25 (7), 28 Apr-2 May (12),
                       // (Mon 5) Tue 6-Fri 9 (16), 12-15 (20).
                       "la_review_initial_20_working_days 2025-05-15",
                       "assessment_45_working_days 2025-05-28",
                       "cp_review_first_3_months 2025-07-10",
                   }));
  auto next = next_due(items);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->rule, kLookedAfterPlacementVisit);
  EXPECT_FALSE(next_due({}).has_value());
}

TEST_F(ClocksTest, AChildWhoHasDiedHasNoClocks) {
  add_plan(7, "2025-04-10");
  facts_.child.date_of_death = iso("2025-04-20");
  EXPECT_FALSE(clocks("2025-04-19").empty());
  EXPECT_TRUE(clocks("2025-04-20").empty());
}

// --- supervision ---------------------------------------------------------------------------------

TEST(Supervision, DueFourWeeksAfterTheLastOneToOneSession) {
  Timescales timescales;
  WorkingDayCalendar calendar;
  const Date start = iso("2025-01-06");
  EXPECT_FALSE(supervision_clock({}, start, iso("2025-01-05"), timescales, calendar).has_value());

  auto first = supervision_clock({}, start, iso("2025-01-20"), timescales, calendar);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->rule, kSupervision);
  EXPECT_EQ(first->due, iso("2025-02-03"));  // 6 Jan + 28 days
  EXPECT_EQ(first->state, State::kDue);      // Mon 20: 21 (1) .. 27 (5)
  EXPECT_EQ(first->source, "start date");

  std::vector<domain::SupervisionSession> sessions{
      {1, 9, 2, iso("2025-02-01"), true},
      {2, 9, 2, iso("2025-02-20"), false},  // a group session does not count
  };
  auto next = supervision_clock(sessions, start, iso("2025-02-26"), timescales, calendar);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->due, iso("2025-03-01"));  // 1 Feb + 28 days
  EXPECT_EQ(next->state, State::kDueSoon);  // Wed 26: 27 (1), 28 (2), Mon 3 Mar (3)
  EXPECT_EQ(next->source, "supervision session 1");
  EXPECT_EQ(next->description,
            "One-to-one supervision within 4 weeks of the last session on 2025-02-01");
  EXPECT_EQ(supervision_clock(sessions, start, iso("2025-03-02"), timescales, calendar)->state,
            State::kOverdue);
}
}  // namespace
}  // namespace safeguard::rules
