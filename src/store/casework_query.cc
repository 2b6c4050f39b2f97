// The safeguards' named queries (casework module): open cases, open allocations, and the records
// the statutory clocks read for many children at once. A set of children is passed as one JSON
// array parameter and read with json_each, so a whole authority is one query per table, each child
// found through the table's child index.
#include <nlohmann/json.hpp>

#include "store/transaction.h"

namespace safeguard::store {
namespace {

constexpr std::string_view kOpenOn = "start_date <= ?1 AND (end_date IS NULL OR end_date > ?1)";

}  // namespace

Value Transaction::id_array(std::span<const std::int64_t> ids) {
  nlohmann::json array = nlohmann::json::array();
  for (std::int64_t id : ids) array.push_back(id);
  return array.dump();
}

Result<std::vector<std::int64_t>> Transaction::children_with_open_cases(Date as_of) {
  static const std::string sql = fmt::format(
      "SELECT child_id FROM child_in_need_episode WHERE {0} UNION "
      "SELECT child_id FROM looked_after_episode WHERE {0} UNION "
      "SELECT child_id FROM allocation WHERE {0} ORDER BY 1",
      kOpenOn);
  Value date = as_of.iso();
  std::vector<std::int64_t> children;
  Status status = connection_.query(sql, std::span<const Value>(&date, 1), [&](const Row& row) {
    if (const auto* id = std::get_if<std::int64_t>(&row[0])) children.push_back(*id);
    return true;
  });
  if (!status) return status.error();
  return children;
}

Result<std::vector<Allocation>> Transaction::allocations_open_on(Date as_of) {
  static const std::string sql =
      fmt::format("SELECT {} FROM allocation WHERE {} ORDER BY child_id, start_date, id",
                  detail::column_list<Allocation>(), kOpenOn);
  Value date = as_of.iso();
  return collect<Allocation>(sql, std::span<const Value>(&date, 1));
}

Result<std::vector<Allocation>> Transaction::open_allocations_of_worker(std::int64_t worker_id,
                                                                        Date as_of) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM allocation WHERE worker_id = ?1 AND (end_date IS NULL OR end_date > ?2) "
      "ORDER BY child_id, start_date, id",
      detail::column_list<Allocation>());
  Value parameters[] = {worker_id, as_of.iso()};
  return collect<Allocation>(sql, parameters);
}

Result<std::vector<Allocation>> Transaction::open_allocations_of_team(std::int64_t team_id,
                                                                      Date as_of) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM allocation WHERE team_id = ?1 AND (end_date IS NULL OR end_date > ?2) "
      "ORDER BY child_id, start_date, id",
      detail::column_list<Allocation>());
  Value parameters[] = {team_id, as_of.iso()};
  return collect<Allocation>(sql, parameters);
}

Result<CaseFacts> Transaction::case_facts(std::span<const std::int64_t> child_ids) {
  CaseFacts facts;
  static const std::string children_sql =
      fmt::format("SELECT {} FROM child WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                  detail::column_list<Child>());
  Value ids = id_array(child_ids);
  auto children = collect<Child>(children_sql, std::span<const Value>(&ids, 1));
  if (!children) return children.error();
  facts.children = std::move(*children);

  auto load = [&](auto& into) -> Status {
    using Record = typename std::decay_t<decltype(into)>::value_type;
    auto records = list_for_children<Record>(child_ids);
    if (!records) return records.error();
    into = std::move(*records);
    return Status::success();
  };
  SAFEGUARD_TRY(load(facts.contacts));
  SAFEGUARD_TRY(load(facts.referrals));
  SAFEGUARD_TRY(load(facts.child_in_need_episodes));
  SAFEGUARD_TRY(load(facts.assessments));
  SAFEGUARD_TRY(load(facts.section47_enquiries));
  SAFEGUARD_TRY(load(facts.conferences));
  SAFEGUARD_TRY(load(facts.protection_plans));
  SAFEGUARD_TRY(load(facts.looked_after_episodes));
  SAFEGUARD_TRY(load(facts.looked_after_reviews));
  SAFEGUARD_TRY(load(facts.visits));
  SAFEGUARD_TRY(load(facts.care_leaver_contacts));

  static const std::string reviews_sql = fmt::format(
      "SELECT p.child_id, r.id, r.plan_id, r.date FROM child_protection_review r "
      "JOIN child_protection_plan p ON p.id = r.plan_id "
      "WHERE p.child_id IN (SELECT value FROM json_each(?)) ORDER BY p.child_id, r.id");
  Status row_status;
  Status status =
      connection_.query(reviews_sql, std::span<const Value>(&ids, 1), [&](const Row& row) {
        std::int64_t child = 0;
        row_status = from_value(row[0], child);
        if (!row_status) return false;
        ChildProtectionReview review;
        row_status = from_row(Row(row.begin() + 1, row.end()), review);
        if (!row_status) return false;
        facts.protection_review_children.push_back(child);
        facts.protection_reviews.push_back(review);
        return true;
      });
  if (!status) return status.error();
  if (!row_status) return row_status.error();
  return facts;
}

Result<std::vector<ChildInNeedEpisode>> Transaction::episodes_closed_between(Date from, Date to) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM child_in_need_episode WHERE end_date IS NOT NULL AND end_date >= ?1 AND "
      "end_date <= ?2 ORDER BY end_date, id",
      detail::column_list<ChildInNeedEpisode>());
  Value parameters[] = {from.iso(), to.iso()};
  return collect<ChildInNeedEpisode>(sql, parameters);
}

}  // namespace safeguard::store
