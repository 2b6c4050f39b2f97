// Transaction::summary: the headline counts at one date, each in a single indexed query. A case
// waiting in a team's tray (an allocation with no worker) counts as unallocated.
#include "store/transaction.h"

namespace safeguard::store {
namespace {

// A record is open on a date when it started on or before it and had not ended by it (a record
// ending on the date itself is no longer open then, as the DfE counts children looked after on 31
// March).
constexpr std::string_view kOpenOn = "start_date <= ?1 AND (end_date IS NULL OR end_date > ?1)";

}  // namespace

Result<Summary> Transaction::summary(Date as_of) {
  Summary summary;
  summary.as_of = as_of;
  Value date = as_of.iso();
  std::span<const Value> on(&date, 1);

  static const std::string looked_after = fmt::format(
      "SELECT placement_type, COUNT(DISTINCT child_id) FROM looked_after_episode WHERE {} "
      "GROUP BY placement_type ORDER BY placement_type",
      kOpenOn);
  Status status = connection_.query(looked_after, on, [&](const Row& row) {
    const auto* code = std::get_if<std::string>(&row[0]);
    const auto* count = std::get_if<std::int64_t>(&row[1]);
    if (code && count) summary.placements[*code] = *count;
    return true;
  });
  if (!status) return status.error();

  static const std::string looked_after_total =
      fmt::format("SELECT COUNT(DISTINCT child_id) FROM looked_after_episode WHERE {}", kOpenOn);
  static const std::string plans =
      fmt::format("SELECT COUNT(DISTINCT child_id) FROM child_protection_plan WHERE {}", kOpenOn);
  static const std::string in_need =
      fmt::format("SELECT COUNT(DISTINCT child_id) FROM child_in_need_episode WHERE {}", kOpenOn);
  static const std::string unallocated = fmt::format(
      "SELECT COUNT(DISTINCT e.child_id) FROM child_in_need_episode e WHERE e.{} AND NOT EXISTS "
      "(SELECT 1 FROM allocation a WHERE a.child_id = e.child_id AND a.worker_id IS NOT NULL AND "
      "a.start_date <= ?1 AND (a.end_date IS NULL OR a.end_date > ?1))",
      "start_date <= ?1 AND (e.end_date IS NULL OR e.end_date > ?1)");
  static const std::string workers =
      "SELECT COUNT(*) FROM worker WHERE start_date <= ?1 AND "
      "(leaving_date IS NULL OR leaving_date > ?1)";
  static const std::string case_holders =
      "SELECT COUNT(*) FROM worker WHERE start_date <= ?1 AND "
      "(leaving_date IS NULL OR leaving_date > ?1) AND "
      "role IN ('social_worker', 'senior_practitioner', 'personal_adviser')";
  static const std::string allocated =
      fmt::format("SELECT COUNT(*) FROM allocation WHERE worker_id IS NOT NULL AND {}", kOpenOn);

  struct Count {
    const std::string* sql;
    std::int64_t* into;
  };
  for (Count count :
       {Count{&looked_after_total, &summary.children_looked_after},
        Count{&plans, &summary.cp_plans}, Count{&in_need, &summary.children_in_need},
        Count{&unallocated, &summary.unallocated_cases}, Count{&workers, &summary.workers},
        Count{&case_holders, &summary.case_holding_workers},
        Count{&allocated, &summary.allocated_cases}}) {
    auto value = count_sql(*count.sql, on);
    if (!value) return value.error();
    *count.into = *value;
  }
  if (summary.case_holding_workers > 0) {
    summary.mean_caseload = static_cast<double>(summary.allocated_cases) /
                            static_cast<double>(summary.case_holding_workers);
  }
  return summary;
}

}  // namespace safeguard::store
