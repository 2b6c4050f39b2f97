#include "api/routes.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "api/child_access.h"
#include "api/handlers.h"
#include "api/problems.h"
#include "api/request_fields.h"
#include "api/session.h"
#include "api/views.h"
#include "domain/validation.h"

namespace safeguard::api {
namespace {

using http::Request;
using http::Response;

// --- handlers -------------------------------------------------------------------------------

Response healthz(Request&) { return Response::text(200, "ok"); }

Response create_session(Services& services, Request& request) {
  Response refusal;
  auto body = json_object_body(request, refusal);
  if (!body) return refusal;
  std::vector<FieldError> errors;
  auto username = required_string(*body, "username", 64, "Enter your username", errors);
  auto password = required_string(*body, "password", 1024, "Enter your password", errors);
  if (!errors.empty()) return validation_problem(errors);
  SignInAttempt attempt = attempt_sign_in(services, request, *username, *password);
  if (!attempt.session) {
    nlohmann::json extra = nlohmann::json::object();
    if (attempt.retry_after_seconds) extra["retry_after_seconds"] = *attempt.retry_after_seconds;
    Response response = problem(attempt.status, attempt.title, attempt.detail, extra);
    if (attempt.retry_after_seconds) {
      response.headers.set("Retry-After", std::to_string(*attempt.retry_after_seconds));
    }
    return response;
  }
  const app::IssuedSession& session = *attempt.session;
  Response response = json_response(200, {{"csrf_token", session.csrf_token},
                                          {"expires_at", session.expires_at},
                                          {"user", principal_json(session.principal)}});
  set_session_cookie(response, services, request, session.token);
  return response;
}

Response delete_session(Services& services, Request& request, const Caller&) {
  auto token = cookie_value(request, kSessionCookie);
  if (token) {
    Status ended = services.access.sign_out(*token);
    if (!ended) return problem_for(ended.error());
  }
  Response response{204, {}, {}};
  clear_session_cookie(response, services, request);
  return response;
}

Response me(Services& services, Request&, const Caller& caller) {
  return json_response(200, {{"user", principal_json(caller.principal)},
                             {"csrf_token", caller.csrf_token},
                             {"demo", services.demo()},
                             {"authority_name", services.options.authority_name}});
}

std::vector<rules::ClockItem> clocks_for(Services& services, const app::ChildRecord& record,
                                         Date today) {
  return rules::statutory_clocks(facts_of(record), today, services.timescales, services.calendar);
}

Response my_caseload(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto page = parse_page(request, refusal);
  if (!page) return refusal;
  auto records = services.cases.caseload(caller.principal);
  if (!records) return problem_for(records.error());
  Date today = services.clock.today();
  struct Line {
    nlohmann::json json;
    std::optional<Date> due;
  };
  std::vector<Line> lines;
  lines.reserve(records->size());
  for (const auto& record : *records) {
    auto clocks = clocks_for(services, record, today);
    auto next = rules::next_due(clocks);
    lines.push_back(
        {child_line(record, clocks, today), next ? std::optional<Date>(next->due) : std::nullopt});
  }
  // Soonest due first; children with nothing due last; then by id.
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    if (a.due.has_value() != b.due.has_value()) return a.due.has_value();
    return a.due && *a.due < *b.due;
  });
  nlohmann::json all = nlohmann::json::array();
  for (auto& line : lines) all.push_back(std::move(line.json));
  return json_response(200, paginate(all, *page));
}

Response show_child(Services& services, Request& request, const Caller& caller) {
  auto id = parse_id(request.path_param("id"));
  if (!id) return no_such_child();
  auto record = open_child(services, caller.principal, *id);
  if (!record) {
    if (record.error().kind == ErrorKind::kNotFound) return no_such_child();
    return problem_for(record.error());
  }
  Date today = services.clock.today();
  return json_response(200, child_record(*record, clocks_for(services, *record, today), today));
}

Response validation_or_error(const Error& error) { return problem_for(error); }

template <typename Record>
Response created(Services& services, const Caller& caller, Record record) {
  auto problems = domain::validate(record, services.codes);
  if (!problems.empty()) {
    std::vector<FieldError> errors;
    for (auto& each : problems) errors.push_back({each.field, each.message});
    return validation_problem(errors);
  }
  auto id = services.case_record.add(caller.actor(), std::move(record));
  if (!id) return validation_or_error(id.error());
  Response response = json_response(201, {{"id", *id}});
  return response;
}

