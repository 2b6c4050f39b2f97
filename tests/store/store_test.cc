// Proves the Store's promises about its file and its transactions: opening a missing file without
// create is refused with a message pointing at 'safeguard init'; creating and migrating is
// idempotent and records the schema version; the connection runs with WAL, foreign keys on and
// synchronous=FULL; a write that fails for any reason (a foreign key, a CHECK, a UNIQUE, or the
// caller's own error) leaves nothing behind; a read transaction refuses writes; settings are
// upserts; the engine's integrity check passes on a healthy file and fails on a damaged one.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "domain/child.h"
#include "domain/practice.h"
#include "store/raw_sqlite.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace safeguard::store {
namespace {

using domain::Child;
using domain::Household;
using domain::Visit;
using domain::Worker;
using safeguard::testing::RawDatabase;
using safeguard::testing::TempDir;

Child a_child(const std::string& local_id) {
  Child child;
  child.local_id = local_id;
  child.first_name = "Sam";
  child.last_name = "Jones";
  child.date_of_birth = *Date::from_ymd(2012, 2, 29);
  child.sex = "M";
  child.ethnicity = "WBRI";
  return child;
}

Visit a_visit(std::int64_t child_id) {
  Visit visit;
  visit.child_id = child_id;
  visit.date = *Date::from_ymd(2025, 1, 15);
  visit.child_seen = true;
  visit.note = "seen at home";
  return visit;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = open(Store::Mode::kCreateOrMigrate); }

  std::unique_ptr<Store> open(Store::Mode mode) {
    auto opened = Store::open(path_, mode);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened.ok() ? std::move(opened).value() : nullptr;
  }

  std::int64_t count_children() {
    std::int64_t count = -1;
    EXPECT_TRUE(store_->read([&](Transaction& tx) -> Status {
      auto n = tx.count<Child>();
      if (!n) return n.error();
      count = *n;
      return Status::success();
    }));
    return count;
  }

  TempDir dir_;
  std::string path_ = dir_.file("store.db");
  std::unique_ptr<Store> store_;
};

// --- opening ------------------------------------------------------------------------------------

TEST(StoreOpen, MissingFileWithoutCreateIsRefusedPointingAtInit) {
  TempDir dir;
  std::string path = dir.file("absent.db");
  auto opened = Store::open(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().kind, ErrorKind::kUnavailable);
  EXPECT_NE(opened.error().message.find("safeguard init"), std::string::npos)
      << opened.error().message;
  EXPECT_NE(opened.error().message.find(path), std::string::npos) << opened.error().message;
  EXPECT_FALSE(std::filesystem::exists(path)) << "opening without create made a file";
}

TEST(StoreOpen, MissingDirectoryIsRefusedEvenWithCreate) {
  TempDir dir;
  auto opened = Store::open(dir.file("no/such/dir/case.db"), Store::Mode::kCreateOrMigrate);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().kind, ErrorKind::kUnavailable);
}

TEST(StoreOpen, AFileThatIsNotADatabaseIsRefused) {
  TempDir dir;
  std::string path = dir.file("notes.db");
  std::ofstream(path) << std::string(8192, 'x');
  auto opened = Store::open(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find(path), std::string::npos) << opened.error().message;
}

TEST_F(StoreTest, CreatesAtTheLatestSchemaVersion) {
  auto version = store_->schema_version();
  ASSERT_TRUE(version.ok()) << version.error().message;
  EXPECT_EQ(*version, latest_schema_version());
  EXPECT_GE(latest_schema_version(), 1);
  EXPECT_EQ(store_->path(), path_);
  RawDatabase raw(path_);
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM schema_migration"),
            std::to_string(latest_schema_version()));
  EXPECT_EQ(raw.value("SELECT MIN(version) FROM schema_migration"), "1");
}

TEST_F(StoreTest, CreateOrMigrateIsIdempotentAndKeepsData) {
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    Child child = a_child("C1");
    SAFEGUARD_TRY(tx.insert(child));
    return tx.put_setting("authority", "Northshire");
  }));
  // A second Store on the same file while the first is open, then again after closing both.
  for (int round = 0; round < 3; ++round) {
    auto again = open(Store::Mode::kCreateOrMigrate);
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(*again->schema_version(), latest_schema_version());
    if (round == 1) store_.reset();
  }
  store_ = open(Store::Mode::kOpenExisting);
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(count_children(), 1);
  RawDatabase raw(path_);
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM schema_migration"),
            std::to_string(latest_schema_version()));
}

