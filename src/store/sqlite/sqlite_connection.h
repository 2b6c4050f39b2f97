// The SQLite engine: WAL journal, foreign keys on, synchronous=FULL, a busy timeout, and prepared
// statements cached by their SQL text (BEGIN, COMMIT and ROLLBACK included).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace safeguard::store {

class SqliteConnection final : public Connection {
 public:
  // Opens (creating when `create` is set) the database file at `path`.
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, bool create);
  // Opens a read-only connection (SQLITE_OPEN_READONLY) to an existing database already in WAL
  // mode, with a smaller page cache than the writer's: the store keeps a pool of these.
  static Result<std::unique_ptr<SqliteConnection>> open_reader(const std::string& path);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Status execute_script(std::string_view sql) override;
  Result<std::int64_t> run(std::string_view sql, std::span<const Value> params) override;
  Result<std::int64_t> insert(std::string_view sql, std::span<const Value> params) override;
  Status query(std::string_view sql, std::span<const Value> params,
               const std::function<bool(const Row&)>& on_row) override;
  Status begin(bool write) override;
  Status commit() override;
  Status rollback() override;
  Status backup_to(const std::string& path) override;
  Result<std::string> integrity_check() override;

 private:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Result<sqlite3_stmt*> prepare(std::string_view sql, std::span<const Value> params);
  Error error_from(int code, std::string_view doing) const;
  Status step_once(std::string_view sql, std::string_view doing);

  // Looks statements up by string_view without building a std::string for every query.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const noexcept {
      return std::hash<std::string_view>{}(sql);
    }
  };

  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

}  // namespace safeguard::store
