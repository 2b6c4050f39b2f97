// The safeguards over HTTP: asking to close a case and a manager's decision on it, allocating and
// transferring, work lists and the investigation reports. The rules themselves run in
// src/casework (one write transaction each, refusals audited there); this file decides who may ask
// (auth::decide), reads the request and shapes the answer.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "api/child_access.h"
#include "api/handlers.h"
#include "api/problems.h"
#include "api/request_fields.h"
#include "app/case_access.h"
#include "casework/casework.h"
#include "casework/reports.h"
#include "casework/worklist.h"

namespace safeguard::api::handlers {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// A closure request is stored against ReasonForClosure RC7 ("services ceased for any other reason
// incl. no longer in need") when the person gives only their reason in words.
constexpr char kDefaultReasonForClosure[] = "RC7";
// The longest period a report may cover, in days (ten years).
constexpr std::int32_t kLongestReport = 3660;

casework::Casework casework_of(Services& services) {
  return casework::Casework(services.store, services.codes, services.clock);
}

json optional_id_json(const std::optional<std::int64_t>& id) {
  return id ? json(*id) : json(nullptr);
}

json optional_date_json(const std::optional<Date>& date) {
  return date ? json(date->iso()) : json(nullptr);
}

json unmet_json(const std::vector<casework::UnmetRequirement>& unmet) {
  json all = json::array();
  for (const auto& each : unmet) {
    all.push_back({{"requirement", each.requirement}, {"message", each.message}});
  }
  return all;
}

// 200 closed, 202 awaiting approval, 422 refused with the unmet requirements.
Response closure_response(const casework::ClosureDecision& decision) {
  json body = {{"status", casework::closure_status_name(decision.status)},
               {"child_id", decision.child_id},
               {"episode_id", decision.episode_id},
               {"request_id", optional_id_json(decision.request_id)},
               {"message", decision.message}};
  switch (decision.status) {
    case casework::ClosureDecision::Status::kClosed:
      return json_response(200, body);
    case casework::ClosureDecision::Status::kAwaitingApproval:
      return json_response(202, body);
    case casework::ClosureDecision::Status::kRefused:
      break;
  }
  return problem(422, "The case cannot be closed yet", decision.message,
                 {{"status", "refused"},
                  {"child_id", decision.child_id},
                  {"unmet", unmet_json(decision.unmet)}});
}

// An audit event for a read that identifies children but is not one child's record (a work list,
// a report): who read what. Durable before the response.
Status audit_read(Services& services, const Caller& caller, std::string entity,
                  std::string entity_id, std::string reason) {
  audit::Event event;
  event.actor = caller.principal.username;
  event.action = "read";
  event.entity = std::move(entity);
  event.entity_id = std::move(entity_id);
  event.reason = std::move(reason);
  auto appended = services.trail.append(event);
  if (!appended) return appended.error();
  return Status::success();
}

Response refused(Services& services, const Caller& caller, auth::Action action,
                 std::string_view entity, const std::string& reason) {
  return problem_for(
      services.cases.refuse_general(caller.principal, action, entity, reason).error());
}

}  // namespace

// --- closure ---------------------------------------------------------------------------------

Response request_closure(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto child_id =
      authorised_child(services, request, caller, auth::Action::kRequestClosure, refusal);
  if (!child_id) return refusal;
  auto body = json_object_body(request, refusal);
  if (!body) return refusal;
  std::vector<FieldError> errors;
  auto reason = required_string(*body, "reason", 5'000,
                                "Give the reason for closing the case, in your words", errors);
  std::string code = optional_string(*body, "reason_for_closure", 8, errors);
  if (!errors.empty()) return validation_problem(errors);
  casework::ClosureInput input;
  input.child_id = *child_id;
  input.reason_for_closure = code.empty() ? std::string(kDefaultReasonForClosure) : code;
  input.note = std::move(*reason);
  auto decision = casework_of(services).request_closure(caller.actor(), input);
  if (!decision) return problem_for(decision.error());
  return closure_response(*decision);
}

