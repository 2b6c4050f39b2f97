#include "app/case_access.h"

#include <fmt/format.h>

#include <algorithm>

namespace safeguard::app {
namespace {

// An allocation's worker, whether the domain holds it as a plain id or as an optional one (a case
// waiting in a team's tray has none).
[[maybe_unused]] std::optional<std::int64_t> worker_of(std::int64_t worker_id) { return worker_id; }
[[maybe_unused]] std::optional<std::int64_t> worker_of(
    const std::optional<std::int64_t>& worker_id) {
  return worker_id;
}

void add_unique(std::vector<std::int64_t>& ids, std::int64_t id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

std::string_view action_name(auth::Action action) {
  switch (action) {
    case auth::Action::kOpenChildRecord:
      return "open_child_record";
    case auth::Action::kRecordOnChild:
      return "record_on_child";
    case auth::Action::kAllocateCase:
      return "allocate_case";
    case auth::Action::kApproveClosure:
      return "approve_closure";
    case auth::Action::kViewTeamCaseloads:
      return "view_team_caseloads";
    case auth::Action::kViewAllTeams:
      return "view_all_teams";
    case auth::Action::kViewAggregates:
      return "view_aggregates";
    case auth::Action::kManageUsers:
      return "manage_users";
    case auth::Action::kSubmitConcern:
      return "submit_concern";
    case auth::Action::kBreakGlass:
      return "break_glass";
    case auth::Action::kRequestClosure:
      return "request_closure";
    case auth::Action::kViewWorkList:
      return "view_work_list";
    case auth::Action::kViewReports:
      return "view_reports";
    case auth::Action::kReviewBreakGlass:
      return "review_break_glass";
    case auth::Action::kViewConcern:
      return "view_concern";
  }
  return "unknown";
}

Result<auth::CaseHolders> case_holders(store::Transaction& transaction, std::int64_t child_id,
                                       Date today) {
  auto child = transaction.find<domain::Child>(child_id);
  if (!child) return child.error();
  if (!*child) return Error::not_found(fmt::format("there is no child with id {}", child_id));
  auto allocations = transaction.list_where<domain::Allocation>("child_id", child_id);
  if (!allocations) return allocations.error();
  auth::CaseHolders holders;
  for (const auto& allocation : *allocations) {
    if (today < allocation.start_date) continue;
    if (allocation.end_date && *allocation.end_date <= today) continue;
    if (auto worker = worker_of(allocation.worker_id)) add_unique(holders.worker_ids, *worker);
    add_unique(holders.team_ids, allocation.team_id);
  }
  return holders;
}

Result<auth::CaseHolders> CaseAccess::holders(std::int64_t child_id) {
  auth::CaseHolders holders;
  Status status = store_.read([&](store::Transaction& transaction) -> Status {
    auto found = case_holders(transaction, child_id, clock_.today());
    if (!found) return found.error();
    holders = std::move(*found);
    return Status::success();
  });
  if (!status) return status.error();
  return holders;
}

Status CaseAccess::decide_in(store::Transaction& transaction, const auth::Principal& principal,
                             auth::Action action, std::int64_t child_id, auth::Decision& decision) {
  auto holders = case_holders(transaction, child_id, clock_.today());
  if (!holders) return holders.error();
  decision = auth::decide(principal, action, *holders);
  return Status::success();
}

Status CaseAccess::refuse(const auth::Principal& principal, auth::Action action,
                          std::int64_t child_id, const std::string& reason) {
  audit::Event event;
  event.actor = principal.username;
  event.action = "refuse";
  event.entity = "child";
  event.entity_id = std::to_string(child_id);
  event.child_id = child_id;
  event.reason = fmt::format("{}: {}", action_name(action), reason);
  auto appended = trail_.append(event);
  if (!appended) return appended.error();
  return Error::forbidden(reason);
}

Status CaseAccess::authorise(const auth::Principal& principal, auth::Action action,
                             std::int64_t child_id) {
  auth::Decision decision;
  Status status = store_.read([&](store::Transaction& transaction) -> Status {
    return decide_in(transaction, principal, action, child_id, decision);
  });
  if (!status) return status;
  if (!decision.allowed) return refuse(principal, action, child_id, decision.reason);
  return Status::success();
}

Result<ChildRecord> CaseAccess::open_child(const auth::Principal& principal,
                                           std::int64_t child_id) {
  auth::Decision decision;
  ChildRecord record;
  Status status = store_.read([&](store::Transaction& transaction) -> Status {
    SAFEGUARD_TRY(
        decide_in(transaction, principal, auth::Action::kOpenChildRecord, child_id, decision));
    if (!decision.allowed) return Status::success();
    return CaseRecord::load(transaction, child_id, record);
  });
  if (!status) return status.error();
  if (!decision.allowed) {
    Status refused = refuse(principal, auth::Action::kOpenChildRecord, child_id, decision.reason);
    return refused.error();
  }
  SAFEGUARD_TRY(record_event(principal, "read", child_id));
  return record;
}

Result<std::vector<ChildRecord>> CaseAccess::caseload(const auth::Principal& principal) {
  std::vector<ChildRecord> records;
  if (!principal.worker_id) return records;
  Date today = clock_.today();
  Status status = store_.read([&](store::Transaction& transaction) -> Status {
    auto allocations =
        transaction.list_where<domain::Allocation>("worker_id", *principal.worker_id, "child_id");
    if (!allocations) return allocations.error();
    std::vector<std::int64_t> child_ids;
    for (const auto& allocation : *allocations) {
      if (today < allocation.start_date) continue;
      if (allocation.end_date && *allocation.end_date <= today) continue;
      add_unique(child_ids, allocation.child_id);
    }
    for (std::int64_t child_id : child_ids) {
      auto holders = case_holders(transaction, child_id, today);
      if (!holders) return holders.error();
      if (!auth::decide(principal, auth::Action::kOpenChildRecord, *holders).allowed) continue;
      ChildRecord record;
      SAFEGUARD_TRY(CaseRecord::load(transaction, child_id, record));
      records.push_back(std::move(record));
    }
    return Status::success();
  });
  if (!status) return status.error();
  std::string ids;
  for (const auto& record : records) {
    ids += (ids.empty() ? "" : ",") + std::to_string(record.child.id);
  }
  audit::Event event;
  event.actor = principal.username;
  event.action = "read";
  event.entity = "caseload";
  event.entity_id = std::to_string(*principal.worker_id);
  event.reason = "children " + (ids.empty() ? std::string("none") : ids);
  auto appended = trail_.append(event);
  if (!appended) return appended.error();
  return records;
}

Status CaseAccess::refuse_general(const auth::Principal& principal, auth::Action action,
                                  std::string_view entity, const std::string& reason) {
  audit::Event event;
  event.actor = principal.username;
  event.action = "refuse";
  event.entity = std::string(entity);
  event.reason = fmt::format("{}: {}", action_name(action), reason);
  auto appended = trail_.append(event);
  if (!appended) return appended.error();
  return Error::forbidden(reason);
}

Status CaseAccess::record_event(const auth::Principal& principal, std::string action,
                                std::int64_t child_id, std::string reason) {
  audit::Event event;
  event.actor = principal.username;
  event.action = std::move(action);
  event.entity = "child";
  event.entity_id = std::to_string(child_id);
  event.child_id = child_id;
  event.reason = std::move(reason);
  auto appended = trail_.append(event);
  if (!appended) return appended.error();
  return Status::success();
}

}  // namespace safeguard::app
