// Statutory clocks: what must happen next on a child's case, by when, given the facts on record
// and today's date. Pure: values in, values out; the app fills ChildFacts from the record.
//
// Only open obligations are returned. A met obligation disappears (an authorised assessment, a
// conference held); a repeating one restarts from the last time it was met (the next visit is due
// from the last visit at which the child was seen; a visit where the child was not seen does not
// count). Facts dated after today are ignored, as are obligations of a closed child-in-need
// episode, an ended plan or an ended period of care. A child who has died has no clocks.
//
// Interpretations, where the law leaves the record to decide:
// - Contact: a decision is owed while the contact has neither an outcome nor a decision date.
// - Assessment: owed for each referral not marked no further action, counted from the referral
// date,
//   until an assessment in that referral's child-in-need episode is authorised. Once it is, any
//   other unauthorised assessment in the episode has its own clock from its start date.
// - Initial conference: owed for each section 47 enquiry not marked "conference not required" until
//   a conference records that enquiry (or, when conferences do not record their enquiry, one is
//   held in the same episode on or after the strategy discussion).
// - Child protection plan: reviews, visits and the long-plan flag run while the plan is open. The
//   plan's start date stands for the initial conference. The long-plan flag appears only once it is
//   due soon or past.
// - Period of care: a run of looked-after episodes, each starting on or before the previous one
//   ended. Reviews count from the start of the current period of care.
// - Placement: a run of episodes in the period of care joined by changes of legal status only
//   (RNE "L"); any other reason for a new episode starts a new placement. A placement is long-term
//   when its PLACE is U1 or U4 (long-term fostering). Visits are due within a week of the placement
//   starting, then every 6 weeks; every 3 months once the child was last seen after the first
//   anniversary of a long-term placement.
// - Pathway plans: (a) a child in care aged 16 or over: the looked-after review (at which the
//   pathway plan is reviewed) restarts the clock, first counted from the 16th birthday or the
//   start of care, whichever is later; (b) a care leaver: a young person whose last period of care
//   ended on or after their 18th birthday, who has a care leaver contact on record since leaving,
//   is under 25 and was not last recorded as died or no longer requiring services: the clock runs
//   from the latest care leaver contact (the record of the personal adviser's review).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "domain/child.h"
#include "domain/children_in_need.h"
#include "domain/front_door.h"
#include "domain/looked_after.h"
#include "domain/practice.h"
#include "domain/workforce.h"
#include "rules/calendar.h"
#include "rules/timescales.h"

namespace safeguard::rules {

// Stable rule identifiers: scripts, reports and the UI key on these. They name the statutory
// default; the description carries the authority's configured timescale.
inline constexpr char kContactDecision[] = "contact_decision_1_working_day";
inline constexpr char kAssessment[] = "assessment_45_working_days";
inline constexpr char kInitialConference[] = "icpc_15_working_days";
inline constexpr char kProtectionFirstReview[] = "cp_review_first_3_months";
inline constexpr char kProtectionLaterReview[] = "cp_review_6_months";
inline constexpr char kProtectionVisit[] = "cp_visit_10_working_days";
inline constexpr char kProtectionPlanLong[] = "cp_plan_18_months";
inline constexpr char kLookedAfterFirstReview[] = "la_review_initial_20_working_days";
inline constexpr char kLookedAfterSecondReview[] = "la_review_second_3_months";
inline constexpr char kLookedAfterLaterReview[] = "la_review_6_months";
inline constexpr char kLookedAfterPlacementVisit[] = "la_visit_new_placement_1_week";
inline constexpr char kLookedAfterVisit[] = "la_visit_6_weeks";
inline constexpr char kLookedAfterLongTermVisit[] = "la_visit_long_term_3_months";
inline constexpr char kPathwayPlanReview[] = "pathway_plan_review_6_months";
inline constexpr char kSupervision[] = "supervision_4_weeks";

// Everything about one child the clocks look at.
struct ChildFacts {
  domain::Child child;
  std::vector<domain::Contact> contacts;
  std::vector<domain::Referral> referrals;
  std::vector<domain::ChildInNeedEpisode> child_in_need_episodes;
  std::vector<domain::Assessment> assessments;
  std::vector<domain::Section47Enquiry> section47_enquiries;
  std::vector<domain::InitialChildProtectionConference> conferences;
  std::vector<domain::ChildProtectionPlan> protection_plans;
  std::vector<domain::ChildProtectionReview> protection_reviews;  // of any of the plans
  std::vector<domain::LookedAfterEpisode> looked_after_episodes;
  std::vector<domain::LookedAfterReview> looked_after_reviews;
  std::vector<domain::Visit> visits;
  std::vector<domain::CareLeaverContact> care_leaver_contacts;
};

struct ClockItem {
  enum class State { kDue, kDueSoon, kOverdue };

  std::string rule;         // one of the identifiers above
  std::string description;  // e.g. "Assessment to be authorised within 45 working days of the
                            // referral on 2025-03-03"
  Date due;                 // the last day on which it is still in time
  State state = State::kDue;
  std::string source;  // the record the clock runs from, e.g. "referral 12"

  bool operator==(const ClockItem&) const = default;
};

// "due", "due soon" or "overdue".
const char* state_name(ClockItem::State state);

// Overdue when today is after `due`; due soon when `due` is today or within
// timescales.due_soon_days working days of today; otherwise due.
ClockItem::State clock_state(Date due, Date today, const Timescales& timescales,
                             const WorkingDayCalendar& calendar);

// The open obligations on a child's case, earliest due first (ties by rule, then source).
std::vector<ClockItem> statutory_clocks(const ChildFacts& facts, Date today,
                                        const Timescales& timescales,
                                        const WorkingDayCalendar& calendar);

// The item due first, if any (the first of equals, in the order given).
std::optional<ClockItem> next_due(const std::vector<ClockItem>& items);

// A social worker's next one-to-one supervision: due timescales.supervision_weeks after the latest
// one-to-one session on or before today (sessions before the worker started do not count), or after
// the start date when there is none. Nothing when the worker has not started yet.
std::optional<ClockItem> supervision_clock(const std::vector<domain::SupervisionSession>& sessions,
                                           Date worker_start_date, Date today,
                                           const Timescales& timescales,
                                           const WorkingDayCalendar& calendar);

}  // namespace safeguard::rules
