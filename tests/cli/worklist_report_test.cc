// safeguard worklist and safeguard report as scripts run them, through the built binary, on a small
// demo authority: the contract's JSON (each item's child, rule, due, state), the scopes (a
// worker's and a team's items are the service's items for the cases they hold), each report's rows
// checked against the database itself, exit codes and the audit event each read leaves.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <set>
#include <string>
#include <tuple>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace safeguard {
namespace {

using nlohmann::json;
using testing::run_command;

constexpr const char* kFrom = "2025-04-01";
constexpr const char* kTo = "2026-03-31";  // the demo's simulated today

// One small demo authority for every test here (built once: a few seconds).
class WorklistReportCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    db_ = dir_->file("demo.db");
    auto made = run_command(
        std::string(SAFEGUARD_BINARY) + " demo --db " + db_ + " --children-in-care 40 --years 3",
        dir_->path().string());
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static testing::CommandResult safeguard(const std::string& arguments) {
    return run_command(std::string(SAFEGUARD_BINARY) + " " + arguments + " --db " + db_,
                       dir_->path().string());
  }
  static json safeguard_json(const std::string& arguments) {
    auto result = safeguard(arguments + " --format json");
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out);
  }

  // The first column of each row of a query on the demo database, as integers.
  static std::vector<std::int64_t> numbers(const std::string& sql) {
    sqlite3* db = nullptr;
    std::vector<std::int64_t> values;
    if (sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* statement = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
        while (sqlite3_step(statement) == SQLITE_ROW) {
          values.push_back(sqlite3_column_int64(statement, 0));
        }
      }
      sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return values;
  }
  static std::int64_t number(const std::string& sql) {
    auto values = numbers(sql);
    return values.empty() ? -1 : values.front();
  }
  static std::string open_on(const std::string& date) {
    return "start_date <= '" + date + "' AND (end_date IS NULL OR end_date > '" + date + "')";
  }

  static std::unique_ptr<testing::TempDir> dir_;
  static std::string db_;
};

std::unique_ptr<testing::TempDir> WorklistReportCli::dir_;
std::string WorklistReportCli::db_;

using Key = std::tuple<std::int64_t, std::string, std::string, std::string>;  // child, rule, due
Key key_of(const json& item) {
  return {item["child"].is_null() ? -1 : item["child"].get<std::int64_t>(), item["rule"],
          item["due"], item["state"]};
}

TEST_F(WorklistReportCli, ServiceListHasTheContractFieldsAndOnlyOverdueOrDueSoonItems) {
  json list = safeguard_json("worklist --as-of 2026-03-31");
  EXPECT_EQ(list["as_of"], kTo);
  ASSERT_TRUE(list["items"].is_array());
  ASSERT_FALSE(list["items"].empty()) << "a demo authority always has something overdue";
  EXPECT_EQ(list["count"], list["items"].size());
  // The open cases counted are the database's: an open episode or an open allocation.
  EXPECT_EQ(
      list["children"],
      number("SELECT COUNT(*) FROM (SELECT child_id FROM child_in_need_episode WHERE " +
             open_on(kTo) + " UNION SELECT child_id FROM looked_after_episode WHERE " +
             open_on(kTo) + " UNION SELECT child_id FROM allocation WHERE " + open_on(kTo) + ")"));
  std::set<std::string> kinds;
  std::string previous_due;
  for (const auto& item : list["items"]) {
    ASSERT_TRUE(item.contains("child") && item.contains("rule") && item.contains("due") &&
                item.contains("state"))
        << item.dump();
    EXPECT_FALSE(item["rule"].get<std::string>().empty());
    std::string due = item["due"];
    ASSERT_EQ(due.size(), 10u) << due;
    EXPECT_GE(due, previous_due) << "earliest due first";
    previous_due = due;
    std::string state = item["state"];
    if (state == "overdue") {
      EXPECT_LE(due, kTo) << item.dump();
    } else {
      EXPECT_EQ(state, "due_soon") << "a work list holds only what needs doing: " << item.dump();
      EXPECT_GE(due, kTo) << item.dump();
    }
    kinds.insert(item["kind"].get<std::string>());
    if (item["child"].is_null()) {
      EXPECT_FALSE(item["worker"].is_null()) << "an item about no child is about a worker";
    } else {
      // Every child named has an open case today.
      std::string child = std::to_string(item["child"].get<std::int64_t>());
      EXPECT_EQ(
          number("SELECT COUNT(*) FROM (SELECT child_id FROM child_in_need_episode WHERE " +
                 open_on(kTo) + " AND child_id = " + child +
                 " UNION SELECT child_id FROM looked_after_episode WHERE " + open_on(kTo) +
                 " AND child_id = " + child + " UNION SELECT child_id FROM allocation WHERE " +
                 open_on(kTo) + " AND child_id = " + child + ")"),
          1)
          << item.dump();
    }
  }
  EXPECT_TRUE(kinds.count("statutory")) << "statutory clocks appear on the service's list";
}

