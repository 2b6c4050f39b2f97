// The clocks of a child in care: looked-after reviews, statutory visits to the placement, and
// pathway plan reviews for children in care aged 16 or over and for care leavers.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "rules/clock_builder.h"

namespace safeguard::rules::internal {
namespace {

constexpr int kPathwayPlanAge = 16;
constexpr int kAdultAge = 18;
constexpr int kCareLeaverSupportEndsAge = 25;

// A run of episodes with no day out of care between them, in date order.
struct PeriodOfCare {
  std::vector<const domain::LookedAfterEpisode*> episodes;

  Date start() const { return episodes.front()->start_date; }
  const domain::LookedAfterEpisode& latest() const { return *episodes.back(); }
  bool open_on(Date today) const {
    return !latest().end_date.has_value() || *latest().end_date > today;
  }
};

std::vector<PeriodOfCare> periods_of_care(const ChildFacts& facts, Date today) {
  std::vector<const domain::LookedAfterEpisode*> episodes;
  for (const auto& episode : facts.looked_after_episodes) {
    if (episode.start_date <= today) episodes.push_back(&episode);
  }
  std::sort(episodes.begin(), episodes.end(), [](const auto* a, const auto* b) {
    return a->start_date < b->start_date || (a->start_date == b->start_date && a->id < b->id);
  });
  std::vector<PeriodOfCare> periods;
  for (const auto* episode : episodes) {
    bool continues = false;
    if (!periods.empty()) {
      const auto& previous = periods.back().latest();
      // An episode with no end date followed by another is a gap in the record: care goes on.
      continues = !previous.end_date || episode->start_date <= *previous.end_date;
    }
    if (!continues) periods.emplace_back();
    periods.back().episodes.push_back(episode);
  }
  return periods;
}

// The episode in which the current placement began: changes of legal status alone (RNE "L") keep
// the child in the same placement.
const domain::LookedAfterEpisode& placement_start(const PeriodOfCare& period) {
  std::size_t index = period.episodes.size() - 1;
  while (index > 0 && period.episodes[index]->reason_for_new_episode == "L") --index;
  return *period.episodes[index];
}

bool long_term_placement(const domain::LookedAfterEpisode& episode) {
  return episode.placement_type == "U1" || episode.placement_type == "U4";
}

// Reviews in the period, on or after `since`, in date order.
std::vector<const domain::LookedAfterReview*> reviews_since(const ChildFacts& facts, Date since,
                                                            Date today) {
  std::vector<const domain::LookedAfterReview*> reviews;
  for (const auto& review : facts.looked_after_reviews) {
    if (review.date >= since && review.date <= today) reviews.push_back(&review);
  }
  std::sort(reviews.begin(), reviews.end(),
            [](const auto* a, const auto* b) { return a->date < b->date; });
  return reviews;
}

void add_review_clock(const ChildFacts& facts, const PeriodOfCare& period, ClockBuilder& builder) {
  const Timescales& timescales = builder.timescales();
  auto reviews = reviews_since(facts, period.start(), builder.today());
  if (reviews.empty()) {
    const int days = timescales.looked_after_first_review_working_days;
    builder.add(kLookedAfterFirstReview,
                fmt::format("First looked-after review within {} of coming into care on {}",
                            count_of(days, "working day"), period.start().iso()),
                builder.calendar().add_working_days(period.start(), days),
                fmt::format("looked-after episode {}", period.episodes.front()->id));
  } else if (reviews.size() == 1) {
    const int months = timescales.looked_after_second_review_months;
    const auto& first = *reviews.front();
    builder.add(kLookedAfterSecondReview,
                fmt::format("Second looked-after review within {} of the first review on {}",
                            count_of(months, "month"), first.date.iso()),
                first.date.plus_months(months), fmt::format("looked-after review {}", first.id));
  } else {
    const int months = timescales.looked_after_later_review_months;
    const auto& last = *reviews.back();
    builder.add(kLookedAfterLaterReview,
                fmt::format("Looked-after review within {} of the last review on {}",
                            count_of(months, "month"), last.date.iso()),
                last.date.plus_months(months), fmt::format("looked-after review {}", last.id));
  }
}

void add_visit_clock(const ChildFacts& facts, const PeriodOfCare& period, ClockBuilder& builder) {
  const Timescales& timescales = builder.timescales();
  const domain::LookedAfterEpisode& placement = placement_start(period);
  const domain::Visit* last = last_seen_visit(facts.visits, placement.start_date, builder.today());
  if (last == nullptr) {
    const int days = timescales.looked_after_new_placement_visit_days;
    builder.add(kLookedAfterPlacementVisit,
                fmt::format("Visit the child within {} of the placement starting on {}",
                            count_of(days, "day"), placement.start_date.iso()),
                placement.start_date.plus_days(days),
                fmt::format("looked-after episode {}", placement.id));
    return;
  }
  const bool settled =
      long_term_placement(period.latest()) && last->date >= placement.start_date.plus_years(1);
  if (settled) {
    const int months = timescales.looked_after_long_term_visit_months;
    builder.add(kLookedAfterLongTermVisit,
                fmt::format("Visit the child in their long-term placement within {} of the last "
                            "visit on {}",
                            count_of(months, "month"), last->date.iso()),
                last->date.plus_months(months), fmt::format("visit {}", last->id));
    return;
  }
  const int weeks = timescales.looked_after_visit_weeks;
  builder.add(kLookedAfterVisit,
              fmt::format("Visit the child in care within {} of the last visit on {}",
                          count_of(weeks, "week"), last->date.iso()),
              last->date.plus_days(7 * weeks), fmt::format("visit {}", last->id));
}

void add_pathway_clock_in_care(const ChildFacts& facts, const PeriodOfCare& period,
                               ClockBuilder& builder) {
  const Date sixteenth = birthday(facts.child.date_of_birth, kPathwayPlanAge);
  if (sixteenth > builder.today()) return;
  const int months = builder.timescales().pathway_plan_review_months;
  const Date since = std::max(sixteenth, period.start());
  auto reviews = reviews_since(facts, since, builder.today());
  if (!reviews.empty()) {
    const auto& last = *reviews.back();
    builder.add(kPathwayPlanReview,
                fmt::format("Pathway plan to be reviewed within {} of the last looked-after "
                            "review on {}",
                            count_of(months, "month"), last.date.iso()),
                last.date.plus_months(months), fmt::format("looked-after review {}", last.id));
  } else if (since == sixteenth) {
    builder.add(kPathwayPlanReview,
                fmt::format("Pathway plan to be reviewed within {} of the 16th birthday on {}",
                            count_of(months, "month"), sixteenth.iso()),
                sixteenth.plus_months(months), fmt::format("child {}", facts.child.id));
  } else {
    builder.add(kPathwayPlanReview,
                fmt::format("Pathway plan to be reviewed within {} of coming into care on {}",
                            count_of(months, "month"), since.iso()),
                since.plus_months(months),
                fmt::format("looked-after episode {}", period.episodes.front()->id));
  }
}

void add_pathway_clock_care_leaver(const ChildFacts& facts, const PeriodOfCare& last_period,
                                   ClockBuilder& builder) {
  const Date today = builder.today();
  const Date left_care = *last_period.latest().end_date;
  const Date born = facts.child.date_of_birth;
  if (left_care < birthday(born, kAdultAge)) return;
  if (today >= birthday(born, kCareLeaverSupportEndsAge)) return;
  const domain::CareLeaverContact* latest = nullptr;
  for (const auto& contact : facts.care_leaver_contacts) {
    if (contact.date < left_care || contact.date > today) continue;
    if (latest == nullptr || contact.date > latest->date) latest = &contact;
  }
  if (latest == nullptr) return;
  if (latest->in_touch == "DIED" || latest->in_touch == "NREQ") return;
  const int months = builder.timescales().pathway_plan_review_months;
  builder.add(kPathwayPlanReview,
              fmt::format("Care leaver's pathway plan to be reviewed within {} of the last "
                          "contact on {}",
                          count_of(months, "month"), latest->date.iso()),
              latest->date.plus_months(months), fmt::format("care leaver contact {}", latest->id));
}

}  // namespace

void add_looked_after_clocks(const ChildFacts& facts, ClockBuilder& builder) {
  auto periods = periods_of_care(facts, builder.today());
  if (periods.empty()) return;
  const PeriodOfCare& current = periods.back();
  if (current.open_on(builder.today())) {
    add_review_clock(facts, current, builder);
    add_visit_clock(facts, current, builder);
    add_pathway_clock_in_care(facts, current, builder);
  } else {
    add_pathway_clock_care_leaver(facts, current, builder);
  }
}

}  // namespace safeguard::rules::internal
