// The audit trail's group commit under concurrent callers: every event is stored once, the chain
// verifies, callers return only after their event is committed, and concurrent events share
// commits.
#include "audit/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "support/temp_dir.h"

namespace safeguard::audit {
namespace {

TEST(GroupCommitTest, ConcurrentEventsAreAllCommittedInOneIntactChain) {
  testing::TempDir dir;
  auto store = store::Store::open(dir.file("trail.db"), store::Store::Mode::kCreateOrMigrate);
  ASSERT_TRUE(store);
  ManualClock clock(Timestamp::at_start_of(*Date::from_ymd(2026, 3, 31)));
  GroupCommit trail(**store, clock);
  constexpr int kThreads = 16;
  constexpr int kEach = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  std::mutex seen_mutex;
  std::set<std::int64_t> seqs;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Event event;
        event.actor = "worker-" + std::to_string(t);
        event.action = "read";
        event.entity = "child";
        event.entity_id = std::to_string(i);
        event.child_id = i + 1;
        auto stored = trail.append(event);
        if (!stored) {
          ++failures;
          continue;
        }
        // Committed: a fresh read transaction already sees it.
        bool visible = false;
        (void)(*store)->read([&](store::Transaction& tx) -> Status {
          auto last = tx.last_audit_record();
          visible = last && *last && (*last)->seq >= stored->seq;
          return Status::success();
        });
        if (!visible || stored->actor != event.actor) ++failures;
        std::lock_guard lock(seen_mutex);
        seqs.insert(stored->seq);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(seqs.size(), static_cast<std::size_t>(kThreads * kEach)) << "each event its own seq";
  auto counts = trail.counts();
  EXPECT_EQ(counts.events, kThreads * kEach);
  EXPECT_LT(counts.batches, counts.events) << "concurrent events should share commits";
  auto verified = verify(**store);
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->events_checked, kThreads * kEach);
}

TEST(GroupCommitTest, OneCallerAloneStillGetsAChainedDurableEvent) {
  testing::TempDir dir;
  auto store = store::Store::open(dir.file("trail.db"), store::Store::Mode::kCreateOrMigrate);
  ASSERT_TRUE(store);
  ManualClock clock(Timestamp::at_start_of(*Date::from_ymd(2026, 3, 31)));
  GroupCommit trail(**store, clock);
  Event event;
  event.actor = "a";
  event.action = "read";
  event.entity = "child";
  auto first = trail.append(event);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->seq, 1);
  EXPECT_EQ(first->prev_hash, kGenesisHash);
  auto second = trail.append(event);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->prev_hash, first->hash);
  EXPECT_EQ(trail.counts().batches, 2);
}

}  // namespace
}  // namespace safeguard::audit
