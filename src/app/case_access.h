// Authorised, audited access to children's records. Every decision is auth::decide's, given who
// holds the case as the store says now (open allocations: their workers, and their teams, including
// a case waiting in a team's tray with no worker yet). Every read of a record and every refusal is
// an audit event, made durable (through audit::GroupCommit, so concurrent reads share a commit)
// before the caller sees the record or the refusal.
//
//   app::CaseAccess cases(store, clock, trail);
//   auto record = cases.open_child(principal, 42);  // forbidden with the reason, or not found
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "app/case_record.h"
#include "audit/group_commit.h"
#include "auth/policy.h"
#include "base/clock.h"
#include "base/result.h"
#include "store/store.h"

namespace safeguard::app {

// "open_child_record", "record_on_child" ...: how actions are named in audit events.
std::string_view action_name(auth::Action action);

// The case holders of a child, read inside `transaction`: not found when there is no such child.
Result<auth::CaseHolders> case_holders(store::Transaction& transaction, std::int64_t child_id,
                                       Date today);

class CaseAccess {
 public:
  CaseAccess(store::Store& store, const Clock& clock, audit::GroupCommit& trail)
      : store_(store), clock_(clock), trail_(trail) {}

  Result<auth::CaseHolders> holders(std::int64_t child_id);

  // Whether `principal` may do `action` on the child. A refusal is audited ("refuse", with the
  // action and the reason) and returned as forbidden; not found when there is no such child. An
  // allowed action is not audited here: the read or write that follows is.
  Status authorise(const auth::Principal& principal, auth::Action action, std::int64_t child_id);

  // The child's whole record, authorised (auth::Action::kOpenChildRecord) and audited as a read.
  Result<ChildRecord> open_child(const auth::Principal& principal, std::int64_t child_id);

  // The children whose cases are allocated to the principal's worker now, each record loaded
  // whole, in the order of their ids. Each is checked with auth::decide (kOpenChildRecord); the
  // list is one audit event ("read", entity "caseload", the children's ids in its reason). Empty
  // for a person who is not a case-holding worker.
  Result<std::vector<ChildRecord>> caseload(const auth::Principal& principal);

  // Audits a refusal of an action that concerns no one child (`entity` says what was asked
  // for) and returns it as forbidden.
  Status refuse_general(const auth::Principal& principal, auth::Action action,
                        std::string_view entity, const std::string& reason);

  // Appends an audit event about a child and waits until it is durable.
  Status record_event(const auth::Principal& principal, std::string action, std::int64_t child_id,
                      std::string reason = {});

 private:
  // Decides inside `transaction`; `decision` is set when the child exists.
  Status decide_in(store::Transaction& transaction, const auth::Principal& principal,
                   auth::Action action, std::int64_t child_id, auth::Decision& decision);
  Status refuse(const auth::Principal& principal, auth::Action action, std::int64_t child_id,
                const std::string& reason);

  store::Store& store_;
  const Clock& clock_;
  audit::GroupCommit& trail_;
};

}  // namespace safeguard::app
