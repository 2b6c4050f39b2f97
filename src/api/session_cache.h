// Sessions authenticated a moment ago, so that a signed-in request costs one indexed read rather
// than a write transaction.
//
// app::Access::authenticate is a write transaction (it refreshes the idle timer), and every write
// waits its turn behind the audit trail's commits. A session it has accepted is remembered here,
// by its token's hash, for up to SessionRules::touch_every_seconds (the interval at which
// authenticate() writes last_seen_at anyway). Each request inside that interval re-reads the
// session and its account in one indexed read (store::Transaction::session_state) and is let in
// only if, right now, the session has not ended (signed out) nor passed its absolute or idle
// expiry, and the account is active with the same role, worker, team and agency as when it was
// remembered. Anything else sends the request through authenticate() again. So signing out,
// expiry, deactivating or changing an account take effect at once, exactly as without the cache.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/access.h"
#include "base/clock.h"
#include "store/store.h"

namespace safeguard::api {

class SessionCache {
 public:
  // More live sessions than this and the cache starts again empty (each is re-authenticated).
  static constexpr std::size_t kMaxEntries = 10'000;

  SessionCache(store::Store& store, const Clock& clock, app::SessionRules rules)
      : store_(store), clock_(clock), rules_(rules) {}
  SessionCache(const SessionCache&) = delete;
  SessionCache& operator=(const SessionCache&) = delete;

  // The live session behind `token`: from the cache after one read, else from `access`
  // (remembered when live). Forbidden when the session is not live.
  Result<app::ActiveSession> authenticate(app::Access& access, std::string_view token);
  // Drops a session, so the next request with it goes to app::Access.
  void forget(std::string_view token);
  std::size_t size();

 private:
  struct Entry {
    app::ActiveSession active;
    Timestamp confirmed_at;  // when app::Access last accepted it
  };
  std::optional<Entry> find(const std::string& hash);
  bool still_live(const Entry& entry, const std::string& hash, Timestamp now);

  store::Store& store_;
  const Clock& clock_;
  app::SessionRules rules_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // by token hash
};

}  // namespace safeguard::api
