#include "api/views.h"

#include "store/mapping.h"

namespace safeguard::api {
namespace {

template <typename Record>
nlohmann::json list(const std::vector<Record>& records) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& record : records) array.push_back(store::to_json(record));
  return array;
}

}  // namespace

rules::ChildFacts facts_of(const app::ChildRecord& record) {
  rules::ChildFacts facts;
  facts.child = record.child;
  facts.contacts = record.contacts;
  facts.referrals = record.referrals;
  facts.child_in_need_episodes = record.child_in_need_episodes;
  facts.assessments = record.assessments;
  facts.section47_enquiries = record.section47_enquiries;
  facts.conferences = record.conferences;
  facts.protection_plans = record.protection_plans;
  facts.protection_reviews = record.protection_reviews;
  facts.looked_after_episodes = record.looked_after_episodes;
  facts.looked_after_reviews = record.looked_after_reviews;
  facts.visits = record.visits;
  facts.care_leaver_contacts = record.care_leaver_contacts;
  return facts;
}

std::optional<std::string> current_legal_status(const app::ChildRecord& record, Date today) {
  for (const auto& episode : record.looked_after_episodes) {
    if (episode.start_date <= today && (!episode.end_date || today < *episode.end_date)) {
      return episode.legal_status;
    }
  }
  return std::nullopt;
}

nlohmann::json clock_item(const rules::ClockItem& item) {
  return {{"rule", item.rule},
          {"description", item.description},
          {"due", item.due.iso()},
          {"state", rules::state_name(item.state)},
          {"source", item.source}};
}

nlohmann::json child_line(const app::ChildRecord& record,
                          const std::vector<rules::ClockItem>& clocks, Date today) {
  const domain::Child& child = record.child;
  nlohmann::json line = {
      {"id", child.id},
      {"local_id", child.local_id},
      {"name", child.first_name + " " + child.last_name},
      {"first_name", child.first_name},
      {"last_name", child.last_name},
      {"date_of_birth", child.date_of_birth.iso()},
      {"age", child.date_of_birth.age_on(today)},
  };
  auto legal_status = current_legal_status(record, today);
  line["legal_status"] = legal_status ? nlohmann::json(*legal_status) : nlohmann::json(nullptr);
  auto next = rules::next_due(clocks);
  if (next) {
    line["next_due"] = clock_item(*next);
    line["state"] = rules::state_name(next->state);
  } else {
    line["next_due"] = nullptr;
    line["state"] = "none";
  }
  bool overdue = false;
  for (const auto& item : clocks)
    overdue = overdue || item.state == rules::ClockItem::State::kOverdue;
  line["overdue"] = overdue;
  return line;
}

nlohmann::json child_record(const app::ChildRecord& record,
                            const std::vector<rules::ClockItem>& clocks, Date today) {
  nlohmann::json body = child_line(record, clocks, today);
  body["child"] = store::to_json(record.child);
  nlohmann::json open = nlohmann::json::array();
  for (const auto& item : clocks) open.push_back(clock_item(item));
  body["statutory_clocks"] = open;
  body["contacts"] = list(record.contacts);
  body["referrals"] = list(record.referrals);
  body["child_in_need_episodes"] = list(record.child_in_need_episodes);
  body["assessments"] = list(record.assessments);
  body["section47_enquiries"] = list(record.section47_enquiries);
  body["conferences"] = list(record.conferences);
  body["protection_plans"] = list(record.protection_plans);
  body["protection_reviews"] = list(record.protection_reviews);
  body["looked_after_episodes"] = list(record.looked_after_episodes);
  body["looked_after_reviews"] = list(record.looked_after_reviews);
  body["missing_episodes"] = list(record.missing_episodes);
  body["legal_orders"] = list(record.legal_orders);
  body["care_leaver_contacts"] = list(record.care_leaver_contacts);
  body["visits"] = list(record.visits);
  body["case_notes"] = list(record.case_notes);
  body["allocations"] = list(record.allocations);
  return body;
}

nlohmann::json principal_json(const auth::Principal& principal) {
  nlohmann::json body = {{"user_id", principal.user_id},
                         {"username", principal.username},
                         {"role", auth::role_name(principal.role)},
                         {"role_title", auth::role_title(principal.role)},
                         {"worker_id", nullptr},
                         {"team_id", nullptr},
                         {"agency", principal.agency}};
  if (principal.worker_id) body["worker_id"] = *principal.worker_id;
  if (principal.team_id) body["team_id"] = *principal.team_id;
  return body;
}

}  // namespace safeguard::api
