// The work lists and investigation reports over the whole default demo authority (612 children in
// care, ten years of history), against a baseline of a bare SQLite count of the open cases. Target:
// each under 100 ms. The authority is built once at start (synthetic::build_demo_authority, the
// same as `safeguard demo`), or read from SAFEGUARD_BENCH_DB when that names an existing demo
// database.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "casework/reports.h"
#include "casework/worklist.h"
#include "domain/codes.h"
#include "store/store.h"
#include "synthetic/demo_authority.h"

namespace {

using namespace safeguard;

const Date kToday = synthetic::kDefaultDemoEndDate;

struct Demo {
  std::string path;
  bool owned = false;
  std::unique_ptr<store::Store> store;
  std::int64_t busiest_worker = 0;
  std::int64_t biggest_team = 0;

  Demo() {
    const char* given = std::getenv("SAFEGUARD_BENCH_DB");
    if (given && std::filesystem::exists(given)) {
      path = given;
    } else {
      // Built here: kept at SAFEGUARD_BENCH_DB when that is set, else in a temporary file.
      path = given ? std::string(given)
                   : (std::filesystem::temp_directory_path() /
                      fmt::format("safeguard-bench-casework-{}.db", getpid()))
                         .string();
      owned = given == nullptr;
      auto created = store::Store::open(path, store::Store::Mode::kCreateOrMigrate);
      auto codes = domain::CodeLists::load_standard();
      if (!created || !codes) std::abort();
      auto built = synthetic::build_demo_authority(**created, *codes, {}, nullptr);
      if (!built) {
        fmt::print(stderr, "demo: {}\n", built.error().message);
        std::abort();
      }
    }
    auto opened = store::Store::open(path);
    if (!opened) std::abort();
    store = std::move(*opened);
    // The busiest worker and the team holding most cases, today.
    Status found = store->read([&](store::Transaction& tx) -> Status {
      auto open = tx.allocations_open_on(kToday);
      if (!open) return open.error();
      std::map<std::int64_t, int> by_worker, by_team;
      for (const auto& allocation : *open) {
        if (allocation.worker_id) ++by_worker[*allocation.worker_id];
        ++by_team[allocation.team_id];
      }
      int most = 0;
      for (auto [id, count] : by_worker) {
        if (count > most) most = count, busiest_worker = id;
      }
      most = 0;
      for (auto [id, count] : by_team) {
        if (count > most) most = count, biggest_team = id;
      }
      return Status::success();
    });
    if (!found) std::abort();
  }
  ~Demo() {
    store.reset();
    if (owned) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
  }
};

Demo& demo() {
  static Demo instance;
  return instance;
}

// Baseline: a bare prepared SQLite count of the open cases.
void BM_CountOpenCases_BareSqlite(benchmark::State& state) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(demo().path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT COUNT(DISTINCT child_id) FROM child_in_need_episode WHERE start_date "
                     "<= ?1 AND (end_date IS NULL OR end_date > ?1)",
                     -1, &statement, nullptr);
  const std::string today = kToday.iso();
  std::int64_t count = 0;
  for (auto _ : state) {
    sqlite3_bind_text(statement, 1, today.c_str(), -1, SQLITE_STATIC);
    if (sqlite3_step(statement) == SQLITE_ROW) count = sqlite3_column_int64(statement, 0);
    sqlite3_reset(statement);
  }
  state.counters["open_cases"] = static_cast<double>(count);
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

void run_list(benchmark::State& state, casework::WorkListScope scope) {
  std::size_t items = 0;
  std::int64_t children = 0;
  for (auto _ : state) {
    auto list = casework::work_list(*demo().store, scope, kToday);
    if (!list) {
      state.SkipWithError(list.error().message.c_str());
      return;
    }
    items = list->items.size();
    children = list->children;
  }
  state.counters["items"] = static_cast<double>(items);
  state.counters["children"] = static_cast<double>(children);
}

void BM_WorkList_Service(benchmark::State& state) {
  run_list(state, casework::WorkListScope::service());
}
void BM_WorkList_Team(benchmark::State& state) {
  run_list(state, casework::WorkListScope::team(demo().biggest_team));
}
void BM_WorkList_Worker(benchmark::State& state) {
  run_list(state, casework::WorkListScope::worker(demo().busiest_worker));
}

template <typename Make>
void run_report(benchmark::State& state, Make make) {
  std::size_t rows = 0;
  for (auto _ : state) {
    Status status = demo().store->read([&](store::Transaction& tx) -> Status {
      auto report = make(tx, kToday.plus_years(-1).plus_days(1), kToday);
      if (!report) return report.error();
      rows = report->rows_count();
      return Status::success();
    });
    if (!status) {
      state.SkipWithError(status.error().message.c_str());
      return;
    }
  }
  state.counters["rows"] = static_cast<double>(rows);
}

struct ClosuresRows {
  casework::ClosureReport report;
  std::size_t rows_count() const { return report.rows.size(); }
};
struct WaitRows {
  casework::UnallocatedReport report;
  std::size_t rows_count() const { return report.rows.size(); }
};
struct CaseloadRows {
  casework::CaseloadReport report;
  std::size_t rows_count() const { return report.points.size(); }
};

void BM_Report_Closures_LastYear(benchmark::State& state) {
  run_report(state, [](store::Transaction& tx, Date from, Date to) -> Result<ClosuresRows> {
    auto report = casework::closures_report(tx, from, to);
    if (!report) return report.error();
    return ClosuresRows{std::move(*report)};
  });
}
void BM_Report_Unallocated_LastYear(benchmark::State& state) {
  run_report(state, [](store::Transaction& tx, Date from, Date to) -> Result<WaitRows> {
    auto report = casework::unallocated_report(tx, from, to);
    if (!report) return report.error();
    return WaitRows{std::move(*report)};
  });
}
void BM_Report_Caseloads_LastYear(benchmark::State& state) {
  run_report(state, [](store::Transaction& tx, Date from, Date to) -> Result<CaseloadRows> {
    auto report = casework::caseloads_report(tx, from, to);
    if (!report) return report.error();
    return CaseloadRows{std::move(*report)};
  });
}

BENCHMARK(BM_CountOpenCases_BareSqlite)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_WorkList_Service)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WorkList_Team)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WorkList_Worker)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Report_Closures_LastYear)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Report_Unallocated_LastYear)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Report_Caseloads_LastYear)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
