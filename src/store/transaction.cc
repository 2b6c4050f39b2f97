#include "store/transaction.h"

namespace safeguard::store {
namespace detail {

std::string insert_sql(std::string_view table, const std::vector<std::string_view>& columns) {
  std::string names;
  std::string marks;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    names += (i ? ", " : "") + std::string(columns[i]);
    marks += i ? ", ?" : "?";
  }
  return fmt::format("INSERT INTO {} ({}) VALUES ({})", table, names, marks);
}

std::string update_sql(std::string_view table, const std::vector<std::string_view>& columns) {
  std::string assignments;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    assignments += (i ? ", " : "") + std::string(columns[i]) + " = ?";
  }
  return fmt::format("UPDATE {} SET {} WHERE id = ?", table, assignments);
}

}  // namespace detail

Result<std::int64_t> Transaction::count_sql(std::string_view sql, std::span<const Value> params) {
  std::int64_t count = 0;
  Status status = connection_.query(sql, params, [&](const Row& row) {
    if (const auto* number = std::get_if<std::int64_t>(&row[0])) count = *number;
    return false;
  });
  if (!status) return status.error();
  return count;
}

Result<std::optional<Child>> Transaction::find_child_by_local_id(std::string_view local_id) {
  static const std::string sql =
      fmt::format("SELECT {} FROM child WHERE local_id = ?", detail::column_list<Child>());
  Value key = std::string(local_id);
  auto children = collect<Child>(sql, std::span<const Value>(&key, 1));
  if (!children) return children.error();
  if (children->empty()) return std::optional<Child>();
  return std::optional<Child>(std::move(children->front()));
}

Result<std::optional<std::string>> Transaction::setting(std::string_view key) {
  std::optional<std::string> value;
  Value parameter = std::string(key);
  Status status = connection_.query("SELECT value FROM setting WHERE key = ?",
                                    std::span<const Value>(&parameter, 1), [&](const Row& row) {
                                      if (const auto* text = std::get_if<std::string>(&row[0])) {
                                        value = *text;
                                      }
                                      return false;
                                    });
  if (!status) return status.error();
  return value;
}

Status Transaction::put_setting(std::string_view key, std::string_view value) {
  SAFEGUARD_TRY(require_writable());
  Value parameters[] = {std::string(key), std::string(value)};
  auto changed = connection_.run(
      "INSERT INTO setting (key, value) VALUES (?, ?) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      parameters);
  if (!changed) return changed.error();
  return Status::success();
}

namespace {

constexpr std::string_view kAuditColumns =
    "seq, at, actor, action, entity, entity_id, child_id, reason, before, after, prev_hash, hash";

Status audit_from_row(const Row& row, AuditRecord& record) {
  std::size_t i = 0;
  Status status = from_value(row[i++], record.seq);
  for (std::string* text :
       {&record.at, &record.actor, &record.action, &record.entity, &record.entity_id}) {
    if (status) status = from_value(row[i], *text);
    ++i;
  }
  if (status) status = from_value(row[i++], record.child_id);
  for (std::string* text :
       {&record.reason, &record.before, &record.after, &record.prev_hash, &record.hash}) {
    if (status) status = from_value(row[i], *text);
    ++i;
  }
  if (!status) {
    return Error::corrupt(
        fmt::format("audit event {} is unreadable: {}", record.seq, status.error().message));
  }
  return status;
}

}  // namespace

Result<std::optional<AuditRecord>> Transaction::last_audit_record() {
  static const std::string sql =
      fmt::format("SELECT {} FROM audit_event ORDER BY seq DESC LIMIT 1", kAuditColumns);
  std::optional<AuditRecord> last;
  Status row_status;
  Status status = connection_.query(sql, {}, [&](const Row& row) {
    AuditRecord record;
    row_status = audit_from_row(row, record);
    if (row_status) last = std::move(record);
    return false;
  });
  if (!status) return status.error();
  if (!row_status) return row_status.error();
  return last;
}

Status Transaction::append_audit_record(const AuditRecord& record) {
  SAFEGUARD_TRY(require_writable());
  static const std::string sql = fmt::format(
      "INSERT INTO audit_event ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kAuditColumns);
  Value parameters[] = {record.seq,
                        record.at,
                        record.actor,
                        record.action,
                        record.entity,
                        record.entity_id,
                        to_value(record.child_id),
                        record.reason,
                        record.before,
                        record.after,
                        record.prev_hash,
                        record.hash};
  auto changed = connection_.run(sql, parameters);
  if (!changed)
    return Error{changed.error().kind, "recording the audit event: " + changed.error().message};
  return Status::success();
}

Status Transaction::for_each_audit_record(std::int64_t from_seq,
                                          const std::function<bool(const AuditRecord&)>& visit) {
  static const std::string sql =
      fmt::format("SELECT {} FROM audit_event WHERE seq >= ? ORDER BY seq", kAuditColumns);
  Value start = from_seq;
  Status row_status;
  Status status = connection_.query(sql, std::span<const Value>(&start, 1), [&](const Row& row) {
    AuditRecord record;
    row_status = audit_from_row(row, record);
    if (!row_status) return false;
    return visit(record);
  });
  if (!status) return status;
  return row_status;
}

Result<std::vector<AuditRecord>> Transaction::audit_records_for_child(std::int64_t child_id,
                                                                      std::int64_t limit) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM audit_event WHERE child_id = ? ORDER BY seq DESC LIMIT ?", kAuditColumns);
  Value parameters[] = {child_id, limit};
  std::vector<AuditRecord> records;
  Status row_status;
  Status status = connection_.query(sql, parameters, [&](const Row& row) {
    AuditRecord record;
    row_status = audit_from_row(row, record);
    if (!row_status) return false;
    records.push_back(std::move(record));
    return true;
  });
  if (!status) return status.error();
  if (!row_status) return row_status.error();
  return records;
}

}  // namespace safeguard::store
