// Named queries for the request path, each one indexed read: a session's state by its token hash,
// and who holds a child's case.
#include <algorithm>

#include "store/transaction.h"

namespace safeguard::store {
namespace {

void add_unique(std::vector<std::int64_t>& ids, std::int64_t id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

Result<std::optional<SessionState>> Transaction::session_state(std::string_view token_hash) {
  static const std::string sql =
      "SELECT s.id, s.user_id, s.ended, s.last_seen_at, s.expires_at, u.active, u.role, "
      "u.worker_id, u.team_id, u.agency FROM session s JOIN user_account u ON u.id = s.user_id "
      "WHERE s.token_hash = ?";
  Value key = std::string(token_hash);
  std::optional<SessionState> found;
  Status row_status;
  Status status = connection_.query(sql, std::span<const Value>(&key, 1), [&](const Row& row) {
    SessionState state;
    std::int64_t ended = 0;
    std::int64_t active = 0;
    row_status = from_value(row[0], state.session_id);
    if (row_status) row_status = from_value(row[1], state.user_id);
    if (row_status) row_status = from_value(row[2], ended);
    if (row_status) row_status = from_value(row[3], state.last_seen_at);
    if (row_status) row_status = from_value(row[4], state.expires_at);
    if (row_status) row_status = from_value(row[5], active);
    if (row_status) row_status = from_value(row[6], state.role);
    if (row_status) row_status = from_value(row[7], state.worker_id);
    if (row_status) row_status = from_value(row[8], state.team_id);
    if (row_status) row_status = from_value(row[9], state.agency);
    state.ended = ended != 0;
    state.account_active = active != 0;
    if (row_status) found = std::move(state);
    return false;
  });
  if (!status) return status.error();
  if (!row_status) {
    return Error::corrupt("a session is unreadable: " + row_status.error().message);
  }
  return found;
}

Result<std::optional<CaseHolding>> Transaction::case_holding(std::int64_t child_id, Date today) {
  // Open on `today`: started on or before it and not ended by it (an allocation ending today has
  // ended). A child with no open allocation gives one row of NULLs; no child gives no row.
  static const std::string sql =
      "SELECT a.worker_id, a.team_id FROM child c LEFT JOIN allocation a ON a.child_id = c.id "
      "AND a.start_date <= ? AND (a.end_date IS NULL OR a.end_date > ?) WHERE c.id = ? "
      "ORDER BY a.id";
  std::string day = today.iso();
  Value parameters[] = {day, day, child_id};
  std::optional<CaseHolding> holding;
  Status row_status;
  Status status = connection_.query(sql, parameters, [&](const Row& row) {
    if (!holding) holding.emplace();
    std::optional<std::int64_t> worker;
    std::optional<std::int64_t> team;
    row_status = from_value(row[0], worker);
    if (row_status) row_status = from_value(row[1], team);
    if (!row_status) return false;
    if (worker) add_unique(holding->worker_ids, *worker);
    if (team) add_unique(holding->team_ids, *team);
    return true;
  });
  if (!status) return status.error();
  if (!row_status) {
    return Error::corrupt(fmt::format("the allocations of child {} are unreadable: {}", child_id,
                                      row_status.error().message));
  }
  return holding;
}

}  // namespace safeguard::store
