// Direct access to a database file through the sqlite3 C API, bypassing the Store: what an
// administrator with the sqlite3 shell (or an attacker holding the file) can do. Tests use it to
// read pragmas and to tamper with rows the Store would never let them touch.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <optional>
#include <string>
#include <vector>

namespace safeguard::testing {

class RawDatabase {
 public:
  explicit RawDatabase(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
    }
    sqlite3_busy_timeout(db_, 10'000);
  }
  // Borrows a connection someone else opened (and will close).
  static RawDatabase borrow(sqlite3* db) { return RawDatabase(db); }
  ~RawDatabase() {
    if (owned_) sqlite3_close(db_);
  }
  RawDatabase(RawDatabase&& other) noexcept : db_(other.db_), owned_(other.owned_) {
    other.db_ = nullptr;
    other.owned_ = false;
  }
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;

  // Runs SQL; returns the error message, or "" when it succeeded.
  std::string exec(const std::string& sql) {
    char* message = nullptr;
    int code = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    std::string error;
    if (code != SQLITE_OK) error = message ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    return error;
  }

  // Runs SQL that must succeed.
  void must(const std::string& sql) {
    std::string error = exec(sql);
    ASSERT_EQ(error, "") << sql;
  }

  // The rows of a query, every value as text (NULL as "NULL").
  std::vector<std::vector<std::string>> rows(const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return out;
    }
    int code;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(statement); ++c) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
        row.push_back(
            text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, c)))
                 : std::string("NULL"));
      }
      out.push_back(std::move(row));
    }
    if (code != SQLITE_DONE) ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    sqlite3_finalize(statement);
    return out;
  }

  // The first column of the first row, or "" when there is none.
  std::string value(const std::string& sql) {
    auto all = rows(sql);
    return all.empty() || all.front().empty() ? std::string() : all.front().front();
  }

  sqlite3* handle() const { return db_; }

 private:
  explicit RawDatabase(sqlite3* borrowed) : db_(borrowed), owned_(false) {}

  sqlite3* db_ = nullptr;
  bool owned_ = true;
};

// Quotes text as an SQL string literal.
inline std::string sql_text(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace safeguard::testing
