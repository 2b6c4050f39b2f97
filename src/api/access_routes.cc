// The narrow doors: emergency ("break-glass") access to a child outside one's scope, with its log
// for the child's team manager, and a partner agency's concerns to the front door. Who may use
// each is auth::decide's; every grant, refusal and read is in the audit trail.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "api/child_access.h"
#include "api/handlers.h"
#include "api/problems.h"
#include "api/request_fields.h"
#include "app/case_access.h"
#include "domain/front_door.h"

namespace safeguard::api::handlers {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

inline constexpr char kConcernEntity[] = "concern";
inline constexpr char kSubmitAction[] = "submit";
// How far back the break-glass log looks by default, and at most, in days.
constexpr std::int64_t kDefaultLogDays = 30;
constexpr std::int64_t kLongestLogDays = 366;

json optional_id_json(const std::optional<std::int64_t>& id) {
  return id ? json(*id) : json(nullptr);
}

Response refused(Services& services, const Caller& caller, auth::Action action,
                 std::string_view entity, const std::string& reason) {
  return problem_for(
      services.cases.refuse_general(caller.principal, action, entity, reason).error());
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The ReferralSource code for a concern: the partner's agency, or the council's own social care.
std::string referral_source(const auth::Principal& principal) {
  if (principal.role != auth::Role::kPartnerAgency) return "5A";  // LA services - social care
  std::string agency = lower(principal.agency);
  if (agency.find("police") != std::string::npos) return "6";
  if (agency.find("school") != std::string::npos || agency.find("education") != std::string::npos) {
    return "2A";
  }
  if (agency.find("health") != std::string::npos || agency.find("nhs") != std::string::npos) {
    return "3F";
  }
  if (agency.find("housing") != std::string::npos) return "4";
  return "8";  // other
}

}  // namespace

// --- break-glass -----------------------------------------------------------------------------

Response break_glass(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto child_id = authorised_child(services, request, caller, auth::Action::kBreakGlass, refusal);
  if (!child_id) return refusal;
  auto body = json_object_body(request, refusal);
  if (!body) return refusal;
  std::vector<FieldError> errors;
  auto reason =
      required_string(*body, "reason", 2'000,
                      "Give the reason you need emergency access to this child's record", errors);
  if (!errors.empty()) {
    // Asking without a reason is refused, and the attempt is on the record.
    Status noted = services.cases.record_event(caller.principal, "refuse", *child_id,
                                               "break_glass: no reason was given");
    if (!noted) return problem_for(noted.error());
    return validation_problem(errors);
  }
  Timestamp now = services.clock.now();
  Timestamp until = now.plus_seconds(60 * services.options.break_glass_minutes);
  audit::Event event;
  event.actor = caller.principal.username;
  event.action = kBreakGlassAction;
  event.entity = "child";
  event.entity_id = std::to_string(*child_id);
  event.child_id = *child_id;
  event.reason = *reason;
  event.after = json{{"until", until.iso()},
                     {"role", auth::role_name(caller.principal.role)},
                     {"worker_id", optional_id_json(caller.principal.worker_id)},
                     {"team_id", optional_id_json(caller.principal.team_id)}}
                    .dump();
  auto granted = services.trail.append(event);
  if (!granted) return problem_for(granted.error());
  return json_response(201, {{"grant", granted->seq},
                             {"child_id", *child_id},
                             {"reason", *reason},
                             {"granted_at", granted->at},
                             {"until", until.iso()}});
}

Response break_glass_log(Services& services, Request& request, const Caller& caller) {
  Response refusal;
  auto page = parse_page(request, refusal);
  if (!page) return refusal;
  std::vector<FieldError> errors;
  auto team = query_id(request, "team", errors);
  std::int64_t days = kDefaultLogDays;
  if (std::string_view text = request.query_param("days"); !text.empty()) {
    auto parsed = parse_id(text);
    if (!parsed || *parsed > kLongestLogDays) {
      errors.push_back(
          {"days", fmt::format("days must be a whole number from 1 to {}", kLongestLogDays)});
    } else {
      days = *parsed;
    }
  }
  if (!errors.empty()) return validation_problem(errors);
  if (!team) team = caller.principal.team_id;
  auth::Scope scope;
  scope.kind = auth::Scope::Kind::kTeam;
  scope.team_id = team;
  auth::Decision decision = auth::decide(caller.principal, auth::Action::kReviewBreakGlass, scope);
  if (!decision.allowed) {
    return refused(services, caller, auth::Action::kReviewBreakGlass, "break_glass_log",
                   decision.reason);
  }
  if (!team) {
    return validation_problem({{"team", "Say which team's emergency accesses to show (?team=)"}});
  }
  Timestamp now = services.clock.now();
  Timestamp since = now.plus_seconds(-days * 86'400);
  Date today = now.date();
  std::vector<BreakGlassGrant> grants;
  std::vector<std::pair<std::int64_t, std::string>> local_ids;
  Status read = services.store.read([&](store::Transaction& tx) -> Status {
    auto allocations = tx.list_where<domain::Allocation>("team_id", *team, "child_id");
    if (!allocations) return allocations.error();
    std::vector<std::int64_t> children;
    for (const auto& allocation : *allocations) {
      if (today < allocation.start_date) continue;
      if (allocation.end_date && *allocation.end_date <= today) continue;
      if (std::find(children.begin(), children.end(), allocation.child_id) == children.end()) {
        children.push_back(allocation.child_id);
      }
    }
    for (std::int64_t child_id : children) {
      auto found = break_glass_grants(tx, child_id, since);
      if (!found) return found.error();
      grants.insert(grants.end(), found->begin(), found->end());
    }
    auto ids = tx.child_local_ids(children);
    if (!ids) return ids.error();
    local_ids = std::move(*ids);
    return Status::success();
  });
  if (!read) return problem_for(read.error());
  std::sort(grants.begin(), grants.end(),
            [](const BreakGlassGrant& a, const BreakGlassGrant& b) { return b.seq < a.seq; });
  json items = json::array();
  std::string seen;
  for (const auto& grant : grants) {
    std::string local_id;
    for (const auto& [id, local] : local_ids) {
      if (id == grant.child_id) local_id = local;
    }
    items.push_back({{"grant", grant.seq},
                     {"child_id", grant.child_id},
                     {"child_local_id", local_id},
                     {"username", grant.username},
                     {"role", grant.role},
                     {"reason", grant.reason},
                     {"granted_at", grant.granted_at.iso()},
                     {"until", grant.until.iso()},
                     {"active", now < grant.until}});
    seen += (seen.empty() ? "" : ",") + std::to_string(grant.seq);
  }
  audit::Event event;
  event.actor = caller.principal.username;
  event.action = "read";
  event.entity = "break_glass_log";
  event.entity_id = std::to_string(*team);
  event.reason = "grants " + (seen.empty() ? std::string("none") : seen);
  auto audited = services.trail.append(event);
  if (!audited) return problem_for(audited.error());
  json body = paginate(items, *page);
  body["team_id"] = *team;
  body["since"] = since.iso();
  return json_response(200, body);
}

// --- concerns --------------------------------------------------------------------------------

Response submit_concern(Services& services, Request& request, const Caller& caller) {
  auth::Decision decision = auth::decide(caller.principal, auth::Action::kSubmitConcern);
  if (!decision.allowed) {
    return refused(services, caller, auth::Action::kSubmitConcern, kConcernEntity, decision.reason);
  }
  Response refusal;
  auto body = json_object_body(request, refusal);
  if (!body) return refusal;
  Date today = services.clock.today();
  std::vector<FieldError> errors;
  auto first_name =
      required_string(*body, "first_name", 100, "Enter the child's first name", errors);
  auto last_name = required_string(*body, "last_name", 100, "Enter the child's last name", errors);
  std::optional<Date> born;
  if (body->contains("date_of_birth") && !(*body)["date_of_birth"].is_null()) {
    born = date_member(*body, "date_of_birth", today, std::nullopt, "", errors);
  }
  auto date = date_member(*body, "date", today, today, "", errors);
  auto summary = required_string(*body, "summary", 20'000, "Say what the concern is about", errors);
  if (!errors.empty()) return validation_problem(errors);

  // A concern about a child the council knows (same names and date of birth, one child only) is
  // also a contact on their record, for the front door to decide. The answer is the same either
  // way, so a partner cannot learn whether a child is known to social care.
  std::optional<std::int64_t> child_id;
  if (born) {
    Status read = services.store.read([&](store::Transaction& tx) -> Status {
      auto named = tx.list_where<domain::Child>("last_name", *last_name);
      if (!named) return named.error();
      int matches = 0;
      for (const auto& child : *named) {
        if (lower(child.first_name) == lower(*first_name) && child.date_of_birth == *born) {
          ++matches;
          child_id = child.id;
        }
      }
      if (matches != 1) child_id.reset();
      return Status::success();
    });
    if (!read) return problem_for(read.error());
  }
  std::string source = referral_source(caller.principal);
  std::optional<std::int64_t> contact_id;
  if (child_id) {
    domain::Contact contact;
    contact.child_id = *child_id;
    contact.date = *date;
    contact.source = source;
    contact.summary = *summary;
    auto added = services.case_record.add(caller.actor(), std::move(contact),
                                          "concern submitted through the API");
    if (!added) return problem_for(added.error());
    contact_id = *added;
  }
  audit::Event event;
  event.actor = caller.principal.username;
  event.action = kSubmitAction;
  event.entity = kConcernEntity;
  event.child_id = child_id;
  event.after = json{{"first_name", *first_name},
                     {"last_name", *last_name},
                     {"date_of_birth", born ? json(born->iso()) : json(nullptr)},
                     {"date", date->iso()},
                     {"summary", *summary},
                     {"agency", caller.principal.agency},
                     {"source", source},
                     {"contact_id", optional_id_json(contact_id)}}
                    .dump();
  auto stored = services.trail.append(event);
  if (!stored) return problem_for(stored.error());
  return json_response(202,
                       {{"reference", stored->seq},
                        {"status", "received"},
                        {"submitted_at", stored->at},
                        {"message",
                         "Thank you: the front door has your concern. Quote the reference "
                         "when you ask about it. If a child is in immediate danger, call 999."}});
}

Response show_concern(Services& services, Request& request, const Caller& caller) {
  auto reference = parse_id(request.path_param("reference"));
  std::optional<store::AuditRecord> record;
  std::optional<domain::Contact> contact;
  if (reference) {
    Status read = services.store.read([&](store::Transaction& tx) -> Status {
      return tx.for_each_audit_record(*reference, [&](const store::AuditRecord& each) {
        if (each.seq == *reference) record = each;
        return false;
      });
    });
    if (!read) return problem_for(read.error());
  }
  if (!record || record->entity != kConcernEntity || record->action != kSubmitAction) {
    return problem(404, "Not found", "There is no concern with that reference.");
  }
  auth::Decision decision =
      auth::decide(caller.principal, auth::Action::kViewConcern, auth::ConcernFacts{record->actor});
  if (!decision.allowed) {
    return refused(services, caller, auth::Action::kViewConcern, kConcernEntity, decision.reason);
  }
  auto submitted = json::parse(record->after, nullptr, /*allow_exceptions=*/false);
  if (!submitted.is_object()) submitted = json::object();
  if (auto id = submitted.find("contact_id"); id != submitted.end() && id->is_number_integer()) {
    Status read = services.store.read([&](store::Transaction& tx) -> Status {
      auto found = tx.find<domain::Contact>(id->get<std::int64_t>());
      if (!found) return found.error();
      contact = std::move(*found);
      return Status::success();
    });
    if (!read) return problem_for(read.error());
  }
  bool decided = contact && !contact->outcome.empty();
  audit::Event event;
  event.actor = caller.principal.username;
  event.action = "read";
  event.entity = kConcernEntity;
  event.entity_id = std::to_string(*reference);
  auto audited = services.trail.append(event);
  if (!audited) return problem_for(audited.error());
  // What the partner sent and the outcome; never the child's record or who holds the case.
  return json_response(
      200, {{"reference", *reference},
            {"submitted_at", record->at},
            {"first_name", submitted.value("first_name", std::string())},
            {"last_name", submitted.value("last_name", std::string())},
            {"date_of_birth",
             submitted.contains("date_of_birth") ? submitted["date_of_birth"] : json(nullptr)},
            {"summary", submitted.value("summary", std::string())},
            {"status", decided ? "decided" : "received"},
            {"outcome", decided ? json(contact->outcome) : json(nullptr)},
            {"decided_on", decided && contact->decision_date ? json(contact->decision_date->iso())
                                                             : json(nullptr)}});
}

}  // namespace safeguard::api::handlers
