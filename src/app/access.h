// Signing in and out, sessions, and user accounts. Sessions are random tokens stored only as
// hashes, with an idle and an absolute expiry and a CSRF token each; repeated failures lock an
// account for a while. Every sign-in, failure, lock and account change is an audit event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/actor.h"
#include "auth/passwords.h"
#include "auth/policy.h"
#include "base/clock.h"
#include "base/result.h"
#include "domain/access.h"
#include "store/store.h"

namespace safeguard::app {

struct SessionRules {
  std::int64_t idle_minutes = 30;        // signed out after this long without a request
  std::int64_t absolute_hours = 10;      // and after this long whatever happens
  std::int64_t max_failed_attempts = 5;  // consecutive failures before a lock
  std::int64_t lockout_minutes = 15;
  std::int64_t touch_every_seconds = 60;  // how often last_seen_at is written
};

struct NewAccount {
  std::string username;
  std::string password;
  std::string role;  // stored role name
  std::optional<std::int64_t> worker_id;
  std::optional<std::int64_t> team_id;
  std::string agency;
  // Only the demo authority's published sign-ins ("demo-iro") use a shorter one.
  std::size_t minimum_password_length = auth::kMinimumPasswordLength;
};

// A session as its cookie's holder receives it: the only time the token exists outside the browser.
struct IssuedSession {
  std::string token;
  std::string csrf_token;
  std::string expires_at;
  auth::Principal principal;
};

struct ActiveSession {
  domain::Session session;
  auth::Principal principal;
};

class Access {
 public:
  Access(store::Store& store, const Clock& clock, SessionRules rules = {})
      : store_(store), clock_(clock), rules_(rules) {}

  Result<std::int64_t> add_user(const Actor& actor, const NewAccount& account);

  // Forbidden with one message for every failure (unknown user, wrong password, inactive); a lock
  // is a conflict whose message says until when.
  Result<IssuedSession> sign_in(std::string_view username, std::string_view password,
                                std::string_view from_address);
  // The session behind a cookie token, if it is live; refreshes its idle timer.
  Result<ActiveSession> authenticate(std::string_view token);
  Status sign_out(std::string_view token);

  static Actor actor_for(const auth::Principal& principal) {
    return Actor{principal.username, std::string(auth::role_name(principal.role)),
                 principal.worker_id};
  }

 private:
  Result<auth::Principal> principal_for(const domain::UserAccount& account) const;

  store::Store& store_;
  const Clock& clock_;
  SessionRules rules_;
};

}  // namespace safeguard::app
