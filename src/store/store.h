// The case record's store. SQLite (one file, WAL, foreign keys, synchronous=FULL) is the engine
// today; a PostgreSQL engine will fit behind the same Connection interface without touching
// callers.
//
//   auto store = Store::open("demo.db");
//   Status done = (*store)->write([&](Transaction& tx) -> Status { ... });
//
// write() runs the function in one transaction: everything it does is committed when it returns
// success and rolled back when it returns an error. Calls are serialised; the store is thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "base/result.h"
#include "store/connection.h"
#include "store/transaction.h"

namespace safeguard::store {

// The schema version this build creates and expects.
int latest_schema_version();

class Store {
 public:
  enum class Mode {
    kOpenExisting,     // the file must exist and be at the latest schema version
    kCreateOrMigrate,  // create the file if absent and apply any pending migrations
  };

  static Result<std::unique_ptr<Store>> open(const std::string& path,
                                             Mode mode = Mode::kOpenExisting);

  const std::string& path() const { return path_; }
  Result<int> schema_version();

  template <typename Work>
  Status write(Work&& work) {
    return run(true, std::forward<Work>(work));
  }
  template <typename Work>
  Status read(Work&& work) {
    return run(false, std::forward<Work>(work));
  }

  // A consistent copy of the whole database, taken while others keep working.
  Status backup_to(const std::string& target_path);
  // The engine's integrity check: success, or corrupt with what it found.
  Status check_integrity();
  // Sets this connection's page cache to `mebibytes` MiB and returns the size it had, so the caller
  // can put it back. Everyday work keeps the default; a bulk load that inserts all over an index
  // larger than the cache (an England-sized synthetic authority) needs it kept in memory, or nearly
  // every insert writes a page.
  Result<int> set_cache_size(int mebibytes);

 private:
  Store(std::unique_ptr<Connection> connection, std::string path)
      : connection_(std::move(connection)), path_(std::move(path)) {}
  Status migrate();

  template <typename Work>
  Status run(bool writable, Work&& work) {
    std::lock_guard lock(mutex_);
    SAFEGUARD_TRY(connection_->begin(writable));
    Transaction transaction(*connection_, writable);
    Status outcome = work(transaction);
    if (!outcome) {
      (void)connection_->rollback();
      return outcome;
    }
    Status committed = connection_->commit();
    if (!committed) {
      (void)connection_->rollback();
      return committed;
    }
    return Status::success();
  }

  std::mutex mutex_;
  std::unique_ptr<Connection> connection_;
  std::string path_;
};

}  // namespace safeguard::store
