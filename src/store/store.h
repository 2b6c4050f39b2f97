// The case record's store. SQLite (one file, WAL, foreign keys, synchronous=FULL) is the engine
// today; a PostgreSQL engine will fit behind the same Connection interface without touching
// callers.
//
//   auto store = Store::open("demo.db");
//   Status done = (*store)->write([&](Transaction& tx) -> Status { ... });
//
// write() runs the function in one transaction: everything it does is committed when it returns
// success and rolled back when it returns an error. Writes are serialised on the one read-write
// connection. read() runs the function in a read transaction on a connection of its own, taken
// from a pool of read-only connections (SQLITE_OPEN_READONLY): in WAL mode readers neither wait
// for a writer, nor for a commit's fsync, nor for one another, and each sees every write committed
// before it began. The store is thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

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
    auto lease = lease_reader();
    if (!lease) return lease.error();
    return run_on(*lease->connection, false, std::forward<Work>(work));
  }

  // At most this many read-only connections are open at once; a read beyond them waits for one.
  static constexpr std::size_t kMaxReaders = 16;
  // Read-only connections open now (idle or in use): for tests.
  std::size_t reader_count();

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

  // A read-only connection lent to one read(); back in the pool when the lease ends.
  struct ReaderLease {
    ReaderLease(Store& store, std::unique_ptr<Connection> leased)
        : owner(&store), connection(std::move(leased)) {}
    ReaderLease(ReaderLease&& other) noexcept
        : owner(other.owner), connection(std::move(other.connection)) {}
    ReaderLease(const ReaderLease&) = delete;
    ReaderLease& operator=(const ReaderLease&) = delete;
    ReaderLease& operator=(ReaderLease&&) = delete;
    ~ReaderLease() {
      if (connection) owner->return_reader(std::move(connection));
    }
    Store* owner;
    std::unique_ptr<Connection> connection;
  };
  Result<ReaderLease> lease_reader();
  void return_reader(std::unique_ptr<Connection> connection);

  template <typename Work>
  Status run(bool writable, Work&& work) {
    std::lock_guard lock(mutex_);
    return run_on(*connection_, writable, std::forward<Work>(work));
  }

  template <typename Work>
  static Status run_on(Connection& connection, bool writable, Work&& work) {
    SAFEGUARD_TRY(connection.begin(writable));
    Transaction transaction(connection, writable);
    Status outcome = work(transaction);
    if (!outcome) {
      (void)connection.rollback();
      return outcome;
    }
    Status committed = connection.commit();
    if (!committed) {
      (void)connection.rollback();
      return committed;
    }
    return Status::success();
  }

  std::mutex mutex_;  // the writer
  std::unique_ptr<Connection> connection_;
  std::string path_;

  std::mutex readers_mutex_;
  std::condition_variable reader_returned_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // closed before the writer
  std::size_t open_readers_ = 0;
};

}  // namespace safeguard::store