Response record_visit(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto child_id =
      authorised_child(services, request, caller, auth::Action::kRecordOnChild, refusal);
  if (!child_id) return refusal;
  auto body = json_object_body(request, refusal);
  if (!body) return refusal;
  Date today = services.clock.today();
  std::vector<FieldError> errors;
  auto date =
      date_member(*body, "date", today, std::nullopt, "Enter the date of the visit", errors);
  auto seen = bool_member(*body, "child_seen", "Say whether the child was seen", errors);
  auto alone = bool_member(*body, "seen_alone", "Say whether the child was seen alone", errors);
  std::string note = optional_string(*body, "note", 20'000, errors);
  if (seen && alone && *alone && !*seen) {
    errors.push_back({"seen_alone", "A child who was not seen cannot have been seen alone"});
  }
  if (!errors.empty()) return validation_problem(errors);
  domain::Visit visit;
  visit.child_id = *child_id;
  visit.worker_id = caller.principal.worker_id;
  visit.date = *date;
  visit.child_seen = *seen;
  visit.seen_alone = *alone;
  visit.note = std::move(note);
  return created(services, caller, std::move(visit));
}

Response record_note(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto child_id =
      authorised_child(services, request, caller, auth::Action::kRecordOnChild, refusal);
  if (!child_id) return refusal;
  auto body = json_object_body(request, refusal);
  if (!body) return refusal;
  Date today = services.clock.today();
  std::vector<FieldError> errors;
  auto date = date_member(*body, "date", today, today, "", errors);
  std::string subject = optional_string(*body, "subject", 200, errors);
  auto text = required_string(*body, "text", 50'000, "Enter the case note", errors);
  if (!errors.empty()) return validation_problem(errors);
  domain::CaseNote note;
  note.child_id = *child_id;
  note.author_worker_id = caller.principal.worker_id;
  note.date = *date;
  note.subject = std::move(subject);
  note.text = std::move(*text);
  return created(services, caller, std::move(note));
}

// One entry of the chronology.
struct Entry {
  Date date;
  int order = 0;  // among entries of one date: the order the kinds are listed in below
  nlohmann::json json;
};

template <typename Record, typename Describe>
void add_entries(std::vector<Entry>& entries, const std::vector<Record>& records,
                 std::string_view kind, int order, Describe describe) {
  for (const auto& record : records) {
    auto [date, text] = describe(record);
    entries.push_back(
        {date,
         order,
         {{"date", date.iso()}, {"kind", kind}, {"record_id", record.id}, {"summary", text}}});
  }
}

std::vector<Entry> chronology_of(const app::ChildRecord& record) {
  std::vector<Entry> entries;
  auto with_end = [](std::string text, const std::optional<Date>& end) {
    return end ? text + fmt::format(" (ended {})", end->iso()) : text;
  };
  add_entries(entries, record.contacts, "contact", 0, [](const domain::Contact& c) {
    return std::pair{c.date, fmt::format("Contact from source {}{}", c.source,
                                         c.outcome.empty() ? "" : ": " + c.outcome)};
  });
  add_entries(entries, record.referrals, "referral", 1, [](const domain::Referral& r) {
    return std::pair{r.date, fmt::format("Referral from source {}{}", r.source,
                                         r.no_further_action ? ": no further action" : "")};
  });
  add_entries(entries, record.child_in_need_episodes, "child_in_need_episode", 2,
              [&](const domain::ChildInNeedEpisode& e) {
                return std::pair{
                    e.start_date,
                    with_end(fmt::format("Child in need episode opened (need {})", e.primary_need),
                             e.end_date)};
              });
  add_entries(entries, record.assessments, "assessment", 3, [](const domain::Assessment& a) {
    return std::pair{a.start_date, a.authorised_date
                                       ? fmt::format("Assessment started; authorised {}",
                                                     a.authorised_date->iso())
                                       : std::string("Assessment started")};
  });
  add_entries(entries, record.section47_enquiries, "section47_enquiry", 4,
              [](const domain::Section47Enquiry& e) {
                return std::pair{e.start_date, std::string("Section 47 enquiry started")};
              });
  add_entries(entries, record.conferences, "conference", 5,
              [](const domain::InitialChildProtectionConference& c) {
                return std::pair{c.date, fmt::format("Initial child protection conference{}",
                                                     c.plan_made ? ": plan made" : "")};
              });
  add_entries(
      entries, record.protection_plans, "protection_plan", 6,
      [&](const domain::ChildProtectionPlan& p) {
        return std::pair{
            p.start_date,
            with_end(fmt::format("Child protection plan ({})", p.initial_category), p.end_date)};
      });
  add_entries(entries, record.protection_reviews, "protection_review", 7,
              [](const domain::ChildProtectionReview& r) {
                return std::pair{r.date, std::string("Child protection review conference")};
              });
  add_entries(entries, record.looked_after_episodes, "looked_after_episode", 8,
              [&](const domain::LookedAfterEpisode& e) {
                return std::pair{e.start_date,
                                 with_end(fmt::format("Looked after: legal status {}, placement {}",
                                                      e.legal_status, e.placement_type),
                                          e.end_date)};
              });
  add_entries(entries, record.looked_after_reviews, "looked_after_review", 9,
              [](const domain::LookedAfterReview& r) {
                return std::pair{r.date, std::string("Looked-after review")};
              });
  add_entries(entries, record.missing_episodes, "missing_episode", 10,
              [&](const domain::MissingEpisode& m) {
                return std::pair{m.start_date,
                                 with_end(m.kind == "M" ? std::string("Missing")
                                                        : std::string("Away without authorisation"),
                                          m.end_date)};
              });
  add_entries(entries, record.legal_orders, "legal_order", 11, [&](const domain::LegalOrder& o) {
    return std::pair{o.made_date, with_end("Order made: " + o.type, o.end_date)};
  });
  add_entries(
      entries, record.care_leaver_contacts, "care_leaver_contact", 12,
      [](const domain::CareLeaverContact& c) {
        return std::pair{c.date, fmt::format("Care leaver contact (in touch: {})", c.in_touch)};
      });
  add_entries(entries, record.visits, "visit", 13, [](const domain::Visit& v) {
    return std::pair{v.date, std::string(!v.child_seen  ? "Visit: child not seen"
                                         : v.seen_alone ? "Visit: child seen alone"
                                                        : "Visit: child seen")};
  });
  add_entries(entries, record.case_notes, "case_note", 14, [](const domain::CaseNote& n) {
    return std::pair{n.date,
                     n.subject.empty() ? std::string("Case note") : "Case note: " + n.subject};
  });
  add_entries(entries, record.allocations, "allocation", 15, [&](const domain::Allocation& a) {
    std::optional<std::int64_t> worker(a.worker_id);
    return std::pair{
        a.start_date,
        with_end(worker ? fmt::format("Allocated to worker {} in team {}", *worker, a.team_id)
                        : fmt::format("Waiting in team {}'s tray", a.team_id),
                 a.end_date)};
  });
  // Newest first; within a day in the order of the list above, then by record id.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.date != b.date) return b.date < a.date;
    if (a.order != b.order) return a.order < b.order;
    return a.json["record_id"].get<std::int64_t>() < b.json["record_id"].get<std::int64_t>();
  });
  return entries;
}

