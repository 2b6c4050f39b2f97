#include "cin_census/rule.h"

namespace safeguard::cin_census {

Metadata Metadata::for_year(int year) {
  Metadata metadata;
  metadata.collection_year = year;
  metadata.collection_start = CollectionYear{year}.first_day();
  metadata.reference_date = CollectionYear{year}.last_day();
  return metadata;
}

void RuleFailures::add(std::string_view table, std::size_t row) {
  auto found = rows.find(table);
  if (found == rows.end()) found = rows.emplace(std::string(table), std::set<std::size_t>{}).first;
  found->second.insert(row);
}

void RuleRegistry::add(std::string code, std::string ruleset, RuleCheck check) {
  implementations_.push_back({std::move(code), std::move(ruleset), std::move(check)});
}

const RuleImplementation* RuleRegistry::find(std::string_view code,
                                             std::string_view ruleset) const {
  const RuleImplementation* best = nullptr;
  for (const RuleImplementation& each : implementations_) {
    if (each.code != code || each.ruleset > ruleset) continue;
    if (best == nullptr || each.ruleset > best->ruleset) best = &each;
  }
  return best;
}

RuleRegistry add_all_rules() {
  RuleRegistry registry;
  add_identifier_rules(registry);
  add_episode_rules(registry);
  add_assessment_rules(registry);
  add_protection_rules(registry);
  return registry;
}

}  // namespace safeguard::cin_census
