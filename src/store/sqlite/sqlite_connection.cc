#include "store/sqlite/sqlite_connection.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace safeguard::store {
namespace {

// Resets a cached statement when the caller is done with it, however the call ends.
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* statement) : statement_(statement) {}
  ~StatementReset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;

 private:
  sqlite3_stmt* statement_;
};

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path,
                                                                 bool create) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (code != SQLITE_OK) {
    std::string reason = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    sqlite3_close(db);
    if (!create && code == SQLITE_CANTOPEN) {
      return Error::unavailable(fmt::format(
          "cannot open database {}: no such file (create it with 'safeguard init --db {}')", path,
          path));
    }
    return Error::unavailable(fmt::format("cannot open database {}: {}", path, reason));
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db, path));
  sqlite3_busy_timeout(db, 10'000);
  sqlite3_extended_result_codes(db, 1);
  // Switching a new file to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at once,
  // without the busy handler, when another connection opening the same file at the same moment
  // holds a lock (waiting could deadlock). So retry, for as long as the busy timeout.
  Status setup;
  for (int waited_ms = 0;; waited_ms += 10) {
    setup = connection->execute_script(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
    if (setup || (sqlite3_errcode(db) & 0xff) != SQLITE_BUSY || waited_ms >= 10'000) break;
    sqlite3_sleep(10);
  }
  if (!setup) {
    return Error::unavailable(
        fmt::format("cannot use database {}: {}", path, setup.error().message));
  }
  return connection;
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open_reader(const std::string& path) {
  sqlite3* db = nullptr;
  int code =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    std::string reason = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    sqlite3_close(db);
    return Error::unavailable(fmt::format("cannot open database {} to read: {}", path, reason));
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db, path));
  sqlite3_busy_timeout(db, 10'000);
  sqlite3_extended_result_codes(db, 1);
  // The journal mode is the file's (the writer set WAL); these are this connection's own. A reader
  // touches a few pages per request, so 8 MiB of cache each keeps a full pool well within memory.
  Status setup = connection->execute_script(
      "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-8192; PRAGMA query_only=1;");
  if (!setup) {
    return Error::unavailable(
        fmt::format("cannot use database {} to read: {}", path, setup.error().message));
  }
  return connection;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

Error SqliteConnection::error_from(int code, std::string_view doing) const {
  std::string message = fmt::format("{}: {}", doing, sqlite3_errmsg(db_));
  int primary = code & 0xff;
  if (primary == SQLITE_CONSTRAINT) return Error::conflict(std::move(message));
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    return Error::corrupt(std::move(message));
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_FULL ||
      primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY) {
    return Error::unavailable(std::move(message));
  }
  return Error::internal(std::move(message));
}

Status SqliteConnection::execute_script(std::string_view sql) {
  char* message = nullptr;
  std::string text(sql);
  int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (code != SQLITE_OK) {
    std::string reason = message ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    Error error = error_from(code, "running SQL script");
    error.message = "running SQL script: " + reason;
    return error;
  }
  return Status::success();
}

Result<sqlite3_stmt*> SqliteConnection::prepare(std::string_view sql,
                                                std::span<const Value> params) {
  auto found = statements_.find(sql);
  sqlite3_stmt* statement = nullptr;
  if (found != statements_.end()) {
    statement = found->second;
  } else {
    int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (code != SQLITE_OK) return error_from(code, fmt::format("preparing '{}'", sql));
    statements_.emplace(std::string(sql), statement);
  }
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(statement)) {
    return Error::internal(fmt::format("'{}' takes {} parameters, given {}", sql,
                                       sqlite3_bind_parameter_count(statement), params.size()));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    int code = std::visit(
        [&](const auto& value) -> int {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return sqlite3_bind_null(statement, index);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(statement, index, value);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(statement, index, value);
          } else {
            return sqlite3_bind_text64(statement, index, value.data(), value.size(),
                                       SQLITE_TRANSIENT, SQLITE_UTF8);
          }
        },
        params[i]);
    if (code != SQLITE_OK) {
      sqlite3_reset(statement);
      sqlite3_clear_bindings(statement);
      return error_from(code, "binding a parameter");
    }
  }
  return statement;
}

