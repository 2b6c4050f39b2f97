#include "casework/reports.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "casework/casework.h"
#include "casework/facts.h"
#include "casework/settings.h"

namespace safeguard::casework {
namespace {

Status check_period(Date from, Date to) {
  if (to < from) {
    return Error::invalid(
        fmt::format("the period ends ({}) before it starts ({})", to.iso(), from.iso()));
  }
  return Status::success();
}

Result<std::unordered_map<std::int64_t, domain::Worker>> workers_by_id(store::Transaction& tx) {
  std::unordered_map<std::int64_t, domain::Worker> workers;
  SAFEGUARD_TRY(tx.for_each<domain::Worker>([&](const domain::Worker& worker) -> Status {
    workers[worker.id] = worker;
    return Status::success();
  }));
  return workers;
}

Result<std::unordered_map<std::int64_t, std::string>> local_ids(store::Transaction& tx,
                                                                const std::set<std::int64_t>& ids) {
  std::vector<std::int64_t> list(ids.begin(), ids.end());
  auto found = tx.child_local_ids(list);
  if (!found) return found.error();
  std::unordered_map<std::int64_t, std::string> names;
  for (auto& [id, local_id] : *found) names[id] = std::move(local_id);
  return names;
}

// Records grouped by child (each input ordered by child).
template <typename Record>
std::unordered_map<std::int64_t, std::vector<Record>> by_child(std::vector<Record> records) {
  std::unordered_map<std::int64_t, std::vector<Record>> grouped;
  for (auto& record : records) grouped[record.child_id].push_back(std::move(record));
  return grouped;
}

}  // namespace

Result<ClosureReport> closures_report(store::Transaction& tx, Date from, Date to) {
  SAFEGUARD_TRY(check_period(from, to));
  ClosureReport report;
  report.from = from;
  report.to = to;
  auto settings = load_settings(tx);
  if (!settings) return settings.error();
  const rules::WorkingDayCalendar calendar = settings->calendar();
  auto episodes = tx.episodes_closed_between(from, to);
  if (!episodes) return episodes.error();
  std::set<std::int64_t> children;
  for (const auto& episode : *episodes) children.insert(episode.child_id);
  std::vector<std::int64_t> ids(children.begin(), children.end());
  auto allocations = tx.list_for_children<domain::Allocation>(ids);
  if (!allocations) return allocations.error();
  // The last visit with the child seen on or before each closure.
  std::vector<std::int64_t> visit_children;
  std::vector<Date> visit_dates;
  for (const auto& episode : *episodes) {
    visit_children.push_back(episode.child_id);
    visit_dates.push_back(*episode.end_date);
  }
  auto last_seen = tx.latest_seen_visits(visit_children, visit_dates);
  if (!last_seen) return last_seen.error();
  auto requests = tx.list_for_children<domain::ClosureRequest>(ids);
  if (!requests) return requests.error();
  auto workers = workers_by_id(tx);
  if (!workers) return workers.error();
  auto names = local_ids(tx, children);
  if (!names) return names.error();
  auto allocations_of = by_child(std::move(*allocations));
  auto requests_of = by_child(std::move(*requests));

  std::map<std::pair<std::string, std::int64_t>, WorkerClosures> totals;
  for (std::size_t e = 0; e < episodes->size(); ++e) {
    const auto& episode = (*episodes)[e];
    ClosureRow row;
    row.child_id = episode.child_id;
    row.child_local_id = (*names)[episode.child_id];
    row.episode_id = episode.id;
    row.closed_on = *episode.end_date;
    row.reason_for_closure = episode.reason_for_closure;
    // The worker holding the case when it closed: the latest allocation with a worker that began
    // on or before the closure and was open until it.
    for (const auto& allocation : allocations_of[episode.child_id]) {
      if (!allocation.worker_id || allocation.start_date > row.closed_on) continue;
      if (allocation.end_date && *allocation.end_date < row.closed_on) continue;
      row.worker_id = allocation.worker_id;
      row.team_id = allocation.team_id;
    }
    if (row.worker_id) {
      auto worker = workers->find(*row.worker_id);
      if (worker != workers->end()) row.worker_name = worker->second.name;
    }
    if ((*last_seen)[e]) row.last_seen = (*last_seen)[e]->date;
    row.qualifying_visit =
        row.last_seen &&
        *row.last_seen >=
            calendar.add_working_days(row.closed_on, -settings->closure_visit_working_days);
    for (const auto& request : requests_of[episode.child_id]) {
      if (request.episode_id == episode.id && request.status == "approved") {
        row.request_id = request.id;
        row.approved_by = request.decided_by;
        row.approved = true;
      }
    }
    auto key = std::make_pair(row.worker_id ? row.worker_name : std::string("\x7f"),
                              row.worker_id.value_or(0));
    WorkerClosures& total = totals[key];
    total.worker_id = row.worker_id;
    total.worker_name = row.worker_id ? row.worker_name : "(unallocated)";
    ++total.closed;
    total.with_qualifying_visit += row.qualifying_visit ? 1 : 0;
    total.with_approval += row.approved ? 1 : 0;
    total.with_both += row.qualifying_visit && row.approved ? 1 : 0;
    report.rows.push_back(std::move(row));
  }
  for (auto& [key, total] : totals) report.by_worker.push_back(total);
  return report;
}

Result<UnallocatedReport> unallocated_report(store::Transaction& tx, Date from, Date to) {
  SAFEGUARD_TRY(check_period(from, to));
  UnallocatedReport report;
  report.from = from;
  report.to = to;
  // Only the cases whose allocations changed in the period can wait in it: their whole allocation
  // history, by child.
  auto changed = tx.children_with_allocation_changes(from, to);
  if (!changed) return changed.error();
  auto history = tx.list_for_children<domain::Allocation>(*changed);
  if (!history) return history.error();
  std::map<std::int64_t, std::vector<domain::Allocation>> allocations_of;
  for (auto& allocation : *history) {
    allocations_of[allocation.child_id].push_back(std::move(allocation));
  }
  auto workers = workers_by_id(tx);
  if (!workers) return workers.error();
  auto name_of = [&](std::optional<std::int64_t> id) -> std::string {
    if (!id) return "";
    auto found = workers->find(*id);
    return found == workers->end() ? "" : found->second.name;
  };

  // Candidate waits first; whether a case stayed open is checked only for those that need it.
  struct Candidate {
    WaitRow row;
    bool needs_open_check = false;
  };
  std::vector<Candidate> candidates;
  for (auto& [child_id, list] : allocations_of) {
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      return a.start_date != b.start_date ? a.start_date < b.start_date : a.id < b.id;
    });
    auto next_worker = [&](Date on, std::int64_t except) -> const domain::Allocation* {
      for (const auto& allocation : list) {
        if (allocation.id != except && allocation.worker_id && allocation.start_date >= on) {
          return &allocation;
        }
      }
      return nullptr;
    };
    std::set<std::int32_t> change_days;
    for (const auto& allocation : list) {
      if (!allocation.worker_id || !allocation.end_date) continue;
      Date ended = *allocation.end_date;
      if (ended < from || ended > to) continue;
      Candidate candidate;
      WaitRow& row = candidate.row;
      row.child_id = child_id;
      row.from_worker_id = allocation.worker_id;
      row.from_worker_name = name_of(allocation.worker_id);
      row.from_team_id = allocation.team_id;
      row.waiting_since = ended;
      const domain::Allocation* next = next_worker(ended, allocation.id);
      const domain::Allocation* tray = nullptr;
      for (const auto& other : list) {
        if (!other.worker_id && other.start_date >= ended &&
            (!next || other.start_date <= next->start_date)) {
          tray = &other;
          break;
        }
      }
      std::optional<std::int64_t> to_team = next   ? next->team_id
                                            : tray ? std::optional<std::int64_t>(tray->team_id)
                                                   : std::nullopt;
      auto worker = workers->find(*allocation.worker_id);
      bool left = worker != workers->end() && worker->second.leaving_date &&
                  *worker->second.leaving_date <= ended;
      row.trigger = left                                        ? "worker_left"
                    : to_team && *to_team != allocation.team_id ? "team_change"
                                                                : "worker_change";
      row.reason = tray ? tray->reason : next ? next->reason : "";
      if (next && next->start_date <= to) {
        row.allocated_on = next->start_date;
        row.to_worker_id = next->worker_id;
        row.to_worker_name = name_of(next->worker_id);
        row.to_team_id = next->team_id;
        row.days_waited = ended.days_until(next->start_date);
      } else {
        row.to_team_id = to_team;
        row.days_waited = ended.days_until(to);
        // No worker since: a wait only if the case stayed open (a tray says it did).
        candidate.needs_open_check = tray == nullptr && !next;
      }
      change_days.insert(ended.days_since_epoch());
      candidates.push_back(std::move(candidate));
    }
    for (const auto& allocation : list) {
      if (allocation.worker_id || allocation.start_date < from || allocation.start_date > to) {
        continue;
      }
      if (change_days.count(allocation.start_date.days_since_epoch())) continue;  // counted
      Candidate candidate;
      WaitRow& row = candidate.row;
      row.child_id = child_id;
      row.trigger = "new_case";
      row.reason = allocation.reason;
      row.waiting_since = allocation.start_date;
      const domain::Allocation* next = next_worker(allocation.start_date, allocation.id);
      // An earlier worker in another team means the case moved teams through this tray.
      for (const auto& before : list) {
        if (before.worker_id && before.end_date && *before.end_date <= allocation.start_date &&
            before.end_date->days_until(allocation.start_date) <= 1) {
          row.trigger = before.team_id != allocation.team_id ? "team_change" : "worker_change";
          row.from_worker_id = before.worker_id;
          row.from_worker_name = name_of(before.worker_id);
          row.from_team_id = before.team_id;
        }
      }
      row.to_team_id = allocation.team_id;
      if (next && next->start_date <= to) {
        row.allocated_on = next->start_date;
        row.to_worker_id = next->worker_id;
        row.to_worker_name = name_of(next->worker_id);
        row.to_team_id = next->team_id;
        row.days_waited = allocation.start_date.days_until(next->start_date);
      } else {
        Date until = allocation.end_date && *allocation.end_date < to ? *allocation.end_date : to;
        row.days_waited = allocation.start_date.days_until(until);
        if (allocation.end_date && *allocation.end_date <= to) {
          row.allocated_on.reset();  // left the tray without a worker (closed or moved on)
        }
      }
      candidates.push_back(std::move(candidate));
    }
  }

  std::set<std::int64_t> to_check;
  std::set<std::int64_t> children;
  for (const auto& candidate : candidates) {
    children.insert(candidate.row.child_id);
    if (candidate.needs_open_check) to_check.insert(candidate.row.child_id);
  }
  std::vector<std::int64_t> check_ids(to_check.begin(), to_check.end());
  auto episodes = tx.list_for_children<domain::ChildInNeedEpisode>(check_ids);
  if (!episodes) return episodes.error();
  auto care = tx.list_for_children<domain::LookedAfterEpisode>(check_ids);
  if (!care) return care.error();
  auto episodes_of = by_child(std::move(*episodes));
  auto care_of = by_child(std::move(*care));
  auto names = local_ids(tx, children);
  if (!names) return names.error();
  for (auto& candidate : candidates) {
    if (candidate.needs_open_check) {
      Date day = candidate.row.waiting_since;
      bool open =
          std::any_of(episodes_of[candidate.row.child_id].begin(),
                      episodes_of[candidate.row.child_id].end(),
                      [&](const auto& e) { return open_on(e.start_date, e.end_date, day); }) ||
          std::any_of(care_of[candidate.row.child_id].begin(),
                      care_of[candidate.row.child_id].end(),
                      [&](const auto& e) { return open_on(e.start_date, e.end_date, day); });
      if (!open) continue;  // the case closed with the allocation: no wait
    }
    candidate.row.child_local_id = (*names)[candidate.row.child_id];
    report.rows.push_back(std::move(candidate.row));
  }
  std::stable_sort(report.rows.begin(), report.rows.end(), [](const WaitRow& a, const WaitRow& b) {
    if (a.waiting_since != b.waiting_since) return a.waiting_since < b.waiting_since;
    return a.child_id < b.child_id;
  });
  return report;
}

