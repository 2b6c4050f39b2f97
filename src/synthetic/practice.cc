// Statutory visits and case notes, derived from a finished case: its phases (assessment, child in
// need, child protection plan, looked after) and who held it when. Visits fall due every 10 working
// days on a plan, every six weeks in care (and within the first week of each new placement), every
// four weeks otherwise; most are on time, some late, and none happen while a case waits for a
// worker, so a few are overdue on the end date. Visits are recorded from Scenario::practice_from.
#include <algorithm>

#include "synthetic/simulation.h"

namespace safeguard::synthetic {
namespace {

int next_gap(Random& rng, int cadence) {
  double u = rng.uniform();
  double factor = u < 0.70   ? rng.uniform(0.55, 0.95)
                  : u < 0.92 ? rng.uniform(0.95, 1.10)
                             : rng.uniform(1.10, 1.90);
  return std::max(1, static_cast<int>(cadence * factor));
}

}  // namespace

void Simulation::record_visits(Index case_index) {
  const Case& record = cases_[static_cast<std::size_t>(case_index)];
  if (record.no_further_action) return;
  const Date from = later(record.start, scenario_.practice_from);
  const Date until = record.open ? scenario_.end : earlier(record.close, scenario_.end);
  if (from > until) return;
  Random& rng = practice_rng_;

  auto kind_on = [&](Date day) {
    if (record.care_start <= day && day < record.care_end) return VisitKind::kLookedAfter;
    if (record.plan_made && record.plan_start <= day && day < record.plan_end) {
      return VisitKind::kChildProtection;
    }
    if (day < record.assessment_done) return VisitKind::kAssessment;
    return VisitKind::kChildInNeed;
  };
  auto cadence = [](VisitKind kind) {
    switch (kind) {
      case VisitKind::kLookedAfter:
        return 42;
      case VisitKind::kChildProtection:
        return 14;
      default:
        return 28;
    }
  };

  // New placements: the child is seen within a week of each.
  std::vector<Date> placements;
  for (Index e = 0; e < record.care_episode_count; ++e) {
    const CareEpisodeRecord& episode =
        model_.care_episodes[static_cast<std::size_t>(record.first_care_episode + e)];
    std::string_view rne = episode.reason_for_new_episode;
    if ((rne == "S" || rne == "P" || rne == "B") && episode.start >= from) {
      placements.push_back(episode.start);
    }
  }
  std::size_t next_placement = 0;

  Date visit = record.start >= scenario_.practice_from
                   ? record.start.plus_days(rng.uniform_int(0, 4))
                   : from.plus_days(rng.uniform_int(0, cadence(kind_on(from)) - 1));
  Index allocation = record.first_allocation;
  const Date born = date_of_birth(record.child);
  while (visit <= until) {
    if (next_placement < placements.size() && placements[next_placement] <= visit) {
      Date first_week = placements[next_placement].plus_days(rng.uniform_int(1, 6));
      ++next_placement;
      if (first_week < visit) visit = first_week;
    }
    if (!is_working_day(visit) && rng.bernoulli(0.8)) visit = next_working_day(visit);
    if (visit > until) break;
    // Who holds the case that day.
    while (allocation != kNone) {
      const AllocationRecord& held = model_.allocations[static_cast<std::size_t>(allocation)];
      if (!held.end || *held.end > visit) break;
      allocation = allocation_next_[static_cast<std::size_t>(allocation)];
    }
    if (allocation == kNone) break;  // unallocated from here on: no more visits
    const AllocationRecord& held = model_.allocations[static_cast<std::size_t>(allocation)];
    if (held.start > visit) {
      // Waiting for a worker: the next visit comes soon after one is allocated.
      visit = held.start.plus_days(rng.uniform_int(0, 5));
      continue;
    }
    VisitKind kind = kind_on(visit);
    VisitRecord out;
    out.child = record.child;
    out.worker = held.worker;
    out.date = visit;
    out.kind = kind;
    out.child_seen = rng.bernoulli(kind == VisitKind::kLookedAfter ? 0.96 : 0.92);
    out.seen_alone = out.child_seen && born.age_on(visit) >= 4 && rng.bernoulli(0.65);
    out.note = static_cast<std::uint8_t>(rng.uniform_int(0, 255));
    model_.visits.push_back(out);
    visit = visit.plus_days(next_gap(rng, cadence(kind)));
  }
}

void Simulation::record_case_notes(Index case_index) {
  const Case& record = cases_[static_cast<std::size_t>(case_index)];
  if (record.no_further_action) return;
  Random& rng = practice_rng_;
  int notes = rng.uniform_int(1, 4);
  Index author = record.allocation == kNone
                     ? kNone
                     : model_.allocations[static_cast<std::size_t>(record.allocation)].worker;
  for (int n = 0; n < notes; ++n) {
    Date on = later(record.start, scenario_.end.plus_days(-rng.uniform_int(0, 75)));
    if (author != kNone &&
        on < model_.allocations[static_cast<std::size_t>(record.allocation)].start) {
      on = model_.allocations[static_cast<std::size_t>(record.allocation)].start;
    }
    CaseNoteRecord note;
    note.child = record.child;
    note.author = author;
    note.date = on;
    note.topic = static_cast<std::uint8_t>(rng.uniform_int(0, 255));
    model_.case_notes.push_back(note);
  }
}

}  // namespace safeguard::synthetic
