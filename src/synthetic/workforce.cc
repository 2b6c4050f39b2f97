// The workforce and who holds each case. Teams are sized from the caseload the authority will have
// (front door, assessment, safeguarding, disabled children, children in care, leaving care, plus
// leadership and independent reviewing officers); each month every team hires when its cases per
// full-time worker run above its norm (a norm of 15.5 to 20 that differs by team, so some teams are
// stretched), about 15% of case-holders are agency staff, and workers leave (permanent staff after
// about five and a half years on average, agency staff after about one), their cases reallocated
// after a wait. A case is allocated to a worker of the team its phase belongs to: the least loaded
// of three picked at random, relative to what each carries, so caseloads spread realistically.
// A case waiting for a worker sits in its team's tray (an allocation with no worker) from the day
// it began waiting until a worker takes it, it moves to another team's tray or it closes.
// One-to-one supervision roughly every four weeks is derived at the end, from when visits are.
#include <algorithm>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "synthetic/names.h"
#include "synthetic/simulation.h"

namespace safeguard::synthetic {
namespace {

constexpr double kNormalCasesPerFte = 16.5;
constexpr double kTargetAgencyShare = 0.15;
constexpr double kPermanentTenureYears = 5.5;
constexpr double kAgencyTenureYears = 1.1;
constexpr double kManagerTenureYears = 6.5;

constexpr Code kServiceCodes[kServiceCount] = {"front_door", "assessment",       "safeguarding",
                                               "disability", "children_in_care", "leaving_care",
                                               "management"};

bool holds_cases(std::string_view role) {
  return role == "social_worker" || role == "senior_practitioner" || role == "personal_adviser";
}

int wait_days(Random& rng, AllocationWait kind);

}  // namespace

Index Simulation::add_team(std::string name, Service service) {
  TeamRecord record;
  record.name = std::move(name);
  record.service = kServiceCodes[static_cast<int>(service)];
  model_.teams.push_back(std::move(record));
  TeamState state;
  state.service = service;
  state.cases_per_fte = rng_.uniform(15.5, 20.0);
  teams_.push_back(state);
  auto index = static_cast<Index>(model_.teams.size() - 1);
  teams_by_service_[static_cast<int>(service)].push_back(index);
  return index;
}

void Simulation::create_teams() {
  // Sized for the caseload at the end: about four open child-in-need episodes per child in care.
  const double holders = scenario_.children_in_care * 4.0 / kNormalCasesPerFte;
  auto teams = [&](double share, double per_team) {
    return std::max(1, static_cast<int>(std::lround(holders * share / per_team)));
  };
  auto name = [](std::string_view base, int number, int count) {
    return count == 1 ? std::string(base) : fmt::format("{} {}", base, number);
  };
  struct Plan {
    Service service;
    std::string_view name;
    int count;
  };
  const Plan plans[] = {
      {Service::kFrontDoor, "Front Door (MASH)", teams(0.05, 8.0)},
      {Service::kAssessment, "Assessment Team", teams(0.24, 7.0)},
      {Service::kSafeguarding, "Safeguarding Team", teams(0.38, 7.0)},
      {Service::kDisability, "Disabled Children's Team", teams(0.06, 7.0)},
      {Service::kChildrenInCare, "Children in Care Team", teams(0.22, 7.0)},
      {Service::kLeavingCare, "Leaving Care Team", teams(0.09, 7.0)},
  };
  for (const Plan& plan : plans) {
    for (int i = 1; i <= plan.count; ++i) add_team(name(plan.name, i, plan.count), plan.service);
  }
  add_team("Children's Social Care Leadership", Service::kManagement);
  add_team("Independent Reviewing Service", Service::kManagement);
}

Index Simulation::hire(Index team, Code role, Date on, bool already_working) {
  const auto index = static_cast<Index>(model_.workers.size());
  const bool case_holder = holds_cases(role);
  WorkerRecord worker;
  worker.team = team;
  worker.role = role;
  if (case_holder) {
    double share = active_holders_ == 0 ? kTargetAgencyShare
                                        : static_cast<double>(active_agency_holders_) /
                                              static_cast<double>(active_holders_);
    double chance = already_working
                        ? kTargetAgencyShare
                        : std::clamp(0.30 + 3.0 * (kTargetAgencyShare - share), 0.03, 0.8);
    worker.agency = rng_.bernoulli(chance);
  }
  if (!worker.agency) {
    double u = rng_.uniform();
    worker.fte = u < 0.80 ? 1.0 : u < 0.87 ? 0.8 : u < 0.94 ? 0.7 : 0.6;
  }
  worker.sex = rng_.bernoulli(0.84) ? 'F' : 'M';
  const auto& firsts = worker.sex == 'M' ? boys_names() : girls_names();
  worker.first_name =
      static_cast<std::uint8_t>(rng_.uniform_int(0, static_cast<int>(firsts.size()) - 1));
  worker.family_name =
      static_cast<std::uint8_t>(rng_.uniform_int(0, static_cast<int>(family_names().size()) - 1));
  double tenure_years = worker.agency ? kAgencyTenureYears
                        : case_holder ? kPermanentTenureYears
                                      : kManagerTenureYears;
  Date leaving;
  if (already_working) {
    // In post on the first day for a while already; staying on for a memoryless while longer.
    int served = worker.agency ? rng_.uniform_int(14, 400) : rng_.uniform_int(30, 8 * 365);
    worker.start = on.plus_days(-served);
    leaving = on.plus_days(std::max(20, static_cast<int>(rng_.exponential(tenure_years * 365.25))));
  } else {
    int lag = worker.agency ? rng_.uniform_int(7, 28) : rng_.uniform_int(21, 90);
    worker.start = on.plus_days(lag);
    leaving = worker.start.plus_days(
        std::max(60, static_cast<int>(rng_.exponential(tenure_years * 365.25))));
  }
  if (leaving <= scenario_.end) worker.leaving = leaving;
  model_.workers.push_back(worker);

  Staff staff;
  staff.team = team;
  staff.holds_cases =
      case_holder && teams_[static_cast<std::size_t>(team)].service != Service::kFrontDoor;
  staff.capacity = worker.fte * rng_.uniform(0.78, 1.30) *
                   (std::string_view(role) == "senior_practitioner" ? 0.95 : 1.0);
  staff_.push_back(std::move(staff));
  if (std::string_view(role) == "team_manager") {
    teams_[static_cast<std::size_t>(team)].managers.push_back(index);
  }
  if (std::string_view(role) == "head_of_service") heads_of_service_.push_back(index);

  if (worker.start <= today_) {
    worker_starts(index);
  } else {
    if (staff_.back().holds_cases) {
      teams_[static_cast<std::size_t>(team)].pending_fte += worker.fte;
      staff_.back().pending = true;
    }
    schedule(worker.start, EventKind::kWorkerStarts, index);
  }
  if (worker.leaving) schedule(*worker.leaving, EventKind::kWorkerLeaves, index);
  return index;
}

void Simulation::worker_starts(Index worker) {
  Staff& staff = staff_[static_cast<std::size_t>(worker)];
  const WorkerRecord& record = model_.workers[static_cast<std::size_t>(worker)];
  staff.active = true;
  if (holds_cases(record.role)) {
    ++active_holders_;
    if (record.agency) ++active_agency_holders_;
  }
  if (!staff.holds_cases) return;
  TeamState& team = teams_[static_cast<std::size_t>(staff.team)];
  team.holders.push_back(worker);
  if (staff.pending) {
    team.pending_fte = std::max(0.0, team.pending_fte - record.fte);
    staff.pending = false;
  }
}

void Simulation::worker_leaves(Index worker, Date day) {
  Staff& staff = staff_[static_cast<std::size_t>(worker)];
  const WorkerRecord record = model_.workers[static_cast<std::size_t>(worker)];
  if (!staff.active) return;
  staff.active = false;
  if (holds_cases(record.role)) {
    --active_holders_;
    if (record.agency) --active_agency_holders_;
  }
  if (staff.holds_cases) {
    auto& holders = teams_[static_cast<std::size_t>(staff.team)].holders;
    holders.erase(std::find(holders.begin(), holders.end(), worker));
    std::vector<Index> cases = staff.cases;
    for (Index case_index : cases) {
      end_allocation(case_index, day);
      request_allocation(case_index, day, "reallocated: previous worker left",
                         WaitKind::kWorkerLeft);
    }
  } else {
    // Managers, reviewing officers and front door workers are replaced as they leave.
    hire(staff.team, record.role, day, false);
  }
}

void Simulation::staffing_review(Date day) {
  for (std::size_t t = 0; t < teams_.size(); ++t) {
    TeamState& team = teams_[t];
    if (team.service == Service::kFrontDoor || team.service == Service::kManagement) continue;
    double cases = team.waiting;
    double fte = team.pending_fte;
    for (Index worker : team.holders) {
      cases += static_cast<double>(staff_[static_cast<std::size_t>(worker)].cases.size());
      fte += model_.workers[static_cast<std::size_t>(worker)].fte;
    }
    double gap = cases / team.cases_per_fte - fte;
    for (int hires = 0; gap > 0.6 && hires < 6; ++hires) {
      Code role = team.service == Service::kLeavingCare
                      ? (rng_.bernoulli(0.6) ? "personal_adviser" : "social_worker")
                      : (rng_.bernoulli(0.75) ? "social_worker" : "senior_practitioner");
      Index hired = hire(static_cast<Index>(t), role, day, false);
      gap -= model_.workers[static_cast<std::size_t>(hired)].fte;
    }
  }
}

void Simulation::seed_workforce() {
  // Enough case-holders for the cases open on the first day, a manager for every team, heads of
  // service, reviewing officers (about one for 60 children in care) and the front door.
  const Date first_day = scenario_.start;
  std::vector<double> demand(teams_.size(), 0.0);
  for (const Case& record : cases_) {
    if (record.open && !record.no_further_action) {
      demand[static_cast<std::size_t>(team_for(record, first_day))] += 1.0;
    }
  }
  int holders = 0;
  for (std::size_t t = 0; t < teams_.size(); ++t) {
    Service service = teams_[t].service;
    if (service == Service::kFrontDoor || service == Service::kManagement) continue;
    int needed =
        std::max(2, static_cast<int>(std::ceil(demand[t] / teams_[t].cases_per_fte / 0.93)));
    for (int i = 0; i < needed; ++i) {
      Code role = service == Service::kLeavingCare
                      ? (rng_.bernoulli(0.6) ? "personal_adviser" : "social_worker")
                      : (rng_.bernoulli(0.75) ? "social_worker" : "senior_practitioner");
      hire(static_cast<Index>(t), role, first_day, true);
    }
    holders += needed;
  }
  const auto& front_doors = teams_by_service_[static_cast<int>(Service::kFrontDoor)];
  int per_front_door = std::max(
      2, static_cast<int>(std::lround(holders * 0.05 / static_cast<double>(front_doors.size()))));
  for (Index team : front_doors) {
    for (int i = 0; i < per_front_door; ++i) hire(team, "social_worker", first_day, true);
  }
  const auto& management = teams_by_service_[static_cast<int>(Service::kManagement)];
  const Index leadership = management[0];
  const Index reviewing = management[1];
  for (std::size_t t = 0; t < teams_.size(); ++t) {
    if (teams_[t].service != Service::kManagement) {
      hire(static_cast<Index>(t), "team_manager", first_day, true);
    }
  }
  int heads = std::max(3, static_cast<int>(std::ceil(static_cast<double>(teams_.size()) / 10.0)));
  for (int i = 0; i < heads; ++i) hire(leadership, "head_of_service", first_day, true);
  int reviewing_officers =
      std::max(2, static_cast<int>(std::ceil(scenario_.children_in_care / 60.0)));
  for (int i = 0; i < reviewing_officers; ++i) {
    hire(reviewing, "independent_reviewing_officer", first_day, true);
  }

  // Every case open on the first day is allocated, from when its current phase began.
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    const Case& record = cases_[i];
    if (!record.open || record.no_further_action) continue;
    Date since = record.start;
    if (record.care_start <= first_day) {
      since = record.care_start;
    } else if (record.assessment_done <= first_day) {
      since = record.assessment_done;
    }
    allocate(static_cast<Index>(i), first_day, "new case", earlier(since, first_day));
  }
}