// Two servers (or 'safeguard init' and a server) starting at once on a new file must both end up
// with one migrated database, not one of them failing half-way through a migration.
TEST(StoreOpen, TwoStoresCreatingTheSameNewFileAtOnceBothSucceed) {
  for (int trial = 0; trial < 10; ++trial) {
    TempDir dir;
    std::string path = dir.file("race.db");
    Status results[2];
    std::thread first([&] {
      auto opened = Store::open(path, Store::Mode::kCreateOrMigrate);
      if (!opened) results[0] = opened.error();
    });
    std::thread second([&] {
      auto opened = Store::open(path, Store::Mode::kCreateOrMigrate);
      if (!opened) results[1] = opened.error();
    });
    first.join();
    second.join();
    for (const Status& result : results) {
      ASSERT_TRUE(result.ok()) << "trial " << trial << ": " << result.error().message;
    }
    RawDatabase raw(path);
    EXPECT_EQ(raw.value("SELECT COUNT(*) FROM schema_migration"),
              std::to_string(latest_schema_version()));
  }
}

TEST_F(StoreTest, ADatabaseFromANewerSafeguardIsRefused) {
  store_.reset();
  {
    RawDatabase raw(path_);
    raw.must("INSERT INTO schema_migration (version, description) VALUES (999, 'from the future')");
  }
  for (Store::Mode mode : {Store::Mode::kOpenExisting, Store::Mode::kCreateOrMigrate}) {
    auto opened = Store::open(path_, mode);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().kind, ErrorKind::kUnavailable);
    EXPECT_NE(opened.error().message.find("999"), std::string::npos) << opened.error().message;
    EXPECT_NE(opened.error().message.find("upgrade Safeguard"), std::string::npos);
  }
}

TEST(StoreOpen, AnUnmigratedDatabaseIsRefusedPointingAtInit) {
  TempDir dir;
  std::string path = dir.file("empty.db");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE something_else (x)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  auto opened = Store::open(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("schema version 0"), std::string::npos)
      << opened.error().message;
  EXPECT_NE(opened.error().message.find("safeguard init"), std::string::npos);
  // And init (create or migrate) brings it up to date.
  auto migrated = Store::open(path, Store::Mode::kCreateOrMigrate);
  ASSERT_TRUE(migrated.ok()) << migrated.error().message;
  EXPECT_EQ(*(*migrated)->schema_version(), latest_schema_version());
}

// --- pragmas ------------------------------------------------------------------------------------

// Remembers the newest connection SQLite opens in this process, so the test can ask the Store's own
// connection for its per-connection pragmas (foreign_keys and synchronous are not stored in the
// file).
sqlite3* newest_connection = nullptr;
int remember_connection(sqlite3* db, const char**, const sqlite3_api_routines*) {
  newest_connection = db;
  return SQLITE_OK;
}

