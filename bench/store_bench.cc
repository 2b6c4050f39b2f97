// Inserting and reading child records, through the whole use case (validation, store, audit event, one
// transaction each, synchronous=FULL) against a baseline of a bare SQLite statement doing the same
// write or read with the same durability. The ratio is what the case record's safeguards cost.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "app/case_record.h"
#include "base/clock.h"
#include "domain/codes.h"
#include "store/store.h"

namespace {

using namespace safeguard;

std::string fresh_path(const std::string& name) {
  auto path = std::filesystem::temp_directory_path() /
              fmt::format("safeguard-bench-{}-{}.db", name, getpid());
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

void remove_db(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

domain::Child make_child(std::int64_t n) {
  domain::Child child;
  child.local_id = fmt::format("B{:08}", n);
  child.first_name = "Alex";
  child.last_name = "Smith";
  child.date_of_birth = *Date::from_ymd(2015, 6, 1);
  child.sex = "F";
  child.ethnicity = "WBRI";
  return child;
}

// The use case: validate, insert, audit "create" with the after image, commit.
void BM_AddChild_CaseRecord(benchmark::State& state) {
  std::string path = fresh_path("add");
  auto store = store::Store::open(path, store::Store::Mode::kCreateOrMigrate);
  auto codes = domain::CodeLists::load_standard();
  ManualClock clock(Timestamp::at_start_of(*Date::from_ymd(2026, 1, 5)));
  app::CaseRecord record(**store, *codes, clock);
  app::Actor actor{"bench", "social_worker", std::nullopt};
  std::int64_t n = 0;
  for (auto _ : state) {
    auto id = record.add(actor, make_child(++n));
    if (!id) state.SkipWithError(id.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations());
  store->reset();
  remove_db(path);
}
BENCHMARK(BM_AddChild_CaseRecord)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Baseline: the same row with a bare prepared INSERT in its own transaction, same pragmas.
void BM_AddChild_BareSqlite(benchmark::State& state) {
  std::string path = fresh_path("bare-add");
  { auto store = store::Store::open(path, store::Store::Mode::kCreateOrMigrate); }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO child (local_id, first_name, last_name, date_of_birth, sex, "
                     "ethnicity) VALUES (?, 'Alex', 'Smith', '2015-06-01', 'F', 'WBRI')",
                     -1, &insert, nullptr);
  std::int64_t n = 0;
  for (auto _ : state) {
    std::string local_id = fmt::format("B{:08}", ++n);
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(insert, 1, local_id.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(insert) != SQLITE_DONE) state.SkipWithError(sqlite3_errmsg(db));
    sqlite3_reset(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  state.SetItemsProcessed(state.iterations());
  sqlite3_finalize(insert);
  sqlite3_close(db);
  remove_db(path);
}
BENCHMARK(BM_AddChild_BareSqlite)->Unit(benchmark::kMicrosecond)->UseRealTime();

// A store holding `count` children with a few visits each, for the read benchmarks.
std::string seeded_store(const std::string& name, int count) {
  std::string path = fresh_path(name);
  auto store = store::Store::open(path, store::Store::Mode::kCreateOrMigrate);
  (void)(*store)->write([&](store::Transaction& transaction) -> Status {
    for (int n = 1; n <= count; ++n) {
      auto child = make_child(n);
      SAFEGUARD_TRY(transaction.insert(child));
      for (int v = 0; v < 5; ++v) {
        domain::Visit visit;
        visit.child_id = child.id;
        visit.date = Date::from_ymd(2025, 1, 1)->plus_days(v * 14);
        visit.child_seen = true;
        SAFEGUARD_TRY(transaction.insert(visit));
      }
    }
    return Status::success();
  });
  return path;
}

// The use case: open a child's whole record (15 lists) and audit the read, in one write transaction.
void BM_OpenChild_CaseRecord(benchmark::State& state) {
  std::string path = seeded_store("open", 10'000);
  auto store = store::Store::open(path);
  auto codes = domain::CodeLists::load_standard();
  ManualClock clock(Timestamp::at_start_of(*Date::from_ymd(2026, 1, 5)));
  app::CaseRecord record(**store, *codes, clock);
  app::Actor actor{"bench", "social_worker", std::nullopt};
  std::int64_t n = 0;
  for (auto _ : state) {
    auto child = record.open_child(actor, (n++ % 10'000) + 1);
    if (!child) state.SkipWithError(child.error().message.c_str());
    benchmark::DoNotOptimize(child);
  }
  state.SetItemsProcessed(state.iterations());
  store->reset();
  remove_db(path);
}
BENCHMARK(BM_OpenChild_CaseRecord)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Reading one child through the store, no audit: a read transaction only.
void BM_FindChild_Store(benchmark::State& state) {
  std::string path = seeded_store("find", 10'000);
  auto store = store::Store::open(path);
  std::int64_t n = 0;
  for (auto _ : state) {
    Status status = (*store)->read([&](store::Transaction& transaction) -> Status {
      auto child = transaction.find<domain::Child>((n++ % 10'000) + 1);
      if (!child) return child.error();
      benchmark::DoNotOptimize(child);
      return Status::success();
    });
    if (!status) state.SkipWithError(status.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations());
  store->reset();
  remove_db(path);
}
BENCHMARK(BM_FindChild_Store)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Baseline for reads: a bare prepared SELECT of the child row.
void BM_FindChild_BareSqlite(benchmark::State& state) {
  std::string path = seeded_store("bare-find", 10'000);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* select = nullptr;
  sqlite3_prepare_v2(db, "SELECT * FROM child WHERE id = ?", -1, &select, nullptr);
  std::int64_t n = 0;
  for (auto _ : state) {
    sqlite3_bind_int64(select, 1, (n++ % 10'000) + 1);
    if (sqlite3_step(select) != SQLITE_ROW) state.SkipWithError("child not found");
    benchmark::DoNotOptimize(sqlite3_column_text(select, 1));
    sqlite3_reset(select);
  }
  state.SetItemsProcessed(state.iterations());
  sqlite3_finalize(select);
  sqlite3_close(db);
  remove_db(path);
}
BENCHMARK(BM_FindChild_BareSqlite)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