Index Simulation::team_for(const Case& record, Date day) const {
  Service service = Service::kSafeguarding;
  if (record.care_start <= day) {
    bool sixteen = birthday(date_of_birth(record.child), 16) <= day;
    service = sixteen ? Service::kLeavingCare : Service::kChildrenInCare;
  } else if (day < record.assessment_done) {
    service = Service::kAssessment;
  } else if (std::string_view(record.primary_need) == "N2") {
    service = Service::kDisability;
  }
  const auto& teams = teams_by_service_[static_cast<int>(service)];
  return teams[static_cast<std::size_t>(record.child) % teams.size()];
}

Index Simulation::pick_worker(Index team) {
  const auto& holders = teams_[static_cast<std::size_t>(team)].holders;
  if (holders.empty()) return kNone;
  Index best = kNone;
  double best_load = 0.0;
  int picks = std::min<int>(3, static_cast<int>(holders.size()));
  for (int i = 0; i < picks; ++i) {
    Index worker = holders[static_cast<std::size_t>(
        rng_.uniform_int(0, static_cast<int>(holders.size()) - 1))];
    const Staff& staff = staff_[static_cast<std::size_t>(worker)];
    double load = static_cast<double>(staff.cases.size()) / staff.capacity;
    if (best == kNone || load < best_load) {
      best = worker;
      best_load = load;
    }
  }
  return best;
}

