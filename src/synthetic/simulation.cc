// The day loop: seeds the authority as it stood on the first simulated day, then walks every day
// to the end date, handling the events due (workers starting and leaving, children leaving care,
// episodes closing, reallocations), the day's contacts and the day's admissions to care.
#include "synthetic/simulation.h"

#include <algorithm>
#include <cmath>

namespace safeguard::synthetic {
namespace {

// Children looked after per child in the population: 85 per 10,000 (England: 70).
constexpr double kLookedAfterRate = 0.0085;
// Children in care times years of the highest-volume activity records kept (visits, supervision,
// contacts that led to no referral): 200,000 keeps every year for authorities up to 20,000 children
// in care and two years for an England-sized one.
constexpr int kVisitBudgetChildYears = 200'000;
constexpr int kMinimumVisitYears = 2;

// Random streams: separate sequences for the day loop and for the records derived at the end, so
// that adding a kind of visit does not reshuffle every child.
constexpr std::uint64_t kStreamDays = 1;
constexpr std::uint64_t kStreamPractice = 2;

}  // namespace

Scenario make_scenario(const DemoOptions& options) {
  Scenario scenario;
  scenario.seed = options.seed;
  scenario.children_in_care = std::max(1, options.children_in_care);
  scenario.end = options.end_date == Date{} ? kDefaultDemoEndDate : options.end_date;
  int years = std::max(1, options.years);
  scenario.start = scenario.end.plus_years(-years).plus_days(1);
  scenario.population =
      std::llround(static_cast<double>(scenario.children_in_care) / kLookedAfterRate);
  int visit_years =
      std::clamp(kVisitBudgetChildYears / scenario.children_in_care, kMinimumVisitYears, years);
  scenario.practice_from = scenario.end.plus_years(-visit_years).plus_days(1);
  return scenario;
}

Model simulate(const Scenario& scenario, const domain::CodeLists& codes,
               const ProgressFunction& progress) {
  Simulation simulation(scenario, codes, progress);
  return simulation.run();
}

Simulation::Simulation(const Scenario& scenario, const domain::CodeLists& codes,
                       const ProgressFunction& progress)
    : scenario_(scenario),
      codes_(codes),
      progress_(progress),
      rng_(scenario.seed, kStreamDays),
      practice_rng_(scenario.seed, kStreamPractice),
      today_(scenario.start) {
  if (const domain::Code* registered = codes_.find("PLACE", "K3")) {
    supported_registered_from_ = registered->valid_from;
  }
}

void Simulation::report(double fraction, std::string_view stage) {
  if (progress_) progress_(fraction, stage);
}

void Simulation::schedule(Date day, EventKind kind, Index subject) {
  if (day > scenario_.end) return;  // after the end date: never happens on record
  events_.push(Event{day.days_since_epoch(), next_sequence_++, kind, subject});
}

void Simulation::process_events(Date day) {
  const std::int32_t first_day = scenario_.start.days_since_epoch();
  while (!events_.empty() && events_.top().day <= day.days_since_epoch()) {
    Event event = events_.top();
    events_.pop();
    Date when = Date::from_days(std::max(event.day, first_day));
    switch (event.kind) {
      case EventKind::kWorkerStarts:
        worker_starts(event.subject);
        break;
      case EventKind::kWorkerLeaves:
        worker_leaves(event.subject, when);
        break;
      case EventKind::kCareExit:
        --in_care_;
        ++exits_today_;
        break;
      case EventKind::kCaseClose: {
        const Case& record = cases_[static_cast<std::size_t>(event.subject)];
        // A closure planned before the child came into care is superseded: skip it.
        if (record.open && record.close.days_since_epoch() == event.day) {
          close_case(event.subject, when);
        }
        break;
      }
      case EventKind::kAssessmentDone: {
        const Case& record = cases_[static_cast<std::size_t>(event.subject)];
        if (event.day < first_day || !record.open || record.care_start <= when) break;
        if (record.close <= when.plus_days(7)) break;  // closing anyway: no transfer
        transfer(event.subject, when, "transfer: assessment complete");
        break;
      }
      case EventKind::kTurnSixteenInCare: {
        const Case& record = cases_[static_cast<std::size_t>(event.subject)];
        if (event.day < first_day || !record.open || record.care_end <= when) break;
        transfer(event.subject, when, "transfer: aged 16, to the leaving care team");
        break;
      }
      case EventKind::kAllocate: {
        Case& record = cases_[static_cast<std::size_t>(event.subject)];
        if (!record.open || record.allocation != kNone) break;
        allocate(event.subject, when, record.pending_reason, when);
        break;
      }
    }
  }
}

void Simulation::reserve() {
  // Room for what the rates will produce (a little over), so that the largest vectors of an
  // England-sized authority are not copied as they grow. Untouched room costs no memory.
  const double years = scenario_.start.days_until(scenario_.end) / 365.25 + 0.5;
  const double practice_years = scenario_.practice_from.days_until(scenario_.end) / 365.25 + 0.5;
  const double population = static_cast<double>(scenario_.population);
  const double referrals = population * 0.058 * years;
  auto room = [](double count) { return static_cast<std::size_t>(count); };
  model_.contacts.reserve(
      room(population * (0.22 * practice_years + 0.07 * (years - practice_years))));
  model_.children.reserve(room(population * 0.08 * years));
  model_.households.reserve(room(population * 0.06 * years));
  model_.referrals.reserve(room(referrals));
  model_.episodes.reserve(room(referrals));
  model_.assessments.reserve(room(referrals));
  model_.allocations.reserve(room(referrals * 1.8));
  allocation_next_.reserve(room(referrals * 1.8));
  cases_.reserve(room(referrals));
  model_.visits.reserve(room(scenario_.children_in_care * 65.0 * practice_years));
}

Model Simulation::run() {
  model_.child_population = scenario_.population;
  model_.history_start = scenario_.start;
  model_.practice_from = scenario_.practice_from;
  model_.end = scenario_.end;

  report(0.0, "seeding the authority as it stood when the history begins");
  reserve();
  create_teams();
  seed_open_cases();
  seed_children_in_care();
  seed_workforce();

  const double total_days = scenario_.start.days_until(scenario_.end) + 1;
  for (Date day = scenario_.start; day <= scenario_.end; day = day.plus_days(1)) {
    today_ = day;
    exits_today_ = 0;
    process_events(day);
    exit_rate_ += (exits_today_ - exit_rate_) / 60.0;
    contacts_for_day(day);
    admissions_for_day(day);
    if (day.day() == 1) {
      staffing_review(day);
      report(0.35 * scenario_.start.days_until(day) / total_days,
             "simulating " + CollectionYear::containing(day).label());
    }
  }
  today_ = scenario_.end;

  report(0.35, "recording visits, supervision and case notes");
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    if (cases_[i].open) finalise_case(static_cast<Index>(i));
  }
  record_supervision();
  model_.children_looked_after = in_care_;
  return std::move(model_);
}

}  // namespace safeguard::synthetic
