#include "app/access.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "audit/audit_trail.h"
#include "auth/passwords.h"

namespace safeguard::app {
namespace {

constexpr std::string_view kWrongCredentials = "the username or password is not right";

// A real argon2id hash of a password nobody has, checked against when the account does not exist.
constexpr std::string_view kTimingDecoyHash =
    "$argon2id$v=19$m=65536,t=2,p=1$26KJ0uunV5emQ/WAmabdtA$"
    "beK/jsQQsA14aWER/9j6xbKpsTASe1VCGJ7EtqRyMm4";

Status append_event(store::Transaction& transaction, const Clock& clock, std::string actor,
                    std::string action, std::string entity_id, std::string reason,
                    std::string after = {}) {
  audit::Event event;
  event.actor = std::move(actor);
  event.action = std::move(action);
  event.entity = "user_account";
  event.entity_id = std::move(entity_id);
  event.reason = std::move(reason);
  event.after = std::move(after);
  auto appended = audit::append(transaction, clock, event);
  if (!appended) return appended.error();
  return Status::success();
}

bool valid_username(std::string_view username) {
  return username.size() >= 3 && username.size() <= 64 &&
         std::all_of(username.begin(), username.end(), [](unsigned char c) {
           return std::islower(c) || std::isdigit(c) || c == '-' || c == '.' || c == '_';
         });
}

Result<std::optional<domain::UserAccount>> find_user(store::Transaction& transaction,
                                                     std::string_view username) {
  auto found = transaction.list_where<domain::UserAccount>("username", std::string(username));
  if (!found) return found.error();
  if (found->empty()) return std::optional<domain::UserAccount>();
  return std::optional<domain::UserAccount>(std::move(found->front()));
}

}  // namespace

Result<auth::Principal> Access::principal_for(const domain::UserAccount& account) const {
  auto role = auth::parse_role(account.role);
  if (!role) return Error::corrupt("account " + account.username + ": " + role.error().message);
  return auth::Principal{account.id,        account.username, *role,
                         account.worker_id, account.team_id,  account.agency};
}

Result<std::int64_t> Access::add_user(const Actor& actor, const NewAccount& account) {
  if (!valid_username(account.username)) {
    return Error::invalid(
        "username must be 3 to 64 characters: lower-case letters, digits, '.', '-' or '_'");
  }
  auto role = auth::parse_role(account.role);
  if (!role) return role.error();
  auto hashed = auth::hash_password(account.password, account.minimum_password_length);
  if (!hashed) return hashed.error();
  domain::UserAccount user;
  user.username = account.username;
  user.password_hash = *hashed;
  user.role = account.role;
  user.worker_id = account.worker_id;
  user.team_id = account.team_id;
  user.agency = account.agency;
  user.created_at = clock_.now().iso();
  std::int64_t id = 0;
  Status status = store_.write([&](store::Transaction& transaction) -> Status {
    auto existing = find_user(transaction, user.username);
    if (!existing) return existing.error();
    if (*existing) {
      return Error::conflict(fmt::format("there is already an account named {}", user.username));
    }
    auto inserted = transaction.insert(user);
    if (!inserted) return inserted.error();
    id = *inserted;
    nlohmann::json after = {
        {"username", user.username}, {"role", user.role}, {"agency", user.agency}};
    if (user.worker_id) after["worker_id"] = *user.worker_id;
    if (user.team_id) after["team_id"] = *user.team_id;
    return append_event(transaction, clock_, actor.username, "create", std::to_string(id), "",
                        after.dump());
  });
  if (!status) return status.error();
  return id;
}

Result<IssuedSession> Access::sign_in(std::string_view username, std::string_view password,
                                      std::string_view from_address) {
  Timestamp now = clock_.now();
  IssuedSession issued;
  Error refusal = Error::forbidden(std::string(kWrongCredentials));
  bool refused = false;
  Status status = store_.write([&](store::Transaction& transaction) -> Status {
    auto found = find_user(transaction, username);
    if (!found) return found.error();
    std::string where = fmt::format("from {}", from_address);
    if (!*found || !(*found)->active) {
      // Spend the same effort as a real check, so timing does not reveal which usernames exist.
      (void)auth::verify_password(kTimingDecoyHash, password);
      refused = true;
      return append_event(transaction, clock_, std::string(username), "sign_in_failed", "",
                          *found ? "account inactive " + where : "no such account " + where);
    }
    domain::UserAccount account = **found;
    if (!account.locked_until.empty() && now.iso() < account.locked_until) {
      refused = true;
      refusal = Error::conflict(fmt::format(
          "this account is locked after {} failed sign-ins until {} UTC; try again then or ask an "
          "administrator",
          rules_.max_failed_attempts, account.locked_until.substr(0, 16)));
      return append_event(transaction, clock_, account.username, "sign_in_refused",
                          std::to_string(account.id), "account locked " + where);
    }
    if (!auth::verify_password(account.password_hash, password)) {
      refused = true;
      account.failed_attempts += 1;
      std::string reason = "wrong password " + where;
      if (account.failed_attempts >= rules_.max_failed_attempts) {
        account.locked_until = now.plus_seconds(rules_.lockout_minutes * 60).iso();
        account.failed_attempts = 0;
        reason += fmt::format("; locked for {} minutes", rules_.lockout_minutes);
      }
      SAFEGUARD_TRY(transaction.update(account));
      return append_event(transaction, clock_, account.username, "sign_in_failed",
                          std::to_string(account.id), reason);
    }
    auto principal = principal_for(account);
    if (!principal) return principal.error();
    if (account.failed_attempts != 0 || !account.locked_until.empty()) {
      account.failed_attempts = 0;
      account.locked_until.clear();
      SAFEGUARD_TRY(transaction.update(account));
    }
    domain::Session session;
    issued.token = auth::new_token();
    issued.csrf_token = auth::new_token();
    session.token_hash = auth::token_hash(issued.token);
    session.user_id = account.id;
    session.csrf_token = issued.csrf_token;
    session.created_at = now.iso();
    session.last_seen_at = now.iso();
    session.expires_at = now.plus_seconds(rules_.absolute_hours * 3600).iso();
    issued.expires_at = session.expires_at;
    issued.principal = *principal;
    SAFEGUARD_TRY(transaction.insert(session));
    return append_event(transaction, clock_, account.username, "sign_in",
                        std::to_string(account.id), where);
  });
  if (!status) return status.error();
  if (refused) return refusal;
  return issued;
}

Result<ActiveSession> Access::authenticate(std::string_view token) {
  if (token.size() != 64) return Error::forbidden("not signed in");
  Timestamp now = clock_.now();
  std::string hash = auth::token_hash(token);
  ActiveSession active;
  bool live = false;
  Status status = store_.write([&](store::Transaction& transaction) -> Status {
    auto sessions = transaction.list_where<domain::Session>("token_hash", hash);
    if (!sessions) return sessions.error();
    if (sessions->empty()) return Status::success();
    domain::Session session = sessions->front();
    std::string idle_limit = now.plus_seconds(-rules_.idle_minutes * 60).iso();
    if (session.ended || now.iso() >= session.expires_at || session.last_seen_at < idle_limit) {
      return Status::success();
    }
    auto account = transaction.find<domain::UserAccount>(session.user_id);
    if (!account) return account.error();
    if (!*account || !(*account)->active) return Status::success();
    auto principal = principal_for(**account);
    if (!principal) return principal.error();
    if (session.last_seen_at < now.plus_seconds(-rules_.touch_every_seconds).iso()) {
      session.last_seen_at = now.iso();
      SAFEGUARD_TRY(transaction.update(session));
    }
    active = ActiveSession{session, *principal};
    live = true;
    return Status::success();
  });
  if (!status) return status.error();
  if (!live) return Error::forbidden("your session has ended: sign in again");
  return active;
}

Status Access::sign_out(std::string_view token) {
  std::string hash = auth::token_hash(token);
  return store_.write([&](store::Transaction& transaction) -> Status {
    auto sessions = transaction.list_where<domain::Session>("token_hash", hash);
    if (!sessions) return sessions.error();
    if (sessions->empty() || sessions->front().ended) return Status::success();
    domain::Session session = sessions->front();
    session.ended = true;
    SAFEGUARD_TRY(transaction.update(session));
    auto account = transaction.find<domain::UserAccount>(session.user_id);
    if (!account) return account.error();
    std::string username = *account ? (*account)->username : "unknown";
    return append_event(transaction, clock_, username, "sign_out", std::to_string(session.user_id),
                        "");
  });
}

}  // namespace safeguard::app