namespace {

// The DfE's SW_REASON code for a change of social worker (SSDA903 SWEpisodes; rule SW13STG1 wants
// one on every episode begun from 1 April 2023), for the reasons the simulation allocates for. A
// worker's allocation records the code, so the 903 export carries it; a team's tray keeps the
// words. The DfE's descriptions of the codes are not in our sources: the mapping reads the codes
// as their names suggest (FCONTA the first allocation after first contact, TSPROC a transfer as
// part of the usual process, LEFTRL the worker left their role).
Code social_worker_change_reason(std::string_view reason) {
  if (reason == "new case") return "FCONTA";
  if (reason.starts_with("transfer")) return "TSPROC";
  if (reason.find("left") != std::string_view::npos) return "LEFTRL";
  return "OTHERS";
}

}  // namespace

void Simulation::allocate(Index case_index, Date day, Code reason, Date since) {
  Case& record = cases_[static_cast<std::size_t>(case_index)];
  if (!record.open || record.allocation != kNone) return;
  Index team = team_for(record, day);
  Index worker = pick_worker(team);
  if (worker == kNone) {
    // No one in the team to take it: it waits in the team's tray, and is looked at again in a week.
    record.pending_reason = reason;
    start_waiting(record, team, day);
    schedule(day.plus_days(7), EventKind::kAllocate, case_index);
    return;
  }
  stop_waiting(record, day);
  AllocationRecord allocation;
  allocation.child = record.child;
  allocation.worker = worker;
  allocation.team = team;
  allocation.start = later(since, model_.workers[static_cast<std::size_t>(worker)].start);
  allocation.reason = social_worker_change_reason(reason);
  auto index = static_cast<Index>(model_.allocations.size());
  model_.allocations.push_back(allocation);
  allocation_next_.push_back(kNone);
  if (record.last_allocation == kNone) {
    record.first_allocation = index;
  } else {
    allocation_next_[static_cast<std::size_t>(record.last_allocation)] = index;
  }
  record.last_allocation = index;
  record.allocation = index;
  Staff& staff = staff_[static_cast<std::size_t>(worker)];
  record.worker_slot = static_cast<Index>(staff.cases.size());
  staff.cases.push_back(case_index);
}