TEST(StorePragmas, WalForeignKeysAndFullSynchronousAreInForce) {
  TempDir dir;
  std::string path = dir.file("pragmas.db");
  newest_connection = nullptr;
  sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(remember_connection));
  auto opened = Store::open(path, Store::Mode::kCreateOrMigrate);
  sqlite3_cancel_auto_extension(reinterpret_cast<void (*)(void)>(remember_connection));
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  ASSERT_NE(newest_connection, nullptr);

  RawDatabase stores_connection = RawDatabase::borrow(newest_connection);
  EXPECT_EQ(stores_connection.value("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(stores_connection.value("PRAGMA foreign_keys"), "1");
  EXPECT_EQ(stores_connection.value("PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(stores_connection.value("PRAGMA busy_timeout"), "10000");

  // WAL is a property of the file: any connection sees it, and the header says so (bytes 18-19).
  RawDatabase raw(path);
  EXPECT_EQ(raw.value("PRAGMA journal_mode"), "wal");
  std::ifstream file(path, std::ios::binary);
  char header[20] = {};
  file.read(header, sizeof header);
  EXPECT_EQ(header[18], 2);
  EXPECT_EQ(header[19], 2);
}

// --- transactions -------------------------------------------------------------------------------

TEST_F(StoreTest, AForeignKeyViolationIsAConflictAndRollsBackTheWholeTransaction) {
  std::int64_t child_id = 0;
  Status written = store_->write([&](Transaction& tx) -> Status {
    Child child = a_child("C1");
    auto id = tx.insert(child);
    if (!id) return id.error();
    child_id = *id;
    SAFEGUARD_TRY(tx.put_setting("partial", "yes"));
    Visit orphan = a_visit(424242);  // no such child
    auto visit = tx.insert(orphan);
    EXPECT_FALSE(visit.ok());
    if (!visit) {
      EXPECT_EQ(visit.error().kind, ErrorKind::kConflict);
      EXPECT_NE(visit.error().message.find("visit"), std::string::npos) << visit.error().message;
      EXPECT_NE(visit.error().message.find("FOREIGN KEY"), std::string::npos)
          << visit.error().message;
    }
    return visit.ok() ? Status::success() : Status(visit.error());
  });
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().kind, ErrorKind::kConflict);
  EXPECT_GT(child_id, 0);
  EXPECT_EQ(count_children(), 0) << "the child inserted before the violation was kept";
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    auto setting = tx.setting("partial");
    EXPECT_TRUE(setting.ok() && !setting->has_value());
    auto visits = tx.count<Visit>();
    EXPECT_EQ(*visits, 0);
    return Status::success();
  }));
}

TEST_F(StoreTest, CheckAndUniqueViolationsAreConflicts) {
  Status duplicate = store_->write([&](Transaction& tx) -> Status {
    Child first = a_child("C1");
    Child second = a_child("C1");
    SAFEGUARD_TRY(tx.insert(first));
    SAFEGUARD_TRY(tx.insert(second));
    return Status::success();
  });
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().kind, ErrorKind::kConflict);
  EXPECT_NE(duplicate.error().message.find("UNIQUE"), std::string::npos);
  EXPECT_EQ(count_children(), 0);

  Status over_full_time = store_->write([&](Transaction& tx) -> Status {
    Worker worker;
    worker.staff_id = "SW1";
    worker.name = "Jo";
    worker.role = "social_worker";
    worker.fte = 1.5;
    worker.start_date = *Date::from_ymd(2020, 1, 1);
    SAFEGUARD_TRY(tx.insert(worker));
    return Status::success();
  });
  ASSERT_FALSE(over_full_time.ok());
  EXPECT_EQ(over_full_time.error().kind, ErrorKind::kConflict);
  EXPECT_NE(over_full_time.error().message.find("CHECK"), std::string::npos);
}

TEST_F(StoreTest, AWriteReturningAnErrorRollsBackEverything) {
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    Child kept = a_child("KEPT");
    SAFEGUARD_TRY(tx.insert(kept));
    return tx.put_setting("authority", "Northshire");
  }));
  Status refused = store_->write([&](Transaction& tx) -> Status {
    Household household{0, "1 Road", "AB1 2CD"};
    SAFEGUARD_TRY(tx.insert(household));
    Child child = a_child("GONE");
    child.household_id = household.id;
    SAFEGUARD_TRY(tx.insert(child));
    for (int i = 0; i < 3; ++i) {
      Visit visit = a_visit(child.id);
      SAFEGUARD_TRY(tx.insert(visit));
    }
    SAFEGUARD_TRY(tx.put_setting("authority", "Changed"));
    SAFEGUARD_TRY(tx.put_setting("new", "value"));
    AuditRecord event;
    event.seq = 1;
    event.at = "2025-01-01T00:00:00.000000Z";
    event.actor = "tester";
    event.action = "create";
    event.entity = "child";
    event.prev_hash = std::string(64, '0');
    event.hash = std::string(64, '1');
    SAFEGUARD_TRY(tx.append_audit_record(event));
    Child kept = tx.find_child_by_local_id("KEPT")->value();
    kept.first_name = "Renamed";
    SAFEGUARD_TRY(tx.update(kept));
    return Error::invalid("the social worker cancelled");
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(refused.error().message, "the social worker cancelled");

  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    EXPECT_EQ(*tx.count<Child>(), 1);
    EXPECT_EQ(*tx.count<Household>(), 0);
    EXPECT_EQ(*tx.count<Visit>(), 0);
    EXPECT_EQ(tx.setting("authority")->value_or("?"), "Northshire");
    EXPECT_FALSE(tx.setting("new")->has_value());
    EXPECT_FALSE(tx.last_audit_record()->has_value());
    EXPECT_FALSE(tx.find_child_by_local_id("GONE")->has_value());
    EXPECT_EQ(tx.find_child_by_local_id("KEPT")->value().first_name, "Sam");
    return Status::success();
  }));
  // The store is usable afterwards: the rollback left no transaction open.
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    Child next = a_child("NEXT");
    SAFEGUARD_TRY(tx.insert(next));
    return Status::success();
  }));
  EXPECT_EQ(count_children(), 2);
}

