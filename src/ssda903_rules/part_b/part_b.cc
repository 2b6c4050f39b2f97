#include "ssda903_rules/part_b/support_b.h"
#include "ssda903_rules/rule.h"

namespace safeguard::ssda903 {

// Rules 300-599, one family per file (see support_b.h).
void add_rules_part_b(RuleRegistry& registry) {
  add_rules_300s(registry);
  add_rules_durations(registry);
  add_rules_placement_ages(registry);
  add_rules_postcodes_and_distance(registry);
  add_rules_400s(registry);
  add_rules_last_year(registry);
  add_rules_adoption(registry);
  add_rules_providers(registry);
  add_rules_health_and_offending(registry);
  add_rules_placed_for_adoption(registry);
  add_rules_missing(registry);
}

}  // namespace safeguard::ssda903
