// The test fixture the clock tests share: a child's facts built record by record, and the clocks
// worked out from them on a given day.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "base/date.h"
#include "rules/calendar.h"
#include "rules/statutory_clocks.h"
#include "rules/timescales.h"

namespace safeguard::rules {

using State = ClockItem::State;

inline Date iso(const char* text) {
  auto date = Date::parse_iso(text);
  EXPECT_TRUE(date.ok()) << text;
  return date.ok() ? *date : Date();
}

class ClocksTest : public testing::Test {
 protected:
  ClocksTest() {
    facts_.child.id = 1;
    facts_.child.date_of_birth = iso("2015-06-01");
  }

  std::vector<ClockItem> clocks(const char* today) {
    return statutory_clocks(facts_, iso(today), timescales_, calendar_);
  }

  // The only item with this rule; fails the test when there is not exactly one.
  ClockItem only(const char* today, const char* rule) {
    std::vector<ClockItem> found;
    for (const ClockItem& item : clocks(today)) {
      if (item.rule == rule) found.push_back(item);
    }
    EXPECT_EQ(found.size(), 1u) << rule << " on " << today;
    return found.empty() ? ClockItem{} : found.front();
  }

  bool has(const char* today, const char* rule) {
    for (const ClockItem& item : clocks(today)) {
      if (item.rule == rule) return true;
    }
    return false;
  }

  void add_referral(std::int64_t id, const char* date, std::int64_t episode_id) {
    domain::Referral referral;
    referral.id = id;
    referral.child_id = 1;
    referral.date = iso(date);
    facts_.referrals.push_back(referral);
    domain::ChildInNeedEpisode episode;
    episode.id = episode_id;
    episode.child_id = 1;
    episode.referral_id = id;
    episode.start_date = iso(date);
    facts_.child_in_need_episodes.push_back(episode);
  }

  domain::Assessment& add_assessment(std::int64_t id, std::int64_t episode_id, const char* start) {
    domain::Assessment assessment;
    assessment.id = id;
    assessment.child_id = 1;
    assessment.episode_id = episode_id;
    assessment.start_date = iso(start);
    facts_.assessments.push_back(assessment);
    return facts_.assessments.back();
  }

  domain::ChildProtectionPlan& add_plan(std::int64_t id, const char* start) {
    domain::ChildProtectionPlan plan;
    plan.id = id;
    plan.child_id = 1;
    plan.start_date = iso(start);
    plan.initial_category = plan.latest_category = "NEG";
    facts_.protection_plans.push_back(plan);
    return facts_.protection_plans.back();
  }

  void add_plan_review(std::int64_t id, std::int64_t plan_id, const char* date) {
    facts_.protection_reviews.push_back({id, plan_id, iso(date)});
  }

  void add_visit(std::int64_t id, const char* date, bool seen) {
    domain::Visit visit;
    visit.id = id;
    visit.child_id = 1;
    visit.date = iso(date);
    visit.child_seen = seen;
    facts_.visits.push_back(visit);
  }

  domain::LookedAfterEpisode& add_episode(std::int64_t id, const char* start, const char* reason,
                                          const char* place) {
    domain::LookedAfterEpisode episode;
    episode.id = id;
    episode.child_id = 1;
    episode.start_date = iso(start);
    episode.reason_for_new_episode = reason;
    episode.legal_status = "C2";
    episode.placement_type = place;
    if (!facts_.looked_after_episodes.empty()) {
      auto& previous = facts_.looked_after_episodes.back();
      if (!previous.end_date) previous.end_date = episode.start_date;
    }
    facts_.looked_after_episodes.push_back(episode);
    return facts_.looked_after_episodes.back();
  }

  void add_looked_after_review(std::int64_t id, const char* date) {
    domain::LookedAfterReview review;
    review.id = id;
    review.child_id = 1;
    review.date = iso(date);
    review.participation = "PN1";
    facts_.looked_after_reviews.push_back(review);
  }

  ChildFacts facts_;
  Timescales timescales_;
  WorkingDayCalendar calendar_;
};

}  // namespace safeguard::rules
