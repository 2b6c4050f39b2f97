#include "api/session_cache.h"

#include "auth/passwords.h"

namespace safeguard::api {

std::optional<SessionCache::Entry> SessionCache::find(const std::string& hash) {
  std::lock_guard lock(mutex_);
  auto found = entries_.find(hash);
  if (found == entries_.end()) return std::nullopt;
  return found->second;
}

bool SessionCache::still_live(const Entry& entry, const std::string& hash, Timestamp now) {
  // Remembered too long ago (or the clock went back): authenticate() again, which also refreshes
  // the idle timer when it is due.
  if (now < entry.confirmed_at ||
      entry.confirmed_at < now.plus_seconds(-rules_.touch_every_seconds)) {
    return false;
  }
  std::optional<store::SessionState> state;
  Status read = store_.read([&](store::Transaction& transaction) -> Status {
    auto found = transaction.session_state(hash);
    if (!found) return found.error();
    state = std::move(*found);
    return Status::success();
  });
  if (!read || !state) return false;
  const auth::Principal& principal = entry.active.principal;
  std::string at = now.iso();
  std::string idle_limit = now.plus_seconds(-rules_.idle_minutes * 60).iso();
  return state->session_id == entry.active.session.id && !state->ended && at < state->expires_at &&
         !(state->last_seen_at < idle_limit) && state->account_active &&
         state->user_id == principal.user_id && state->role == auth::role_name(principal.role) &&
         state->worker_id == principal.worker_id && state->team_id == principal.team_id &&
         state->agency == principal.agency;
}

Result<app::ActiveSession> SessionCache::authenticate(app::Access& access, std::string_view token) {
  if (token.size() != 64) return access.authenticate(token);  // refused there, as before
  std::string hash = auth::token_hash(token);
  Timestamp now = clock_.now();
  if (auto entry = find(hash)) {
    if (still_live(*entry, hash, now)) return std::move(entry->active);
    forget(token);
  }
  auto active = access.authenticate(token);
  if (!active) return active;
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[hash] = Entry{*active, now};
  return active;
}

void SessionCache::forget(std::string_view token) {
  std::string hash = auth::token_hash(token);
  std::lock_guard lock(mutex_);
  entries_.erase(hash);
}

std::size_t SessionCache::size() {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace safeguard::api
