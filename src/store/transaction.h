// One unit of work against the store: every read and write inside it sees one consistent state, and
// its writes land together or not at all. Obtain one from Store::write or Store::read, never
// directly.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/connection.h"
#include "store/mapping.h"
#include "store/records.h"

namespace safeguard::store {

namespace detail {

template <typename Record>
std::string column_list() {
  std::string names = "id";
  std::apply([&](const auto&... columns) { ((names += ", " + std::string(columns.name)), ...); },
             Mapping<Record>::columns);
  return names;
}

template <typename Record>
bool has_column(std::string_view name) {
  if (name == "id") return true;
  bool found = false;
  std::apply([&](const auto&... columns) { ((found = found || columns.name == name), ...); },
             Mapping<Record>::columns);
  return found;
}

std::string insert_sql(std::string_view table, const std::vector<std::string_view>& columns);
std::string update_sql(std::string_view table, const std::vector<std::string_view>& columns);

template <typename Record>
std::vector<std::string_view> column_names() {
  std::vector<std::string_view> names;
  std::apply([&](const auto&... columns) { (names.push_back(columns.name), ...); },
             Mapping<Record>::columns);
  return names;
}

}  // namespace detail

class Transaction {
 public:
  explicit Transaction(Connection& connection, bool writable)
      : connection_(connection), writable_(writable) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  bool writable() const { return writable_; }

  // Stores a new record and sets its id.
  template <typename Record>
  Result<std::int64_t> insert(Record& record) {
    SAFEGUARD_TRY(require_writable());
    static const std::string sql =
        detail::insert_sql(Mapping<Record>::table, detail::column_names<Record>());
    Row row = to_row(record);
    auto id = connection_.insert(sql, row);
    if (!id) return with_context<Record>(id.error(), "adding");
    record.id = *id;
    return *id;
  }

  // Replaces a stored record's fields; not found when no record has its id.
  template <typename Record>
  Status update(const Record& record) {
    SAFEGUARD_TRY(require_writable());
    static const std::string sql =
        detail::update_sql(Mapping<Record>::table, detail::column_names<Record>());
    Row row = to_row(record);
    row.push_back(record.id);
    auto changed = connection_.run(sql, row);
    if (!changed) return with_context<Record>(changed.error(), "updating");
    if (*changed != 1) {
      return Error::not_found(fmt::format("no {} with id {}", Mapping<Record>::table, record.id));
    }
    return Status::success();
  }

  template <typename Record>
  Result<std::optional<Record>> find(std::int64_t id) {
    static const std::string sql = fmt::format(
        "SELECT {} FROM {} WHERE id = ?", detail::column_list<Record>(), Mapping<Record>::table);
    std::optional<Record> found;
    Status row_status;
    Value key = id;
    Status status = connection_.query(sql, std::span<const Value>(&key, 1), [&](const Row& row) {
      Record record;
      row_status = from_row(row, record);
      if (row_status) found = std::move(record);
      return false;
    });
    if (!status) return status.error();
    if (!row_status) return row_status.error();
    return found;
  }

  // Records whose `column` equals `value`, ordered by `order_by` then id. Column names are checked
  // against the mapping, so no caller text reaches the SQL.
  template <typename Record>
  Result<std::vector<Record>> list_where(std::string_view column, Value value,
                                         std::string_view order_by = "id") {
    if (!detail::has_column<Record>(column) || !detail::has_column<Record>(order_by)) {
      return Error::internal(
          fmt::format("{} has no column {} or {}", Mapping<Record>::table, column, order_by));
    }
    std::string sql =
        fmt::format("SELECT {} FROM {} WHERE {} = ? ORDER BY {}, id", detail::column_list<Record>(),
                    Mapping<Record>::table, column, order_by);
    return collect<Record>(sql, std::span<const Value>(&value, 1));
  }

  // Every record of a type, in id order, handed to `visit` one at a time.
  template <typename Record>
  Status for_each(const std::function<Status(const Record&)>& visit) {
    static const std::string sql = fmt::format(
        "SELECT {} FROM {} ORDER BY id", detail::column_list<Record>(), Mapping<Record>::table);
    Status result;
    Status status = connection_.query(sql, {}, [&](const Row& row) {
      Record record;
      result = from_row(row, record);
      if (result) result = visit(record);
      return result.ok();
    });
    if (!status) return status;
    return result;
  }

  template <typename Record>
  Result<std::int64_t> count() {
    static const std::string sql = fmt::format("SELECT COUNT(*) FROM {}", Mapping<Record>::table);
    return count_sql(sql, {});
  }

