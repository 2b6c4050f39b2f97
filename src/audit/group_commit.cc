#include "audit/group_commit.h"

namespace safeguard::audit {

Result<store::AuditRecord> GroupCommit::append(const Event& event) {
  Pending pending;
  pending.event = &event;
  std::unique_lock lock(mutex_);
  queue_.push_back(&pending);
  while (!pending.done) {
    if (leading_) {
      committed_.wait(lock);
      continue;
    }
    leading_ = true;
    std::vector<Pending*> batch;
    if (queue_.size() <= max_batch_) {
      batch.swap(queue_);
    } else {
      auto cut = queue_.begin() + static_cast<std::ptrdiff_t>(max_batch_);
      batch.assign(queue_.begin(), cut);
      queue_.erase(queue_.begin(), cut);
    }
    lock.unlock();
    commit_batch(batch);
    lock.lock();
    for (Pending* each : batch) each->done = true;
    leading_ = false;
    committed_.notify_all();
  }
  return std::move(pending.outcome);
}

void GroupCommit::commit_batch(std::vector<Pending*>& batch) {
  std::vector<store::AuditRecord> stored;
  stored.reserve(batch.size());
  Status status = store_.write([&](store::Transaction& transaction) -> Status {
    stored.clear();
    // The head is read once per batch; each event then links to the one before it in memory.
    auto last = transaction.last_audit_record();
    if (!last) return last.error();
    const store::AuditRecord* previous = *last ? &**last : nullptr;
    for (Pending* each : batch) {
      stored.push_back(chain_after(previous, clock_, *each->event));
      SAFEGUARD_TRY(transaction.append_audit_record(stored.back()));
      previous = &stored.back();
    }
    return Status::success();
  });
  {
    std::lock_guard lock(mutex_);
    if (status) {
      counts_.batches += 1;
      counts_.events += static_cast<std::int64_t>(batch.size());
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (status) {
      batch[i]->outcome = std::move(stored[i]);
    } else {
      batch[i]->outcome = status.error();
    }
  }
}

GroupCommit::Counts GroupCommit::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

}  // namespace safeguard::audit