Response closures_awaiting_approval(Services& services, Request& request, const Caller& caller) {
  // Only managers approve closures; which ones is decided child by child below.
  auto gate = auth::decide(caller.principal, auth::Action::kViewTeamCaseloads);
  if (!gate.allowed) {
    return refused(services, caller, auth::Action::kApproveClosure, "closure_requests",
                   "closures are approved by team managers and heads of service");
  }
  Response refusal;
  auto page = parse_page(request, refusal);
  if (!page) return refusal;
  Date today = services.clock.today();
  json all = json::array();
  std::string children;
  Status read = services.store.read([&](store::Transaction& tx) -> Status {
    auto awaiting = tx.list_where<domain::ClosureRequest>(
        "status", std::string("awaiting_approval"), "requested_on");
    if (!awaiting) return awaiting.error();
    for (const auto& each : *awaiting) {
      auto holders = app::case_holders(tx, each.child_id, today);
      if (!holders) return holders.error();
      if (!auth::decide(caller.principal, auth::Action::kApproveClosure, *holders).allowed) {
        continue;
      }
      all.push_back({{"id", each.id},
                     {"child_id", each.child_id},
                     {"episode_id", each.episode_id},
                     {"closure_date", each.closure_date.iso()},
                     {"reason_for_closure", each.reason_for_closure},
                     {"note", each.note},
                     {"requested_by", each.requested_by},
                     {"requested_on", each.requested_on.iso()}});
      children += (children.empty() ? "" : ",") + std::to_string(each.child_id);
    }
    return Status::success();
  });
  if (!read) return problem_for(read.error());
  Status audited = audit_read(services, caller, "closure_requests", "awaiting_approval",
                              "children " + (children.empty() ? std::string("none") : children));
  if (!audited) return problem_for(audited.error());
  return json_response(200, paginate(all, *page));
}

