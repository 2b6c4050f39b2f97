#include "ssda903_rules/rule.h"

namespace safeguard::ssda903 {

// Rules are added here as they are written (see src/ssda903_rules/README.md for the split).
void add_rules_part_a(RuleRegistry& registry) { (void)registry; }

}  // namespace safeguard::ssda903
