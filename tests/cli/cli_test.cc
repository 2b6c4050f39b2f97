// The command line as scripts and people use it: init, summary (table and JSON keys), audit verify
// and head (exit 0 intact, 1 naming the first bad event), backup, and clear one-line errors with
// exit 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "app/case_record.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace safeguard {
namespace {

using ::testing::HasSubstr;
using testing::run_command;

class CliTest : public ::testing::Test {
 protected:
  testing::CommandResult safeguard(const std::string& arguments) {
    return run_command(std::string(SAFEGUARD_BINARY) + " " + arguments, dir_.path().string());
  }

  // A database with a few children and audit events, made through the use cases.
  std::string database_with_events(int children) {
    std::string path = dir_.file("cli.db");
    auto store = store::Store::open(path, store::Store::Mode::kCreateOrMigrate);
    auto codes = domain::CodeLists::load_standard();
    ManualClock clock(Timestamp::at_start_of(*Date::from_ymd(2025, 1, 6)));
    app::CaseRecord record(**store, *codes, clock);
    app::Actor actor{"social-worker", "social_worker", std::nullopt};
    for (int n = 0; n < children; ++n) {
      domain::Child child;
      child.local_id = "C" + std::to_string(n);
      child.first_name = "Robin";
      child.last_name = "Patel";
      child.date_of_birth = *Date::from_ymd(2014, 3, 3);
      child.sex = "F";
      child.ethnicity = "AIND";
      auto id = record.add(actor, child);
      EXPECT_TRUE(id);
      domain::LookedAfterEpisode episode;
      episode.child_id = *id;
      episode.start_date = *Date::from_ymd(2024, 1, 10);
      episode.reason_for_new_episode = "S";
      episode.legal_status = "C1";
      episode.category_of_need = "N1";
      episode.placement_type = n % 2 ? "U4" : "U6";
      episode.placement_provider = n % 2 ? "PR1" : "PR4";
      EXPECT_TRUE(record.add(actor, episode));
      clock.advance_seconds(3600);
    }
    return path;
  }

  static void run_sql(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    std::string error = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    ASSERT_EQ(code, SQLITE_OK) << error;
  }

  testing::TempDir dir_;
};

TEST_F(CliTest, HelpListsTheCommands) {
  auto result = safeguard("--help");
  EXPECT_EQ(result.exit_code, 0);
  for (const char* command : {"init", "demo", "summary", "audit", "backup"}) {
    EXPECT_THAT(result.out, HasSubstr(command));
  }
}

TEST_F(CliTest, InitCreatesAndIsIdempotent) {
  std::string path = dir_.file("new.db");
  auto first = safeguard("init --db " + path);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out,
              HasSubstr("schema version " + std::to_string(store::latest_schema_version())));
  auto second = safeguard("init --db " + path);
  EXPECT_EQ(second.exit_code, 0) << second.err;
}

TEST_F(CliTest, MissingDatabaseIsAOneLineErrorWithExit2) {
  auto result = safeguard("summary --db " + dir_.file("absent.db"));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("safeguard init"));
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1);
}

TEST_F(CliTest, BadDateIsRefusedWithTheExpectedForm) {
  std::string path = database_with_events(1);
  auto result = safeguard("summary --db " + path + " --as-of 31/02/2025");
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("YYYY-MM-DD"));
}

