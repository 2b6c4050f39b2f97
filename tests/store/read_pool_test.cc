// The store's read-only connections and the request path's named queries: a read runs while a
// write transaction is open (and sees only what was committed before it began), the pool reuses
// its connections and never opens more than its bound, and session_state / case_holding answer as
// the rows say.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "domain/access.h"
#include "domain/child.h"
#include "domain/workforce.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace safeguard::store {
namespace {

using safeguard::testing::TempDir;

domain::Child a_child(const std::string& local_id) {
  domain::Child child;
  child.local_id = local_id;
  child.first_name = "Alex";
  child.last_name = "Reed";
  child.date_of_birth = *Date::from_ymd(2015, 6, 1);
  child.sex = "F";
  child.ethnicity = "WBRI";
  return child;
}

class ReadPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(dir_.file("pool.db"), Store::Mode::kCreateOrMigrate);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
  }

  std::int64_t children() {
    std::int64_t count = -1;
    EXPECT_TRUE(store_->read([&](Transaction& tx) -> Status {
      auto n = tx.count<domain::Child>();
      if (!n) return n.error();
      count = *n;
      return Status::success();
    }));
    return count;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(ReadPoolTest, AReadRunsWhileAWriteIsOpenAndSeesOnlyWhatWasCommitted) {
  std::mutex mutex;
  std::condition_variable changed;
  bool inserted = false;
  bool read_done = false;
  std::thread writer([&] {
    Status status = store_->write([&](Transaction& tx) -> Status {
      domain::Child child = a_child("C1");
      SAFEGUARD_TRY(tx.insert(child));
      std::unique_lock lock(mutex);
      inserted = true;
      changed.notify_all();
      // Hold the write transaction open until the reader has finished.
      changed.wait(lock, [&] { return read_done; });
      return Status::success();
    });
    EXPECT_TRUE(status) << status.error().message;
  });
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return inserted; });
  }
  // With one connection behind one mutex this read would wait for the write forever.
  EXPECT_EQ(children(), 0) << "the uncommitted child must not be visible";
  {
    std::lock_guard lock(mutex);
    read_done = true;
  }
  changed.notify_all();
  writer.join();
  EXPECT_EQ(children(), 1) << "a read begun after the commit sees it";
}

TEST_F(ReadPoolTest, SequentialReadsReuseOneConnection) {
  for (int i = 0; i < 20; ++i) EXPECT_EQ(children(), 0);
  EXPECT_EQ(store_->reader_count(), 1u);
}

TEST_F(ReadPoolTest, ConcurrentReadsNeverOpenMoreThanTheBound) {
  constexpr int kThreads = 40;
  std::atomic<int> inside{0};
  std::atomic<int> most_inside{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        Status status = store_->read([&](Transaction& tx) -> Status {
          int now = ++inside;
          int seen = most_inside.load();
          while (now > seen && !most_inside.compare_exchange_weak(seen, now)) {
          }
          std::this_thread::sleep_for(std::chrono::microseconds(200));
          auto n = tx.count<domain::Child>();
          --inside;
          if (!n) return n.error();
          return Status::success();
        });
        if (!status) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(store_->reader_count(), Store::kMaxReaders);
  EXPECT_LE(most_inside.load(), static_cast<int>(Store::kMaxReaders));
  EXPECT_GT(most_inside.load(), 1) << "reads should overlap";
}

TEST_F(ReadPoolTest, SessionStateReadsTheSessionAndItsAccount) {
  domain::UserAccount account;
  account.username = "sw1";
  account.password_hash = "x";
  account.role = "social_worker";
  account.agency = "";
  account.created_at = "2026-03-31T09:00:00.000000Z";
  domain::Session session;
  session.token_hash = "abc123";
  session.csrf_token = "csrf";
  session.created_at = "2026-03-31T09:00:00.000000Z";
  session.last_seen_at = "2026-03-31T09:05:00.000000Z";
  session.expires_at = "2026-03-31T19:00:00.000000Z";
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    auto user = tx.insert(account);
    if (!user) return user.error();
    session.user_id = *user;
    auto id = tx.insert(session);
    if (!id) return id.error();
    return Status::success();
  }));
  std::optional<SessionState> state;
  std::optional<SessionState> missing;
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    auto found = tx.session_state("abc123");
    if (!found) return found.error();
    state = *found;
    auto none = tx.session_state("no-such-hash");
    if (!none) return none.error();
    missing = *none;
    return Status::success();
  }));
  EXPECT_FALSE(missing.has_value());
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ(state->session_id, session.id);
  EXPECT_EQ(state->user_id, account.id);
  EXPECT_FALSE(state->ended);
  EXPECT_EQ(state->last_seen_at, session.last_seen_at);
  EXPECT_EQ(state->expires_at, session.expires_at);
  EXPECT_TRUE(state->account_active);
  EXPECT_EQ(state->role, "social_worker");
  EXPECT_FALSE(state->worker_id.has_value());

  // Sign-out and deactivation show at once.
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    session.ended = true;
    SAFEGUARD_TRY(tx.update(session));
    account.active = false;
    return tx.update(account);
  }));
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    auto found = tx.session_state("abc123");
    if (!found) return found.error();
    state = *found;
    return Status::success();
  }));
  ASSERT_TRUE(state.has_value());
  EXPECT_TRUE(state->ended);
  EXPECT_FALSE(state->account_active);
}