Result<CaseloadReport> caseloads_report(store::Transaction& tx, Date from, Date to) {
  SAFEGUARD_TRY(check_period(from, to));
  CaseloadReport report;
  report.from = from;
  report.to = to;
  for (int month = 0;; ++month) {
    Date date = from.plus_months(month);
    if (date > to) break;
    report.dates.push_back(date);
    if (report.dates.size() > 1200) {
      return Error::invalid("the period is longer than 100 years: choose a shorter one");
    }
  }
  if (report.dates.back() != to) report.dates.push_back(to);

  auto settings = load_settings(tx);
  if (!settings) return settings.error();
  auto workers = workers_by_id(tx);
  if (!workers) return workers.error();
  auto allocations = tx.worker_allocations_between(from, to);
  if (!allocations) return allocations.error();
  std::set<std::int64_t> held;
  for (const auto& allocation : *allocations) held.insert(allocation.child_id);
  std::vector<std::int64_t> children(held.begin(), held.end());
  auto plan_list = tx.list_for_children<domain::ChildProtectionPlan>(children);
  if (!plan_list) return plan_list.error();
  auto care_list = tx.list_for_children<domain::LookedAfterEpisode>(children);
  if (!care_list) return care_list.error();
  auto plans = by_child(std::move(*plan_list));
  auto care = by_child(std::move(*care_list));
  static const std::vector<domain::ChildProtectionPlan> kNoPlans;
  static const std::vector<domain::LookedAfterEpisode> kNoCare;
  for (Date date : report.dates) {
    std::map<std::int64_t, CaseloadPoint> points;
    for (const auto& allocation : *allocations) {
      if (!open_on(allocation.start_date, allocation.end_date, date)) continue;
      auto p = plans.find(allocation.child_id);
      auto c = care.find(allocation.child_id);
      CaseType type = case_type_on(p == plans.end() ? kNoPlans : p->second,
                                   c == care.end() ? kNoCare : c->second, date);
      CaseloadPoint& point = points[*allocation.worker_id];
      ++point.cases;
      point.weighted += weight_of(type, settings->weights);
    }
    for (auto& [worker_id, point] : points) {
      auto worker = workers->find(worker_id);
      if (worker == workers->end()) continue;
      point.date = date;
      point.worker_id = worker_id;
      point.worker_name = worker->second.name;
      point.team_id = worker->second.team_id;
      point.fte = worker->second.fte;
      point.limit = settings->caseload_limit_per_fte * worker->second.fte;
      point.over = point.weighted > point.limit + 1e-9;
      report.points.push_back(point);
    }
  }
  return report;
}

}  // namespace safeguard::casework
