#include "ssda903_rules/part_c/support_c.h"

namespace safeguard::ssda903 {

// Part C: rules 600 and above, the 1000s, 3001 and the named rules (EPI, NoE, INT.., SW..STG..).
void add_rules_part_c(RuleRegistry& registry) {
  part_c::add_rules_600s(registry);
  part_c::add_rules_700s(registry);
  part_c::add_rules_1000s(registry);
  part_c::add_rules_integrity(registry);
  part_c::add_rules_sw(registry);
}

}  // namespace safeguard::ssda903
