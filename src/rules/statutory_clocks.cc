// The shared machinery of the clocks, the front door (contacts, referrals, assessments) and child
// protection (section 47 enquiries, conferences, plans, reviews and visits), and supervision.
#include "rules/statutory_clocks.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <tuple>
#include <utility>

#include "rules/clock_builder.h"

namespace safeguard::rules {
namespace internal {

ClockItem::State ClockBuilder::state_of(Date due) const {
  return clock_state(due, today_, timescales_, calendar_);
}

const ClockItem& ClockBuilder::add(std::string rule, std::string description, Date due,
                                   std::string source) {
  ClockItem item;
  item.rule = std::move(rule);
  item.description = std::move(description);
  item.due = due;
  item.state = state_of(due);
  item.source = std::move(source);
  items_.push_back(std::move(item));
  return items_.back();
}

std::string count_of(int count, const char* unit) {
  return fmt::format("{} {}{}", count, unit, count == 1 ? "" : "s");
}

const domain::Visit* last_seen_visit(const std::vector<domain::Visit>& visits, Date since,
                                     Date today) {
  const domain::Visit* latest = nullptr;
  for (const domain::Visit& visit : visits) {
    if (!visit.child_seen || visit.date < since || visit.date > today) continue;
    if (latest == nullptr || visit.date > latest->date) latest = &visit;
  }
  return latest;
}

Date birthday(Date born, int years) {
  Date day = born.plus_years(years);
  return born.age_on(day) < years ? day.plus_days(1) : day;
}

namespace {

bool closed_by(const std::optional<Date>& end_date, Date today) {
  return end_date.has_value() && *end_date <= today;
}

bool done_by(const std::optional<Date>& date, Date today) {
  return date.has_value() && *date <= today;
}

const domain::ChildInNeedEpisode* find_episode(const ChildFacts& facts, std::int64_t id) {
  for (const auto& episode : facts.child_in_need_episodes) {
    if (episode.id == id) return &episode;
  }
  return nullptr;
}

// An episode not on record is taken to be open: the obligation stays visible.
bool episode_open(const ChildFacts& facts, std::int64_t episode_id, Date today) {
  const auto* episode = find_episode(facts, episode_id);
  return episode == nullptr || !closed_by(episode->end_date, today);
}

void add_contact_clocks(const ChildFacts& facts, ClockBuilder& builder) {
  const int days = builder.timescales().contact_decision_working_days;
  for (const domain::Contact& contact : facts.contacts) {
    if (contact.date > builder.today()) continue;
    if (!contact.outcome.empty() || done_by(contact.decision_date, builder.today())) continue;
    builder.add(kContactDecision,
                fmt::format("Decide what happens next with the contact received on {} within {}",
                            contact.date.iso(), count_of(days, "working day")),
                builder.calendar().add_working_days(contact.date, days),
                fmt::format("contact {}", contact.id));
  }
}

void add_assessment_clocks(const ChildFacts& facts, ClockBuilder& builder) {
  const Date today = builder.today();
  const int days = builder.timescales().assessment_working_days;
  // Episodes whose referral clock is still running: their assessments are covered by it.
  std::set<std::int64_t> covered_episodes;
  for (const domain::Referral& referral : facts.referrals) {
    if (referral.date > today || referral.no_further_action) continue;
    std::vector<std::int64_t> episodes;
    bool any_open = false;
    for (const auto& episode : facts.child_in_need_episodes) {
      if (episode.referral_id != referral.id) continue;
      episodes.push_back(episode.id);
      any_open = any_open || !closed_by(episode.end_date, today);
    }
    if (!episodes.empty() && !any_open) continue;
    bool authorised = std::any_of(
        facts.assessments.begin(), facts.assessments.end(), [&](const domain::Assessment& a) {
          return std::find(episodes.begin(), episodes.end(), a.episode_id) != episodes.end() &&
                 done_by(a.authorised_date, today);
        });
    if (authorised) continue;
    covered_episodes.insert(episodes.begin(), episodes.end());
    builder.add(kAssessment,
                fmt::format("Assessment to be authorised within {} of the referral on {}",
                            count_of(days, "working day"), referral.date.iso()),
                builder.calendar().add_working_days(referral.date, days),
                fmt::format("referral {}", referral.id));
  }
  for (const domain::Assessment& assessment : facts.assessments) {
    if (assessment.start_date > today || done_by(assessment.authorised_date, today)) continue;
    if (covered_episodes.count(assessment.episode_id) > 0) continue;
    if (!episode_open(facts, assessment.episode_id, today)) continue;
    builder.add(kAssessment,
                fmt::format("Assessment started on {} to be authorised within {} of its start",
                            assessment.start_date.iso(), count_of(days, "working day")),
                builder.calendar().add_working_days(assessment.start_date, days),
                fmt::format("assessment {}", assessment.id));
  }
}

bool conference_held_for(const ChildFacts& facts, const domain::Section47Enquiry& enquiry,
                         Date today) {
  return std::any_of(facts.conferences.begin(), facts.conferences.end(),
                     [&](const domain::InitialChildProtectionConference& conference) {
                       if (conference.date > today) return false;
                       if (conference.enquiry_id) return *conference.enquiry_id == enquiry.id;
                       return conference.episode_id == enquiry.episode_id &&
                              conference.date >= enquiry.strategy_discussion_date;
                     });
}

void add_initial_conference_clocks(const ChildFacts& facts, ClockBuilder& builder) {
  const Date today = builder.today();
  const int days = builder.timescales().initial_conference_working_days;
  for (const domain::Section47Enquiry& enquiry : facts.section47_enquiries) {
    if (enquiry.strategy_discussion_date > today || enquiry.conference_not_required) continue;
    if (!episode_open(facts, enquiry.episode_id, today)) continue;
    if (conference_held_for(facts, enquiry, today)) continue;
    builder.add(kInitialConference,
                fmt::format("Initial child protection conference to be held within {} of the "
                            "strategy discussion on {}",
                            count_of(days, "working day"), enquiry.strategy_discussion_date.iso()),
                builder.calendar().add_working_days(enquiry.strategy_discussion_date, days),
                fmt::format("section 47 enquiry {}", enquiry.id));
  }
}

void add_plan_review_clocks(const ChildFacts& facts, const domain::ChildProtectionPlan& plan,
                            ClockBuilder& builder) {
  const Timescales& timescales = builder.timescales();
  const domain::ChildProtectionReview* last = nullptr;
  for (const auto& review : facts.protection_reviews) {
    if (review.plan_id != plan.id || review.date < plan.start_date) continue;
    if (review.date > builder.today()) continue;
    if (last == nullptr || review.date > last->date) last = &review;
  }
  if (last == nullptr) {
    const int months = timescales.protection_first_review_months;
    builder.add(kProtectionFirstReview,
                fmt::format("First child protection review conference within {} of the plan "
                            "starting on {}",
                            count_of(months, "month"), plan.start_date.iso()),
                plan.start_date.plus_months(months),
                fmt::format("child protection plan {}", plan.id));
    return;
  }
  const int months = timescales.protection_later_review_months;
  builder.add(kProtectionLaterReview,
              fmt::format("Child protection review conference within {} of the last review on {}",
                          count_of(months, "month"), last->date.iso()),
              last->date.plus_months(months), fmt::format("child protection review {}", last->id));
}

void add_long_plan_flag(const domain::ChildProtectionPlan& plan, ClockBuilder& builder) {
  const int months = builder.timescales().protection_plan_flag_months;
  Date due = plan.start_date.plus_months(months);
  if (builder.state_of(due) == ClockItem::State::kDue) return;  // flagged only when close or past
  builder.add(kProtectionPlanLong,
              fmt::format("Child protection plan started on {} reaches {} on {}: consider with "
                          "the conference chair whether the plan is working",
                          plan.start_date.iso(), count_of(months, "month"), due.iso()),
              due, fmt::format("child protection plan {}", plan.id));
}

void add_protection_visit_clock(const ChildFacts& facts, const domain::ChildProtectionPlan& plan,
                                ClockBuilder& builder) {
  const int days = builder.timescales().protection_visit_working_days;
  const domain::Visit* last = last_seen_visit(facts.visits, plan.start_date, builder.today());
  if (last == nullptr) {
    builder.add(kProtectionVisit,
                fmt::format("Child protection visit: see the child within {} of the plan "
                            "starting on {}",
                            count_of(days, "working day"), plan.start_date.iso()),
                builder.calendar().add_working_days(plan.start_date, days),
                fmt::format("child protection plan {}", plan.id));
    return;
  }
  builder.add(kProtectionVisit,
              fmt::format("Child protection visit: see the child within {} of the last visit on {}",
                          count_of(days, "working day"), last->date.iso()),
              builder.calendar().add_working_days(last->date, days),
              fmt::format("visit {}", last->id));
}

}  // namespace

void add_front_door_clocks(const ChildFacts& facts, ClockBuilder& builder) {
  add_contact_clocks(facts, builder);
  add_assessment_clocks(facts, builder);
}

void add_protection_clocks(const ChildFacts& facts, ClockBuilder& builder) {
  add_initial_conference_clocks(facts, builder);
  const domain::ChildProtectionPlan* earliest_open = nullptr;
  for (const domain::ChildProtectionPlan& plan : facts.protection_plans) {
    if (plan.start_date > builder.today() || closed_by(plan.end_date, builder.today())) continue;
    add_plan_review_clocks(facts, plan, builder);
    add_long_plan_flag(plan, builder);
    if (earliest_open == nullptr || plan.start_date < earliest_open->start_date) {
      earliest_open = &plan;
    }
  }
  // One visit clock for the child, however many plans are open.
  if (earliest_open != nullptr) add_protection_visit_clock(facts, *earliest_open, builder);
}

}  // namespace internal

const char* state_name(ClockItem::State state) {
  switch (state) {
    case ClockItem::State::kDue:
      return "due";
    case ClockItem::State::kDueSoon:
      return "due soon";
    case ClockItem::State::kOverdue:
      return "overdue";
  }
  return "due";
}

ClockItem::State clock_state(Date due, Date today, const Timescales& timescales,
                             const WorkingDayCalendar& calendar) {
  if (today > due) return ClockItem::State::kOverdue;
  if (due <= calendar.add_working_days(today, timescales.due_soon_days)) {
    return ClockItem::State::kDueSoon;
  }
  return ClockItem::State::kDue;
}

std::vector<ClockItem> statutory_clocks(const ChildFacts& facts, Date today,
                                        const Timescales& timescales,
                                        const WorkingDayCalendar& calendar) {
  if (facts.child.date_of_death && *facts.child.date_of_death <= today) return {};
  internal::ClockBuilder builder(today, timescales, calendar);
  internal::add_front_door_clocks(facts, builder);
  internal::add_protection_clocks(facts, builder);
  internal::add_looked_after_clocks(facts, builder);
  std::vector<ClockItem> items = builder.take();
  std::sort(items.begin(), items.end(), [](const ClockItem& a, const ClockItem& b) {
    return std::tie(a.due, a.rule, a.source) < std::tie(b.due, b.rule, b.source);
  });
  return items;
}

std::optional<ClockItem> next_due(const std::vector<ClockItem>& items) {
  auto earliest =
      std::min_element(items.begin(), items.end(),
                       [](const ClockItem& a, const ClockItem& b) { return a.due < b.due; });
  if (earliest == items.end()) return std::nullopt;
  return *earliest;
}

std::optional<ClockItem> supervision_clock(const std::vector<domain::SupervisionSession>& sessions,
                                           Date worker_start_date, Date today,
                                           const Timescales& timescales,
                                           const WorkingDayCalendar& calendar) {
  if (worker_start_date > today) return std::nullopt;
  const domain::SupervisionSession* last = nullptr;
  for (const auto& session : sessions) {
    if (!session.one_to_one || session.date < worker_start_date || session.date > today) continue;
    if (last == nullptr || session.date > last->date) last = &session;
  }
  const int weeks = timescales.supervision_weeks;
  ClockItem item;
  item.rule = kSupervision;
  if (last == nullptr) {
    item.description = fmt::format("One-to-one supervision within {} of starting on {}",
                                   internal::count_of(weeks, "week"), worker_start_date.iso());
    item.due = worker_start_date.plus_days(7 * weeks);
    item.source = "start date";
  } else {
    item.description = fmt::format("One-to-one supervision within {} of the last session on {}",
                                   internal::count_of(weeks, "week"), last->date.iso());
    item.due = last->date.plus_days(7 * weeks);
    item.source = fmt::format("supervision session {}", last->id);
  }
  item.state = clock_state(item.due, today, timescales, calendar);
  return item;
}

}  // namespace safeguard::rules
