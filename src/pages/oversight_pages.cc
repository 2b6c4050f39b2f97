// The narrow views: a team manager's list of emergency ("break-glass") accesses to their team's
// children, an analyst's aggregate figures (no child named), and a partner agency's concerns
// (submit one; see only their own). Every decision is auth::decide's; every refusal and read is
// audited.
//
// The concern pages hand the work to the JSON API's own handlers (api/handlers.h), so a concern
// sent from the page is matched, recorded and audited exactly as one sent to POST
// /api/v1/concerns, and the API's field errors become the GOV.UK error summary.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "api/child_access.h"
#include "api/handlers.h"
#include "auth/policy.h"
#include "domain/child.h"
#include "domain/workforce.h"
#include "pages/child_view.h"
#include "pages/forms.h"
#include "pages/pagination.h"
#include "pages/site.h"

namespace safeguard::pages {
namespace {

using nlohmann::json;

constexpr std::size_t kPageSize = 25;
constexpr std::int64_t kBreakGlassLogDays = 30;
constexpr std::size_t kSummaryPreview = 160;

std::string capitalised(std::string text) {
  if (!text.empty()) {
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  }
  return text;
}

http::Response refused_page(Site& site, const api::Caller& caller, auth::Action action,
                            std::string_view entity, const std::string& reason) {
  (void)site.services().cases.refuse_general(caller.principal, action, entity, reason);
  return site.message(403, site.frame_for(caller, "You do not have access to this page"),
                      "You do not have access to this page", {capitalised(reason) + "."},
                      Link{Site::home_for(caller.principal), "Go back to your start page"});
}

// "31 March 2026 at 14:05" from an ISO timestamp (UTC); the text as given when it does not parse.
std::string when(const Timestamp& at) {
  std::string iso = at.iso();
  return fmt::format("{} at {}", long_date(at.date()), iso.size() >= 16 ? iso.substr(11, 5) : "");
}

// -- emergency access to a team's children
// ----------------------------------------------------------

http::Response break_glass_page(Site& site, http::Request& request, const api::Caller& caller,
                                std::int64_t team_id) {
  auth::Scope scope;
  scope.kind = auth::Scope::Kind::kTeam;
  scope.team_id = team_id;
  auth::Decision decision = auth::decide(caller.principal, auth::Action::kReviewBreakGlass, scope);
  if (!decision.allowed) {
    return refused_page(site, caller, auth::Action::kReviewBreakGlass, "break_glass_log",
                        decision.reason);
  }
  Timestamp now = site.services().clock.now();
  Timestamp since = now.plus_seconds(-kBreakGlassLogDays * 86'400);
  Date today = now.date();
  std::string team_name;
  std::vector<api::BreakGlassGrant> grants;
  std::map<std::int64_t, std::string> names;
  Status read = site.services().store.read([&](store::Transaction& tx) -> Status {
    auto team = tx.find<domain::Team>(team_id);
    if (!team) return team.error();
    if (!*team) return Error::not_found(fmt::format("there is no team with id {}", team_id));
    team_name = (*team)->name;
    auto allocations = tx.list_where<domain::Allocation>("team_id", team_id, "child_id");
    if (!allocations) return allocations.error();
    std::set<std::int64_t> children;
    for (const auto& allocation : *allocations) {
      if (allocation.start_date <= today &&
          (!allocation.end_date || *allocation.end_date > today)) {
        children.insert(allocation.child_id);
      }
    }
    for (std::int64_t child_id : children) {
      auto found = api::break_glass_grants(tx, child_id, since);
      if (!found) return found.error();
      if (found->empty()) continue;
      grants.insert(grants.end(), found->begin(), found->end());
      auto child = tx.find<domain::Child>(child_id);
      if (child && *child) names[child_id] = full_name(**child);
    }
    return Status::success();
  });
  if (!read) return site.error_page(caller, read.error());
  std::sort(grants.begin(), grants.end(),
            [](const auto& a, const auto& b) { return b.seq < a.seq; });

  Page shown = page_of(request.query_param("page"), grants.size(), kPageSize);
  Data rows = list();
  std::string seen;
  std::size_t active = 0;
  for (const auto& grant : grants) {
    if (now < grant.until) ++active;
  }
  for (std::size_t i = shown.begin; i < shown.end; ++i) {
    const auto& grant = grants[i];
    Data row = object();
    row["grant"] = std::to_string(grant.seq);
    row["child_id"] = std::to_string(grant.child_id);
    row["child_name"] = names.count(grant.child_id) ? names[grant.child_id]
                                                    : fmt::format("Child {}", grant.child_id);
    row["username"] = grant.username;
    auto role = auth::parse_role(grant.role);
    row["role"] = role ? std::string(auth::role_title(*role)) : grant.role;
    row["reason"] = grant.reason;
    row["granted_at"] = when(grant.granted_at);
    row["until"] = when(grant.until);
    row["active"] = flag(now < grant.until);
    rows << row;
    seen += (seen.empty() ? "" : ",") + std::to_string(grant.seq);
  }
  audit::Event event;
  event.actor = caller.principal.username;
  event.action = "read";
  event.entity = "break_glass_log";
  event.entity_id = std::to_string(team_id);
  event.reason = "grants " + (seen.empty() ? std::string("none") : seen);
  (void)site.services().trail.append(event);

  Data data = object();
  data["team_name"] = team_name;
  data["days"] = std::to_string(kBreakGlassLogDays);
  data["has_grants"] = flag(!grants.empty());
  data["grants"] = std::move(rows);
  data["summary"] =
      grants.empty()
          ? fmt::format(
                "Nobody outside the team has used emergency access to its children in the "
                "last {} days.",
                kBreakGlassLogDays)
          : fmt::format("{} emergency {} in the last {} days, {} still active. {}", grants.size(),
                        grants.size() == 1 ? "access" : "accesses", kBreakGlassLogDays, active,
                        showing_text(shown, "accesses"));
  bool own_team = caller.principal.team_id == team_id;
  std::string path = own_team ? std::string("/team/emergency-access")
                              : fmt::format("/teams/{}/emergency-access", team_id);
  data["pagination"] = pagination_data(shown, path, "", "Emergency access pages");
  Frame frame = site.frame_for(caller, fmt::format("Emergency access: {}", team_name), path);
  frame.breadcrumbs.push_back(
      Link{own_team ? std::string("/team") : fmt::format("/teams/{}", team_id), team_name, false});
  return site.page(200, "break_glass_log", std::move(data), frame);
}

// -- aggregate figures
// ------------------------------------------------------------------------------

std::string number(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

http::Response figures_page(Site& site, http::Request& request, const api::Caller& caller) {
  auth::Decision decision = auth::decide(caller.principal, auth::Action::kViewAggregates);
  if (!decision.allowed) {
    return refused_page(site, caller, auth::Action::kViewAggregates, "summary", decision.reason);
  }
  Date today = site.today();
  FormErrors errors;
  Date as_of = today;
  Fields fields = request.query;
  bool asked = !field(fields, "date-day").empty() || !field(fields, "date-month").empty() ||
               !field(fields, "date-year").empty();
  if (asked) {
    auto date = read_date(fields, "date", "date of the figures", today, std::nullopt, "", errors);
    if (date) as_of = *date;
  }
  Data data = object();
  errors.add_to(data);
  Data values = object();
  add_date_values(fields, "date", values);
  data["value"] = std::move(values);
  data["date_legend"] = std::string("Figures as at");
  data["date_example"] = fmt::format("{} {} {}", today.day(), today.month(), today.year());
  Frame frame = site.frame_for(caller, "Figures", "/figures");
  frame.has_errors = !errors.empty();
  if (!errors.empty()) return site.page(422, "figures", std::move(data), frame);

  auto counted = site.services().case_record.summary(as_of);
  if (!counted) return site.error_page(caller, counted.error());
  const store::Summary& s = *counted;
  audit::Event event;
  event.actor = caller.principal.username;
  event.action = "read";
  event.entity = "summary";
  event.entity_id = as_of.iso();
  (void)site.services().trail.append(event);

  auto add_row = [](Data& rows, std::string what, std::string value, std::string id) {
    Data row = object();
    row["what"] = std::move(what);
    row["value"] = std::move(value);
    row["id"] = std::move(id);
    rows << row;
  };
  Data rows = list();
  add_row(rows, "Children looked after", number(s.children_looked_after), "children_looked_after");
  add_row(rows, "Children on a child protection plan", number(s.cp_plans), "cp_plans");
  add_row(rows, "Children in need (open episodes)", number(s.children_in_need), "children_in_need");
  add_row(rows, "Cases waiting for a worker", number(s.unallocated_cases), "unallocated_cases");
  add_row(rows, "Workers in post", number(s.workers), "workers");
  add_row(rows, "Workers holding cases", number(s.case_holding_workers), "case_holding_workers");
  add_row(rows, "Cases allocated to a worker", number(s.allocated_cases), "allocated_cases");
  add_row(rows, "Mean caseload (cases per case-holding worker)",
          fmt::format("{:.1f}", s.mean_caseload), "mean_caseload");
  Data placements = list();
  for (const auto& [code, count] : s.placements) {
    std::string description = site.services().codes.description("PLACE", code);
    add_row(placements, description.empty() ? code : fmt::format("{} ({})", description, code),
            number(count), code);
  }
  data["as_of"] = long_date(as_of);
  data["rows"] = std::move(rows);
  data["has_placements"] = flag(!s.placements.empty());
  data["placements"] = std::move(placements);
  return site.page(200, "figures", std::move(data), frame);
}

// -- a partner agency's concerns
// --------------------------------------------------------------------

// Runs one of the API's handlers with a JSON body, as the page's own request.
http::Response through_api(api::Services& services, const http::Request& page_request,
                           const api::Caller& caller,
                           http::Response (*handler)(api::Services&, http::Request&,
                                                     const api::Caller&),
                           std::string method, json body, http::ParameterMap path_params = {}) {
  http::Request inner;
  inner.method = std::move(method);
  inner.path = page_request.path;
  inner.remote_address = page_request.remote_address;
  inner.headers.set("Content-Type", "application/json");
  inner.body = body.dump();
  inner.path_params = std::move(path_params);
  return handler(services, inner, caller);
}

Data concern_form_data(const Fields& fields) {
  Data data = object();
  Data values = object();
  values["first_name"] = field(fields, "first_name");
  values["last_name"] = field(fields, "last_name");
  values["summary"] = field(fields, "summary");
  add_date_values(fields, "date", values);
  add_date_values(fields, "dob", values);
  data["value"] = std::move(values);
  data["date_legend"] = std::string("When did you become concerned?");
  data["date_example"] = std::string("27 3 2026");
  return data;
}

http::Response concern_form(Site& site, const api::Caller& caller, const Fields& fields,
                            const FormErrors& errors, int status) {
  Data data = concern_form_data(fields);
  errors.add_to(data);
  Frame frame = site.frame_for(caller, "Tell us about a concern", "/concerns");
  frame.has_errors = !errors.empty();
  frame.breadcrumbs.push_back(Link{"/concerns", "Your concerns", false});
  return site.page(status, "concern_form", std::move(data), frame);
}

// The date of a GOV.UK date input as ISO text, or "" when all three parts are empty. A part that
// is there but wrong is an error on `name`.
std::optional<std::string> optional_date(const Fields& fields, std::string_view name,
                                         std::string_view what, Date latest, FormErrors& errors) {
  bool any = !field(fields, fmt::format("{}-day", name)).empty() ||
             !field(fields, fmt::format("{}-month", name)).empty() ||
             !field(fields, fmt::format("{}-year", name)).empty();
  if (!any) return std::string();
  auto date = read_date(fields, name, what, latest, std::nullopt, "", errors);
  if (!date) return std::nullopt;
  return date->iso();
}

http::Response submit_concern(Site& site, http::Request& request, const api::Caller& caller) {
  auth::Decision decision = auth::decide(caller.principal, auth::Action::kSubmitConcern);
  if (!decision.allowed) {
    return refused_page(site, caller, auth::Action::kSubmitConcern, "concern", decision.reason);
  }
  Fields fields = api::form_fields(request);
  Date today = site.today();
  FormErrors errors;
  std::string first_name = field(fields, "first_name");
  std::string last_name = field(fields, "last_name");
  std::string summary = field(fields, "summary");
  if (first_name.empty()) errors.add("first_name", "first_name", "Enter the child's first name");
  if (last_name.empty()) errors.add("last_name", "last_name", "Enter the child's last name");
  auto born = optional_date(fields, "dob", "child's date of birth", today, errors);
  auto date =
      read_date(fields, "date", "date you became concerned", today, std::nullopt, "", errors);
  if (summary.empty()) errors.add("summary", "summary", "Say what the concern is about");
  if (!errors.empty()) return concern_form(site, caller, fields, errors, 422);

  json body = {{"first_name", first_name},
               {"last_name", last_name},
               {"date", date->iso()},
               {"summary", summary},
               {"date_of_birth", born->empty() ? json(nullptr) : json(*born)}};
  http::Response answer = through_api(site.services(), request, caller,
                                      &api::handlers::submit_concern, "POST", std::move(body));
  auto reply = json::parse(answer.body, nullptr, false);
  if (answer.status == 202 && reply.is_object() && reply.contains("reference")) {
    return http::Response::redirect(
        fmt::format("/concerns/{}?done=concern", reply["reference"].dump()));
  }
  if (answer.status == 422 && reply.is_object() && reply.contains("errors") &&
      reply["errors"].is_array()) {
    for (const auto& each : reply["errors"]) {
      std::string name = each.value("field", std::string());
      std::string element = name == "date"            ? "date-day"
                            : name == "date_of_birth" ? "dob-day"
                                                      : name;
      errors.add(name == "date_of_birth" ? "dob" : name, element,
                 each.value("message", std::string("Check this answer")));
    }
    return concern_form(site, caller, fields, errors, 422);
  }
  if (answer.status == 403) {
    return site.message(403, site.frame_for(caller, "You cannot submit a concern"),
                        "You cannot submit a concern",
                        {reply.is_object() ? reply.value("detail", std::string()) : ""});
  }
  return site.error_page(caller, Error::unavailable("the concern could not be recorded"));
}

// The caller's own submissions, newest first, from the audit trail (each concern is its "submit"
// event there).
struct Submission {
  std::int64_t reference = 0;
  std::string submitted_at;
  std::string child;
  std::string summary;
};

Result<std::vector<Submission>> own_submissions(Site& site, const api::Caller& caller) {
  std::vector<Submission> mine;
  Status read = site.services().store.read([&](store::Transaction& tx) -> Status {
    return tx.for_each_audit_record(1, [&](const store::AuditRecord& record) {
      if (record.action != "submit" || record.entity != "concern" ||
          record.actor != caller.principal.username) {
        return true;
      }
      auto after = json::parse(record.after, nullptr, false);
      Submission each;
      each.reference = record.seq;
      auto at = Timestamp::parse_iso(record.at);
      each.submitted_at = at ? when(*at) : record.at;
      if (after.is_object()) {
        each.child = fmt::format("{} {}", after.value("first_name", std::string()),
                                 after.value("last_name", std::string()));
        each.summary = after.value("summary", std::string());
      }
      if (each.summary.size() > kSummaryPreview) {
        std::size_t cut = kSummaryPreview;
        while (cut > 0 && (static_cast<unsigned char>(each.summary[cut]) & 0xC0) == 0x80) --cut;
        each.summary = each.summary.substr(0, cut) + "…";
      }
      mine.push_back(std::move(each));
      return true;
    });
  });
  if (!read) return read.error();
  std::reverse(mine.begin(), mine.end());
  return mine;
}

http::Response concerns_page(Site& site, http::Request& request, const api::Caller& caller) {
  auth::Decision decision = auth::decide(caller.principal, auth::Action::kSubmitConcern);
  if (!decision.allowed) {
    return refused_page(site, caller, auth::Action::kSubmitConcern, "concern", decision.reason);
  }
  auto mine = own_submissions(site, caller);
  if (!mine) return site.error_page(caller, mine.error());
  Page shown = page_of(request.query_param("page"), mine->size(), kPageSize);
  Data rows = list();
  for (std::size_t i = shown.begin; i < shown.end; ++i) {
    const Submission& each = (*mine)[i];
    Data row = object();
    row["reference"] = std::to_string(each.reference);
    row["submitted_at"] = each.submitted_at;
    row["child"] = each.child;
    row["summary"] = each.summary;
    rows << row;
  }
  Data data = object();
  data["has_concerns"] = flag(!mine->empty());
  data["concerns"] = std::move(rows);
  data["summary"] = mine->empty() ? std::string("You have not submitted any concerns yet.")
                                  : fmt::format("You have submitted {} {}. {}", mine->size(),
                                                mine->size() == 1 ? "concern" : "concerns",
                                                showing_text(shown, "concerns"));
  data["pagination"] = pagination_data(shown, "/concerns", "", "Concern pages");
  Frame frame = site.frame_for(caller, "Your concerns", "/concerns");
  return site.page(200, "concerns", std::move(data), frame);
}

http::Response concern_page(Site& site, http::Request& request, const api::Caller& caller) {
  auto reference = parse_id(request.path_param("reference"));
  if (!reference) return site.error_page(caller, Error::not_found("no such concern"));
  http::Response answer =
      through_api(site.services(), request, caller, &api::handlers::show_concern, "GET",
                  json::object(), {{"reference", std::to_string(*reference)}});
  auto reply = json::parse(answer.body, nullptr, false);
  if (answer.status == 404) {
    return site.error_page(caller, Error::not_found("no such concern"));
  }
  if (answer.status == 403) {
    return site.message(403, site.frame_for(caller, "You do not have access to this concern"),
                        "You do not have access to this concern",
                        {"A concern and its outcome are shown only to the person who submitted it.",
                         "Your attempt to open it has been recorded in the audit trail."},
                        Link{"/concerns", "Go back to your concerns"});
  }
  if (answer.status != 200 || !reply.is_object()) {
    return site.error_page(caller, Error::unavailable("the concern could not be read"));
  }
  auto text = [&](std::string_view key) {
    auto found = reply.find(key);
    return found != reply.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  Data data = object();
  data["reference"] = std::to_string(*reference);
  auto at = Timestamp::parse_iso(text("submitted_at"));
  data["submitted_at"] = at ? when(*at) : text("submitted_at");
  data["child"] = fmt::format("{} {}", text("first_name"), text("last_name"));
  auto born = Date::parse_iso(text("date_of_birth"));
  data["date_of_birth"] = born ? long_date(*born) : std::string("Not given");
  data["summary"] = text("summary");
  bool decided = text("status") == "decided";
  data["status"] = decided ? std::string("Decided") : std::string("Received");
  data["decided"] = flag(decided);
  data["outcome"] = text("outcome");
  auto decided_on = Date::parse_iso(text("decided_on"));
  if (decided_on) data["decided_on"] = long_date(*decided_on);  // absent hides the section
  Frame frame = site.frame_for(caller, fmt::format("Concern {}", *reference), "/concerns");
  frame.notice = notice_for(request.query_param("done"));
  frame.breadcrumbs.push_back(Link{"/concerns", "Your concerns", false});
  return site.page(200, "concern", std::move(data), frame);
}

}  // namespace

Status add_oversight_routes(http::Router& router, Site& site) {
  SAFEGUARD_TRY(router.add(
      "GET", "/team/emergency-access",
      site.signed_in([&site](http::Request& request, const api::Caller& caller) {
        if (!caller.principal.team_id) {
          return refused_page(site, caller, auth::Action::kReviewBreakGlass, "break_glass_log",
                              "the emergency accesses are for team managers and heads of service");
        }
        return break_glass_page(site, request, caller, *caller.principal.team_id);
      })));
  SAFEGUARD_TRY(
      router.add("GET", "/teams/{id}/emergency-access",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   auto id = parse_id(request.path_param("id"));
                   if (!id) return site.error_page(caller, Error::not_found("no such team"));
                   return break_glass_page(site, request, caller, *id);
                 })));
  SAFEGUARD_TRY(router.add(
      "GET", "/figures", site.signed_in([&site](http::Request& request, const api::Caller& caller) {
        return figures_page(site, request, caller);
      })));
  SAFEGUARD_TRY(
      router.add("GET", "/concerns",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   return concerns_page(site, request, caller);
                 })));
  SAFEGUARD_TRY(router.add(
      "GET", "/concerns/new", site.signed_in([&site](http::Request&, const api::Caller& caller) {
        auth::Decision decision = auth::decide(caller.principal, auth::Action::kSubmitConcern);
        if (!decision.allowed) {
          return refused_page(site, caller, auth::Action::kSubmitConcern, "concern",
                              decision.reason);
        }
        return concern_form(site, caller, {}, FormErrors{}, 200);
      })));
  SAFEGUARD_TRY(
      router.add("POST", "/concerns",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   return submit_concern(site, request, caller);
                 })));
  SAFEGUARD_TRY(
      router.add("GET", "/concerns/{reference}",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   return concern_page(site, request, caller);
                 })));
  return Status::success();
}

}  // namespace safeguard::pages
