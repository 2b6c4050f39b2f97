// Migration 3 rebuilds the allocation table so a case can wait in a team's tray (no worker). A
// database made by the previous version, with allocations in it, must come through with every row,
// its indexes and its foreign keys, and then accept a tray allocation.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "store/store.h"
#include "support/temp_dir.h"

namespace safeguard::store {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class Raw {
 public:
  explicit Raw(const std::string& path) { EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK); }
  ~Raw() { sqlite3_close(db_); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;
  int exec(const std::string& sql) {
    char* message = nullptr;
    int code = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (message) {
      last_error_ = message;
      sqlite3_free(message);
    }
    return code;
  }
  std::vector<std::string> column(const std::string& sql) {
    std::vector<std::string> values;
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sql;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(statement); ++c) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
        row += (c ? "|" : "") + std::string(text ? text : "NULL");
      }
      values.push_back(row);
    }
    sqlite3_finalize(statement);
    return values;
  }
  const std::string& last_error() const { return last_error_; }

 private:
  sqlite3* db_ = nullptr;
  std::string last_error_;
};

TEST(TrayMigration, KeepsEveryAllocationItsIndexesAndForeignKeysAndAllowsATray) {
  safeguard::testing::TempDir dir;
  const std::string path = dir.file("version2.db");
  const std::string migrations = std::string(SAFEGUARD_SOURCE_DIR) + "/src/store/migrations/";
  {
    Raw raw(path);
    ASSERT_EQ(raw.exec(read_file(migrations + "0001_case_record.sql")), SQLITE_OK)
        << raw.last_error();
    ASSERT_EQ(raw.exec(read_file(migrations + "0002_access.sql")), SQLITE_OK) << raw.last_error();
    ASSERT_EQ(raw.exec("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, description "
                       "TEXT NOT NULL);"
                       "INSERT INTO schema_migration VALUES (1, 'one'), (2, 'two');"
                       "INSERT INTO team (id, name, service) VALUES (3, 'Team A', 'safeguarding');"
                       "INSERT INTO worker (id, staff_id, name, role, fte, team_id, start_date) "
                       "VALUES (4, 'SW4', 'Alex', 'social_worker', 1.0, 3, '2020-01-01');"
                       "INSERT INTO child (id, local_id, first_name, last_name, date_of_birth, "
                       "sex, ethnicity) VALUES (5, 'C5', 'Sam', 'Example', '2015-01-01', 'F', "
                       "'WBRI');"
                       "INSERT INTO allocation VALUES (7, 5, 4, 3, '2024-01-01', '2024-06-30', "
                       "'new case'), (9, 5, 4, 3, '2024-06-30', NULL, 'back again');"),
              SQLITE_OK)
        << raw.last_error();
  }
  auto store = Store::open(path, Store::Mode::kCreateOrMigrate);
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto version = (*store)->schema_version();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, latest_schema_version());
  ASSERT_TRUE((*store)->check_integrity().ok());
  store->reset();

  Raw raw(path);
  EXPECT_EQ(raw.column("SELECT * FROM allocation ORDER BY id"),
            (std::vector<std::string>{"7|5|4|3|2024-01-01|2024-06-30|new case",
                                      "9|5|4|3|2024-06-30|NULL|back again"}));
  EXPECT_EQ(raw.column("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = "
                       "'allocation' ORDER BY name"),
            // allocation_open is migration 5's, after the rebuild.
            (std::vector<std::string>{"allocation_child", "allocation_open", "allocation_team",
                                      "allocation_worker"}));
  EXPECT_EQ(raw.column("SELECT \"table\", \"from\" FROM pragma_foreign_key_list('allocation') "
                       "ORDER BY \"from\""),
            (std::vector<std::string>{"child|child_id", "team|team_id", "worker|worker_id"}));
  EXPECT_TRUE(raw.column("PRAGMA foreign_key_check").empty());
  ASSERT_EQ(raw.exec("PRAGMA foreign_keys = ON"), SQLITE_OK);
  EXPECT_EQ(raw.exec("INSERT INTO allocation (child_id, worker_id, team_id, start_date) VALUES "
                     "(5, NULL, 3, '2025-01-01')"),
            SQLITE_OK)
      << "a tray allocation: a team and no worker";
  EXPECT_NE(raw.exec("INSERT INTO allocation (child_id, worker_id, team_id, start_date) VALUES "
                     "(5, 99, 3, '2025-01-01')"),
            SQLITE_OK)
      << "the worker must still exist";
  EXPECT_NE(raw.exec("INSERT INTO allocation (child_id, worker_id, team_id, start_date) VALUES "
                     "(5, 4, NULL, '2025-01-01')"),
            SQLITE_OK)
      << "the team is still required";
  EXPECT_NE(raw.exec("INSERT INTO allocation (child_id, worker_id, team_id, start_date, end_date) "
                     "VALUES (5, 4, 3, '2025-01-01', '2024-01-01')"),
            SQLITE_OK)
      << "the date check is kept";
}

}  // namespace
}  // namespace safeguard::store
