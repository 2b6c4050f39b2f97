// The engine behind the store (private to the store module). SQLite implements it now; a PostgreSQL
// connection will implement the same interface, so nothing above the store changes when it arrives.
// SQL given here uses `?` placeholders; an engine that numbers them rewrites the text.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "base/result.h"
#include "store/value.h"

namespace safeguard::store {

class Connection {
 public:
  virtual ~Connection() = default;

  // Runs one or more statements with no parameters (schema changes, pragmas).
  virtual Status execute_script(std::string_view sql) = 0;
  // Runs one statement; returns the number of rows it changed.
  virtual Result<std::int64_t> run(std::string_view sql, std::span<const Value> params) = 0;
  // Runs an INSERT and returns the id of the new row.
  virtual Result<std::int64_t> insert(std::string_view sql, std::span<const Value> params) = 0;
  // Runs a query, calling on_row for each row until it returns false.
  virtual Status query(std::string_view sql, std::span<const Value> params,
                       const std::function<bool(const Row&)>& on_row) = 0;

  // Write transactions take the write lock at once, so two writers never deadlock half-way.
  virtual Status begin(bool write) = 0;
  virtual Status commit() = 0;
  virtual Status rollback() = 0;

  // Copies the whole database to `path` while others keep reading and writing.
  virtual Status backup_to(const std::string& path) = 0;
  // The engine's own integrity check; an empty string when all is well.
  virtual Result<std::string> integrity_check() = 0;
};

}  // namespace safeguard::store
