// Group commit for the audit trail: many threads' events appended in one transaction, each caller
// returning only once its own event is durable (committed, synchronous=FULL). An audited read then
// costs a share of one fsync instead of a whole one.
//
//   audit::GroupCommit trail(store, clock);
//   auto stored = trail.append(event);  // blocks until committed; the chain stays one chain
//
// How: the first caller to find no commit in progress becomes the leader, takes every event queued
// so far (up to max_batch), appends them in queue order inside one Store::write and commits; the
// others wait. When the commit ends, each waiter in the batch gets its stored record (or the
// batch's error: then none of the batch was written), and the next waiter leads the next batch.
// Events keep the order they were queued in, so the hash chain is exactly as if they had been
// appended one by one. Thread-safe; no thread of its own.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

#include "audit/audit_trail.h"
#include "base/clock.h"
#include "base/result.h"
#include "store/store.h"

namespace safeguard::audit {

class GroupCommit {
 public:
  GroupCommit(store::Store& store, const Clock& clock, std::size_t max_batch = 1024)
      : store_(store), clock_(clock), max_batch_(max_batch == 0 ? 1 : max_batch) {}
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Appends `event` and returns its stored record once committed.
  Result<store::AuditRecord> append(const Event& event);

  // How many transactions have committed events, and how many events: for tests and benchmarks.
  struct Counts {
    std::int64_t batches = 0;
    std::int64_t events = 0;
  };
  Counts counts() const;

 private:
  struct Pending {
    const Event* event = nullptr;
    bool done = false;
    Result<store::AuditRecord> outcome = Error::internal("not committed");
  };

  void commit_batch(std::vector<Pending*>& batch);

  store::Store& store_;
  const Clock& clock_;
  const std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable committed_;
  std::vector<Pending*> queue_;
  bool leading_ = false;
  Counts counts_;
};

}  // namespace safeguard::audit
