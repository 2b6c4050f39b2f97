// The process crash_test.cc kills. Usage: crash_writer DB FIRST_N
//
// Opens (creating or migrating) the store at DB, then for n = FIRST_N, FIRST_N + 1, ... writes, in
// one store.write transaction, child "K<n>" with crash::visits_for(n) visits and one audit event,
// and only after write() has returned success prints "ack <n>" and flushes stdout. An ack is a
// promise: that child and all of its visits are in the file, whenever the process dies after it.
// Stops by itself after 30 seconds, or as soon as the test that started it has gone.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "audit/audit_trail.h"
#include "domain/child.h"
#include "domain/practice.h"
#include "store/crash_protocol.h"
#include "store/store.h"

using namespace safeguard;  // NOLINT: a small program.

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: crash_writer DB FIRST_N\n");
    return 2;
  }
  const std::string path = argv[1];
  long long n = std::atoll(argv[2]);
  auto opened = store::Store::open(path, store::Store::Mode::kCreateOrMigrate);
  if (!opened) {
    std::fprintf(stderr, "crash_writer: %s\n", opened.error().message.c_str());
    return 1;
  }
  store::Store& store = **opened;
  SystemClock clock;
  const pid_t parent = getppid();
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);

  for (;; ++n) {
    if (getppid() != parent || std::chrono::steady_clock::now() > give_up) return 0;
    Status written = store.write([&](store::Transaction& tx) -> Status {
      domain::Child child;
      child.local_id = crash::local_id_for(n);
      child.first_name = "Crash";
      child.last_name = "Test " + std::to_string(n);
      child.date_of_birth = *Date::from_ymd(2012, 2, 29);
      child.sex = "U";
      child.ethnicity = "NOBT";
      SAFEGUARD_TRY(tx.insert(child));
      const int visits = crash::visits_for(n);
      for (int v = 1; v <= visits; ++v) {
        domain::Visit visit;
        visit.child_id = child.id;
        visit.date = Date::from_ymd(2025, 1, 1)->plus_days(v);
        visit.child_seen = true;
        visit.seen_alone = v % 2 == 0;
        visit.note = "visit " + std::to_string(v) + " of " + std::to_string(visits);
        SAFEGUARD_TRY(tx.insert(visit));
      }
      audit::Event event{
          "system:crash-writer", "create", "child",       std::to_string(child.id), child.id,
          "crash test child",    "",       child.local_id};
      auto appended = audit::append(tx, clock, event);
      if (!appended) return appended.error();
      return Status::success();
    });
    if (!written) {
      std::fprintf(stderr, "crash_writer: child %lld: %s\n", n, written.error().message.c_str());
      return 1;
    }
    std::printf("ack %lld\n", n);
    std::fflush(stdout);
  }
}
