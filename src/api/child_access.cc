#include "api/child_access.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/problems.h"
#include "api/request_fields.h"
#include "app/case_access.h"

namespace safeguard::api {
namespace {

// Reads a grant from its audit event; nullopt for any other event, or one whose image does not
// parse (a grant we cannot read grants nothing).
std::optional<BreakGlassGrant> grant_of(const store::AuditRecord& record) {
  if (record.action != kBreakGlassAction || record.entity != "child" || !record.child_id) {
    return std::nullopt;
  }
  auto at = Timestamp::parse_iso(record.at);
  if (!at) return std::nullopt;
  auto image = nlohmann::json::parse(record.after, nullptr, /*allow_exceptions=*/false);
  if (!image.is_object()) return std::nullopt;
  auto until_text = image.find("until");
  if (until_text == image.end() || !until_text->is_string()) return std::nullopt;
  auto until = Timestamp::parse_iso(until_text->get_ref<const std::string&>());
  if (!until) return std::nullopt;
  BreakGlassGrant grant;
  grant.seq = record.seq;
  grant.child_id = *record.child_id;
  grant.username = record.actor;
  grant.role = image.value("role", std::string());
  grant.reason = record.reason;
  grant.granted_at = *at;
  grant.until = *until;
  return grant;
}

bool is_emergency_action(auth::Action action) {
  return action == auth::Action::kOpenChildRecord || action == auth::Action::kRecordOnChild;
}

Status refuse(Services& services, const auth::Principal& principal, auth::Action action,
              std::int64_t child_id, const std::string& reason) {
  SAFEGUARD_TRY(services.cases.record_event(
      principal, "refuse", child_id, fmt::format("{}: {}", app::action_name(action), reason)));
  return Error::forbidden(reason);
}

}  // namespace

Result<std::vector<BreakGlassGrant>> break_glass_grants(store::Transaction& transaction,
                                                        std::int64_t child_id, Timestamp since) {
  // The child's events come newest first; read more of them until one is older than `since`.
  std::int64_t limit = 256;
  constexpr std::int64_t kMostEvents = std::int64_t{1} << 22;
  while (true) {
    auto records = transaction.audit_records_for_child(child_id, limit);
    if (!records) return records.error();
    std::vector<BreakGlassGrant> grants;
    bool reached_since = false;
    for (const auto& record : *records) {
      auto at = Timestamp::parse_iso(record.at);
      if (at && *at < since) {
        reached_since = true;
        break;
      }
      if (auto grant = grant_of(record)) grants.push_back(std::move(*grant));
    }
    if (reached_since || static_cast<std::int64_t>(records->size()) < limit ||
        limit >= kMostEvents) {
      return grants;
    }
    limit *= 8;
  }
}

Result<auth::CaseHolders> holders_for(store::Transaction& transaction, const Services& services,
                                      const auth::Principal& principal, auth::Action action,
                                      std::int64_t child_id) {
  Timestamp now = services.clock.now();
  auto holders = app::case_holders(transaction, child_id, now.date());
  if (!holders) return holders.error();
  if (!is_emergency_action(action) || auth::decide(principal, action, *holders).allowed ||
      !auth::decide(principal, auth::Action::kBreakGlass).allowed) {
    return holders;
  }
  // Only grants given within one grant's length can still be live.
  auto grants = break_glass_grants(transaction, child_id,
                                   now.plus_seconds(-60 * services.options.break_glass_minutes));
  if (!grants) return grants.error();
  for (const auto& grant : *grants) {
    if (grant.username == principal.username && now < grant.until) {
      holders->emergency_access.push_back(principal.username);
      break;
    }
  }
  return holders;
}

Status authorise_child(Services& services, const auth::Principal& principal, auth::Action action,
                       std::int64_t child_id) {
  auth::Decision decision;
  Status status = services.store.read([&](store::Transaction& transaction) -> Status {
    auto holders = holders_for(transaction, services, principal, action, child_id);
    if (!holders) return holders.error();
    decision = auth::decide(principal, action, *holders);
    return Status::success();
  });
  if (!status) return status;
  if (!decision.allowed) return refuse(services, principal, action, child_id, decision.reason);
  return Status::success();
}

Result<app::ChildRecord> open_child(Services& services, const auth::Principal& principal,
                                    std::int64_t child_id) {
  auth::Decision decision;
  bool by_emergency_access = false;
  app::ChildRecord record;
  Status status = services.store.read([&](store::Transaction& transaction) -> Status {
    auto holders =
        holders_for(transaction, services, principal, auth::Action::kOpenChildRecord, child_id);
    if (!holders) return holders.error();
    decision = auth::decide(principal, auth::Action::kOpenChildRecord, *holders);
    if (!decision.allowed) return Status::success();
    by_emergency_access = !holders->emergency_access.empty();
    return app::CaseRecord::load(transaction, child_id, record);
  });
  if (!status) return status.error();
  if (!decision.allowed) {
    return refuse(services, principal, auth::Action::kOpenChildRecord, child_id, decision.reason)
        .error();
  }
  SAFEGUARD_TRY(services.cases.record_event(principal, "read", child_id,
                                            by_emergency_access ? "emergency access" : ""));
  return record;
}

// The child id from the path, after the caller is allowed `action` on that child (a refusal is
// audited). Sets `refusal` and returns nullopt otherwise.
std::optional<std::int64_t> authorised_child(Services& services, const http::Request& request,
                                             const Caller& caller, auth::Action action,
                                             http::Response& refusal) {
  auto id = parse_id(request.path_param("id"));
  if (!id) {
    refusal = no_such_child();
    return std::nullopt;
  }
  Status allowed = authorise_child(services, caller.principal, action, *id);
  if (!allowed) {
    refusal = allowed.error().kind == ErrorKind::kNotFound ? no_such_child()
                                                           : problem_for(allowed.error());
    return std::nullopt;
  }
  return id;
}

}  // namespace safeguard::api