Result<std::int64_t> SqliteConnection::run(std::string_view sql, std::span<const Value> params) {
  auto statement = prepare(sql, params);
  if (!statement) return statement.error();
  StatementReset reset(*statement);
  int code;
  while ((code = sqlite3_step(*statement)) == SQLITE_ROW) {
  }
  if (code != SQLITE_DONE) return error_from(code, "writing to the database");
  return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

Result<std::int64_t> SqliteConnection::insert(std::string_view sql, std::span<const Value> params) {
  auto changed = run(sql, params);
  if (!changed) return changed.error();
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
}

Status SqliteConnection::query(std::string_view sql, std::span<const Value> params,
                               const std::function<bool(const Row&)>& on_row) {
  auto statement = prepare(sql, params);
  if (!statement) return statement.error();
  StatementReset reset(*statement);
  int columns = sqlite3_column_count(*statement);
  Row row(static_cast<std::size_t>(columns));
  int code;
  while ((code = sqlite3_step(*statement)) == SQLITE_ROW) {
    for (int c = 0; c < columns; ++c) {
      auto& cell = row[static_cast<std::size_t>(c)];
      switch (sqlite3_column_type(*statement, c)) {
        case SQLITE_NULL:
          cell = std::monostate{};
          break;
        case SQLITE_INTEGER:
          cell = static_cast<std::int64_t>(sqlite3_column_int64(*statement, c));
          break;
        case SQLITE_FLOAT:
          cell = sqlite3_column_double(*statement, c);
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(*statement, c));
          int length = sqlite3_column_bytes(*statement, c);
          cell = std::string(text ? text : "", static_cast<std::size_t>(length));
        }
      }
    }
    if (!on_row(row)) return Status::success();
  }
  if (code != SQLITE_DONE) return error_from(code, "reading the database");
  return Status::success();
}

Status SqliteConnection::step_once(std::string_view sql, std::string_view doing) {
  auto statement = prepare(sql, {});
  if (!statement) return statement.error();
  StatementReset reset(*statement);
  int code = sqlite3_step(*statement);
  if (code != SQLITE_DONE && code != SQLITE_ROW) return error_from(code, doing);
  return Status::success();
}

// Prepared once per connection, like every other statement.
Status SqliteConnection::begin(bool write) {
  return write ? step_once("BEGIN IMMEDIATE", "starting a write transaction")
               : step_once("BEGIN DEFERRED", "starting a read transaction");
}
Status SqliteConnection::commit() { return step_once("COMMIT", "committing"); }
Status SqliteConnection::rollback() {
  if (sqlite3_get_autocommit(db_)) return Status::success();  // already rolled back by SQLite
  return step_once("ROLLBACK", "rolling back");
}

Status SqliteConnection::backup_to(const std::string& path) {
  sqlite3* target = nullptr;
  int code =
      sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (code != SQLITE_OK) {
    std::string reason = target ? sqlite3_errmsg(target) : sqlite3_errstr(code);
    sqlite3_close(target);
    return Error::unavailable(fmt::format("cannot create backup {}: {}", path, reason));
  }
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", db_, "main");
  if (backup == nullptr) {
    std::string reason = sqlite3_errmsg(target);
    sqlite3_close(target);
    return Error::unavailable(fmt::format("cannot start backup to {}: {}", path, reason));
  }
  // Copy every page in one step: the step holds a read transaction on the source, which in WAL mode
  // sees one snapshot and never blocks writers, so the copy is consistent while the server writes.
  do {
    code = sqlite3_backup_step(backup, -1);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) sqlite3_sleep(10);
  } while (code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (code != SQLITE_DONE) {
    std::string reason = sqlite3_errmsg(target);
    sqlite3_close(target);
    return Error::unavailable(fmt::format("backup to {} failed: {}", path, reason));
  }
  int close_code = sqlite3_close(target);
  if (close_code != SQLITE_OK) {
    return Error::unavailable(
        fmt::format("backup to {} failed on close: {}", path, sqlite3_errstr(close_code)));
  }
  return Status::success();
}

Result<std::string> SqliteConnection::integrity_check() {
  std::string problems;
  Status status = query("PRAGMA integrity_check", {}, [&](const Row& row) {
    if (const auto* text = std::get_if<std::string>(&row[0]); text && *text != "ok") {
      problems += *text + "\n";
    }
    return true;
  });
  if (!status) return status.error();
  return problems;
}

}  // namespace safeguard::store