TEST_F(CliTest, SummaryJsonHasTheContractKeys) {
  std::string path = database_with_events(3);
  auto result = safeguard("summary --db " + path + " --as-of 2025-03-31 --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto json = nlohmann::json::parse(result.out);
  for (const char* key : {"children_looked_after", "cp_plans", "children_in_need",
                          "unallocated_cases", "workers", "mean_caseload", "placements"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json["children_looked_after"], 3);
  EXPECT_EQ(json["placements"]["U6"], 2);
  EXPECT_EQ(json["placements"]["U4"], 1);
  auto before = safeguard("summary --db " + path + " --as-of 2024-01-09 --format json");
  EXPECT_EQ(nlohmann::json::parse(before.out)["children_looked_after"], 0);
}

TEST_F(CliTest, SummaryTableIsReadable) {
  std::string path = database_with_events(2);
  auto result = safeguard("summary --db " + path + " --as-of 2025-03-31");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Children looked after"));
  EXPECT_THAT(result.out, HasSubstr("Mean caseload"));
}

TEST_F(CliTest, AuditVerifyExitsZeroWhenIntactAndOneNamingTheEditedEvent) {
  std::string path = database_with_events(5);
  auto intact = safeguard("audit verify --db " + path);
  EXPECT_EQ(intact.exit_code, 0) << intact.err;
  EXPECT_THAT(intact.out, HasSubstr("10 events"));

  run_sql(path,
          "DROP TRIGGER audit_event_no_update; "
          "UPDATE audit_event SET actor = 'someone-else' WHERE seq = 4;");
  auto broken = safeguard("audit verify --db " + path);
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_THAT(broken.err, HasSubstr("broken at event 4"));
  EXPECT_THAT(broken.err, HasSubstr("altered"));
}

TEST_F(CliTest, AuditHeadAnchorCatchesACutTail) {
  std::string path = database_with_events(3);
  auto head = safeguard("audit head --db " + path);
  ASSERT_EQ(head.exit_code, 0);
  std::string anchor = head.out.substr(0, head.out.find('\n'));
  EXPECT_THAT(anchor, ::testing::StartsWith("6:"));
  run_sql(path, "DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE seq >= 5;");
  EXPECT_EQ(safeguard("audit verify --db " + path).exit_code, 0);  // the chain alone cannot tell
  auto anchored = safeguard("audit verify --db " + path + " --anchor " + anchor);
  EXPECT_EQ(anchored.exit_code, 1);
  EXPECT_THAT(anchored.err, HasSubstr("were removed"));
  auto malformed = safeguard("audit verify --db " + path + " --anchor 6:nothex");
  EXPECT_EQ(malformed.exit_code, 2);
}

TEST_F(CliTest, BackupCopiesConsistentlyAndRefusesToOverwrite) {
  std::string path = database_with_events(4);
  std::string copy = dir_.file("copy.db");
  auto result = safeguard("backup --db " + path + " --to " + copy);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto original = safeguard("summary --db " + path + " --as-of 2025-03-31 --format json");
  auto copied = safeguard("summary --db " + copy + " --as-of 2025-03-31 --format json");
  EXPECT_EQ(original.out, copied.out);
  EXPECT_EQ(safeguard("audit verify --db " + copy).exit_code, 0);
  auto again = safeguard("backup --db " + path + " --to " + copy);
  EXPECT_NE(again.exit_code, 0);
  EXPECT_THAT(again.err, HasSubstr("already exists"));
}

TEST_F(CliTest, UserAddReadsThePasswordFromStdinAndRefusesWeakOnes) {
  std::string path = dir_.file("users.db");
  ASSERT_EQ(safeguard("init --db " + path).exit_code, 0);
  auto created =
      run_command("echo 'a-long-enough-password' | " + std::string(SAFEGUARD_BINARY) +
                      " user add --db " + path + " --username sw-one --role social_worker",
                  dir_.path().string());
  EXPECT_EQ(created.exit_code, 0) << created.err;
  EXPECT_THAT(created.out, HasSubstr("created account sw-one"));
  auto weak = run_command("echo 'short' | " + std::string(SAFEGUARD_BINARY) + " user add --db " +
                              path + " --username sw-two --role social_worker",
                          dir_.path().string());
  EXPECT_NE(weak.exit_code, 0);
  EXPECT_THAT(weak.err, HasSubstr("at least 10 characters"));
  auto bad_role = run_command("echo 'a-long-enough-password' | " + std::string(SAFEGUARD_BINARY) +
                                  " user add --db " + path + " --username sw-three --role boss",
                              dir_.path().string());
  EXPECT_NE(bad_role.exit_code, 0);
  EXPECT_THAT(bad_role.err, HasSubstr("social_worker"));
}

}  // namespace
}  // namespace safeguard
