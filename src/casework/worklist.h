// Work lists: what is overdue or due soon, for one worker, one team or the whole service, on a
// date. An item is one of
//   statutory    an overdue or due-soon statutory clock of a child whose case the scope holds
//                (rules::statutory_clocks; includes cp_plan_18_months, a protection plan open
//                18 months or more)
//   unallocated  a case waiting for a worker longer than worklist.unallocated_working_days
//                (rule unallocated_working_days; due = the day the wait began + N working days)
//   caseload     a worker whose weighted caseload is over their limit (rule caseload_over_limit;
//                due = the date asked about)
//   supervision  a case-holding worker whose one-to-one supervision is overdue or due soon
//                (rule supervision_4_weeks, from rules::supervision_clock)
// A worker's list holds the children allocated to them, their own caseload and supervision; a
// team's, the children it holds (its tray included) and its workers; the service's, every open
// case and every worker. Reading a list identifies children, so callers audit who asked (the CLI
// and the API do).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "rules/statutory_clocks.h"
#include "store/store.h"

namespace safeguard::casework {

inline constexpr char kUnallocatedRule[] = "unallocated_working_days";
inline constexpr char kCaseloadRule[] = "caseload_over_limit";

struct WorkListScope {
  enum class Kind { kWorker, kTeam, kService };
  Kind kind = Kind::kService;
  std::int64_t id = 0;  // the worker or team

  static WorkListScope worker(std::int64_t id) { return {Kind::kWorker, id}; }
  static WorkListScope team(std::int64_t id) { return {Kind::kTeam, id}; }
  static WorkListScope service() { return {Kind::kService, 0}; }
};

struct WorkItem {
  std::string kind;  // statutory, unallocated, caseload, supervision
  std::optional<std::int64_t> child_id;
  std::string child_local_id;
  std::optional<std::int64_t> worker_id;  // the worker holding the case, or the worker concerned
  std::string worker_name;
  std::optional<std::int64_t> team_id;
  std::string rule;  // rules' identifiers, or kUnallocatedRule / kCaseloadRule
  std::string description;
  Date due;
  rules::ClockItem::State state = rules::ClockItem::State::kOverdue;
  std::string source;  // the record the item runs from, e.g. "referral 12"
};

struct WorkList {
  WorkListScope scope;
  Date as_of;
  std::vector<WorkItem> items;  // earliest due first; ties by rule, then child
  std::int64_t children = 0;    // open cases the scope holds
  std::int64_t workers = 0;     // workers in post the scope covers
};

// "due", "due_soon" or "overdue": the state as the CLI and the API print it.
const char* state_token(rules::ClockItem::State state);

// The work list in one read transaction's view. Not found for an unknown worker or team.
Result<WorkList> work_list(store::Transaction& transaction, const WorkListScope& scope, Date as_of);
Result<WorkList> work_list(store::Store& store, const WorkListScope& scope, Date as_of);

}  // namespace safeguard::casework