Response chronology(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto page = parse_page(request, refusal);
  if (!page) return refusal;
  auto id = parse_id(request.path_param("id"));
  if (!id) return no_such_child();
  auto record = open_child(services, caller.principal, *id);
  if (!record) {
    if (record.error().kind == ErrorKind::kNotFound) return no_such_child();
    return problem_for(record.error());
  }
  nlohmann::json all = nlohmann::json::array();
  for (auto& entry : chronology_of(*record)) all.push_back(std::move(entry.json));
  nlohmann::json body = paginate(all, *page);
  body["child_id"] = *id;
  return json_response(200, body);
}

Response summary(Services& services, Request& request, const Caller& caller) {
  auto decision = auth::decide(caller.principal, auth::Action::kViewAggregates);
  if (!decision.allowed) {
    Status refused = services.cases.refuse_general(caller.principal, auth::Action::kViewAggregates,
                                                   "summary", decision.reason);
    return problem_for(refused.error());
  }
  Date as_of = services.clock.today();
  if (std::string_view text = request.query_param("as_of"); !text.empty()) {
    auto parsed = Date::parse_iso(text);
    if (!parsed) return validation_problem({{"as_of", "as_of must be a date like 2026-03-31"}});
    as_of = *parsed;
  }
  auto counted = services.case_record.summary(as_of);
  if (!counted) return problem_for(counted.error());
  const store::Summary& s = *counted;
  return json_response(200, {{"as_of", s.as_of.iso()},
                             {"children_looked_after", s.children_looked_after},
                             {"placements", s.placements},
                             {"child_protection_plans", s.cp_plans},
                             {"children_in_need", s.children_in_need},
                             {"unallocated_cases", s.unallocated_cases},
                             {"workers", s.workers},
                             {"case_holding_workers", s.case_holding_workers},
                             {"allocated_cases", s.allocated_cases},
                             {"mean_caseload", s.mean_caseload}});
}