TEST_F(WorklistReportCli, AWorkersListIsTheServicesItemsForTheCasesTheyHold) {
  std::int64_t worker =
      number("SELECT worker_id FROM allocation WHERE worker_id IS NOT NULL AND " + open_on(kTo) +
             " GROUP BY worker_id ORDER BY COUNT(*) DESC, worker_id LIMIT 1");
  ASSERT_GT(worker, 0);
  auto held =
      numbers("SELECT child_id FROM allocation WHERE worker_id = " + std::to_string(worker) +
              " AND " + open_on(kTo));
  std::set<std::int64_t> cases(held.begin(), held.end());
  json service = safeguard_json("worklist --as-of 2026-03-31");
  json mine = safeguard_json("worklist --as-of 2026-03-31 --worker " + std::to_string(worker));
  EXPECT_EQ(mine["children"], static_cast<std::int64_t>(cases.size()));
  std::set<Key> expected;
  for (const auto& item : service["items"]) {
    bool theirs = item["child"].is_null() ? item["worker"] == worker
                                          : cases.count(item["child"].get<std::int64_t>()) > 0;
    if (theirs && item["kind"] != "unallocated") expected.insert(key_of(item));
  }
  std::set<Key> got;
  for (const auto& item : mine["items"]) got.insert(key_of(item));
  EXPECT_EQ(got, expected);
}

TEST_F(WorklistReportCli, ATeamsListCoversItsCasesAndTrayAndAnUnknownScopeIsAnError) {
  std::int64_t team = number("SELECT team_id FROM allocation WHERE " + open_on(kTo) +
                             " GROUP BY team_id ORDER BY COUNT(*) DESC, team_id LIMIT 1");
  ASSERT_GT(team, 0);
  auto held =
      numbers("SELECT DISTINCT child_id FROM allocation WHERE team_id = " + std::to_string(team) +
              " AND " + open_on(kTo));
  json list = safeguard_json("worklist --as-of 2026-03-31 --team " + std::to_string(team));
  EXPECT_EQ(list["children"], static_cast<std::int64_t>(held.size()));
  EXPECT_EQ(list["scope"], "team " + std::to_string(team));
  for (const auto& item : list["items"]) {
    EXPECT_EQ(item["team"], team) << item.dump();
  }

  auto unknown = safeguard("worklist --worker 999999 --format json");
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("999999"), std::string::npos) << unknown.err;
  auto both = safeguard("worklist --worker 1 --team 1");
  EXPECT_NE(both.exit_code, 0);
  auto bad_date = safeguard("worklist --as-of 31/03/2026");
  EXPECT_NE(bad_date.exit_code, 0);
  EXPECT_NE(bad_date.err.find("--as-of"), std::string::npos) << bad_date.err;
}

TEST_F(WorklistReportCli, ReadingAListIsAudited) {
  std::int64_t before = number("SELECT COUNT(*) FROM audit_event WHERE entity = 'worklist'");
  json list = safeguard_json("worklist --as-of 2025-12-01");
  EXPECT_EQ(list["as_of"], "2025-12-01");
  EXPECT_EQ(number("SELECT COUNT(*) FROM audit_event WHERE entity = 'worklist'"), before + 1);
}

