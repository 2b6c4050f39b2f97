// The group commit reads the chain's head once per batch and links the batch's events in memory.
// These prove the chain stays one chain when batches are interleaved with events appended in other
// transactions (as CaseRecord's audited writes do), and that a batch's events are numbered and
// linked exactly as if they had been appended one at a time.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "audit/group_commit.h"
#include "support/temp_dir.h"

namespace safeguard::audit {
namespace {

Event read_of(std::string actor, std::int64_t child_id) {
  Event event;
  event.actor = std::move(actor);
  event.action = "read";
  event.entity = "child";
  event.entity_id = std::to_string(child_id);
  event.child_id = child_id;
  return event;
}

TEST(GroupCommitChain, BatchesInterleavedWithOtherWritersKeepOneIntactChain) {
  testing::TempDir dir;
  auto store = store::Store::open(dir.file("chain.db"), store::Store::Mode::kCreateOrMigrate);
  ASSERT_TRUE(store);
  ManualClock clock(Timestamp::at_start_of(*Date::from_ymd(2026, 3, 31)));
  GroupCommit trail(**store, clock, 8);
  constexpr int kReaders = 8;
  constexpr int kEach = 30;
  std::atomic<int> failures{0};
  std::atomic<bool> readers_done{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kReaders; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        if (!trail.append(read_of("reader-" + std::to_string(t), i + 1))) ++failures;
      }
    });
  }
  // Another writer appending in its own transactions all the while.
  int direct = 0;
  std::thread writer([&] {
    while (!readers_done.load()) {
      Status status = (*store)->write([&](store::Transaction& tx) -> Status {
        auto appended = append(tx, clock, read_of("writer", 99));
        if (!appended) return appended.error();
        return Status::success();
      });
      if (!status) ++failures;
      ++direct;
    }
  });
  for (auto& thread : threads) thread.join();
  readers_done = true;
  writer.join();
  EXPECT_EQ(failures.load(), 0);
  auto verified = verify(**store);
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->events_checked, kReaders * kEach + direct);
  EXPECT_EQ(trail.counts().events, kReaders * kEach);
}

TEST(GroupCommitChain, ABatchLinksEachEventToTheOneBefore) {
  testing::TempDir dir;
  auto store = store::Store::open(dir.file("chain.db"), store::Store::Mode::kCreateOrMigrate);
  ASSERT_TRUE(store);
  ManualClock clock(Timestamp::at_start_of(*Date::from_ymd(2026, 3, 31)));
  GroupCommit trail(**store, clock);
  constexpr int kThreads = 12;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] { (void)trail.append(read_of("r" + std::to_string(t), t + 1)); });
  }
  for (auto& thread : threads) thread.join();
  std::vector<store::AuditRecord> records;
  ASSERT_TRUE((*store)->read([&](store::Transaction& tx) -> Status {
    return tx.for_each_audit_record(1, [&](const store::AuditRecord& record) {
      records.push_back(record);
      return true;
    });
  }));
  ASSERT_EQ(records.size(), static_cast<std::size_t>(kThreads));
  std::string previous = kGenesisHash;
  for (std::size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(records[i].prev_hash, previous);
    EXPECT_EQ(records[i].hash, compute_hash(records[i]));
    previous = records[i].hash;
  }
}

}  // namespace
}  // namespace safeguard::audit
