// A team manager's team (caseload per worker, unallocated cases, closures to approve), allocating
// or transferring a case, approving a closure, and a head of service's view of every team.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "audit/audit_trail.h"
#include "auth/policy.h"
#include "casework/casework.h"
#include "casework/worklist.h"
#include "domain/child.h"
#include "domain/safeguards.h"
#include "domain/workforce.h"
#include "pages/child_view.h"
#include "pages/forms.h"
#include "pages/pagination.h"
#include "pages/site.h"

namespace safeguard::pages {
namespace {

constexpr std::size_t kUnallocatedPageSize = 25;
constexpr std::int32_t kLongWaitDays = 10;

bool in_post(const domain::Worker& worker, Date today) {
  return worker.start_date <= today && (!worker.leaving_date || *worker.leaving_date > today);
}

bool open_on(Date start, const std::optional<Date>& end, Date today) {
  return start <= today && (!end || *end > today);
}

std::string service_title(std::string_view service) {
  if (service == "front_door") return "Front door";
  if (service == "assessment") return "Assessment";
  if (service == "safeguarding") return "Safeguarding";
  if (service == "children_in_care") return "Children in care";
  if (service == "leaving_care") return "Leaving care";
  if (service == "disability") return "Disabled children";
  return std::string(service);
}

std::string role_title(std::string_view role) {
  std::string title(role);
  std::replace(title.begin(), title.end(), '_', ' ');
  if (!title.empty())
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  return title;
}

std::string one_decimal(double value) { return fmt::format("{:.1f}", value); }

casework::Casework casework_of(Site& site) {
  return casework::Casework(site.services().store, site.services().codes, site.services().clock);
}

// Records that `caller` saw these children listed (one event; no child's record was opened).
void audit_listing(Site& site, const api::Caller& caller, std::string entity, std::string entity_id,
                   const std::vector<std::int64_t>& child_ids) {
  if (child_ids.empty()) return;
  audit::Event event;
  event.actor = caller.principal.username;
  event.action = "read";
  event.entity = std::move(entity);
  event.entity_id = std::move(entity_id);
  std::string ids;
  for (auto id : child_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
  event.reason = "children listed: " + ids;
  (void)site.services().trail.append(event);
}

void audit_refusal(Site& site, const api::Caller& caller, std::string entity, std::string entity_id,
                   std::string reason) {
  audit::Event event;
  event.actor = caller.principal.username;
  event.action = "refuse";
  event.entity = std::move(entity);
  event.entity_id = std::move(entity_id);
  event.reason = std::move(reason);
  (void)site.services().trail.append(event);
}

// Whether the caller may see team `team_id`'s page: its manager, or a head of service.
std::optional<std::string> team_refusal(const api::Caller& caller, std::int64_t team_id) {
  auth::Decision decision = auth::decide(caller.principal, auth::Action::kViewTeamCaseloads);
  if (!decision.allowed) return decision.reason;
  if (caller.principal.role == auth::Role::kHeadOfService) return std::nullopt;
  if (caller.principal.team_id == team_id) return std::nullopt;
  return std::string("a team manager sees their own team's caseloads");
}

struct TeamFacts {
  domain::Team team;
  std::vector<domain::Worker> workers;           // in post
  std::vector<domain::Allocation> tray;          // open, no worker, longest waiting first
  std::map<std::int64_t, std::string> children;  // names of the children shown
  std::set<std::int64_t> held_children;          // every child the team holds now
};

Result<TeamFacts> team_facts(Site& site, std::int64_t team_id) {
  TeamFacts facts;
  Date today = site.today();
  Status status = site.services().store.read([&](store::Transaction& tx) -> Status {
    auto team = tx.find<domain::Team>(team_id);
    if (!team) return team.error();
    if (!*team) return Error::not_found(fmt::format("there is no team with id {}", team_id));
    facts.team = **team;
    auto workers = tx.list_where<domain::Worker>("team_id", team_id, "name");
    if (!workers) return workers.error();
    for (auto& worker : *workers) {
      if (in_post(worker, today)) facts.workers.push_back(std::move(worker));
    }
    auto allocations = tx.list_where<domain::Allocation>("team_id", team_id, "start_date");
    if (!allocations) return allocations.error();
    for (auto& allocation : *allocations) {
      if (!open_on(allocation.start_date, allocation.end_date, today)) continue;
      facts.held_children.insert(allocation.child_id);
      if (!allocation.worker_id) facts.tray.push_back(std::move(allocation));
    }
    for (const auto& waiting : facts.tray) {
      auto child = tx.find<domain::Child>(waiting.child_id);
      if (child && *child) facts.children[waiting.child_id] = full_name(**child);
    }
    return Status::success();
  });
  if (!status) return status.error();
  return facts;
}

// -- the team page
// ---------------------------------------------------------------------------------

http::Response team_page(Site& site, http::Request& request, const api::Caller& caller,
                         std::int64_t team_id) {
  if (auto refused = team_refusal(caller, team_id)) {
    audit_refusal(site, caller, "team", std::to_string(team_id), *refused);
    std::string why = *refused;
    why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
    return site.message(403, site.frame_for(caller, "You do not have access to this team"),
                        "You do not have access to this team", {why + "."},
                        Link{Site::home_for(caller.principal), "Go back to your cases"});
  }
  auto facts = team_facts(site, team_id);
  if (!facts) return site.error_page(caller, facts.error());
  Date today = site.today();
  casework::Casework casework = casework_of(site);
  auto settings = casework.settings();
  double limit_per_fte = settings ? settings->caseload_limit_per_fte : 18.0;

  // Overdue statutory tasks by the worker holding the case.
  std::map<std::int64_t, int> overdue;
  if (auto work = casework::work_list(site.services().store, casework::WorkListScope::team(team_id),
                                      today)) {
    for (const auto& item : work->items) {
      if (item.kind == "statutory" && item.worker_id &&
          item.state == rules::ClockItem::State::kOverdue) {
        ++overdue[*item.worker_id];
      }
    }
  }

  Data workers = list();
  for (const auto& worker : facts->workers) {
    auto load = casework.caseload(worker.id, today);
    Data item = object();
    item["name"] = worker.name;
    item["role"] = role_title(worker.role);
    item["agency"] = flag(worker.agency);
    item["cases"] = std::to_string(load ? load->cases : 0);
    item["over_limit"] = flag(load && load->over());
    item["overdue"] = std::to_string(overdue[worker.id]);
    workers << item;
  }

  Page shown = page_of(request.query_param("page"), facts->tray.size(), kUnallocatedPageSize);
  Data waiting = list();
  std::vector<std::int64_t> listed;
  for (std::size_t i = shown.begin; i < shown.end; ++i) {
    const auto& allocation = facts->tray[i];
    std::int32_t days = allocation.start_date.days_until(today);
    Data item = object();
    item["id"] = std::to_string(allocation.child_id);
    item["name"] = facts->children.count(allocation.child_id)
                       ? facts->children[allocation.child_id]
                       : fmt::format("Child {}", allocation.child_id);
    item["since"] = long_date(allocation.start_date);
    item["days"] = std::to_string(days);
    item["long_wait"] = flag(days > kLongWaitDays);
    waiting << item;
    listed.push_back(allocation.child_id);
  }

  Data closures = list();
  std::size_t closure_count = 0;
  if (auto awaiting = casework.closures_awaiting_approval()) {
    for (const auto& request_row : *awaiting) {
      if (!facts->held_children.count(request_row.child_id)) continue;
      std::string name = fmt::format("Child {}", request_row.child_id);
      (void)site.services().store.read([&](store::Transaction& tx) -> Status {
        auto child = tx.find<domain::Child>(request_row.child_id);
        if (child && *child) name = full_name(**child);
        return Status::success();
      });
      Data item = object();
      item["id"] = std::to_string(request_row.id);
      item["child_id"] = std::to_string(request_row.child_id);
      item["child_name"] = name;
      item["requested_by"] = request_row.requested_by;
      item["requested_on"] = long_date(request_row.requested_on);
      item["reason"] = request_row.note.empty()
                           ? site.services().codes.description("ReasonForClosure",
                                                               request_row.reason_for_closure)
                           : request_row.note;
      closures << item;
      listed.push_back(request_row.child_id);
      ++closure_count;
    }
  }
  audit_listing(site, caller, "team", std::to_string(team_id), listed);

  Data data = object();
  data["team_name"] = facts->team.name;
  data["service"] = service_title(facts->team.service);
  data["has_workers"] = flag(!facts->workers.empty());
  data["workers"] = std::move(workers);
  data["caseload_limit"] = fmt::format("{:g}", limit_per_fte);
  data["has_unallocated"] = flag(!facts->tray.empty());
  data["unallocated"] = std::move(waiting);
  data["unallocated_summary"] =
      fmt::format("{} {} waiting for a worker. {}", facts->tray.size(),
                  facts->tray.size() == 1 ? "case is" : "cases are", showing_text(shown, "cases"));
  data["pagination"] = pagination_data(shown, fmt::format("/teams/{}", team_id), "#unallocated",
                                       "Unallocated pages");
  data["has_closures"] = flag(closure_count > 0);
  data["closures"] = std::move(closures);

  bool own_team = caller.principal.team_id == team_id;
  data["emergency_href"] = own_team ? std::string("/team/emergency-access")
                                    : fmt::format("/teams/{}/emergency-access", team_id);
  Frame frame = site.frame_for(caller, facts->team.name, own_team ? "/team" : "");
  frame.chart = true;
  frame.notice = notice_for(request.query_param("done"));
  if (!own_team) frame.breadcrumbs.push_back(Link{"/service", "All teams", false});
  return site.page(200, "team", std::move(data), frame);
}

// -- all teams
// -------------------------------------------------------------------------------------

http::Response service_page(Site& site, const api::Caller& caller) {
  auth::Decision decision = auth::decide(caller.principal, auth::Action::kViewAllTeams);
  if (!decision.allowed) {
    audit_refusal(site, caller, "service", "all", decision.reason);
    std::string why = decision.reason;
    why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
    return site.message(403, site.frame_for(caller, "You do not have access to this page"),
                        "You do not have access to this page", {why + "."},
                        Link{Site::home_for(caller.principal), "Go back to your cases"});
  }
  Date today = site.today();
  struct Row {
    domain::Team team;
    int workers = 0;
    std::set<std::int64_t> cases;
    int unallocated = 0;
    std::int32_t longest_wait = 0;
  };
  std::map<std::int64_t, Row> rows;
  Status status = site.services().store.read([&](store::Transaction& tx) -> Status {
    SAFEGUARD_TRY(tx.for_each<domain::Team>([&](const domain::Team& team) -> Status {
      if (team.active) rows[team.id].team = team;
      return Status::success();
    }));
    SAFEGUARD_TRY(tx.for_each<domain::Worker>([&](const domain::Worker& worker) -> Status {
      if (worker.team_id && rows.count(*worker.team_id) && in_post(worker, today)) {
        ++rows[*worker.team_id].workers;
      }
      return Status::success();
    }));
    return tx.for_each<domain::Allocation>([&](const domain::Allocation& allocation) -> Status {
      auto row = rows.find(allocation.team_id);
      if (row == rows.end() || !open_on(allocation.start_date, allocation.end_date, today)) {
        return Status::success();
      }
      row->second.cases.insert(allocation.child_id);
      if (!allocation.worker_id) {
        ++row->second.unallocated;
        row->second.longest_wait =
            std::max(row->second.longest_wait, allocation.start_date.days_until(today));
      }
      return Status::success();
    });
  });
  if (!status) return site.error_page(caller, status.error());

  Data teams = list();
  std::size_t all_cases = 0;
  int all_unallocated = 0;
  for (const auto& [id, row] : rows) {
    Data item = object();
    item["id"] = std::to_string(id);
    item["name"] = row.team.name;
    item["service"] = service_title(row.team.service);
    item["workers"] = std::to_string(row.workers);
    item["cases"] = std::to_string(row.cases.size());
    item["unallocated"] = std::to_string(row.unallocated);
    item["has_unallocated_alert"] = flag(row.longest_wait > kLongWaitDays);
    item["longest_wait"] = row.unallocated > 0 ? std::to_string(row.longest_wait) : "–";
    teams << item;
    all_cases += row.cases.size();
    all_unallocated += row.unallocated;
  }
  Data data = object();
  data["teams"] = std::move(teams);
  data["summary"] = fmt::format("{} teams hold {} open cases; {} are waiting for a worker.",
                                rows.size(), all_cases, all_unallocated);
  return site.page(200, "service", std::move(data),
                   site.frame_for(caller, "All teams", "/service"));
}

// -- allocation
// ------------------------------------------------------------------------------------

struct AllocationContext {
  domain::Child child;
  std::int64_t team_id = 0;
  std::string team_name;
  std::vector<domain::Worker> workers;
  std::string held_now;
  bool has_worker = false;
};

Result<AllocationContext> allocation_context(Site& site, const api::Caller& caller,
                                             std::int64_t child_id) {
  SAFEGUARD_TRY(
      site.services().cases.authorise(caller.principal, auth::Action::kAllocateCase, child_id));
  auto holders = site.services().cases.holders(child_id);
  if (!holders) return holders.error();
  AllocationContext context;
  Date today = site.today();
  if (caller.principal.role == auth::Role::kTeamManager && caller.principal.team_id) {
    context.team_id = *caller.principal.team_id;
  } else if (!holders->team_ids.empty()) {
    context.team_id = holders->team_ids.front();
  } else if (caller.principal.team_id) {
    context.team_id = *caller.principal.team_id;
  } else {
    return Error::conflict(
        "this case is held by no team: put it in a team's tray first, then allocate it there");
  }
  Status status = site.services().store.read([&](store::Transaction& tx) -> Status {
    auto child = tx.find<domain::Child>(child_id);
    if (!child) return child.error();
    if (!*child) return Error::not_found(fmt::format("there is no child with id {}", child_id));
    context.child = **child;
    auto team = tx.find<domain::Team>(context.team_id);
    if (team && *team) context.team_name = (*team)->name;
    auto workers = tx.list_where<domain::Worker>("team_id", context.team_id, "name");
    if (!workers) return workers.error();
    for (auto& worker : *workers) {
      if (in_post(worker, today) && worker.role != "team_manager" &&
          worker.role != "head_of_service") {
        context.workers.push_back(std::move(worker));
      }
    }
    auto allocations = tx.list_where<domain::Allocation>("child_id", child_id, "start_date");
    if (!allocations) return allocations.error();
    for (const auto& allocation : *allocations) {
      if (!open_on(allocation.start_date, allocation.end_date, today)) continue;
      if (allocation.worker_id) {
        context.has_worker = true;
        auto worker = tx.find<domain::Worker>(*allocation.worker_id);
        context.held_now = fmt::format("Held now by {} since {}.",
                                       worker && *worker ? (*worker)->name : "a worker",
                                       long_date(allocation.start_date));
      } else if (context.held_now.empty()) {
        context.held_now =
            fmt::format("Waiting for a worker since {} ({} days).",
                        long_date(allocation.start_date), allocation.start_date.days_until(today));
      }
    }
    if (context.held_now.empty()) context.held_now = "Not held by any worker or team now.";
    return Status::success();
  });
  if (!status) return status.error();
  SAFEGUARD_TRY(
      site.services().cases.record_event(caller.principal, "read", child_id, "allocation form"));
  return context;
}

http::Response allocation_form(Site& site, const api::Caller& caller,
                               const AllocationContext& context, const Fields& fields,
                               const FormErrors& errors, int status) {
  casework::Casework casework = casework_of(site);
  auto settings = casework.settings();
  Date today = site.today();
  std::string chosen = field(fields, "worker");
  Data workers = list();
  for (const auto& worker : context.workers) {
    auto load = casework.caseload(worker.id, today);
    Data item = object();
    item["id"] = std::to_string(worker.id);
    item["name"] = worker.name;
    item["role"] = role_title(worker.role);
    item["cases"] = std::to_string(load ? load->cases : 0);
    item["weighted"] = one_decimal(load ? load->weighted : 0.0);
    item["limit"] = one_decimal(load ? load->limit : 0.0);
    item["over"] = flag(load && load->over());
    item["checked"] = flag(chosen == std::to_string(worker.id));
    workers << item;
  }
  Data data = object();
  errors.add_to(data);
  data["child_id"] = std::to_string(context.child.id);
  data["child_name"] = full_name(context.child);
  data["heading"] =
      context.has_worker ? std::string("Transfer the case") : std::string("Allocate the case");
  data["button"] = context.has_worker ? std::string("Transfer") : std::string("Allocate");
  data["held_now"] = context.held_now;
  data["team_name"] = context.team_name.empty() ? std::string("the team") : context.team_name;
  data["limit_per_fte"] = fmt::format("{:g}", settings ? settings->caseload_limit_per_fte : 18.0);
  data["has_workers"] = flag(!context.workers.empty());
  data["workers"] = std::move(workers);
  Data values = object();
  values["reason"] = field(fields, "reason");
  values["override_reason"] = field(fields, "override_reason");
  data["value"] = std::move(values);
  Frame frame =
      site.frame_for(caller, context.has_worker ? "Transfer the case" : "Allocate the case");
  frame.has_errors = !errors.empty();
  frame.breadcrumbs.push_back(Link{Site::home_for(caller.principal), "My cases", false});
  frame.breadcrumbs.push_back(
      Link{fmt::format("/children/{}", context.child.id), full_name(context.child), false});
  return site.page(status, "allocation_form", std::move(data), frame);
}

http::Response allocate(Site& site, http::Request& request, const api::Caller& caller,
                        std::int64_t child_id) {
  auto context = allocation_context(site, caller, child_id);
  if (!context) return site.error_page(caller, context.error());
  Fields fields = api::form_fields(request);
  std::vector<std::int64_t> offered;
  for (const auto& worker : context->workers) offered.push_back(worker.id);
  FormErrors errors;
  auto form = read_allocation_form(fields, offered, errors);
  std::string override_reason = field(fields, "override_reason");
  if (override_reason.size() > kMaxReasonLength) {
    errors.add("override_reason", "override_reason",
               "The reason to go over the limit must be 2,000 characters or fewer");
  }
  if (!form || !errors.empty()) return allocation_form(site, caller, *context, fields, errors, 422);

  casework::AllocationRequest allocation;
  allocation.child_id = child_id;
  allocation.worker_id = form->worker_id;
  allocation.team_id = context->team_id;
  allocation.reason = form->reason;
  allocation.override_reason = override_reason;
  auto outcome = casework_of(site).allocate(caller.actor(), allocation);
  if (!outcome) {
    const Error& error = outcome.error();
    if (error.kind == ErrorKind::kConflict || error.kind == ErrorKind::kInvalid ||
        error.kind == ErrorKind::kForbidden) {
      std::string message = error.message;
      if (!message.empty()) {
        message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
      }
      bool about_limit = message.find("limit") != std::string::npos;
      errors.add(about_limit ? "override_reason" : "worker",
                 about_limit ? "override_reason" : fmt::format("worker-{}", form->worker_id),
                 message);
      return allocation_form(site, caller, *context, fields, errors,
                             error.kind == ErrorKind::kForbidden ? 403 : 409);
    }
    return site.error_page(caller, error);
  }
  if (caller.principal.team_id == context->team_id) {
    return http::Response::redirect("/team?done=allocated");
  }
  return http::Response::redirect(fmt::format("/children/{}?done=allocated", child_id));
}

// -- closure approval
// ------------------------------------------------------------------------------

http::Response approve_closure(Site& site, http::Request& request, const api::Caller& caller) {
  auto id = parse_id(request.path_param("id"));
  if (!id) return site.error_page(caller, Error::not_found("no such closure request"));
  std::optional<domain::ClosureRequest> closure;
  Status read = site.services().store.read([&](store::Transaction& tx) -> Status {
    auto found = tx.find<domain::ClosureRequest>(*id);
    if (!found) return found.error();
    closure = std::move(*found);
    return Status::success();
  });
  if (!read) return site.error_page(caller, read.error());
  if (!closure) return site.error_page(caller, Error::not_found("no such closure request"));
  Status allowed = site.services().cases.authorise(caller.principal, auth::Action::kApproveClosure,
                                                   closure->child_id);
  if (!allowed) return site.error_page(caller, allowed.error());
  Fields fields = api::form_fields(request);
  auto decision = casework_of(site).approve_closure(caller.actor(), *id, field(fields, "note"));
  if (!decision) return site.error_page(caller, decision.error());
  if (decision->status == casework::ClosureDecision::Status::kRefused) {
    std::vector<std::string> paragraphs{decision->message};
    for (const auto& unmet : decision->unmet) paragraphs.push_back(unmet.message);
    return site.message(
        422, site.frame_for(caller, "The case cannot be closed yet"),
        "The case cannot be closed yet", std::move(paragraphs),
        Link{fmt::format("/children/{}", closure->child_id), "Open the child's record"});
  }
  return http::Response::redirect("/team?done=closed");
}

}  // namespace

Status add_team_routes(http::Router& router, Site& site) {
  SAFEGUARD_TRY(router.add(
      "GET", "/team", site.signed_in([&site](http::Request& request, const api::Caller& caller) {
        if (!caller.principal.team_id) {
          return site.message(404, site.frame_for(caller, "No team"), "You are not in a team",
                              {"Ask an administrator to put your account in your team."});
        }
        return team_page(site, request, caller, *caller.principal.team_id);
      })));
  SAFEGUARD_TRY(
      router.add("GET", "/teams/{id}",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   auto id = parse_id(request.path_param("id"));
                   if (!id) return site.error_page(caller, Error::not_found("no such team"));
                   return team_page(site, request, caller, *id);
                 })));
  SAFEGUARD_TRY(router.add("GET", "/service",
                           site.signed_in([&site](http::Request&, const api::Caller& caller) {
                             return service_page(site, caller);
                           })));
  SAFEGUARD_TRY(
      router.add("GET", "/children/{id}/allocation",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   auto id = parse_id(request.path_param("id"));
                   if (!id) return site.error_page(caller, Error::not_found("no such child"));
                   auto context = allocation_context(site, caller, *id);
                   if (!context) return site.error_page(caller, context.error());
                   return allocation_form(site, caller, *context, {}, FormErrors{}, 200);
                 })));
  SAFEGUARD_TRY(
      router.add("POST", "/children/{id}/allocation",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   auto id = parse_id(request.path_param("id"));
                   if (!id) return site.error_page(caller, Error::not_found("no such child"));
                   return allocate(site, request, caller, *id);
                 })));
  SAFEGUARD_TRY(
      router.add("POST", "/closures/{id}/approve",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   return approve_closure(site, request, caller);
                 })));
  return Status::success();
}

}  // namespace safeguard::pages
