// The audit trail: every read and write of a child's record, and every refusal, appends one event
// in the same transaction as the work it describes. Events are chained: each carries the SHA-256 of
// the previous event and a SHA-256 over its own content and that link, so editing, deleting,
// inserting or reordering any event breaks the chain at that event. docs/audit.md says what the
// chain can and cannot prove, and how an anchored head hash closes the gap it leaves (removal of
// the newest events).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "store/records.h"
#include "store/store.h"

namespace safeguard::audit {

// What happened, as the caller knows it. The trail adds the time, the sequence number and the
// hashes.
struct Event {
  std::string actor;   // username, or "system:<what>" for the system itself
  std::string action;  // create, update, read, refuse, import, generate ...
  std::string entity;  // child, visit, looked_after_episode ...
  std::string entity_id;
  std::optional<std::int64_t> child_id;
  std::string reason;
  std::string before;  // JSON image, or empty
  std::string after;   // JSON image, or empty
};

// The hash every chain starts from (64 zeros).
extern const std::string kGenesisHash;

// Appends `event` inside `transaction`, timed by `clock`. Returns the stored record.
Result<store::AuditRecord> append(store::Transaction& transaction, const Clock& clock,
                                  const Event& event);

// The record `event` becomes when it follows `previous` (nullptr: it is the first event), timed
// by `clock`: numbered, linked and hashed, not yet stored. append() is this plus the insert.
store::AuditRecord chain_after(const store::AuditRecord* previous, const Clock& clock,
                               const Event& event);

// The SHA-256 (hex) of a record's content and its prev_hash, as stored in `hash`.
std::string compute_hash(const store::AuditRecord& record);

// The newest event: what to write down somewhere the database's holder cannot reach.
struct Anchor {
  std::int64_t seq = 0;
  std::string hash;
  std::string text() const;  // "SEQ:HASH"
  static Result<Anchor> parse(std::string_view text);
};

struct Verification {
  std::int64_t events_checked = 0;
  bool intact = true;
  std::optional<std::int64_t> first_bad_seq;  // the first event that fails
  std::string problem;                        // what is wrong with it, in words
  Anchor head;                                // the last event checked
};

// Walks the whole chain. With an anchor, also checks that the anchored event is still present with
// the same hash, which detects removal of the newest events and a rewritten chain. `progress` is
// called now and then with the number of events checked.
Result<Verification> verify(store::Store& store, const std::optional<Anchor>& anchor = std::nullopt,
                            const std::function<void(std::int64_t)>& progress = nullptr);

// The current head of the chain (seq 0 and the genesis hash when empty).
Result<Anchor> head(store::Store& store);

}  // namespace safeguard::audit
