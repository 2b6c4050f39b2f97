// Who may sign in, and their sessions. Kept as plain records like the rest of the case record; the
// auth module decides what they may see and do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace safeguard::domain {

// The roles of ../docs/security.md, as stored.
inline constexpr const char* kUserRoles[] = {
    "social_worker", "team_manager", "head_of_service", "iro", "partner_agency", "analyst", "admin",
};

struct UserAccount {
  std::int64_t id = 0;
  std::string username;
  std::string password_hash;              // argon2id string from libsodium, never the password
  std::string role;                       // one of kUserRoles
  std::optional<std::int64_t> worker_id;  // the practitioner this account belongs to, if any
  std::optional<std::int64_t> team_id;    // the team a social worker or manager works in
  std::string agency;                     // a partner agency's name (police, school, health ...)
  bool active = true;
  std::int64_t failed_attempts = 0;  // consecutive failed sign-ins
  std::string locked_until;          // ISO timestamp, empty when not locked
  std::string created_at;            // ISO timestamp
};

struct Session {
  std::int64_t id = 0;
  std::string token_hash;  // BLAKE2b of the cookie's token: the token itself is never stored
  std::int64_t user_id = 0;
  std::string csrf_token;  // sent with every change, compared in constant time
  std::string created_at;  // ISO timestamps
  std::string last_seen_at;
  std::string expires_at;  // absolute expiry
  bool ended = false;      // signed out
};

}  // namespace safeguard::domain
