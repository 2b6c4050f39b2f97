#include "casework/casework.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>

#include "audit/audit_trail.h"
#include "casework/facts.h"
#include "domain/validation.h"
#include "store/mapping.h"

namespace safeguard::casework {
namespace {

using nlohmann::json;

// What was asked for, as a refusal's audit event records it.
struct Attempt {
  std::string entity;
  std::string entity_id;
  std::optional<std::int64_t> child_id;
  json request;
};

struct Done {};

bool is_refusal(const Error& error) {
  return error.kind == ErrorKind::kInvalid || error.kind == ErrorKind::kNotFound ||
         error.kind == ErrorKind::kForbidden || error.kind == ErrorKind::kConflict;
}

Status append_event(store::Transaction& tx, const Clock& clock, const app::Actor& actor,
                    std::string action, std::string entity, std::string entity_id,
                    std::optional<std::int64_t> child_id, std::string reason, std::string before,
                    std::string after) {
  audit::Event event;
  event.actor = actor.username;
  event.action = std::move(action);
  event.entity = std::move(entity);
  event.entity_id = std::move(entity_id);
  event.child_id = child_id;
  event.reason = std::move(reason);
  event.before = std::move(before);
  event.after = std::move(after);
  auto appended = audit::append(tx, clock, event);
  if (!appended) return appended.error();
  return Status::success();
}

Status refuse_event(store::Transaction& tx, const Clock& clock, const app::Actor& actor,
                    const Attempt& attempt, const std::string& message) {
  return append_event(tx, clock, actor, kRefuseAction, attempt.entity, attempt.entity_id,
                      attempt.child_id, message, "", attempt.request.dump());
}

template <typename Record>
Status record_change(store::Transaction& tx, const Clock& clock, const app::Actor& actor,
                     const Record* before, const Record& after, std::string_view reason) {
  std::optional<std::int64_t> child_id;
  if constexpr (store::BelongsToChild<Record>) child_id = after.child_id;
  return append_event(
      tx, clock, actor, before ? "update" : "create", std::string(store::Mapping<Record>::table),
      std::to_string(after.id), child_id, std::string(reason),
      before ? store::to_json(*before).dump() : std::string(), store::to_json(after).dump());
}

// Runs `check` and then `apply` in one write transaction. `check` only reads; when it refuses, the
// refusal alone is written as an audit event and committed, and returned.
template <typename Plan, typename Out>
Result<Out> guarded(store::Store& store, const Clock& clock, const app::Actor& actor,
                    const Attempt& attempt,
                    const std::function<Result<Plan>(store::Transaction&)>& check,
                    const std::function<Result<Out>(store::Transaction&, Plan&)>& apply) {
  std::optional<Error> refused;
  std::optional<Out> out;
  Status status = store.write([&](store::Transaction& tx) -> Status {
    auto plan = check(tx);
    if (!plan) {
      if (!is_refusal(plan.error())) return plan.error();
      refused = plan.error();
      return refuse_event(tx, clock, actor, attempt, plan.error().message);
    }
    auto done = apply(tx, *plan);
    if (!done) return done.error();
    out = std::move(*done);
    return Status::success();
  });
  if (!status) return status.error();
  if (refused) return *refused;
  return std::move(*out);
}

template <typename Record>
Result<Record> need(store::Transaction& tx, std::int64_t id, std::string_view what) {
  auto found = tx.find<Record>(id);
  if (!found) return found.error();
  if (!*found) return Error::not_found(fmt::format("there is no {} with id {}", what, id));
  return std::move(**found);
}

std::string child_label(const domain::Child& child) {
  return fmt::format("child {} ({})", child.id, child.local_id);
}

std::string worker_label(const domain::Worker& worker) {
  return fmt::format("{} ({})", worker.name, worker.staff_id);
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == text.npos; }

bool in_post(const domain::Worker& worker, Date on) {
  return worker.start_date <= on && (!worker.leaving_date || *worker.leaving_date > on);
}

// The child's open child-in-need episode on a date (the latest started, if several).
Result<std::optional<domain::ChildInNeedEpisode>> open_episode(store::Transaction& tx,
                                                               std::int64_t child_id, Date on) {
  auto episodes = tx.list_where<domain::ChildInNeedEpisode>("child_id", child_id, "start_date");
  if (!episodes) return episodes.error();
  std::optional<domain::ChildInNeedEpisode> open;
  for (auto& episode : *episodes) {
    if (open_on(episode.start_date, episode.end_date, on)) open = episode;
  }
  return open;
}

Result<std::vector<domain::Allocation>> open_allocations_of_child(store::Transaction& tx,
                                                                  std::int64_t child_id, Date on) {
  auto allocations = tx.list_where<domain::Allocation>("child_id", child_id, "start_date");
  if (!allocations) return allocations.error();
  std::vector<domain::Allocation> open;
  for (auto& allocation : *allocations) {
    if (open_on(allocation.start_date, allocation.end_date, on)) open.push_back(allocation);
  }
  return open;
}

Result<CaseType> case_type_of(store::Transaction& tx, std::int64_t child_id, Date on) {
  auto plans = tx.list_where<domain::ChildProtectionPlan>("child_id", child_id, "start_date");
  if (!plans) return plans.error();
  auto episodes = tx.list_where<domain::LookedAfterEpisode>("child_id", child_id, "start_date");
  if (!episodes) return episodes.error();
  return case_type_on(*plans, *episodes, on);
}

Result<Caseload> caseload_of(store::Transaction& tx, const Settings& settings,
                             const domain::Worker& worker, Date on) {
  Caseload load;
  load.worker_id = worker.id;
  load.limit = settings.caseload_limit_per_fte * worker.fte;
  auto allocations = tx.open_allocations_of_worker(worker.id, on);
  if (!allocations) return allocations.error();
  for (const auto& allocation : *allocations) {
    if (allocation.start_date > on) continue;
    auto type = case_type_of(tx, allocation.child_id, on);
    if (!type) return type.error();
    ++load.cases;
    load.weighted += weight_of(*type, settings.weights);
  }
  return load;
}

// "3 open cases: child 4 (L4), child 9 (L9) and child 12 (L12)", naming at most ten.
Result<std::string> list_cases(store::Transaction& tx,
                               const std::vector<domain::Allocation>& allocations) {
  std::vector<std::int64_t> children;
  for (const auto& allocation : allocations) children.push_back(allocation.child_id);
  std::sort(children.begin(), children.end());
  children.erase(std::unique(children.begin(), children.end()), children.end());
  std::string names;
  std::size_t shown = std::min<std::size_t>(children.size(), 10);
  for (std::size_t i = 0; i < shown; ++i) {
    auto child = need<domain::Child>(tx, children[i], "child");
    if (!child) return child.error();
    names += (i == 0                                       ? ""
              : i + 1 == shown && shown == children.size() ? " and "
                                                           : ", ") +
             child_label(*child);
  }
  if (shown < children.size()) names += fmt::format(" and {} more", children.size() - shown);
  return fmt::format("{} open case{}: {}", children.size(), children.size() == 1 ? "" : "s", names);
}

}  // namespace

bool is_manager(const app::Actor& actor) {
  return actor.role == "team_manager" || actor.role == "head_of_service";
}

const char* case_type_name(CaseType type) {
  switch (type) {
    case CaseType::kChildProtection:
      return "child_protection";
    case CaseType::kLookedAfter:
      return "looked_after";
    case CaseType::kChildInNeed:
      return "child_in_need";
  }
  return "child_in_need";
}

double weight_of(CaseType type, const CaseWeights& weights) {
  switch (type) {
    case CaseType::kChildProtection:
      return weights.child_protection;
    case CaseType::kLookedAfter:
      return weights.looked_after;
    case CaseType::kChildInNeed:
      return weights.child_in_need;
  }
  return weights.child_in_need;
}

const char* closure_status_name(ClosureDecision::Status status) {
  switch (status) {
    case ClosureDecision::Status::kClosed:
      return "closed";
    case ClosureDecision::Status::kAwaitingApproval:
      return "awaiting_approval";
    case ClosureDecision::Status::kRefused:
      return "refused";
  }
  return "refused";
}

// --- settings
// -------------------------------------------------------------------------------------

Result<Settings> Casework::settings() {
  Settings loaded;
  Status status = store_.read([&](store::Transaction& tx) -> Status {
    auto settings = load_settings(tx);
    if (!settings) return settings.error();
    loaded = std::move(*settings);
    return Status::success();
  });
  if (!status) return status.error();
  return loaded;
}

Status Casework::change_setting(const app::Actor& actor, std::string_view key,
                                std::string_view value) {
  Attempt attempt{"setting", std::string(key), std::nullopt, json{{std::string(key), value}}};
  struct Plan {
    std::optional<std::string> before;
  };
  auto done = guarded<Plan, Done>(
      store_, clock_, actor, attempt,
      [&](store::Transaction& tx) -> Result<Plan> {
        if (actor.role != "head_of_service" && actor.role != "admin") {
          return Error::forbidden(
              "the safeguard settings are changed by a head of service or an administrator");
        }
        SAFEGUARD_TRY(check_setting(key, value));
        auto before = tx.setting(key);
        if (!before) return before.error();
        return Plan{*before};
      },
      [&](store::Transaction& tx, Plan& plan) -> Result<Done> {
        SAFEGUARD_TRY(tx.put_setting(key, value));
        json before = plan.before ? json{{std::string(key), *plan.before}} : json();
        SAFEGUARD_TRY(append_event(tx, clock_, actor, "update", "setting", std::string(key),
                                   std::nullopt, "", plan.before ? before.dump() : "",
                                   json{{std::string(key), value}}.dump()));
        return Done{};
      });
  if (!done) return done.error();
  return Status::success();
}

// --- allocation
// -----------------------------------------------------------------------------------

Result<Caseload> Casework::caseload(std::int64_t worker_id, Date as_of) {
  Caseload load;
  Status status = store_.read([&](store::Transaction& tx) -> Status {
    auto settings = load_settings(tx);
    if (!settings) return settings.error();
    auto worker = need<domain::Worker>(tx, worker_id, "worker");
    if (!worker) return worker.error();
    auto computed = caseload_of(tx, *settings, *worker, as_of);
    if (!computed) return computed.error();
    load = *computed;
    return Status::success();
  });
  if (!status) return status.error();
  return load;
}

Result<AllocationOutcome> Casework::allocate(const app::Actor& actor,
                                             const AllocationRequest& request) {
  const Date on = request.date.value_or(clock_.today());
  json asked = {{"child_id", request.child_id},
                {"worker_id", request.worker_id ? json(*request.worker_id) : json()},
                {"team_id", request.team_id ? json(*request.team_id) : json()},
                {"reason", request.reason},
                {"date", on.iso()},
                {"override_reason", request.override_reason}};
  Attempt attempt{"allocation", "", request.child_id, asked};
  struct Plan {
    std::vector<domain::Allocation> ending;
    domain::Allocation allocation;
    std::optional<domain::CaseloadOverride> override_record;
    double weighted = 0.0;
    double limit = 0.0;
  };
  return guarded<Plan, AllocationOutcome>(
      store_, clock_, actor, attempt,
      [&](store::Transaction& tx) -> Result<Plan> {
        auto settings = load_settings(tx);
        if (!settings) return settings.error();
        auto child = need<domain::Child>(tx, request.child_id, "child");
        if (!child) return child.error();
        if (blank(request.reason)) {
          return Error::invalid(fmt::format(
              "give a reason for allocating {} (new case, transfer, worker leaving ...)",
              child_label(*child)));
        }
        auto open_cases = tx.children_with_open_cases(on);
        if (!open_cases) return open_cases.error();
        if (!std::binary_search(open_cases->begin(), open_cases->end(), child->id)) {
          return Error::conflict(
              fmt::format("{} has no open case on {} to allocate: open a referral first",
                          child_label(*child), on.iso()));
        }
        Plan plan;
        std::optional<domain::Worker> worker;
        std::optional<std::int64_t> team_id = request.team_id;
        if (request.worker_id) {
          auto found = need<domain::Worker>(tx, *request.worker_id, "worker");
          if (!found) return found.error();
          worker = *found;
          if (!in_post(*worker, on)) {
            return Error::conflict(fmt::format(
                "{} is not in post on {} (started {}{}): allocate to someone in post or to the "
                "team's tray",
                worker_label(*worker), on.iso(), worker->start_date.iso(),
                worker->leaving_date ? ", left " + worker->leaving_date->iso() : ""));
          }
          if (worker->leaving_date) {
            return Error::conflict(
                fmt::format("{} leaves on {}: allocate to someone staying or to the team's tray",
                            worker_label(*worker), worker->leaving_date->iso()));
          }
          if (!team_id) team_id = worker->team_id;
          if (!team_id) {
            return Error::invalid(fmt::format(
                "{} belongs to no team: name the team the case is held by", worker_label(*worker)));
          }
          if (worker->team_id && *worker->team_id != *team_id) {
            return Error::invalid(fmt::format("{} works in team {}, not team {}",
                                              worker_label(*worker), *worker->team_id, *team_id));
          }
        }
        if (!team_id) {
          return Error::invalid("name the team whose tray the case waits in, or a worker");
        }
        auto team = need<domain::Team>(tx, *team_id, "team");
        if (!team) return team.error();
        if (!team->active) {
          return Error::conflict(fmt::format("team {} ({}) is inactive: allocate to an active team",
                                             team->name, team->id));
        }
        auto current = open_allocations_of_child(tx, child->id, on);
        if (!current) return current.error();
        for (const auto& held : *current) {
          if (held.worker_id == request.worker_id && held.team_id == *team_id) {
            return Error::conflict(request.worker_id
                                       ? fmt::format("{} is already allocated to {}",
                                                     child_label(*child), worker_label(*worker))
                                       : fmt::format("{} is already waiting in the tray of team {}",
                                                     child_label(*child), team->name));
          }
        }
        plan.ending = *current;
        if (worker) {
          auto load = caseload_of(tx, *settings, *worker, on);
          if (!load) return load.error();
          auto type = case_type_of(tx, child->id, on);
          if (!type) return type.error();
          plan.weighted = load->weighted + weight_of(*type, settings->weights);
          plan.limit = load->limit;
          if (plan.weighted > plan.limit + 1e-9) {
            std::string over = fmt::format(
                "allocating {} (a {} case, weight {:g}) would take {}'s weighted caseload to {:g}, "
                "over their limit of {:g} ({:g} per full-time worker x {:g} FTE)",
                child_label(*child), case_type_name(*type), weight_of(*type, settings->weights),
                worker_label(*worker), plan.weighted, plan.limit, settings->caseload_limit_per_fte,
                worker->fte);
            if (blank(request.override_reason)) {
              return Error::conflict(
                  over + ": a team manager or head of service may override with a reason");
            }
            if (!is_manager(actor)) {
              return Error::forbidden(
                  over + ": only a team manager or head of service may override the limit");
            }
            domain::CaseloadOverride record;
            record.worker_id = worker->id;
            record.child_id = child->id;
            record.date = on;
            record.approved_by = actor.username;
            record.reason = request.override_reason;
            record.weighted_caseload = plan.weighted;
            record.caseload_limit = plan.limit;
            plan.override_record = record;
          }
        }
        plan.allocation.child_id = child->id;
        plan.allocation.worker_id = request.worker_id;
        plan.allocation.team_id = *team_id;
        plan.allocation.start_date = on;
        plan.allocation.reason = request.reason;
        SAFEGUARD_TRY(domain::check("allocation", plan.allocation, codes_));
        return plan;
      },
      [&](store::Transaction& tx, Plan& plan) -> Result<AllocationOutcome> {
        AllocationOutcome outcome;
        for (const auto& held : plan.ending) {
          domain::Allocation ended = held;
          ended.end_date = on;
          SAFEGUARD_TRY(tx.update(ended));
          SAFEGUARD_TRY(record_change(tx, clock_, actor, &held, ended, request.reason));
          outcome.ended.push_back(held.id);
        }
        auto id = tx.insert(plan.allocation);
        if (!id) return id.error();
        SAFEGUARD_TRY(record_change<domain::Allocation>(tx, clock_, actor, nullptr, plan.allocation,
                                                        request.reason));
        outcome.allocation_id = *id;
        if (plan.override_record) {
          plan.override_record->allocation_id = *id;
          auto override_id = tx.insert(*plan.override_record);
          if (!override_id) return override_id.error();
          SAFEGUARD_TRY(record_change<domain::CaseloadOverride>(
              tx, clock_, actor, nullptr, *plan.override_record, request.override_reason));
          outcome.override_id = *override_id;
        }
        outcome.weighted_caseload = plan.weighted;
        outcome.caseload_limit = plan.limit;
        return outcome;
      });
}

// --- deactivation
// ---------------------------------------------------------------------------------

Status Casework::deactivate_worker(const app::Actor& actor, std::int64_t worker_id,
                                   Date leaving_date, std::string_view reason) {
  Attempt attempt{"worker", std::to_string(worker_id), std::nullopt,
                  json{{"leaving_date", leaving_date.iso()}, {"reason", reason}}};
  struct Plan {
    domain::Worker before;
  };
  auto done = guarded<Plan, Done>(
      store_, clock_, actor, attempt,
      [&](store::Transaction& tx) -> Result<Plan> {
        if (!is_manager(actor) && actor.role != "admin") {
          return Error::forbidden(
              "workers are deactivated by a team manager, a head of service or an administrator");
        }
        auto worker = need<domain::Worker>(tx, worker_id, "worker");
        if (!worker) return worker.error();
        if (blank(reason)) {
          return Error::invalid(
              fmt::format("give a reason for deactivating {}", worker_label(*worker)));
        }
        if (worker->leaving_date && *worker->leaving_date <= leaving_date) {
          return Error::conflict(fmt::format("{} already left on {}", worker_label(*worker),
                                             worker->leaving_date->iso()));
        }
        if (leaving_date < worker->start_date) {
          return Error::invalid(fmt::format("{} started on {}: the leaving date {} is before it",
                                            worker_label(*worker), worker->start_date.iso(),
                                            leaving_date.iso()));
        }
        auto open = tx.open_allocations_of_worker(worker_id, leaving_date);
        if (!open) return open.error();
        if (!open->empty()) {
          auto cases = list_cases(tx, *open);
          if (!cases) return cases.error();
          return Error::conflict(fmt::format(
              "{} cannot be deactivated: they hold {}. Transfer every case to another worker or a "
              "team's tray first",
              worker_label(*worker), *cases));
        }
        return Plan{*worker};
      },
      [&](store::Transaction& tx, Plan& plan) -> Result<Done> {
        domain::Worker after = plan.before;
        after.leaving_date = leaving_date;
        SAFEGUARD_TRY(tx.update(after));
        SAFEGUARD_TRY(record_change(tx, clock_, actor, &plan.before, after, reason));
        return Done{};
      });
  if (!done) return done.error();
  return Status::success();
}

Status Casework::deactivate_team(const app::Actor& actor, std::int64_t team_id,
                                 std::string_view reason) {
  Attempt attempt{"team", std::to_string(team_id), std::nullopt, json{{"reason", reason}}};
  struct Plan {
    domain::Team before;
  };
  const Date today = clock_.today();
  auto done = guarded<Plan, Done>(
      store_, clock_, actor, attempt,
      [&](store::Transaction& tx) -> Result<Plan> {
        if (!is_manager(actor) && actor.role != "admin") {
          return Error::forbidden(
              "teams are deactivated by a team manager, a head of service or an administrator");
        }
        auto team = need<domain::Team>(tx, team_id, "team");
        if (!team) return team.error();
        if (blank(reason)) {
          return Error::invalid(fmt::format("give a reason for deactivating team {}", team->name));
        }
        if (!team->active) {
          return Error::conflict(fmt::format("team {} is already inactive", team->name));
        }
        auto open = tx.open_allocations_of_team(team_id, today);
        if (!open) return open.error();
        if (!open->empty()) {
          auto cases = list_cases(tx, *open);
          if (!cases) return cases.error();
          return Error::conflict(fmt::format(
              "team {} cannot be deactivated: it holds {} (with its workers or in its tray). "
              "Transfer every case to another team first",
              team->name, *cases));
        }
        return Plan{*team};
      },
      [&](store::Transaction& tx, Plan& plan) -> Result<Done> {
        domain::Team after = plan.before;
        after.active = false;
        SAFEGUARD_TRY(tx.update(after));
        SAFEGUARD_TRY(record_change(tx, clock_, actor, &plan.before, after, reason));
        return Done{};
      });
  if (!done) return done.error();
  return Status::success();
}

// --- closure
// --------------------------------------------------------------------------------------

namespace {

struct ClosurePlan {
  domain::Child child;
  domain::ChildInNeedEpisode episode;
  std::vector<UnmetRequirement> unmet;
  std::optional<std::int64_t> visit_id;
  std::vector<domain::Allocation> allocations;  // to end when the case closes
};

// The evidence a closure on `on` needs, read from the store.
Result<ClosurePlan> closure_evidence(store::Transaction& tx, const Settings& settings,
                                     std::int64_t child_id, Date on) {
  ClosurePlan plan;
  auto child = need<domain::Child>(tx, child_id, "child");
  if (!child) return child.error();
  plan.child = *child;
  auto episode = open_episode(tx, child_id, on);
  if (!episode) return episode.error();
  if (!*episode) {
    return Error::conflict(fmt::format("{} has no open case (child-in-need episode) on {} to close",
                                       child_label(*child), on.iso()));
  }
  plan.episode = **episode;

  const int days = settings.closure_visit_working_days;
  const Date since = settings.calendar().add_working_days(on, -days);
  auto visits = tx.list_where<domain::Visit>("child_id", child_id, "date");
  if (!visits) return visits.error();
  std::optional<domain::Visit> last_seen;
  for (const auto& visit : *visits) {
    if (visit.child_seen && visit.date <= on) last_seen = visit;
  }
  if (last_seen && last_seen->date >= since) {
    plan.visit_id = last_seen->id;
  } else {
    plan.unmet.push_back(
        {"visit_child_seen",
         fmt::format(
             "no visit where the child was seen in the last {} working days (since {}); {}: "
             "visit the child, record that they were seen, then ask again",
             days, since.iso(),
             last_seen ? "the last was on " + last_seen->date.iso()
                       : std::string("there is none on record"))});
  }
  auto plans = tx.list_where<domain::ChildProtectionPlan>("child_id", child_id, "start_date");
  if (!plans) return plans.error();
  for (const auto& protection : *plans) {
    if (open_on(protection.start_date, protection.end_date, on)) {
      plan.unmet.push_back(
          {"no_open_protection_plan",
           fmt::format("the child protection plan that started on {} is still open: end it at a "
                       "review conference first",
                       protection.start_date.iso())});
    }
  }
  auto care = tx.list_where<domain::LookedAfterEpisode>("child_id", child_id, "start_date");
  if (!care) return care.error();
  for (const auto& looked_after : *care) {
    if (open_on(looked_after.start_date, looked_after.end_date, on)) {
      plan.unmet.push_back(
          {"not_looked_after",
           fmt::format("the child is looked after (episode from {}): end the period of care first",
                       looked_after.start_date.iso())});
    }
  }
  auto allocations = open_allocations_of_child(tx, child_id, on);
  if (!allocations) return allocations.error();
  plan.allocations = *allocations;
  return plan;
}

std::string unmet_message(const domain::Child& child, const std::vector<UnmetRequirement>& unmet) {
  std::string text = fmt::format("The case of {} cannot close yet:", child_label(child));
  for (std::size_t i = 0; i < unmet.size(); ++i) {
    text += fmt::format(" {}) {}{}", i + 1, unmet[i].message, i + 1 == unmet.size() ? "." : ";");
  }
  return text;
}

json unmet_json(const std::vector<UnmetRequirement>& unmet) {
  json list = json::array();
  for (const auto& item : unmet) {
    list.push_back({{"requirement", item.requirement}, {"message", item.message}});
  }
  return list;
}

}  // namespace

Result<ClosureDecision> Casework::request_closure(const app::Actor& actor,
                                                  const ClosureInput& input) {
  const Date today = clock_.today();
  Attempt attempt{"closure_request", "", input.child_id,
                  json{{"child_id", input.child_id},
                       {"reason_for_closure", input.reason_for_closure},
                       {"note", input.note},
                       {"date", today.iso()}}};
  struct Plan {
    ClosurePlan evidence;
  };
  return guarded<Plan, ClosureDecision>(
      store_, clock_, actor, attempt,
      [&](store::Transaction& tx) -> Result<Plan> {
        auto settings = load_settings(tx);
        if (!settings) return settings.error();
        if (input.reason_for_closure.empty()) {
          return Error::invalid(
              "give the reason for closure (ReasonForClosure RC1-RC9, e.g. RC7: services ceased)");
        }
        SAFEGUARD_TRY(codes_.check("reason_for_closure", "ReasonForClosure",
                                   input.reason_for_closure, today));
        auto evidence = closure_evidence(tx, *settings, input.child_id, today);
        if (!evidence) return evidence.error();
        auto requests =
            tx.list_where<domain::ClosureRequest>("child_id", input.child_id, "requested_on");
        if (!requests) return requests.error();
        for (const auto& pending : *requests) {
          if (pending.status == "awaiting_approval" && pending.episode_id == evidence->episode.id) {
            return Error::conflict(fmt::format(
                "a request to close this case, made by {} on {}, already awaits a manager's "
                "approval (request {})",
                pending.requested_by, pending.requested_on.iso(), pending.id));
          }
        }
        return Plan{std::move(*evidence)};
      },
      [&](store::Transaction& tx, Plan& plan) -> Result<ClosureDecision> {
        ClosurePlan& evidence = plan.evidence;
        ClosureDecision decision;
        decision.child_id = evidence.child.id;
        decision.episode_id = evidence.episode.id;
        if (!evidence.unmet.empty()) {
          decision.status = ClosureDecision::Status::kRefused;
          decision.unmet = evidence.unmet;
          decision.message = unmet_message(evidence.child, evidence.unmet);
          json asked = attempt.request;
          asked["unmet"] = unmet_json(evidence.unmet);
          Attempt refused = attempt;
          refused.request = asked;
          SAFEGUARD_TRY(refuse_event(tx, clock_, actor, refused, decision.message));
          return decision;
        }
        domain::ClosureRequest request;
        request.child_id = evidence.child.id;
        request.episode_id = evidence.episode.id;
        request.closure_date = today;
        request.reason_for_closure = input.reason_for_closure;
        request.note = input.note;
        request.requested_by = actor.username;
        request.requested_on = today;
        request.visit_id = evidence.visit_id;
        request.status = "awaiting_approval";
        if (is_manager(actor)) {
          request.status = "approved";
          request.decided_by = actor.username;
          request.decided_on = today;
          request.decision_note = "requested by a manager";
        }
        auto id = tx.insert(request);
        if (!id) return id.error();
        SAFEGUARD_TRY(
            record_change<domain::ClosureRequest>(tx, clock_, actor, nullptr, request, input.note));
        decision.request_id = *id;
        if (request.status == "awaiting_approval") {
          decision.status = ClosureDecision::Status::kAwaitingApproval;
          decision.message =
              fmt::format("The request to close the case of {} awaits a team manager's approval.",
                          child_label(evidence.child));
          return decision;
        }
        domain::ChildInNeedEpisode closed = evidence.episode;
        closed.end_date = today;
        closed.reason_for_closure = input.reason_for_closure;
        SAFEGUARD_TRY(tx.update(closed));
        SAFEGUARD_TRY(record_change(tx, clock_, actor, &evidence.episode, closed, input.note));
        for (const auto& held : evidence.allocations) {
          domain::Allocation ended = held;
          ended.end_date = today;
          SAFEGUARD_TRY(tx.update(ended));
          SAFEGUARD_TRY(record_change(tx, clock_, actor, &held, ended, "case closed"));
        }
        decision.status = ClosureDecision::Status::kClosed;
        decision.message = fmt::format("The case of {} is closed.", child_label(evidence.child));
        return decision;
      });
}

Result<ClosureDecision> Casework::approve_closure(const app::Actor& actor, std::int64_t request_id,
                                                  std::string_view note) {
  const Date today = clock_.today();
  Attempt attempt{"closure_request", std::to_string(request_id), std::nullopt,
                  json{{"approve", true}, {"note", note}, {"date", today.iso()}}};
  struct Plan {
    domain::ClosureRequest request;
    ClosurePlan evidence;
  };
  return guarded<Plan, ClosureDecision>(
      store_, clock_, actor, attempt,
      [&](store::Transaction& tx) -> Result<Plan> {
        auto settings = load_settings(tx);
        if (!settings) return settings.error();
        auto request = need<domain::ClosureRequest>(tx, request_id, "closure request");
        if (!request) return request.error();
        attempt.child_id = request->child_id;
        if (request->status != "awaiting_approval") {
          return Error::conflict(fmt::format(
              "closure request {} was already {} by {} on {}", request_id, request->status,
              request->decided_by, request->decided_on ? request->decided_on->iso() : ""));
        }
        if (!is_manager(actor)) {
          return Error::forbidden("a closure is approved by a team manager or head of service");
        }
        if (actor.username == request->requested_by) {
          return Error::forbidden("you asked for this closure: another manager must approve it");
        }
        auto evidence = closure_evidence(tx, *settings, request->child_id, today);
        if (!evidence) return evidence.error();
        if (evidence->episode.id != request->episode_id) {
          return Error::conflict(fmt::format(
              "the case this request was for (episode {}) is no longer the open case: ask again",
              request->episode_id));
        }
        return Plan{*request, std::move(*evidence)};
      },
      [&](store::Transaction& tx, Plan& plan) -> Result<ClosureDecision> {
        ClosurePlan& evidence = plan.evidence;
        ClosureDecision decision;
        decision.child_id = evidence.child.id;
        decision.episode_id = evidence.episode.id;
        decision.request_id = plan.request.id;
        if (!evidence.unmet.empty()) {
          decision.status = ClosureDecision::Status::kRefused;
          decision.unmet = evidence.unmet;
          decision.message = unmet_message(evidence.child, evidence.unmet);
          Attempt refused = attempt;
          refused.child_id = evidence.child.id;
          refused.request["unmet"] = unmet_json(evidence.unmet);
          SAFEGUARD_TRY(refuse_event(tx, clock_, actor, refused, decision.message));
          return decision;
        }
        domain::ClosureRequest approved = plan.request;
        approved.status = "approved";
        approved.decided_by = actor.username;
        approved.decided_on = today;
        approved.decision_note = std::string(note);
        approved.closure_date = today;
        approved.visit_id = evidence.visit_id;
        SAFEGUARD_TRY(tx.update(approved));
        SAFEGUARD_TRY(record_change(tx, clock_, actor, &plan.request, approved, note));
        domain::ChildInNeedEpisode closed = evidence.episode;
        closed.end_date = today;
        closed.reason_for_closure = plan.request.reason_for_closure;
        SAFEGUARD_TRY(tx.update(closed));
        SAFEGUARD_TRY(record_change(tx, clock_, actor, &evidence.episode, closed, note));
        for (const auto& held : evidence.allocations) {
          domain::Allocation ended = held;
          ended.end_date = today;
          SAFEGUARD_TRY(tx.update(ended));
          SAFEGUARD_TRY(record_change(tx, clock_, actor, &held, ended, "case closed"));
        }
        decision.status = ClosureDecision::Status::kClosed;
        decision.message = fmt::format("The case of {} is closed.", child_label(evidence.child));
        return decision;
      });
}

Status Casework::decline_closure(const app::Actor& actor, std::int64_t request_id,
                                 std::string_view note) {
  const Date today = clock_.today();
  Attempt attempt{"closure_request", std::to_string(request_id), std::nullopt,
                  json{{"approve", false}, {"note", note}, {"date", today.iso()}}};
  auto done = guarded<domain::ClosureRequest, Done>(
      store_, clock_, actor, attempt,
      [&](store::Transaction& tx) -> Result<domain::ClosureRequest> {
        auto request = need<domain::ClosureRequest>(tx, request_id, "closure request");
        if (!request) return request.error();
        attempt.child_id = request->child_id;
        if (request->status != "awaiting_approval") {
          return Error::conflict(fmt::format("closure request {} was already {} by {}", request_id,
                                             request->status, request->decided_by));
        }
        if (!is_manager(actor)) {
          return Error::forbidden("a closure is declined by a team manager or head of service");
        }
        if (blank(note)) {
          return Error::invalid("say why the closure is declined, so the worker can act on it");
        }
        return *request;
      },
      [&](store::Transaction& tx, domain::ClosureRequest& request) -> Result<Done> {
        domain::ClosureRequest declined = request;
        declined.status = "declined";
        declined.decided_by = actor.username;
        declined.decided_on = today;
        declined.decision_note = std::string(note);
        SAFEGUARD_TRY(tx.update(declined));
        SAFEGUARD_TRY(record_change(tx, clock_, actor, &request, declined, note));
        return Done{};
      });
  if (!done) return done.error();
  return Status::success();
}

Result<std::vector<domain::ClosureRequest>> Casework::closures_awaiting_approval() {
  std::vector<domain::ClosureRequest> awaiting;
  Status status = store_.read([&](store::Transaction& tx) -> Status {
    auto found = tx.list_where<domain::ClosureRequest>("status", std::string("awaiting_approval"),
                                                       "requested_on");
    if (!found) return found.error();
    awaiting = std::move(*found);
    return Status::success();
  });
  if (!status) return status.error();
  return awaiting;
}

// --- placements
// -----------------------------------------------------------------------------------

Result<std::int64_t> Casework::record_placement_end_assessment(
    const app::Actor& actor, domain::PlacementEndAssessment assessment) {
  if (assessment.assessed_by.empty()) assessment.assessed_by = actor.username;
  if (!assessment.worker_id) assessment.worker_id = actor.worker_id;
  Attempt attempt{"placement_end_assessment", "", assessment.child_id, store::to_json(assessment)};
  return guarded<domain::PlacementEndAssessment, std::int64_t>(
      store_, clock_, actor, attempt,
      [&](store::Transaction& tx) -> Result<domain::PlacementEndAssessment> {
        auto episode =
            need<domain::LookedAfterEpisode>(tx, assessment.episode_id, "looked-after episode");
        if (!episode) return episode.error();
        if (episode->child_id != assessment.child_id) {
          return Error::invalid(fmt::format("looked-after episode {} is not child {}'s",
                                            episode->id, assessment.child_id));
        }
        if (assessment.date < episode->start_date) {
          return Error::invalid(
              fmt::format("the assessment's date {} is before the placement began on {}",
                          assessment.date.iso(), episode->start_date.iso()));
        }
        SAFEGUARD_TRY(domain::check("placement_end_assessment", assessment, codes_));
        return assessment;
      },
      [&](store::Transaction& tx, domain::PlacementEndAssessment& record) -> Result<std::int64_t> {
        auto id = tx.insert(record);
        if (!id) return id.error();
        SAFEGUARD_TRY(
            record_change<domain::PlacementEndAssessment>(tx, clock_, actor, nullptr, record, ""));
        return *id;
      });
}

Status Casework::end_placement(const app::Actor& actor, const PlacementEnd& placement) {
  const Date today = clock_.today();
  Attempt attempt{"looked_after_episode", std::to_string(placement.episode_id), std::nullopt,
                  json{{"end_date", placement.end_date.iso()},
                       {"reason_episode_ceased", placement.reason_episode_ceased},
                       {"reason_place_change", placement.reason_place_change}}};
  struct Plan {
    domain::LookedAfterEpisode before;
    domain::LookedAfterEpisode after;
  };
  auto done = guarded<Plan, Done>(
      store_, clock_, actor, attempt,
      [&](store::Transaction& tx) -> Result<Plan> {
        auto episode =
            need<domain::LookedAfterEpisode>(tx, placement.episode_id, "looked-after episode");
        if (!episode) return episode.error();
        attempt.child_id = episode->child_id;
        auto child = need<domain::Child>(tx, episode->child_id, "child");
        if (!child) return child.error();
        if (episode->end_date) {
          return Error::conflict(
              fmt::format("the placement of {} in episode {} already ended on {}",
                          child_label(*child), episode->id, episode->end_date->iso()));
        }
        if (placement.end_date < episode->start_date) {
          return Error::invalid(fmt::format("the end date {} is before the placement began on {}",
                                            placement.end_date.iso(), episode->start_date.iso()));
        }
        if (placement.end_date > today) {
          return Error::invalid(
              fmt::format("the end date {} is in the future: end the placement on the day it ends",
                          placement.end_date.iso()));
        }
        std::vector<std::string> unmet;
        const std::string& rec = placement.reason_episode_ceased;
        if (rec.empty()) {
          unmet.push_back(
              "give the reason the episode ends (REC): X1 when a new placement or legal status "
              "begins the same day, an E code when the child leaves care");
        } else if (Status valid =
                       codes_.check("reason_episode_ceased", "REC", rec, placement.end_date);
                   !valid) {
          unmet.push_back(valid.error().message);
        }
        if (rec == "X1") {
          if (placement.reason_place_change.empty()) {
            unmet.push_back(
                "give the reason for the change of placement (REASON_PLACE_CHANGE: CARPL, "
                "ALLEG, STAND, CREQB, CHILD, LAREQ, PLACE, OTHER ...)");
          } else if (Status valid = codes_.check("reason_place_change", "REASON_PLACE_CHANGE",
                                                 placement.reason_place_change, placement.end_date);
                     !valid) {
            unmet.push_back(valid.error().message);
          }
        }
        auto assessments =
            tx.list_where<domain::PlacementEndAssessment>("episode_id", episode->id, "date");
        if (!assessments) return assessments.error();
        bool assessed = std::any_of(assessments->begin(), assessments->end(), [&](const auto& a) {
          return a.date >= episode->start_date && a.date <= placement.end_date;
        });
        if (!assessed) {
          unmet.push_back(fmt::format(
              "no assessment is recorded for this placement on or before {}: record the "
              "placement-end assessment first",
              placement.end_date.iso()));
        }
        if (!unmet.empty()) {
          std::string text = fmt::format(
              "The placement of {} (episode {}) cannot end yet:", child_label(*child), episode->id);
          for (std::size_t i = 0; i < unmet.size(); ++i) {
            text += fmt::format(" {}) {}{}", i + 1, unmet[i], i + 1 == unmet.size() ? "." : ";");
          }
          return Error::conflict(text);
        }
        Plan plan{*episode, *episode};
        plan.after.end_date = placement.end_date;
        plan.after.reason_episode_ceased = rec;
        plan.after.reason_place_change = rec == "X1" ? placement.reason_place_change : "";
        SAFEGUARD_TRY(domain::check("looked_after_episode", plan.after, codes_));
        return plan;
      },
      [&](store::Transaction& tx, Plan& plan) -> Result<Done> {
        SAFEGUARD_TRY(tx.update(plan.after));
        SAFEGUARD_TRY(record_change(tx, clock_, actor, &plan.before, plan.after,
                                    placement.reason_episode_ceased));
        return Done{};
      });
  if (!done) return done.error();
  return Status::success();
}

// --- clocks
// ---------------------------------------------------------------------------------------

Result<std::vector<rules::ClockItem>> Casework::child_clocks(const app::Actor& actor,
                                                             std::int64_t child_id, Date as_of) {
  app::CaseRecord records(store_, codes_, clock_);
  auto record = records.open_child(actor, child_id, "statutory clocks");
  if (!record) return record.error();
  Settings settings;
  Status status = store_.read([&](store::Transaction& tx) -> Status {
    auto loaded = load_settings(tx);
    if (!loaded) return loaded.error();
    settings = std::move(*loaded);
    return Status::success();
  });
  if (!status) return status.error();
  rules::ChildFacts facts = facts_from_record(std::move(*record));
  return rules::statutory_clocks(facts, as_of, settings.timescales, settings.calendar());
}

}  // namespace safeguard::casework
