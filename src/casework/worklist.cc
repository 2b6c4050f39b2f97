#include "casework/worklist.h"

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

bool holds_cases(const std::string& role) {
  return role == "social_worker" || role == "senior_practitioner" || role == "personal_adviser";
}

bool in_post(const domain::Worker& worker, Date on) {
  return worker.start_date <= on && (!worker.leaving_date || *worker.leaving_date > on);
}

bool wanted(rules::ClockItem::State state) { return state != rules::ClockItem::State::kDue; }

}  // namespace

const char* state_token(rules::ClockItem::State state) {
  switch (state) {
    case rules::ClockItem::State::kDue:
      return "due";
    case rules::ClockItem::State::kDueSoon:
      return "due_soon";
    case rules::ClockItem::State::kOverdue:
      return "overdue";
  }
  return "due";
}

Result<WorkList> work_list(store::Transaction& tx, const WorkListScope& scope, Date as_of) {
  using Kind = WorkListScope::Kind;
  WorkList list;
  list.scope = scope;
  list.as_of = as_of;
  auto settings = load_settings(tx);
  if (!settings) return settings.error();
  const rules::WorkingDayCalendar calendar = settings->calendar();

  // Who: the workers the list covers.
  std::vector<domain::Worker> all_workers;
  SAFEGUARD_TRY(tx.for_each<domain::Worker>([&](const domain::Worker& worker) -> Status {
    all_workers.push_back(worker);
    return Status::success();
  }));
  std::unordered_map<std::int64_t, const domain::Worker*> worker_by_id;
  for (const auto& worker : all_workers) worker_by_id[worker.id] = &worker;
  if (scope.kind == Kind::kWorker && !worker_by_id.count(scope.id)) {
    return Error::not_found(fmt::format("there is no worker with id {}", scope.id));
  }
  if (scope.kind == Kind::kTeam) {
    auto team = tx.find<domain::Team>(scope.id);
    if (!team) return team.error();
    if (!*team) return Error::not_found(fmt::format("there is no team with id {}", scope.id));
  }
  std::vector<const domain::Worker*> workers;
  for (const auto& worker : all_workers) {
    if (!in_post(worker, as_of)) continue;
    bool covered = scope.kind == Kind::kService ||
                   (scope.kind == Kind::kWorker && worker.id == scope.id) ||
                   (scope.kind == Kind::kTeam && worker.team_id == scope.id);
    if (covered) workers.push_back(&worker);
  }
  list.workers = static_cast<std::int64_t>(workers.size());
  std::set<std::int64_t> covered_workers;
  for (const auto* worker : workers) covered_workers.insert(worker->id);

  // Which children: the open cases the scope holds, and the cases of its workers (for weights).
  auto allocations = tx.allocations_open_on(as_of);
  if (!allocations) return allocations.error();
  std::set<std::int64_t> scope_children;
  std::set<std::int64_t> needed;  // scope children and every child a covered worker holds
  std::map<std::int64_t, std::vector<const domain::Allocation*>> held;  // by child
  for (const auto& allocation : *allocations) held[allocation.child_id].push_back(&allocation);
  for (const auto& allocation : *allocations) {
    bool in_scope = scope.kind == Kind::kService ||
                    (scope.kind == Kind::kWorker && allocation.worker_id == scope.id) ||
                    (scope.kind == Kind::kTeam && allocation.team_id == scope.id);
    if (in_scope) scope_children.insert(allocation.child_id);
    if (allocation.worker_id && covered_workers.count(*allocation.worker_id)) {
      needed.insert(allocation.child_id);
    }
  }
  if (scope.kind == Kind::kService) {
    // The service's list also holds open cases with no allocation at all.
    auto open_children = tx.children_with_open_cases(as_of);
    if (!open_children) return open_children.error();
    scope_children.insert(open_children->begin(), open_children->end());
  }
  needed.insert(scope_children.begin(), scope_children.end());
  list.children = static_cast<std::int64_t>(scope_children.size());

  std::vector<std::int64_t> ids(needed.begin(), needed.end());
  auto records = tx.case_facts(ids, as_of);
  if (!records) return records.error();
  std::vector<rules::ChildFacts> facts = facts_by_child(std::move(*records));
  std::unordered_map<std::int64_t, const rules::ChildFacts*> facts_by_id;
  for (const auto& child : facts) facts_by_id[child.child.id] = &child;

  auto holder_of = [&](std::int64_t child_id, WorkItem& item) {
    auto found = held.find(child_id);
    if (found == held.end()) return;
    for (const auto* allocation : found->second) {
      item.team_id = allocation->team_id;
      if (allocation->worker_id) {
        item.worker_id = allocation->worker_id;
        auto worker = worker_by_id.find(*allocation->worker_id);
        if (worker != worker_by_id.end()) item.worker_name = worker->second->name;
      }
    }
  };

  // Statutory clocks.
  for (std::int64_t child_id : scope_children) {
    auto found = facts_by_id.find(child_id);
    if (found == facts_by_id.end()) continue;
    const rules::ChildFacts& child = *found->second;
    for (auto& clock : rules::statutory_clocks(child, as_of, settings->timescales, calendar)) {
      if (!wanted(clock.state)) continue;
      WorkItem item;
      item.kind = "statutory";
      item.child_id = child_id;
      item.child_local_id = child.child.local_id;
      item.rule = std::move(clock.rule);
      item.description = std::move(clock.description);
      item.due = clock.due;
      item.state = clock.state;
      item.source = std::move(clock.source);
      holder_of(child_id, item);
      list.items.push_back(std::move(item));
    }
  }

  // Cases waiting for a worker too long.
  if (scope.kind != Kind::kWorker) {
    std::vector<std::int64_t> waiting;
    for (std::int64_t child_id : scope_children) {
      auto found = held.find(child_id);
      bool has_worker = found != held.end() &&
                        std::any_of(found->second.begin(), found->second.end(),
                                    [](const auto* allocation) { return allocation->worker_id; });
      if (!has_worker) waiting.push_back(child_id);
    }
    auto history = tx.list_for_children<domain::Allocation>(waiting);
    if (!history) return history.error();
    for (std::int64_t child_id : waiting) {
      auto child = facts_by_id.find(child_id);
      if (child == facts_by_id.end()) continue;
      // The wait began when the case last lost its worker, or when it opened, or when it entered
      // its tray.
      std::optional<Date> opened;
      for (const auto& episode : child->second->child_in_need_episodes) {
        if (open_on(episode.start_date, episode.end_date, as_of)) {
          opened = opened ? std::min(*opened, episode.start_date) : episode.start_date;
        }
      }
      for (const auto& episode : child->second->looked_after_episodes) {
        if (open_on(episode.start_date, episode.end_date, as_of)) {
          opened = opened ? std::min(*opened, episode.start_date) : episode.start_date;
        }
      }
      std::optional<Date> since = opened;
      std::optional<std::int64_t> tray_team;
      for (const auto& allocation : *history) {
        if (allocation.child_id != child_id || allocation.start_date > as_of) continue;
        if (allocation.worker_id && allocation.end_date && *allocation.end_date <= as_of &&
            (!since || *allocation.end_date > *since)) {
          since = *allocation.end_date;
        }
        if (!allocation.worker_id && open_on(allocation.start_date, allocation.end_date, as_of)) {
          tray_team = allocation.team_id;
          if (!since || allocation.start_date < *since) since = allocation.start_date;
        }
      }
      if (!since) continue;
      Date due = calendar.add_working_days(*since, settings->unallocated_working_days);
      if (due >= as_of) continue;
      WorkItem item;
      item.kind = "unallocated";
      item.child_id = child_id;
      item.child_local_id = child->second->child.local_id;
      item.team_id = tray_team;
      item.rule = kUnallocatedRule;
      item.description = fmt::format(
          "Case waiting for a worker since {}{} ({} working days; allocate within {})",
          since->iso(), tray_team ? fmt::format(" in team {}'s tray", *tray_team) : "",
          calendar.working_days_between(*since, as_of), settings->unallocated_working_days);
      item.due = due;
      item.state = rules::ClockItem::State::kOverdue;
      item.source = tray_team ? fmt::format("team {} tray", *tray_team) : "no allocation";
      list.items.push_back(std::move(item));
    }
  }

  // Caseloads over the limit, and supervision.
  std::unordered_map<std::int64_t, double> weighted;
  std::unordered_map<std::int64_t, int> cases;
  for (const auto& allocation : *allocations) {
    if (!allocation.worker_id || !covered_workers.count(*allocation.worker_id)) continue;
    auto child = facts_by_id.find(allocation.child_id);
    if (child == facts_by_id.end()) continue;
    CaseType type =
        case_type_on(child->second->protection_plans, child->second->looked_after_episodes, as_of);
    weighted[*allocation.worker_id] += weight_of(type, settings->weights);
    ++cases[*allocation.worker_id];
  }
  for (const auto* worker : workers) {
    double limit = settings->caseload_limit_per_fte * worker->fte;
    double load = weighted[worker->id];
    if (load > limit + 1e-9) {
      WorkItem item;
      item.kind = "caseload";
      item.worker_id = worker->id;
      item.worker_name = worker->name;
      item.team_id = worker->team_id;
      item.rule = kCaseloadRule;
      item.description = fmt::format(
          "{} holds {} cases weighing {:g}, over their limit of {:g} ({:g} per FTE x {:g} FTE)",
          worker->name, cases[worker->id], load, limit, settings->caseload_limit_per_fte,
          worker->fte);
      item.due = as_of;
      item.state = rules::ClockItem::State::kOverdue;
      item.source = fmt::format("worker {}", worker->id);
      list.items.push_back(std::move(item));
    }
    if (!holds_cases(worker->role)) continue;
    auto sessions = tx.list_where<domain::SupervisionSession>("worker_id", worker->id, "date");
    if (!sessions) return sessions.error();
    auto clock = rules::supervision_clock(*sessions, worker->start_date, as_of,
                                          settings->timescales, calendar);
    if (!clock || !wanted(clock->state)) continue;
    WorkItem item;
    item.kind = "supervision";
    item.worker_id = worker->id;
    item.worker_name = worker->name;
    item.team_id = worker->team_id;
    item.rule = clock->rule;
    item.description = clock->description;
    item.due = clock->due;
    item.state = clock->state;
    item.source = clock->source;
    list.items.push_back(std::move(item));
  }

  std::stable_sort(list.items.begin(), list.items.end(), [](const WorkItem& a, const WorkItem& b) {
    if (a.due != b.due) return a.due < b.due;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.child_id.value_or(0) < b.child_id.value_or(0);
  });
  return list;
}

Result<WorkList> work_list(store::Store& store, const WorkListScope& scope, Date as_of) {
  WorkList list;
  Status status = store.read([&](store::Transaction& tx) -> Status {
    auto built = work_list(tx, scope, as_of);
    if (!built) return built.error();
    list = std::move(*built);
    return Status::success();
  });
  if (!status) return status.error();
  return list;
}

}  // namespace safeguard::casework
