// Proves Store::backup_to: the copy opens as a Store of its own with the same content (records,
// settings, audit chain); an existing file is never overwritten; and a backup taken while another
// Store on the same file keeps writing (as a server does while an operator runs 'safeguard
// backup') is a consistent snapshot: integrity ok, every child complete with all of its visits,
// the audit chain intact.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "audit/audit_trail.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace safeguard::store {
namespace {

using domain::Child;
using domain::Visit;

constexpr int kVisitsPerChild = 3;

// One child, their visits and the audit event for it, in one transaction.
Status add_child_with_visits(Store& store, const Clock& clock, int n) {
  return store.write([&](Transaction& tx) -> Status {
    Child child;
    child.local_id = "B" + std::to_string(n);
    child.first_name = "Child";
    child.last_name = std::to_string(n);
    child.date_of_birth = *Date::from_ymd(2015, 1, 1);
    child.sex = "U";
    child.ethnicity = "NOBT";
    SAFEGUARD_TRY(tx.insert(child));
    for (int v = 0; v < kVisitsPerChild; ++v) {
      Visit visit{0,
                  child.id,
                  std::nullopt,
                  *Date::from_ymd(2025, 1, 1 + v),
                  true,
                  false,
                  "visit " + std::to_string(v)};
      SAFEGUARD_TRY(tx.insert(visit));
    }
    audit::Event event{"system:test", "create", "child", std::to_string(child.id),
                       child.id,      "",       "",      ""};
    auto appended = audit::append(tx, clock, event);
    if (!appended) return appended.error();
    return Status::success();
  });
}

// What a reader of the database would check: every child has all of its visits, the chain holds.
void expect_consistent(const std::string& path, std::int64_t* children_out = nullptr) {
  auto opened = Store::open(path);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  Store& store = **opened;
  Status integrity = store.check_integrity();
  EXPECT_TRUE(integrity.ok()) << integrity.error().message;
  std::int64_t children = 0;
  std::int64_t visits = 0;
  ASSERT_TRUE(store.read([&](Transaction& tx) -> Status {
    children = *tx.count<Child>();
    visits = *tx.count<Visit>();
    return tx.for_each<Child>([&](const Child& child) -> Status {
      auto mine = tx.list_where<Visit>("child_id", Value{child.id});
      if (!mine) return mine.error();
      EXPECT_EQ(mine->size(), static_cast<std::size_t>(kVisitsPerChild)) << child.local_id;
      return Status::success();
    });
  }));
  EXPECT_EQ(visits, children * kVisitsPerChild);
  auto verified = audit::verify(store);
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->events_checked, children);
  if (children_out) *children_out = children;
}

std::string file_contents(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(path_, Store::Mode::kCreateOrMigrate);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
  }

  testing::TempDir dir_;
  std::string path_ = dir_.file("live.db");
  std::unique_ptr<Store> store_;
  ManualClock clock_{Timestamp::at_start_of(*Date::from_ymd(2025, 3, 31))};
};

TEST_F(BackupTest, TheCopyOpensWithTheSameContent) {
  for (int n = 0; n < 25; ++n) ASSERT_TRUE(add_child_with_visits(*store_, clock_, n));
  ASSERT_TRUE(store_->write(
      [&](Transaction& tx) -> Status { return tx.put_setting("authority", "Northshire"); }));
  auto live_head = audit::head(*store_);
  ASSERT_TRUE(live_head.ok());

  std::string copy = dir_.file("copy.db");
  Status backed_up = store_->backup_to(copy);
  ASSERT_TRUE(backed_up.ok()) << backed_up.error().message;

  std::int64_t children = 0;
  expect_consistent(copy, &children);
  EXPECT_EQ(children, 25);
  auto opened = Store::open(copy);
  ASSERT_TRUE(opened.ok());
  Store& backup = **opened;
  EXPECT_EQ(*backup.schema_version(), latest_schema_version());
  ASSERT_TRUE(backup.read([&](Transaction& tx) -> Status {
    EXPECT_EQ(tx.setting("authority")->value_or("?"), "Northshire");
    auto child = tx.find_child_by_local_id("B7");
    EXPECT_TRUE(child.ok() && child->has_value());
    return Status::success();
  }));
  // The copy carries the same chain: the live head is an anchor the copy satisfies.
  auto verified = audit::verify(backup, *live_head);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->head.hash, live_head->hash);

  // The copy is independent: writing to the live file afterwards does not change it.
  ASSERT_TRUE(add_child_with_visits(*store_, clock_, 99));
  ASSERT_TRUE(backup.read([&](Transaction& tx) -> Status {
    EXPECT_EQ(*tx.count<Child>(), 25);
    return Status::success();
  }));
}

TEST_F(BackupTest, RefusesToOverwriteAnExistingFile) {
  ASSERT_TRUE(add_child_with_visits(*store_, clock_, 1));
  std::string earlier = dir_.file("earlier-backup.db");
  ASSERT_TRUE(store_->backup_to(earlier));
  std::string before = file_contents(earlier);

  ASSERT_TRUE(add_child_with_visits(*store_, clock_, 2));
  Status again = store_->backup_to(earlier);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_NE(again.error().message.find(earlier), std::string::npos) << again.error().message;
  EXPECT_EQ(file_contents(earlier), before) << "the earlier backup was touched";

  std::string notes = dir_.file("notes.txt");
  std::ofstream(notes) << "not a database";
  EXPECT_FALSE(store_->backup_to(notes).ok());
  EXPECT_EQ(file_contents(notes), "not a database");
}

TEST_F(BackupTest, IntoAMissingDirectoryIsAnError) {
  Status backed_up = store_->backup_to(dir_.file("no/such/dir/copy.db"));
  ASSERT_FALSE(backed_up.ok());
  EXPECT_EQ(backed_up.error().kind, ErrorKind::kUnavailable);
}

TEST_F(BackupTest, TakenWhileAnotherStoreKeepsWritingIsConsistent) {
  for (int n = 0; n < 20; ++n) ASSERT_TRUE(add_child_with_visits(*store_, clock_, n));

  // The "server": a second Store on the same file, writing as fast as it can.
  auto second = Store::open(path_);
  ASSERT_TRUE(second.ok()) << second.error().message;
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::atomic<bool> writer_failed{false};
  Status writer_failure;  // read only after the writer has stopped
  std::thread writer([&] {
    SystemClock clock;
    for (int n = 1000; !stop; ++n) {
      Status status = add_child_with_visits(**second, clock, n);
      if (!status) {
        writer_failure = status;
        writer_failed = true;
        return;
      }
      ++written;
    }
  });

  std::vector<std::int64_t> counts;
  for (int b = 0; b < 6; ++b) {
    // Let the writer get ahead between backups.
    int seen = written;
    while (written < seen + 5 && !writer_failed) std::this_thread::yield();
    std::string copy = dir_.file("during-" + std::to_string(b) + ".db");
    Status backed_up = store_->backup_to(copy);
    ASSERT_TRUE(backed_up.ok()) << backed_up.error().message;
    std::int64_t children = 0;
    expect_consistent(copy, &children);
    counts.push_back(children);
  }
  stop = true;
  writer.join();
  ASSERT_TRUE(writer_failure.ok()) << writer_failure.error().message;
  EXPECT_GT(written, 30);
  // Each backup saw more of the writer's work than the one before.
  for (std::size_t i = 1; i < counts.size(); ++i) EXPECT_GT(counts[i], counts[i - 1]);
  expect_consistent(path_);
}

}  // namespace
}  // namespace safeguard::store
