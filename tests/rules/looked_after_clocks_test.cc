// Proves the clocks of a child in care: the looked-after review sequence (20 working days, then 3
// months, then 6), visits within a week of each placement then every 6 weeks (3 months once a
// long-term placement has lasted a year), and pathway plan reviews for children in care aged 16 or
// over and for care leavers. Hand counts are in the comments.
#include <gtest/gtest.h>

#include "clocks_fixture.h"

namespace safeguard::rules {
namespace {

// --- looked after --------------------------------------------------------------------------------

TEST_F(ClocksTest, LookedAfterReviewsTwentyWorkingDaysThenThreeMonthsThenSix) {
  add_episode(14, "2024-12-20", "S", "U6");
  // Fri 20 Dec: 23, 24 (2), 27 (3), 30, 31 (5), 2, 3 Jan (7), 6-10 (12), 13-17 (17),
  // Mon 20 (18), Tue 21 (19), Wed 22 (20).
  ClockItem first = only("2024-12-20", kLookedAfterFirstReview);
  EXPECT_EQ(first.due, iso("2025-01-22"));
  EXPECT_EQ(first.source, "looked-after episode 14");
  EXPECT_EQ(first.description,
            "First looked-after review within 20 working days of coming into care on 2024-12-20");

  add_looked_after_review(1, "2025-01-20");
  EXPECT_FALSE(has("2025-01-21", kLookedAfterFirstReview));
  ClockItem second = only("2025-01-21", kLookedAfterSecondReview);
  EXPECT_EQ(second.due, iso("2025-04-20"));
  EXPECT_EQ(second.source, "looked-after review 1");

  add_looked_after_review(2, "2025-04-14");
  ClockItem third = only("2025-04-15", kLookedAfterLaterReview);
  EXPECT_EQ(third.due, iso("2025-10-14"));

  add_looked_after_review(3, "2025-10-01");
  EXPECT_EQ(only("2025-10-02", kLookedAfterLaterReview).due, iso("2026-04-01"));
}

TEST_F(ClocksTest, LookedAfterReviewsInALeapYear) {
  add_episode(14, "2024-02-01", "S", "U6");
  // Thu 1 Feb: Fri 2 (1), 5-9 (6), 12-16 (11), 19-23 (16), Mon 26-Thu 29 (20).
  EXPECT_EQ(only("2024-02-01", kLookedAfterFirstReview).due, iso("2024-02-29"));
  add_looked_after_review(1, "2024-02-29");
  EXPECT_EQ(only("2024-03-01", kLookedAfterSecondReview).due, iso("2024-05-29"));
}

TEST_F(ClocksTest, ANewPeriodOfCareStartsTheReviewsAgain) {
  add_episode(10, "2023-01-09", "S", "U6").end_date = iso("2023-08-01");
  add_looked_after_review(1, "2023-02-01");
  add_looked_after_review(2, "2023-05-01");
  EXPECT_FALSE(has("2023-09-01", kLookedAfterLaterReview));  // out of care: no clocks
  add_episode(11, "2024-02-01", "S", "U6");
  EXPECT_EQ(only("2024-02-01", kLookedAfterFirstReview).due, iso("2024-02-29"));
}

TEST_F(ClocksTest, LookedAfterVisitWithinAWeekOfEachPlacementThenEverySixWeeks) {
  add_episode(14, "2025-03-03", "S", "U6");
  ClockItem item = only("2025-03-03", kLookedAfterPlacementVisit);
  EXPECT_EQ(item.due, iso("2025-03-10"));  // 7 calendar days
  EXPECT_EQ(item.description,
            "Visit the child within 7 days of the placement starting on 2025-03-03");

  add_visit(31, "2025-03-07", true);
  add_visit(32, "2025-03-28", false);  // not seen: does not restart the clock
  item = only("2025-03-28", kLookedAfterVisit);
  EXPECT_EQ(item.due, iso("2025-04-18"));  // 7 Mar + 42 days (24 in March, 18 in April)
  EXPECT_EQ(item.source, "visit 31");

  add_episode(15, "2025-04-01", "L", "U6");  // legal status only: the same placement
  EXPECT_EQ(only("2025-04-02", kLookedAfterVisit).due, iso("2025-04-18"));

  add_episode(16, "2025-04-10", "P", "K2");  // a new placement
  item = only("2025-04-10", kLookedAfterPlacementVisit);
  EXPECT_EQ(item.due, iso("2025-04-17"));
  EXPECT_EQ(item.source, "looked-after episode 16");
  EXPECT_FALSE(has("2025-04-10", kLookedAfterVisit));
}

TEST_F(ClocksTest, LongTermPlacementVisitsEveryThreeMonthsAfterItsFirstYear) {
  add_episode(14, "2023-01-09", "S", "U4");
  add_visit(31, "2023-12-20", true);  // inside the first year: 6 weeks
  EXPECT_EQ(only("2023-12-21", kLookedAfterVisit).due, iso("2024-01-31"));  // 11 + 31 days
  add_visit(32, "2024-02-01", true);  // after the first anniversary: 3 months
  ClockItem item = only("2024-02-02", kLookedAfterLongTermVisit);
  EXPECT_EQ(item.due, iso("2024-05-01"));
  EXPECT_FALSE(has("2024-02-02", kLookedAfterVisit));

  facts_.looked_after_episodes.back().placement_type = "U6";  // not long-term fostering
  EXPECT_EQ(only("2024-02-02", kLookedAfterVisit).due, iso("2024-03-14"));  // 1 Feb + 42 days
}

TEST_F(ClocksTest, EndedCareHasNoReviewOrVisitClocks) {
  add_episode(14, "2025-03-03", "S", "U6").end_date = iso("2025-04-01");
  EXPECT_TRUE(has("2025-03-31", kLookedAfterPlacementVisit));
  EXPECT_TRUE(clocks("2025-04-01").empty());
}

// --- pathway plans -------------------------------------------------------------------------------

TEST_F(ClocksTest, PathwayPlanInCareFromSixteenRestartsAtEachReview) {
  facts_.child.date_of_birth = iso("2008-09-15");
  add_episode(14, "2024-01-08", "S", "U6");
  add_looked_after_review(1, "2024-02-05");
  add_looked_after_review(2, "2024-05-01");
  EXPECT_FALSE(has("2024-09-14", kPathwayPlanReview));  // not yet 16
  ClockItem item = only("2024-09-15", kPathwayPlanReview);
  EXPECT_EQ(item.due, iso("2025-03-15"));
  EXPECT_EQ(item.source, "child 1");
  add_looked_after_review(3, "2024-10-20");
  item = only("2025-03-01", kPathwayPlanReview);
  EXPECT_EQ(item.due, iso("2025-04-20"));
  EXPECT_EQ(item.source, "looked-after review 3");
}

TEST_F(ClocksTest, PathwayPlanForAChildComingIntoCareAfterSixteen) {
  facts_.child.date_of_birth = iso("2008-09-15");
  add_episode(14, "2025-01-06", "S", "K2");
  ClockItem item = only("2025-01-06", kPathwayPlanReview);
  EXPECT_EQ(item.due, iso("2025-07-06"));
  EXPECT_EQ(item.source, "looked-after episode 14");
}

TEST_F(ClocksTest, CareLeaverPathwayPlanRunsFromTheLatestContact) {
  facts_.child.date_of_birth = iso("2006-05-10");
  add_episode(14, "2020-01-06", "S", "U6").end_date = iso("2024-05-10");  // left care at 18
  EXPECT_TRUE(clocks("2025-03-01").empty());  // no care leaver contact on record
  domain::CareLeaverContact contact;
  contact.id = 3;
  contact.child_id = 1;
  contact.date = iso("2024-11-01");
  contact.in_touch = "YES";
  facts_.care_leaver_contacts.push_back(contact);
  ClockItem item = only("2025-03-01", kPathwayPlanReview);
  EXPECT_EQ(item.due, iso("2025-05-01"));
  EXPECT_EQ(item.source, "care leaver contact 3");
  EXPECT_TRUE(clocks("2031-05-10").empty());  // 25 years old

  facts_.care_leaver_contacts.back().in_touch = "NREQ";
  EXPECT_TRUE(clocks("2025-03-01").empty());
}

TEST_F(ClocksTest, LeavingCareBeforeEighteenIsNotACareLeaverClock) {
  facts_.child.date_of_birth = iso("2006-05-10");
  add_episode(14, "2020-01-06", "S", "U6").end_date = iso("2023-05-01");
  facts_.care_leaver_contacts.push_back({3, 1, iso("2024-11-01"), "YES", "F2", "B"});
  EXPECT_TRUE(clocks("2025-03-01").empty());
}

}  // namespace
}  // namespace safeguard::rules
