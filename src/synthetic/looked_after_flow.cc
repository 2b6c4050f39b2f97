// Children coming into care. Admissions each day are drawn from a Poisson whose mean is the recent
// rate of leaving care, plus the growth of the target, plus feedback on the gap between the target
// and the children in care now; the target rises from 65% of DemoOptions::children_in_care on the
// first day to all of it on the last ("children in care rising far faster than nationally"). In the
// final eight weeks the controller steers on the number of periods that will still be open on the
// end date, which lands the count on the target. Most children come from open cases (those on a
// child protection plan first); babies, emergencies and unaccompanied children arrive new.
#include <algorithm>
#include <cmath>

#include "synthetic/simulation.h"

namespace safeguard::synthetic {
namespace {

constexpr double kStartShare = 0.65;  // children in care on the first day, as a share of the target
constexpr int kFinalWindowDays = 56;
constexpr double kFeedbackDays = 45.0;
constexpr double kUnaccompaniedShare = 0.11;  // of admissions (about 7% of children in care)
constexpr double kDaysPerYear = 365.25;

struct AgeBand {
  int min_years;
  int max_years;
};
// Ages at entry to care (England, 2024: under 1s 19%, 1-4 14%, 5-9 15%, 10-15 32%, 16+ 20% with
// unaccompanied children counted apart here).
constexpr AgeBand kEntryBands[] = {{0, 0}, {1, 4}, {5, 9}, {10, 15}, {16, 17}};
const Weighted<int> kEntryBand{{0, 21.0}, {1, 15.0}, {2, 17.0}, {3, 33.0}, {4, 14.0}};

}  // namespace

int Simulation::admissions_wanted(Date day) {
  const double target_end = scenario_.children_in_care;
  const int remaining = day.days_until(scenario_.end) + 1;
  if (remaining <= kFinalWindowDays) {
    // Steer on the periods that will still be open on the end date: every admission from here
    // either ends before it (no matter) or adds one.
    auto needed = static_cast<double>(scenario_.children_in_care - open_at_end_);
    if (needed <= 0) return 0;
    if (remaining == 1) return static_cast<int>(needed);
    return rng_.poisson(1.15 * needed / remaining);
  }
  const double total = scenario_.start.days_until(scenario_.end);
  const double progress = scenario_.start.days_until(day) / total;
  const double target = target_end * (kStartShare + (1.0 - kStartShare) * progress);
  const double growth = target_end * (1.0 - kStartShare) / total;
  const double mean =
      exit_rate_ + growth + (target - static_cast<double>(in_care_)) / kFeedbackDays;
  return rng_.poisson(std::max(0.0, mean));
}

Index Simulation::pick_case_for_care(Date day, int age_band) {
  // Most children come into care from an open case, those on a child protection plan first.
  const AgeBand band = kEntryBands[age_band];
  Index fallback = kNone;
  for (int attempt = 0; attempt < 24 && !open_pool_.empty(); ++attempt) {
    auto slot = rng_.uniform_int(0, static_cast<int>(open_pool_.size()) - 1);
    Index candidate = open_pool_[static_cast<std::size_t>(slot)];
    const Case& record = cases_[static_cast<std::size_t>(candidate)];
    if (record.start > day) continue;
    int age = date_of_birth(record.child).age_on(day);
    if (age < band.min_years || age > band.max_years) continue;
    if (record.plan_made && record.plan_start <= day && day < record.plan_end) return candidate;
    if (fallback == kNone) fallback = candidate;
    if (attempt >= 8) break;
  }
  return fallback;
}

Simulation::NewChild Simulation::draw_child_for_care(Date day, int age_band, bool unaccompanied) {
  // A child new to the authority: a baby, an emergency, or a child arriving alone.
  NewChild spec;
  if (unaccompanied) {
    double u = rng_.uniform();
    int min_years = u < 0.75 ? 16 : (u < 0.95 ? 14 : 10);
    int max_years = u < 0.75 ? 17 : (u < 0.95 ? 15 : 13);
    spec = draw_child_aged(day, static_cast<int>(min_years * kDaysPerYear),
                           static_cast<int>((max_years + 1) * kDaysPerYear) - 2);
    spec.sex = rng_.bernoulli(0.94) ? 'M' : 'F';
    spec.unaccompanied_asylum_seeking = true;
  } else if (age_band == 0) {
    spec = rng_.bernoulli(0.45) ? draw_child_aged(day, 0, 7) : draw_child_aged(day, 8, 364);
    if (rng_.bernoulli(0.35)) {
      Index sibling = pick_known_child(day);
      if (sibling != kNone) {
        spec.household = model_.children[static_cast<std::size_t>(sibling)].household;
      }
    }
  } else {
    const AgeBand band = kEntryBands[age_band];
    spec = draw_child_aged(day, static_cast<int>(band.min_years * kDaysPerYear),
                           static_cast<int>((band.max_years + 1) * kDaysPerYear) - 2);
  }
  return spec;
}

Index Simulation::open_case_for_admission(const NewChild& spec, Date day, Date referral_date) {
  static const Weighted<Code> kBabySources{{"3F", 40}, {"3B", 15}, {"5A", 30}, {"6", 15}};
  static const Weighted<Code> kEmergencySources{
      {"6", 55}, {"2A", 12}, {"5A", 15}, {"3E", 10}, {"1A", 8}};
  static const Weighted<Code> kArrivalSources{{"6", 45}, {"5C", 30}, {"7", 15}, {"8", 10}};
  Index child = add_child(spec);
  Code source = spec.unaccompanied_asylum_seeking      ? kArrivalSources.draw(rng_)
                : date_of_birth(child).age_on(day) < 1 ? kBabySources.draw(rng_)
                                                       : kEmergencySources.draw(rng_);
  referral_date = later(referral_date, spec.date_of_birth);
  Index contact =
      add_contact(child, referral_date, source, ContactOutcome::kReferral, referral_date);
  return open_case(child, referral_date, source, contact, false, false);
}

void Simulation::admissions_for_day(Date day) {
  const int wanted = admissions_wanted(day);
  for (int i = 0; i < wanted; ++i) {
    bool unaccompanied = rng_.bernoulli(kUnaccompaniedShare);
    int band = unaccompanied ? -1 : kEntryBand.draw(rng_);
    Index case_index = kNone;
    if (!unaccompanied && !(band == 0 && rng_.bernoulli(0.7))) {
      case_index = pick_case_for_care(day, band);
    }
    NewChild spec;
    if (case_index == kNone) spec = draw_child_for_care(day, band, unaccompanied);
    Date born = case_index == kNone
                    ? spec.date_of_birth
                    : date_of_birth(cases_[static_cast<std::size_t>(case_index)].child);
    Period period = plan_period(day, born, unaccompanied);
    // Never more periods open on the end date than the target.
    if (period.exit > scenario_.end && open_at_end_ >= scenario_.children_in_care) continue;
    if (case_index == kNone) case_index = open_case_for_admission(spec, day, day);
    admit(case_index, period, true);
  }
}

void Simulation::seed_children_in_care() {
  // Children already looked after on the first day. A period in progress on a given day is more
  // likely a long one (length-biased), so a drawn period is kept with probability proportional to
  // its length, and placed so that the first day falls uniformly within it.
  const std::int64_t target =
      std::max<std::int64_t>(1, std::llround(kStartShare * scenario_.children_in_care));
  const double longest = 18.0 * kDaysPerYear;
  const Date first_day = scenario_.start;
  int leaving_soon = 0;
  while (in_care_ < target) {
    bool unaccompanied = rng_.bernoulli(kUnaccompaniedShare);
    int band = unaccompanied ? -1 : kEntryBand.draw(rng_);
    NewChild spec = draw_child_for_care(first_day, band, unaccompanied);
    Period period = plan_period(first_day, spec.date_of_birth, unaccompanied);
    int length = first_day.days_until(period.exit);
    if (!rng_.bernoulli(length / longest)) continue;
    int elapsed = rng_.uniform_int(0, length - 1);
    shift(period, -elapsed);
    spec.date_of_birth = period.date_of_birth;
    Date referral = period.start.plus_days(-rng_.uniform_int(0, 20));
    Index case_index = open_case_for_admission(spec, period.start, referral);
    admit(case_index, period, false);
    if (period.exit < first_day.plus_days(60)) ++leaving_soon;
  }
  exit_rate_ = leaving_soon / 60.0;
}

void Simulation::admit(Index case_index, const Period& period, bool live) {
  Case& record = cases_[static_cast<std::size_t>(case_index)];
  const Date start = period.start;
  const Date exit = period.exit;
  record.care_start = start;
  record.care_end = exit;
  // Coming into care ends a child protection plan; work not yet begun will not happen.
  if (record.plan_made && record.plan_start <= start && start < record.plan_end) {
    record.plan_end = start;
  }
  if (record.conference > start) {
    record.conference = kNever;
    record.plan_made = false;
    record.plan_start = kNever;
    record.plan_end = kNever;
  }
  if (record.strategy_discussion > start) {
    record.strategy_discussion = kNever;
    record.enquiry_start = kNever;
  }
  // The episode stays open while the child is looked after, and closes as the period ends.
  std::string_view ceased = period.exit_reason;
  Date close = exit;
  Code reason = "RC7";
  if (ceased == "E11" || ceased == "E12") {
    reason = "RC1";
  } else if (ceased == "E41") {
    reason = "RC3";
  } else if (ceased == "E45" || ceased == "E46" || ceased == "E47" || ceased == "E48") {
    reason = "RC4";
  } else if (ceased == "E3") {
    reason = "RC5";
  } else if (ceased == "E7") {
    reason = "RC6";
  } else if (ceased == "E4A" || ceased == "E4B" || ceased == "E13") {
    close = exit.plus_days(rng_.uniform_int(30, 180));
  } else if (ceased != "E17" && ceased != "E5" && ceased != "E6") {
    close = exit.plus_days(rng_.uniform_int(0, 14));
  }
  close = earlier(close, later(birthday(period.date_of_birth, 18), exit));
  record.close = close;
  record.closure_reason = reason;
  cut_case_at(record, close);  // nothing of the episode's planned course after it closes
  schedule(close, EventKind::kCaseClose, case_index);
  schedule(exit, EventKind::kCareExit, case_index);
  ++in_care_;
  if (exit > scenario_.end) ++open_at_end_;
  pool_remove(case_index);
  emit_period(case_index, period);

  Date sixteen = birthday(period.date_of_birth, 16);
  if (start < sixteen && sixteen < exit && sixteen >= scenario_.start) {
    schedule(sixteen, EventKind::kTurnSixteenInCare, case_index);
  }
  if (live) transfer(case_index, start, "transfer: became looked after");
}

}  // namespace safeguard::synthetic
