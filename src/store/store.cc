#include "store/store.h"

#include <fmt/format.h>

#include <filesystem>
#include <string_view>
#include <vector>

#include "store/sqlite/sqlite_connection.h"

extern const std::string_view safeguard_embedded_migration_0001;
extern const std::string_view safeguard_embedded_migration_0002;
extern const std::string_view safeguard_embedded_migration_0003;
extern const std::string_view safeguard_embedded_migration_0004;
extern const std::string_view safeguard_embedded_migration_0005;

namespace safeguard::store {
namespace {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

// Numbered migrations, applied in order, each in its own transaction. Never edit one that has
// shipped: add the next number.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "case record, workforce, audit trail", safeguard_embedded_migration_0001},
      {2, "user accounts and sessions", safeguard_embedded_migration_0002},
      {3,
       "safeguards: team trays, closure requests, placement-end assessments, caseload "
       "overrides",
       safeguard_embedded_migration_0003},
      {4, "SSDA903 return facts: OC2, AD1, placed for adoption, permanence, DoLo, mother, UASC end",
       safeguard_embedded_migration_0004},
      {5, "indexes for what is open on a date (work lists)", safeguard_embedded_migration_0005},
  };
  return all;
}

}  // namespace

int latest_schema_version() { return migrations().back().version; }

Result<std::unique_ptr<Store>> Store::open(const std::string& path, Mode mode) {
  bool create = mode == Mode::kCreateOrMigrate;
  if (!create && !std::filesystem::exists(path)) {
    return Error::unavailable(fmt::format(
        "no database at {} (create one with 'safeguard init --db {}' or 'safeguard demo --db {}')",
        path, path, path));
  }
  auto connection = SqliteConnection::open(path, create);
  if (!connection) return connection.error();
  std::unique_ptr<Store> store(new Store(std::move(*connection), path));
  if (create) {
    SAFEGUARD_TRY(store->migrate());
  } else {
    auto version = store->schema_version();
    if (!version) return version.error();
    if (*version < latest_schema_version()) {
      return Error::unavailable(
          fmt::format("{} has schema version {} and this Safeguard needs {}: back it up, then run "
                      "'safeguard init --db {}' to migrate it",
                      path, *version, latest_schema_version(), path));
    }
    if (*version > latest_schema_version()) {
      return Error::unavailable(fmt::format(
          "{} has schema version {}, newer than this Safeguard understands ({}): upgrade Safeguard",
          path, *version, latest_schema_version()));
    }
  }
  return store;
}

Result<int> Store::schema_version() {
  std::lock_guard lock(mutex_);
  int version = 0;
  Status status = connection_->query(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = "
      "'schema_migration'",
      {}, [&](const Row&) {
        version = -1;
        return false;
      });
  if (!status) return status.error();
  if (version == 0) return 0;
  status = connection_->query("SELECT COALESCE(MAX(version), 0) FROM schema_migration", {},
                              [&](const Row& row) {
                                if (const auto* v = std::get_if<std::int64_t>(&row[0])) {
                                  version = static_cast<int>(*v);
                                }
                                return false;
                              });
  if (!status) return status.error();
  return version;
}

Status Store::migrate() {
  {
    std::lock_guard lock(mutex_);
    SAFEGUARD_TRY(connection_->execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, "
        "description TEXT NOT NULL)"));
  }
  auto current = schema_version();
  if (!current) return current.error();
  if (*current > latest_schema_version()) {
    return Error::unavailable(fmt::format(
        "{} has schema version {}, newer than this Safeguard understands ({}): upgrade Safeguard",
        path_, *current, latest_schema_version()));
  }
  for (const Migration& migration : migrations()) {
    if (migration.version <= *current) continue;
    std::lock_guard lock(mutex_);
    SAFEGUARD_TRY(connection_->begin(true));
    // Another process opening the same file may have applied it while this one waited for the
    // write lock: look again now that no one else can.
    bool already_applied = false;
    Value version = static_cast<std::int64_t>(migration.version);
    Status applied = connection_->query("SELECT 1 FROM schema_migration WHERE version = ?",
                                        std::span<const Value>(&version, 1), [&](const Row&) {
                                          already_applied = true;
                                          return false;
                                        });
    if (applied && already_applied) {
      (void)connection_->rollback();
      continue;
    }
    if (applied) applied = connection_->execute_script(migration.sql);
    if (applied) {
      Value parameters[] = {static_cast<std::int64_t>(migration.version),
                            std::string(migration.description)};
      auto recorded = connection_->run(
          "INSERT INTO schema_migration (version, description) VALUES (?, ?)", parameters);
      if (!recorded) applied = recorded.error();
    }
    if (applied) applied = connection_->commit();
    if (!applied) {
      (void)connection_->rollback();
      return Error{applied.error().kind,
                   fmt::format("migration {} ({}) failed: {}", migration.version,
                               migration.description, applied.error().message)};
    }
  }
  return Status::success();
}

Status Store::backup_to(const std::string& target_path) {
  if (std::filesystem::exists(target_path)) {
    return Error::conflict(fmt::format(
        "{} already exists: choose a new file so no backup is overwritten", target_path));
  }
  std::lock_guard lock(mutex_);
  return connection_->backup_to(target_path);
}

Status Store::check_integrity() {
  std::lock_guard lock(mutex_);
  auto problems = connection_->integrity_check();
  if (!problems) return problems.error();
  if (!problems->empty()) return Error::corrupt("integrity check failed: " + *problems);
  return Status::success();
}

Result<Store::ReaderLease> Store::lease_reader() {
  {
    std::unique_lock lock(readers_mutex_);
    reader_returned_.wait(lock,
                          [&] { return !idle_readers_.empty() || open_readers_ < kMaxReaders; });
    if (!idle_readers_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return ReaderLease(*this, std::move(connection));
    }
    ++open_readers_;  // reserve the place, then open outside the lock
  }
  auto opened = SqliteConnection::open_reader(path_);
  if (!opened) {
    std::lock_guard lock(readers_mutex_);
    --open_readers_;
    reader_returned_.notify_one();
    return opened.error();
  }
  return ReaderLease(*this, std::move(*opened));
}

void Store::return_reader(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(std::move(connection));
  }
  reader_returned_.notify_one();
}

std::size_t Store::reader_count() {
  std::lock_guard lock(readers_mutex_);
  return open_readers_;
}

Result<int> Store::set_cache_size(int mebibytes) {
  if (mebibytes < 1)
    return Error::invalid(fmt::format("a page cache of {} MiB is too small", mebibytes));
  std::lock_guard lock(mutex_);
  std::int64_t cache = 0;
  std::int64_t page_size = 4096;
  for (auto [pragma, into] :
       {std::pair{"PRAGMA cache_size", &cache}, std::pair{"PRAGMA page_size", &page_size}}) {
    SAFEGUARD_TRY(connection_->query(pragma, {}, [into = into](const Row& row) {
      if (const auto* value = std::get_if<std::int64_t>(&row[0])) *into = *value;
      return false;
    }));
  }
  // SQLite reads a negative size as KiB and a positive one as pages.
  std::int64_t previous_kib = cache < 0 ? -cache : cache * page_size / 1024;
  SAFEGUARD_TRY(connection_->execute_script(
      fmt::format("PRAGMA cache_size=-{}", static_cast<std::int64_t>(mebibytes) * 1024)));
  return static_cast<int>(previous_kib / 1024);
}

}  // namespace safeguard::store
