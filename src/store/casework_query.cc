// The safeguards' named queries (casework module): open cases, open allocations, and the records
// the statutory clocks read for many children at once. A set of children is passed as one JSON
// array parameter and read with json_each, so a whole authority is one query per table, each child
// found through the table's child index.
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "store/transaction.h"

namespace safeguard::store {
namespace {

// The rows of `table` open on ?1 (started on or before it, not ended by it), as a condition on id.
// Written as two index searches on (end_date, start_date) (migration 5): the not-ended rows and
// those ending after ?1. The plain "start_date <= ?1 AND (end_date IS NULL OR end_date > ?1)" made
// SQLite read every row of the history, as nearly all of them started before today.
std::string open_rows(std::string_view table) {
  return fmt::format(
      "id IN (SELECT id FROM {0} WHERE end_date IS NULL AND start_date <= ?1 UNION ALL "
      "SELECT id FROM {0} WHERE end_date > ?1 AND start_date <= ?1)",
      table);
}

}  // namespace

Value Transaction::id_array(std::span<const std::int64_t> ids) {
  nlohmann::json array = nlohmann::json::array();
  for (std::int64_t id : ids) array.push_back(id);
  return array.dump();
}

Result<std::vector<std::int64_t>> Transaction::children_with_open_cases(Date as_of) {
  static const std::string sql = fmt::format(
      "SELECT child_id FROM child_in_need_episode WHERE {0} UNION "
      "SELECT child_id FROM looked_after_episode WHERE {1} UNION "
      "SELECT child_id FROM allocation WHERE {2} ORDER BY 1",
      open_rows("child_in_need_episode"), open_rows("looked_after_episode"),
      open_rows("allocation"));
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
                  detail::column_list<Allocation>(), open_rows("allocation"));
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

Result<std::vector<std::optional<Visit>>> Transaction::latest_seen_visits(
    std::span<const std::int64_t> child_ids, std::span<const Date> on) {
  if (child_ids.size() != on.size()) {
    return Error::internal("latest_seen_visits needs one date per child");
  }
  nlohmann::json pairs = nlohmann::json::array();
  for (std::size_t i = 0; i < child_ids.size(); ++i) {
    pairs.push_back(nlohmann::json::array({child_ids[i], on[i].iso()}));
  }
  static const std::string sql = fmt::format(
      "SELECT p.key, v.id, v.{} FROM json_each(?) p JOIN visit v ON v.id = "
      "(SELECT w.id FROM visit w WHERE w.child_id = json_extract(p.value, '$[0]') AND "
      "w.child_seen = 1 AND w.date <= json_extract(p.value, '$[1]') "
      "ORDER BY w.date DESC, w.id ASC LIMIT 1)",
      fmt::join(detail::column_names<Visit>(), ", v."));
  Value parameter = pairs.dump();
  std::vector<std::optional<Visit>> latest(child_ids.size());
  Status row_status;
  Status status =
      connection_.query(sql, std::span<const Value>(&parameter, 1), [&](const Row& row) {
        std::int64_t index = 0;
        row_status = from_value(row[0], index);
        if (!row_status) return false;
        Visit visit;
        row_status = from_row(Row(row.begin() + 1, row.end()), visit);
        if (!row_status) return false;
        if (index >= 0 && static_cast<std::size_t>(index) < latest.size()) {
          latest[static_cast<std::size_t>(index)] = std::move(visit);
        }
        return true;
      });
  if (!status) return status.error();
  if (!row_status) return row_status.error();
  return latest;
}

Result<std::vector<std::pair<std::int64_t, std::string>>> Transaction::child_local_ids(
    std::span<const std::int64_t> child_ids) {
  static const std::string sql =
      "SELECT id, local_id FROM child WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id";
  Value ids = id_array(child_ids);
  std::vector<std::pair<std::int64_t, std::string>> names;
  Status row_status;
  Status status = connection_.query(sql, std::span<const Value>(&ids, 1), [&](const Row& row) {
    std::pair<std::int64_t, std::string> name;
    row_status = from_value(row[0], name.first);
    if (row_status) row_status = from_value(row[1], name.second);
    if (!row_status) return false;
    names.push_back(std::move(name));
    return true;
  });
  if (!status) return status.error();
  if (!row_status) return row_status.error();
  return names;
}

Result<std::vector<std::int64_t>> Transaction::children_with_allocation_changes(Date from,
                                                                                Date to) {
  static const std::string sql =
      "SELECT child_id FROM allocation WHERE id IN (SELECT id FROM allocation WHERE end_date >= ?1 "
      "AND end_date <= ?2) AND worker_id IS NOT NULL UNION "
      "SELECT child_id FROM allocation WHERE worker_id IS NULL AND start_date >= ?1 AND "
      "start_date <= ?2 ORDER BY 1";
  Value parameters[] = {from.iso(), to.iso()};
  std::vector<std::int64_t> children;
  Status status = connection_.query(sql, parameters, [&](const Row& row) {
    if (const auto* id = std::get_if<std::int64_t>(&row[0])) children.push_back(*id);
    return true;
  });
  if (!status) return status.error();
  return children;
}

Result<std::vector<Allocation>> Transaction::worker_allocations_between(Date from, Date to) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM allocation WHERE worker_id IS NOT NULL AND start_date <= ?2 AND "
      "(end_date IS NULL OR end_date > ?1) ORDER BY child_id, start_date, id",
      detail::column_list<Allocation>());
  Value parameters[] = {from.iso(), to.iso()};
  return collect<Allocation>(sql, parameters);
}

Result<CaseFacts> Transaction::case_facts(std::span<const std::int64_t> child_ids, Date as_of) {
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
  std::vector<Date> dates(child_ids.size(), as_of);
  auto visits = latest_seen_visits(child_ids, dates);
  if (!visits) return visits.error();
  for (auto& visit : *visits) {
    if (visit) facts.visits.push_back(std::move(*visit));
  }
  std::sort(facts.visits.begin(), facts.visits.end(), [](const Visit& a, const Visit& b) {
    return a.child_id != b.child_id ? a.child_id < b.child_id : a.id < b.id;
  });
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