TEST_F(StoreTest, AReadTransactionRefusesWrites) {
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    EXPECT_TRUE(tx.writable());
    Child child = a_child("C1");
    SAFEGUARD_TRY(tx.insert(child));
    return Status::success();
  }));
  Status read = store_->read([&](Transaction& tx) -> Status {
    EXPECT_FALSE(tx.writable());
    Child child = a_child("C2");
    auto inserted = tx.insert(child);
    EXPECT_FALSE(inserted.ok());
    if (!inserted) {
      EXPECT_NE(inserted.error().message.find("read-only"), std::string::npos);
    }
    Child existing = tx.find_child_by_local_id("C1")->value();
    existing.first_name = "Changed";
    EXPECT_FALSE(tx.update(existing).ok());
    EXPECT_FALSE(tx.put_setting("k", "v").ok());
    AuditRecord event;
    event.seq = 1;
    EXPECT_FALSE(tx.append_audit_record(event).ok());
    return Status::success();
  });
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(count_children(), 1);
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    EXPECT_EQ(tx.find_child_by_local_id("C1")->value().first_name, "Sam");
    EXPECT_FALSE(tx.setting("k")->has_value());
    return Status::success();
  }));
}

TEST_F(StoreTest, UpdatingAMissingRecordIsNotFound) {
  Status updated = store_->write([&](Transaction& tx) -> Status {
    Child ghost = a_child("GHOST");
    ghost.id = 424242;
    return tx.update(ghost);
  });
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(updated.error().message.find("424242"), std::string::npos) << updated.error().message;
  EXPECT_EQ(count_children(), 0);
}

TEST_F(StoreTest, FindOfAMissingRecordIsEmptyNotAnError) {
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    auto found = tx.find<Child>(424242);
    EXPECT_TRUE(found.ok());
    EXPECT_FALSE(found->has_value());
    auto by_local_id = tx.find_child_by_local_id("nobody");
    EXPECT_TRUE(by_local_id.ok());
    EXPECT_FALSE(by_local_id->has_value());
    return Status::success();
  }));
}

TEST_F(StoreTest, ListWhereRefusesColumnsTheMappingDoesNotHave) {
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    Child child = a_child("C1");
    SAFEGUARD_TRY(tx.insert(child));
    return Status::success();
  }));
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    auto injected =
        tx.list_where<Child>("local_id = local_id; DROP TABLE child; --", Value{std::int64_t{1}});
    EXPECT_FALSE(injected.ok());
    if (!injected) {
      EXPECT_EQ(injected.error().kind, ErrorKind::kInternal);
    }
    auto bad_order = tx.list_where<Child>("local_id", Value{std::string("C1")}, "1; --");
    EXPECT_FALSE(bad_order.ok());
    return Status::success();
  }));
  EXPECT_EQ(count_children(), 1);
}

TEST_F(StoreTest, ListWhereOrdersByTheColumnAskedThenId) {
  std::int64_t child_id = 0;
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    Child child = a_child("C1");
    auto id = tx.insert(child);
    if (!id) return id.error();
    child_id = *id;
    for (int day : {20, 5, 12, 5}) {
      Visit visit = a_visit(child_id);
      visit.date = *Date::from_ymd(2025, 1, day);
      visit.note = "day " + std::to_string(day);
      SAFEGUARD_TRY(tx.insert(visit));
    }
    return Status::success();
  }));
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    auto visits = tx.list_where<Visit>("child_id", Value{child_id}, "date");
    EXPECT_TRUE(visits.ok());
    std::vector<std::string> notes;
    std::vector<std::int64_t> ids;
    for (const auto& visit : *visits) {
      notes.push_back(visit.note);
      ids.push_back(visit.id);
    }
    EXPECT_EQ(notes, (std::vector<std::string>{"day 5", "day 5", "day 12", "day 20"}));
    EXPECT_LT(ids[0], ids[1]) << "ties are broken by id";
    auto none = tx.list_where<Visit>("child_id", Value{child_id + 1});
    EXPECT_TRUE(none.ok() && none->empty());
    return Status::success();
  }));
}