TEST_F(ReadPoolTest, CaseHoldingCountsOnlyAllocationsOpenOnTheDay) {
  Date today = *Date::from_ymd(2026, 3, 31);
  std::int64_t child_id = 0;
  std::int64_t lonely_id = 0;
  std::vector<std::int64_t> teams;
  std::vector<std::int64_t> workers;
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    for (int i = 0; i < 4; ++i) {
      domain::Team team;
      team.name = "Team " + std::to_string(i);
      team.service = "safeguarding";
      auto id = tx.insert(team);
      if (!id) return id.error();
      teams.push_back(*id);
      domain::Worker worker;
      worker.staff_id = "SW" + std::to_string(i);
      worker.name = "Worker " + std::to_string(i);
      worker.role = "social_worker";
      worker.team_id = *id;
      worker.start_date = *Date::from_ymd(2020, 1, 1);
      auto worker_id = tx.insert(worker);
      if (!worker_id) return worker_id.error();
      workers.push_back(*worker_id);
    }
    domain::Child child = a_child("C1");
    auto id = tx.insert(child);
    if (!id) return id.error();
    child_id = *id;
    domain::Child lonely = a_child("C2");
    auto other = tx.insert(lonely);
    if (!other) return other.error();
    lonely_id = *other;
    auto allocate = [&](std::optional<std::int64_t> worker, std::int64_t team, Date start,
                        std::optional<Date> end) -> Status {
      domain::Allocation allocation;
      allocation.child_id = child_id;
      allocation.worker_id = worker;
      allocation.team_id = team;
      allocation.start_date = start;
      allocation.end_date = end;
      auto added = tx.insert(allocation);
      if (!added) return added.error();
      return Status::success();
    };
    // Ended before today, ends today (so no longer open), open, in a tray (no worker), future.
    SAFEGUARD_TRY(
        allocate(workers[0], teams[0], *Date::from_ymd(2025, 1, 1), *Date::from_ymd(2025, 6, 1)));
    SAFEGUARD_TRY(allocate(workers[1], teams[1], *Date::from_ymd(2025, 6, 1), today));
    SAFEGUARD_TRY(allocate(workers[2], teams[2], today, std::nullopt));
    SAFEGUARD_TRY(
        allocate(std::nullopt, teams[3], *Date::from_ymd(2026, 1, 1), *Date::from_ymd(2026, 4, 1)));
    SAFEGUARD_TRY(allocate(workers[3], teams[3], *Date::from_ymd(2026, 4, 1), std::nullopt));
    return Status::success();
  }));
  std::optional<CaseHolding> holding;
  std::optional<CaseHolding> lonely;
  std::optional<CaseHolding> absent;
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    auto found = tx.case_holding(child_id, today);
    if (!found) return found.error();
    holding = *found;
    auto none = tx.case_holding(lonely_id, today);
    if (!none) return none.error();
    lonely = *none;
    auto missing = tx.case_holding(lonely_id + 100, today);
    if (!missing) return missing.error();
    absent = *missing;
    return Status::success();
  }));
  ASSERT_TRUE(holding.has_value());
  EXPECT_EQ(holding->worker_ids, std::vector<std::int64_t>{workers[2]});
  EXPECT_EQ(holding->team_ids, (std::vector<std::int64_t>{teams[2], teams[3]}));
  ASSERT_TRUE(lonely.has_value()) << "a child with no allocation exists, held by no one";
  EXPECT_TRUE(lonely->worker_ids.empty());
  EXPECT_TRUE(lonely->team_ids.empty());
  EXPECT_FALSE(absent.has_value()) << "no such child";
}

}  // namespace
}  // namespace safeguard::store