// --- the table --------------------------------------------------------------------------------

using Plain = std::function<Response(Services&, Request&)>;
using Guarded = std::function<Response(Services&, Request&, const Caller&)>;

struct Route {
  RouteSpec spec;
  Plain plain;      // answered without a session
  Guarded guarded;  // answered through signed_in()
};

const std::vector<Route>& route_table() {
  static const std::vector<Route> routes = {
      {{"GET", "/healthz"}, [](Services&, Request& request) { return healthz(request); }, {}},
      {{"POST", "/api/v1/session"}, create_session, {}},
      {{"DELETE", "/api/v1/session"}, {}, delete_session},
      {{"GET", "/api/v1/me"}, {}, me},
      {{"GET", "/api/v1/me/caseload"}, {}, my_caseload},
      {{"GET", "/api/v1/children/{id}"}, {}, show_child},
      {{"GET", "/api/v1/children/{id}/chronology"}, {}, chronology},
      {{"POST", "/api/v1/children/{id}/visits"}, {}, record_visit},
      {{"POST", "/api/v1/children/{id}/notes"}, {}, record_note},
      {{"GET", "/api/v1/summary"}, {}, summary},
      // The safeguards (src/casework).
      {{"POST", "/api/v1/children/{id}/closure"}, {}, handlers::request_closure},
      {{"GET", "/api/v1/closures"}, {}, handlers::closures_awaiting_approval},
      {{"POST", "/api/v1/closures/{id}/decision"}, {}, handlers::decide_closure},
      {{"POST", "/api/v1/children/{id}/allocation"}, {}, handlers::allocate},
      {{"GET", "/api/v1/worklist"}, {}, handlers::worklist},
      {{"GET", "/api/v1/reports/closures"}, {}, handlers::closures_report},
      {{"GET", "/api/v1/reports/unallocated"}, {}, handlers::unallocated_report},
      {{"GET", "/api/v1/reports/caseloads"}, {}, handlers::caseloads_report},
      // Emergency access and partner agencies.
      {{"POST", "/api/v1/children/{id}/break-glass"}, {}, handlers::break_glass},
      {{"GET", "/api/v1/team/break-glass"}, {}, handlers::break_glass_log},
      {{"POST", "/api/v1/concerns"}, {}, handlers::submit_concern},
      {{"GET", "/api/v1/concerns/{reference}"}, {}, handlers::show_concern},
  };
  return routes;
}

}  // namespace

const std::vector<RouteSpec>& api_routes() {
  static const std::vector<RouteSpec> specs = [] {
    std::vector<RouteSpec> all;
    for (const auto& route : route_table()) all.push_back(route.spec);
    return all;
  }();
  return specs;
}

Status add_api_routes(http::Router& router, Services& services) {
  for (const auto& route : route_table()) {
    http::Handler handler;
    if (route.plain) {
      handler = [&services, plain = route.plain](Request& request) {
        return plain(services, request);
      };
    } else {
      handler = signed_in(
          services, [&services, guarded = route.guarded](Request& request, const Caller& caller) {
            return guarded(services, request, caller);
          });
    }
    SAFEGUARD_TRY(router.add(route.spec.method, route.spec.pattern, std::move(handler)));
  }
  return Status::success();
}

}  // namespace safeguard::api