TEST_F(WorklistReportCli, ClosuresReportHasEveryEpisodeClosedInThePeriod) {
  json report = safeguard_json(std::string("report closures --from ") + kFrom + " --to " + kTo);
  std::int64_t closed =
      number(std::string("SELECT COUNT(*) FROM child_in_need_episode WHERE end_date >= '") + kFrom +
             "' AND end_date <= '" + kTo + "'");
  ASSERT_GT(closed, 0);
  ASSERT_EQ(static_cast<std::int64_t>(report["rows"].size()), closed);
  int with_visit = 0;
  for (const auto& row : report["rows"]) {
    std::string on = row["closed_on"];
    EXPECT_GE(on, kFrom);
    EXPECT_LE(on, kTo);
    if (row["qualifying_visit"].get<bool>()) {
      ++with_visit;
      ASSERT_FALSE(row["last_seen"].is_null()) << row.dump();
      EXPECT_LE(row["last_seen"].get<std::string>(), on);
    }
    if (row["approved"].get<bool>()) {
      EXPECT_FALSE(row["approved_by"].get<std::string>().empty()) << row.dump();
    }
  }
  int total = 0;
  int total_with_visit = 0;
  for (const auto& worker : report["by_worker"]) {
    total += worker["closed"].get<int>();
    total_with_visit += worker["with_qualifying_visit"].get<int>();
    EXPECT_EQ(worker["without_qualifying_visit"].get<int>(),
              worker["closed"].get<int>() - worker["with_qualifying_visit"].get<int>());
  }
  EXPECT_EQ(total, closed);
  EXPECT_EQ(total_with_visit, with_visit);
}

TEST_F(WorklistReportCli, UnallocatedReportRowsWaitFromAChangeInThePeriod) {
  json report = safeguard_json(std::string("report unallocated --from ") + kFrom + " --to " + kTo);
  ASSERT_FALSE(report["rows"].empty()) << "the demo moves cases between teams every year";
  const std::set<std::string> triggers = {"worker_left", "team_change", "worker_change",
                                          "new_case"};
  std::string previous;
  for (const auto& row : report["rows"]) {
    std::string since = row["waiting_since"];
    EXPECT_GE(since, kFrom);
    EXPECT_LE(since, kTo);
    EXPECT_GE(since, previous) << "by the day the wait began";
    previous = since;
    EXPECT_TRUE(triggers.count(row["trigger"].get<std::string>())) << row.dump();
    EXPECT_GE(row["days_waited"].get<int>(), 0);
    if (!row["allocated_on"].is_null()) {
      EXPECT_GE(row["allocated_on"].get<std::string>(), since);
      EXPECT_FALSE(row["to_worker"].is_null()) << row.dump();
      // The next worker's allocation is in the database, starting that day.
      EXPECT_GE(number("SELECT COUNT(*) FROM allocation WHERE child_id = " +
                       std::to_string(row["child"].get<std::int64_t>()) +
                       " AND worker_id = " + std::to_string(row["to_worker"].get<std::int64_t>()) +
                       " AND start_date = '" + row["allocated_on"].get<std::string>() + "'"),
                1)
          << row.dump();
    }
  }
}

TEST_F(WorklistReportCli, CaseloadsReportCountsEachWorkersOpenAllocationsMonthByMonth) {
  json report = safeguard_json(std::string("report caseloads --from ") + kFrom + " --to " + kTo);
  ASSERT_FALSE(report["rows"].empty());
  std::set<std::string> dates;
  for (const auto& point : report["rows"]) {
    std::string date = point["date"];
    dates.insert(date);
    std::int64_t worker = point["worker"];
    EXPECT_EQ(point["cases"].get<std::int64_t>(),
              number("SELECT COUNT(*) FROM allocation WHERE worker_id = " + std::to_string(worker) +
                     " AND " + open_on(date)))
        << point.dump();
    EXPECT_EQ(point["over"].get<bool>(),
              point["weighted"].get<double>() > point["limit"].get<double>() + 1e-9)
        << point.dump();
  }
  // The first of the period, the same day of each month after, and the last day.
  EXPECT_TRUE(dates.count(kFrom));
  EXPECT_TRUE(dates.count("2025-05-01"));
  EXPECT_TRUE(dates.count("2026-03-01"));
  EXPECT_TRUE(dates.count(kTo));
  EXPECT_EQ(dates.size(), 13u);

  auto csv =
      safeguard(std::string("report caseloads --from ") + kFrom + " --to " + kTo + " --format csv");
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("date,worker,worker_name,team,fte,cases,weighted,limit,over", 0), 0u)
      << csv.out.substr(0, 200);

  auto backwards = safeguard(std::string("report caseloads --from ") + kTo + " --to " + kFrom);
  EXPECT_NE(backwards.exit_code, 0);
  EXPECT_NE(backwards.err.find("before it starts"), std::string::npos) << backwards.err;
}

}  // namespace
}  // namespace safeguard
