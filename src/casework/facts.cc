#include "casework/facts.h"

#include <algorithm>
#include <map>

namespace safeguard::casework {
namespace {

// Moves the records of `from` into the facts of their child, both in child order.
template <typename Record>
void distribute(std::vector<Record>& from, std::vector<rules::ChildFacts>& facts,
                std::vector<Record> rules::ChildFacts::*member) {
  std::size_t child = 0;
  for (Record& record : from) {
    while (child < facts.size() && facts[child].child.id < record.child_id) ++child;
    if (child == facts.size()) break;
    if (facts[child].child.id == record.child_id) {
      (facts[child].*member).push_back(std::move(record));
    }
  }
}

}  // namespace

rules::ChildFacts facts_from_record(app::ChildRecord record) {
  rules::ChildFacts facts;
  facts.child = std::move(record.child);
  facts.contacts = std::move(record.contacts);
  facts.referrals = std::move(record.referrals);
  facts.child_in_need_episodes = std::move(record.child_in_need_episodes);
  facts.assessments = std::move(record.assessments);
  facts.section47_enquiries = std::move(record.section47_enquiries);
  facts.conferences = std::move(record.conferences);
  facts.protection_plans = std::move(record.protection_plans);
  facts.protection_reviews = std::move(record.protection_reviews);
  facts.looked_after_episodes = std::move(record.looked_after_episodes);
  facts.looked_after_reviews = std::move(record.looked_after_reviews);
  facts.visits = std::move(record.visits);
  facts.care_leaver_contacts = std::move(record.care_leaver_contacts);
  return facts;
}

std::vector<rules::ChildFacts> facts_by_child(store::CaseFacts records) {
  std::vector<rules::ChildFacts> facts(records.children.size());
  for (std::size_t i = 0; i < records.children.size(); ++i) {
    facts[i].child = std::move(records.children[i]);
  }
  using F = rules::ChildFacts;
  distribute(records.contacts, facts, &F::contacts);
  distribute(records.referrals, facts, &F::referrals);
  distribute(records.child_in_need_episodes, facts, &F::child_in_need_episodes);
  distribute(records.assessments, facts, &F::assessments);
  distribute(records.section47_enquiries, facts, &F::section47_enquiries);
  distribute(records.conferences, facts, &F::conferences);
  distribute(records.protection_plans, facts, &F::protection_plans);
  distribute(records.looked_after_episodes, facts, &F::looked_after_episodes);
  distribute(records.looked_after_reviews, facts, &F::looked_after_reviews);
  distribute(records.visits, facts, &F::visits);
  distribute(records.care_leaver_contacts, facts, &F::care_leaver_contacts);
  std::size_t child = 0;
  for (std::size_t i = 0; i < records.protection_reviews.size(); ++i) {
    std::int64_t owner = records.protection_review_children[i];
    while (child < facts.size() && facts[child].child.id < owner) ++child;
    if (child == facts.size()) break;
    if (facts[child].child.id == owner) {
      facts[child].protection_reviews.push_back(std::move(records.protection_reviews[i]));
    }
  }
  return facts;
}

CaseType case_type_on(const std::vector<domain::ChildProtectionPlan>& plans,
                      const std::vector<domain::LookedAfterEpisode>& episodes, Date as_of) {
  for (const auto& plan : plans) {
    if (open_on(plan.start_date, plan.end_date, as_of)) return CaseType::kChildProtection;
  }
  for (const auto& episode : episodes) {
    if (open_on(episode.start_date, episode.end_date, as_of)) return CaseType::kLookedAfter;
  }
  return CaseType::kChildInNeed;
}

}  // namespace safeguard::casework