TEST_F(StoreTest, ForEachStopsAtTheVisitorsError) {
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    for (const char* id : {"C1", "C2", "C3"}) {
      Child child = a_child(id);
      SAFEGUARD_TRY(tx.insert(child));
    }
    return Status::success();
  }));
  int visited = 0;
  Status status = store_->read([&](Transaction& tx) -> Status {
    return tx.for_each<Child>([&](const Child& child) -> Status {
      ++visited;
      if (child.local_id == "C2") return Error::invalid("stop at C2");
      return Status::success();
    });
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "stop at C2");
  EXPECT_EQ(visited, 2);
}

TEST_F(StoreTest, StoredRowsTheMappingCannotReadAreReportedAsCorrupt) {
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    Child child = a_child("C1");
    SAFEGUARD_TRY(tx.insert(child));
    return Status::success();
  }));
  {
    RawDatabase raw(path_);
    raw.must("UPDATE child SET date_of_birth = '31/12/2010' WHERE local_id = 'C1'");
  }
  Status status = store_->read([&](Transaction& tx) -> Status {
    auto found = tx.find_child_by_local_id("C1");
    if (!found) return found.error();
    return Status::success();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::kCorrupt);
  EXPECT_NE(status.error().message.find("child row"), std::string::npos) << status.error().message;
  EXPECT_NE(status.error().message.find("31/12/2010"), std::string::npos) << status.error().message;
}

// --- settings -----------------------------------------------------------------------------------

TEST_F(StoreTest, SettingsAreUpserted) {
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    auto missing = tx.setting("authority");
    EXPECT_TRUE(missing.ok() && !missing->has_value());
    return Status::success();
  }));
  ASSERT_TRUE(store_->write(
      [&](Transaction& tx) -> Status { return tx.put_setting("authority", "Northshire"); }));
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    SAFEGUARD_TRY(tx.put_setting("authority", "Southshire"));
    return tx.put_setting("empty", "");
  }));
  store_ = open(Store::Mode::kOpenExisting);
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    EXPECT_EQ(tx.setting("authority")->value_or("?"), "Southshire");
    EXPECT_EQ(tx.setting("empty")->value_or("?"), "");
    return Status::success();
  }));
  RawDatabase raw(path_);
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM setting WHERE key = 'authority'"), "1");
}

// --- integrity ----------------------------------------------------------------------------------

TEST_F(StoreTest, IntegrityCheckPassesOnAHealthyDatabase) {
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    for (int i = 0; i < 200; ++i) {
      Child child = a_child("C" + std::to_string(i));
      SAFEGUARD_TRY(tx.insert(child));
      Visit visit = a_visit(child.id);
      SAFEGUARD_TRY(tx.insert(visit));
    }
    return Status::success();
  }));
  Status integrity = store_->check_integrity();
  EXPECT_TRUE(integrity.ok()) << integrity.error().message;
}

TEST_F(StoreTest, IntegrityCheckFailsOnADamagedFile) {
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    for (int i = 0; i < 2000; ++i) {
      Child child = a_child("C" + std::to_string(i));
      child.last_name = std::string(100, 'x');
      SAFEGUARD_TRY(tx.insert(child));
    }
    return Status::success();
  }));
  store_.reset();  // the last connection closing checkpoints the WAL into the file
  ASSERT_FALSE(std::filesystem::exists(path_ + "-wal"));
  auto size = std::filesystem::file_size(path_);
  ASSERT_GT(size, 40u * 4096u);
  {
    // Scribble over pages in the middle of the file, as a failing disk might.
    std::fstream file(path_, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(size / 2));
    std::string junk(3 * 4096, '\x5a');
    file.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto reopened = Store::open(path_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  Status integrity = (*reopened)->check_integrity();
  ASSERT_FALSE(integrity.ok());
  EXPECT_EQ(integrity.error().kind, ErrorKind::kCorrupt) << integrity.error().message;
}

}  // namespace
}  // namespace safeguard::store