void Simulation::end_allocation(Index case_index, Date day) {
  Case& record = cases_[static_cast<std::size_t>(case_index)];
  if (record.allocation == kNone) return;
  AllocationRecord& allocation = model_.allocations[static_cast<std::size_t>(record.allocation)];
  allocation.end = later(day, allocation.start);
  Staff& staff = staff_[static_cast<std::size_t>(allocation.worker)];
  Index moved = staff.cases.back();
  staff.cases[static_cast<std::size_t>(record.worker_slot)] = moved;
  cases_[static_cast<std::size_t>(moved)].worker_slot = record.worker_slot;
  staff.cases.pop_back();
  record.allocation = kNone;
  record.worker_slot = kNone;
}

void Simulation::start_waiting(Case& record, Index team, Date day) {
  if (record.waiting_team == team) return;  // already in this team's tray: the same wait goes on
  stop_waiting(record, day);
  record.waiting_team = team;
  ++teams_[static_cast<std::size_t>(team)].waiting;
  // The tray: an allocation to the team with no worker, from the day the wait began.
  AllocationRecord tray;
  tray.child = record.child;
  tray.team = team;
  tray.start = day;
  tray.reason = record.pending_reason;
  record.tray = static_cast<Index>(model_.allocations.size());
  model_.allocations.push_back(tray);
  allocation_next_.push_back(kNone);  // trays stay out of the chain of workers that visits follow
}

