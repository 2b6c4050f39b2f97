// Drafts of forms being typed (a visit, a case note), kept per person so a session timeout or a
// closed tab loses nothing: web/autosave.js saves one as the person types and puts it back when
// they open the form again; saving the form deletes it. Held in the server's memory, bounded: a
// draft survives signing out and in again, not a restart of the server. Thread-safe.
//
//   PUT    /drafts/{key}  {"fields": {"note": "..."}}  -> 204   (CSRF token in X-CSRF-Token)
//   GET    /drafts/{key}                               -> 200 {"fields", "saved_at"} or 404
//   DELETE /drafts/{key}                               -> 204
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/clock.h"
#include "base/result.h"

namespace safeguard::pages {

struct Draft {
  std::string fields_json;  // {"name": "value", ...}: strings only
  Timestamp saved_at;
};

struct DraftLimits {
  std::size_t max_bytes = 64 * 1024;  // one draft's JSON
  std::size_t per_person = 50;        // drafts one person may keep (oldest dropped first)
  std::size_t total = 20'000;         // drafts held in all (oldest dropped first)
};

class DraftStore {
 public:
  explicit DraftStore(DraftLimits limits = {}) : limits_(limits) {}

  // Invalid for a key that is not 1-64 of [a-z0-9-] or a draft over max_bytes.
  Status put(std::int64_t user_id, std::string_view key, std::string fields_json, Timestamp now);
  std::optional<Draft> get(std::int64_t user_id, std::string_view key) const;
  void erase(std::int64_t user_id, std::string_view key);
  std::size_t size() const;

  static bool valid_key(std::string_view key);

 private:
  using Key = std::pair<std::int64_t, std::string>;
  void drop_oldest_locked(std::optional<std::int64_t> of_user);

  DraftLimits limits_;
  mutable std::mutex mutex_;
  std::map<Key, Draft> drafts_;
};

}  // namespace safeguard::pages