Response decide_closure(Services& services, Request& request, const Caller& caller) {
  auto request_id = parse_id(request.path_param("id"));
  std::optional<domain::ClosureRequest> found;
  if (request_id) {
    Status read = services.store.read([&](store::Transaction& tx) -> Status {
      auto row = tx.find<domain::ClosureRequest>(*request_id);
      if (!row) return row.error();
      found = std::move(*row);
      return Status::success();
    });
    if (!read) return problem_for(read.error());
  }
  if (!found) {
    return problem(404, "Not found", "There is no closure request with that identifier.");
  }
  Status allowed =
      authorise_child(services, caller.principal, auth::Action::kApproveClosure, found->child_id);
  if (!allowed) return problem_for(allowed.error());
  Response refusal;
  auto body = json_object_body(request, refusal);
  if (!body) return refusal;
  std::vector<FieldError> errors;
  auto decision = required_string(*body, "decision", 16, "Say approve or decline", errors);
  std::string note = optional_string(*body, "note", 5'000, errors);
  if (decision && *decision != "approve" && *decision != "decline") {
    errors.push_back({"decision", "decision must be approve or decline"});
  }
  if (decision && *decision == "decline" && note.empty()) {
    errors.push_back({"note", "Say why the closure is declined, so the worker knows what to do"});
  }
  if (!errors.empty()) return validation_problem(errors);
  casework::Casework casework = casework_of(services);
  if (*decision == "decline") {
    Status declined = casework.decline_closure(caller.actor(), *request_id, note);
    if (!declined) return problem_for(declined.error());
    return json_response(200, {{"status", "declined"},
                               {"request_id", *request_id},
                               {"child_id", found->child_id},
                               {"message", "The closure request is declined."}});
  }
  auto outcome = casework.approve_closure(caller.actor(), *request_id, note);
  if (!outcome) return problem_for(outcome.error());
  return closure_response(*outcome);
}

// --- allocation ------------------------------------------------------------------------------

Response allocate(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto child_id = authorised_child(services, request, caller, auth::Action::kAllocateCase, refusal);
  if (!child_id) return refusal;
  auto body = json_object_body(request, refusal);
  if (!body) return refusal;
  Date today = services.clock.today();
  std::vector<FieldError> errors;
  casework::AllocationRequest allocation;
  allocation.child_id = *child_id;
  allocation.worker_id = optional_id(*body, "worker_id", errors);
  allocation.team_id = optional_id(*body, "team_id", errors);
  auto reason =
      required_string(*body, "reason", 2'000,
                      "Give the reason for the allocation (new case, transfer ...)", errors);
  allocation.override_reason = optional_string(*body, "override_reason", 2'000, errors);
  if (body->contains("date")) {
    allocation.date = date_member(*body, "date", today, today, "", errors);
  }
  if (!allocation.worker_id && !allocation.team_id) {
    errors.push_back({"worker_id", "Choose the worker, or the team whose tray the case waits in"});
  }
  if (!errors.empty()) return validation_problem(errors);
  allocation.reason = std::move(*reason);
  auto outcome = casework_of(services).allocate(caller.actor(), allocation);
  if (!outcome) return problem_for(outcome.error());
  return json_response(201, {{"allocation_id", outcome->allocation_id},
                             {"child_id", *child_id},
                             {"worker_id", optional_id_json(allocation.worker_id)},
                             {"ended", outcome->ended},
                             {"override_id", optional_id_json(outcome->override_id)},
                             {"weighted_caseload", outcome->weighted_caseload},
                             {"caseload_limit", outcome->caseload_limit}});
}

// --- work lists ------------------------------------------------------------------------------

Response worklist(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto page = parse_page(request, refusal);
  if (!page) return refusal;
  Date today = services.clock.today();
  std::vector<FieldError> errors;
  auto worker = query_id(request, "worker", errors);
  auto team = query_id(request, "team", errors);
  auto as_of = query_date(request, "as_of", today, errors);
  if (worker && team) errors.push_back({"team", "Ask for a worker's list or a team's, not both"});
  if (!errors.empty()) return validation_problem(errors);

  auth::Scope scope;
  casework::WorkListScope list_scope = casework::WorkListScope::service();
  bool unknown_worker = false;
  if (!worker && !team && caller.principal.worker_id) worker = caller.principal.worker_id;
  if (worker) {
    scope.kind = auth::Scope::Kind::kWorker;
    scope.worker_id = worker;
    list_scope = casework::WorkListScope::worker(*worker);
    Status read = services.store.read([&](store::Transaction& tx) -> Status {
      auto found = tx.find<domain::Worker>(*worker);
      if (!found) return found.error();
      if (*found) {
        scope.team_id = (*found)->team_id;
      } else {
        unknown_worker = true;
      }
      return Status::success();
    });
    if (!read) return problem_for(read.error());
  } else if (team) {
    scope.kind = auth::Scope::Kind::kTeam;
    scope.team_id = team;
    list_scope = casework::WorkListScope::team(*team);
  }
  auth::Decision decision = auth::decide(caller.principal, auth::Action::kViewWorkList, scope);
  if (!decision.allowed) {
    return refused(services, caller, auth::Action::kViewWorkList, "worklist", decision.reason);
  }
  if (unknown_worker) {
    return problem(404, "Not found", "There is no worker with that identifier.");
  }
  auto list = casework::work_list(services.store, list_scope, *as_of);
  if (!list) return problem_for(list.error());
  std::string scope_name = list_scope.kind == casework::WorkListScope::Kind::kWorker ? "worker"
                           : list_scope.kind == casework::WorkListScope::Kind::kTeam ? "team"
                                                                                     : "service";
  std::string scope_id = list_scope.kind == casework::WorkListScope::Kind::kService
                             ? scope_name
                             : fmt::format("{}:{}", scope_name, list_scope.id);
  Status audited = audit_read(services, caller, "worklist", scope_id,
                              fmt::format("{} items as of {}", list->items.size(), as_of->iso()));
  if (!audited) return problem_for(audited.error());
  json items = json::array();
  for (const auto& item : list->items) {
    items.push_back({{"kind", item.kind},
                     {"child", optional_id_json(item.child_id)},
                     {"child_local_id", item.child_local_id},
                     {"worker", optional_id_json(item.worker_id)},
                     {"worker_name", item.worker_name},
                     {"team", optional_id_json(item.team_id)},
                     {"rule", item.rule},
                     {"description", item.description},
                     {"due", item.due.iso()},
                     {"state", casework::state_token(item.state)},
                     {"source", item.source}});
  }
  json body = paginate(items, *page);
  body["scope"] = {
      {"kind", scope_name},
      {"id", list_scope.kind == casework::WorkListScope::Kind::kService ? json(nullptr)
                                                                        : json(list_scope.id)}};
  body["as_of"] = as_of->iso();
  body["children"] = list->children;
  body["workers"] = list->workers;
  return json_response(200, body);
}

// --- investigation reports --------------------------------------------------------------------

namespace {

struct ReportRequest {
  Date from;
  Date to;
  std::optional<std::int64_t> team;  // rows of this team only; none: the whole service
};

// ?from, ?to (default: the year to today) and ?team (default: a team manager's own team), after
// auth::decide allows the caller the scope. Sets `refusal` otherwise.
std::optional<ReportRequest> report_request(Services& services, const Request& request,
                                            const Caller& caller, std::string_view name,
                                            Response& refusal) {
  Date today = services.clock.today();
  std::vector<FieldError> errors;
  auto to = query_date(request, "to", today, errors);
  auto from = to ? query_date(request, "from", to->plus_days(-365), errors) : std::nullopt;
  auto team = query_id(request, "team", errors);
  if (from && to && *to < *from) errors.push_back({"to", "to must be on or after from"});
  if (from && to && !(*to < *from) &&
      to->days_since_epoch() - from->days_since_epoch() > kLongestReport) {
    errors.push_back({"from", "a report covers at most ten years"});
  }
  if (!errors.empty()) {
    refusal = validation_problem(errors);
    return std::nullopt;
  }
  if (!team && caller.principal.role == auth::Role::kTeamManager) team = caller.principal.team_id;
  auth::Scope scope;
  if (team) {
    scope.kind = auth::Scope::Kind::kTeam;
    scope.team_id = team;
  }
  auth::Decision decision = auth::decide(caller.principal, auth::Action::kViewReports, scope);
  if (!decision.allowed) {
    refusal = refused(services, caller, auth::Action::kViewReports, fmt::format("report:{}", name),
                      decision.reason);
    return std::nullopt;
  }
  Status audited =
      audit_read(services, caller, "report", std::string(name),
                 fmt::format("{} to {}{}", from->iso(), to->iso(),
                             team ? fmt::format(", team {}", *team) : std::string(", all teams")));
  if (!audited) {
    refusal = problem_for(audited.error());
    return std::nullopt;
  }
  return ReportRequest{*from, *to, team};
}

json period_json(const ReportRequest& asked) {
  return {
      {"from", asked.from.iso()}, {"to", asked.to.iso()}, {"team", optional_id_json(asked.team)}};
}

bool in_team(const std::optional<std::int64_t>& team, const std::optional<std::int64_t>& row) {
  return !team || (row && *row == *team);
}

// Builds a report in one read transaction; the problem to answer when that fails.
template <typename Report, typename Build>
std::optional<Response> run_report(Services& services, Build build, Report& report) {
  Status read = services.store.read([&](store::Transaction& tx) -> Status {
    auto made = build(tx);
    if (!made) return made.error();
    report = std::move(*made);
    return Status::success();
  });
  if (!read) return problem_for(read.error());
  return std::nullopt;
}

}  // namespace

Response closures_report(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto asked = report_request(services, request, caller, "closures", refusal);
  if (!asked) return refusal;
  casework::ClosureReport report;
  auto failed = run_report(
      services,
      [&](store::Transaction& tx) { return casework::closures_report(tx, asked->from, asked->to); },
      report);
  if (failed) return *failed;
  json rows = json::array();
  // Totals per worker, over the rows shown (a team's report counts only its own rows).
  std::map<std::pair<bool, std::string>, casework::WorkerClosures> totals;
  for (const auto& row : report.rows) {
    if (!in_team(asked->team, row.team_id)) continue;
    rows.push_back({{"child_id", row.child_id},
                    {"child_local_id", row.child_local_id},
                    {"episode_id", row.episode_id},
                    {"closed_on", row.closed_on.iso()},
                    {"reason_for_closure", row.reason_for_closure},
                    {"worker_id", optional_id_json(row.worker_id)},
                    {"worker_name", row.worker_name},
                    {"team_id", optional_id_json(row.team_id)},
                    {"last_seen", optional_date_json(row.last_seen)},
                    {"qualifying_visit", row.qualifying_visit},
                    {"request_id", optional_id_json(row.request_id)},
                    {"approved_by", row.approved_by},
                    {"approved", row.approved}});
    auto& total =
        totals[{!row.worker_id.has_value(),
                row.worker_name + "\x1f" + (row.worker_id ? std::to_string(*row.worker_id) : "")}];
    total.worker_id = row.worker_id;
    total.worker_name = row.worker_name;
    ++total.closed;
    if (row.qualifying_visit) ++total.with_qualifying_visit;
    if (row.approved) ++total.with_approval;
    if (row.qualifying_visit && row.approved) ++total.with_both;
  }
  json by_worker = json::array();
  for (const auto& [key, total] : totals) {
    by_worker.push_back({{"worker_id", optional_id_json(total.worker_id)},
                         {"worker_name", total.worker_name},
                         {"closed", total.closed},
                         {"with_qualifying_visit", total.with_qualifying_visit},
                         {"with_approval", total.with_approval},
                         {"with_both", total.with_both}});
  }
  json body = period_json(*asked);
  body["rows"] = rows;
  body["by_worker"] = by_worker;
  return json_response(200, body);
}

Response unallocated_report(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto asked = report_request(services, request, caller, "unallocated", refusal);
  if (!asked) return refusal;
  casework::UnallocatedReport report;
  auto failed = run_report(
      services,
      [&](store::Transaction& tx) {
        return casework::unallocated_report(tx, asked->from, asked->to);
      },
      report);
  if (failed) return *failed;
  json rows = json::array();
  for (const auto& row : report.rows) {
    if (!in_team(asked->team, row.from_team_id) && !in_team(asked->team, row.to_team_id)) continue;
    rows.push_back({{"child_id", row.child_id},
                    {"child_local_id", row.child_local_id},
                    {"trigger", row.trigger},
                    {"reason", row.reason},
                    {"from_worker_id", optional_id_json(row.from_worker_id)},
                    {"from_worker_name", row.from_worker_name},
                    {"from_team_id", optional_id_json(row.from_team_id)},
                    {"waiting_since", row.waiting_since.iso()},
                    {"allocated_on", optional_date_json(row.allocated_on)},
                    {"to_worker_id", optional_id_json(row.to_worker_id)},
                    {"to_worker_name", row.to_worker_name},
                    {"to_team_id", optional_id_json(row.to_team_id)},
                    {"days_waited", row.days_waited}});
  }
  json body = period_json(*asked);
  body["rows"] = rows;
  return json_response(200, body);
}

Response caseloads_report(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto asked = report_request(services, request, caller, "caseloads", refusal);
  if (!asked) return refusal;
  casework::CaseloadReport report;
  auto failed = run_report(
      services,
      [&](store::Transaction& tx) {
        return casework::caseloads_report(tx, asked->from, asked->to);
      },
      report);
  if (failed) return *failed;
  json dates = json::array();
  for (const auto& date : report.dates) dates.push_back(date.iso());
  json points = json::array();
  for (const auto& point : report.points) {
    if (!in_team(asked->team, point.team_id)) continue;
    points.push_back({{"date", point.date.iso()},
                      {"worker_id", point.worker_id},
                      {"worker_name", point.worker_name},
                      {"team_id", optional_id_json(point.team_id)},
                      {"fte", point.fte},
                      {"cases", point.cases},
                      {"weighted", point.weighted},
                      {"limit", point.limit},
                      {"over", point.over}});
  }
  json body = period_json(*asked);
  body["dates"] = dates;
  body["points"] = points;
  return json_response(200, body);
}

}  // namespace safeguard::api::handlers