void Simulation::stop_waiting(Case& record, Date day) {
  if (record.waiting_team == kNone) return;
  --teams_[static_cast<std::size_t>(record.waiting_team)].waiting;
  record.waiting_team = kNone;
  if (record.tray != kNone) {
    AllocationRecord& tray = model_.allocations[static_cast<std::size_t>(record.tray)];
    tray.end = later(day, tray.start);
    record.tray = kNone;
  }
}

void Simulation::transfer(Index case_index, Date day, Code reason) {
  Case& record = cases_[static_cast<std::size_t>(case_index)];
  if (!record.open) return;
  Index target = team_for(record, day);
  if (record.allocation != kNone &&
      model_.allocations[static_cast<std::size_t>(record.allocation)].team == target) {
    return;
  }
  end_allocation(case_index, day);
  stop_waiting(record, day);
  request_allocation(case_index, day, reason, WaitKind::kTransfer);
}

void Simulation::request_allocation(Index case_index, Date day, Code reason, WaitKind wait) {
  Case& record = cases_[static_cast<std::size_t>(case_index)];
  Date when = day.plus_days(wait_days(rng_, wait));
  if (when <= today_) {
    allocate(case_index, when, reason, when);
    return;
  }
  record.pending_reason = reason;
  start_waiting(record, team_for(record, day), day);
  schedule(when, EventKind::kAllocate, case_index);
}

Index Simulation::supervisor_on(Index team, Date day) const {
  auto active = [&](Index worker) {
    const WorkerRecord& record = model_.workers[static_cast<std::size_t>(worker)];
    return record.start <= day && (!record.leaving || day < *record.leaving);
  };
  const auto& managers = teams_[static_cast<std::size_t>(team)].managers;
  for (auto it = managers.rbegin(); it != managers.rend(); ++it) {
    if (active(*it)) return *it;
  }
  for (Index head : heads_of_service_) {
    if (active(head)) return head;
  }
  return kNone;
}

void Simulation::record_supervision() {
  // One-to-one supervision with the team manager roughly every four weeks; now and then a gap.
  // Recorded, like visits, from Scenario::practice_from.
  for (std::size_t w = 0; w < model_.workers.size(); ++w) {
    const WorkerRecord& worker = model_.workers[w];
    if (!holds_cases(worker.role)) continue;
    Date last =
        worker.leaving ? earlier(worker.leaving->plus_days(-1), scenario_.end) : scenario_.end;
    Date session = worker.start >= scenario_.practice_from
                       ? worker.start.plus_days(practice_rng_.uniform_int(10, 28))
                       : scenario_.practice_from.plus_days(practice_rng_.uniform_int(0, 28));
    while (session <= last) {
      Index supervisor = supervisor_on(worker.team, session);
      if (supervisor != kNone && supervisor != static_cast<Index>(w)) {
        model_.supervision.push_back(SupervisionRecord{static_cast<Index>(w), supervisor, session});
      }
      double u = practice_rng_.uniform();
      int gap = u < 0.84   ? practice_rng_.uniform_int(24, 33)
                : u < 0.94 ? practice_rng_.uniform_int(34, 45)
                           : practice_rng_.uniform_int(46, 80);
      session = next_working_day(session.plus_days(gap));
    }
  }
}

namespace {

int wait_days(Random& rng, AllocationWait kind) {
  double u = rng.uniform();
  switch (kind) {
    case AllocationWait::kImmediately:
      return 0;
    case AllocationWait::kNewCase:
      return u < 0.50   ? 0
             : u < 0.74 ? rng.uniform_int(1, 3)
             : u < 0.90 ? rng.uniform_int(4, 15)
                        : rng.uniform_int(16, 50);
    case AllocationWait::kTransfer:
      return u < 0.55 ? 0 : u < 0.83 ? rng.uniform_int(1, 7) : rng.uniform_int(8, 35);
    case AllocationWait::kWorkerLeft:
      return u < 0.30   ? 0
             : u < 0.62 ? rng.uniform_int(1, 7)
             : u < 0.85 ? rng.uniform_int(8, 20)
                        : rng.uniform_int(21, 45);
  }
  return 0;
}

}  // namespace

}  // namespace safeguard::synthetic