  // Records belonging to any of `child_ids`, ordered by child then id (one query, whatever the
  // number of children).
  template <typename Record>
  requires BelongsToChild<Record> Result<std::vector<Record>> list_for_children(
      std::span<const std::int64_t> child_ids) {
    static const std::string sql = fmt::format(
        "SELECT {} FROM {} WHERE child_id IN (SELECT value FROM json_each(?)) ORDER BY child_id, "
        "id",
        detail::column_list<Record>(), Mapping<Record>::table);
    Value ids = id_array(child_ids);
    return collect<Record>(sql, std::span<const Value>(&ids, 1));
  }

  // --- named queries ------------------------------------------------------------------------
  Result<std::optional<Child>> find_child_by_local_id(std::string_view local_id);
  // A session and its account as they stand now, by the session's token hash: one indexed read
  // (session_query.cc), for re-checking a session that was authenticated a moment ago.
  Result<std::optional<SessionState>> session_state(std::string_view token_hash);
  // Who holds a child's case on `today` (open allocations: their workers and teams, a team's tray
  // included), in one query; empty when there is no such child (session_query.cc).
  Result<std::optional<CaseHolding>> case_holding(std::int64_t child_id, Date today);
  Result<Summary> summary(Date as_of);

  // --- the safeguards' queries (casework_query.cc) ----------------------------------------------
  // Children whose case is open on `as_of`: an open child-in-need or looked-after episode, or an
  // open allocation (to a worker or a team's tray). In id order.
  Result<std::vector<std::int64_t>> children_with_open_cases(Date as_of);
  // Allocations open on `as_of` (started on or before it, not ended by it), by child then start.
  Result<std::vector<Allocation>> allocations_open_on(Date as_of);
  // Allocations open on `as_of` or starting after it, held by a worker or by a team (tray
  // included).
  Result<std::vector<Allocation>> open_allocations_of_worker(std::int64_t worker_id, Date as_of);
  Result<std::vector<Allocation>> open_allocations_of_team(std::int64_t team_id, Date as_of);
  // Everything the statutory clocks read about `child_ids` on `as_of`. Of the visits, only each
  // child's latest visit with the child seen on or before `as_of` (ties: the first recorded): the
  // clocks ask only for the latest such visit since a date, which this one answers for every date.
  Result<CaseFacts> case_facts(std::span<const std::int64_t> child_ids, Date as_of);
  // For each (child, date) pair, the child's latest visit with the child seen on or before the
  // date, if any (ties: the first recorded). In the order of the pairs.
  Result<std::vector<std::optional<Visit>>> latest_seen_visits(
      std::span<const std::int64_t> child_ids, std::span<const Date> on);
  // Each child's local id (the authority's child id), by child id.
  Result<std::vector<std::pair<std::int64_t, std::string>>> child_local_ids(
      std::span<const std::int64_t> child_ids);
  // Children with an allocation to a worker that ended from `from` to `to` inclusive, or an
  // allocation to a team's tray that began in that time, in id order (the waits report's cases).
  Result<std::vector<std::int64_t>> children_with_allocation_changes(Date from, Date to);
  // Allocations to workers (trays left out) open at some time from `from` to `to`.
  Result<std::vector<Allocation>> worker_allocations_between(Date from, Date to);
  // Child-in-need episodes closed from `from` to `to` inclusive, by closure date.
  Result<std::vector<ChildInNeedEpisode>> episodes_closed_between(Date from, Date to);

  // --- settings -------------------------------------------------------------------------------
  Result<std::optional<std::string>> setting(std::string_view key);
  Status put_setting(std::string_view key, std::string_view value);

  // --- the audit trail (the audit module decides the content; this only stores it) -------------
  Result<std::optional<AuditRecord>> last_audit_record();
  Status append_audit_record(const AuditRecord& record);
  // Events with seq >= from_seq in seq order, until `visit` returns false.
  Status for_each_audit_record(std::int64_t from_seq,
                               const std::function<bool(const AuditRecord&)>& visit);
  Result<std::vector<AuditRecord>> audit_records_for_child(std::int64_t child_id,
                                                           std::int64_t limit);

 private:
  Status require_writable() const {
    if (writable_) return Status::success();
    return Error::internal("a write was attempted in a read-only transaction");
  }
  template <typename Record>
  Error with_context(const Error& error, std::string_view doing) const {
    return Error{error.kind,
                 fmt::format("{} {}: {}", doing, Mapping<Record>::table, error.message)};
  }
  template <typename Record>
  Result<std::vector<Record>> collect(const std::string& sql, std::span<const Value> params) {
    std::vector<Record> records;
    Status row_status;
    Status status = connection_.query(sql, params, [&](const Row& row) {
      Record record;
      row_status = from_row(row, record);
      if (!row_status) return false;
      records.push_back(std::move(record));
      return true;
    });
    if (!status) return status.error();
    if (!row_status) return row_status.error();
    return records;
  }
  Result<std::int64_t> count_sql(std::string_view sql, std::span<const Value> params);
  static Value id_array(std::span<const std::int64_t> ids);

  Connection& connection_;
  bool writable_;
};

}  // namespace safeguard::store
