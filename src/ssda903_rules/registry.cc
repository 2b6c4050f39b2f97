#include "ssda903_rules/rule.h"

#include "ssda903_rules/support.h"

namespace safeguard::ssda903 {

void RuleRegistry::add(std::string code, std::string ruleset, RuleCheck check) {
  // Every rule's lists come back sorted and without repeats, however the rule added its rows.
  // A rule called on its own (tests) gets a cache of its own.
  RuleCheck sorted = [check = std::move(check)](const RuleInput& input) {
    RuleFailures failures;
    if (input.cache != nullptr) {
      failures = check(input);
    } else {
      RuleCache cache;
      failures = check(RuleInput{input.data, input.metadata, &cache});
    }
    sort_failing_rows(failures);
    return failures;
  };
  implementations_.push_back({std::move(code), std::move(ruleset), std::move(sorted)});
}

const RuleImplementation* RuleRegistry::find(std::string_view code,
                                             std::string_view ruleset) const {
  for (const RuleImplementation& implementation : implementations_) {
    if (implementation.code == code && implementation.ruleset == ruleset) return &implementation;
  }
  return nullptr;
}

RuleRegistry add_all_rules() {
  RuleRegistry registry;
  add_rules_part_a(registry);
  add_rules_part_b(registry);
  add_rules_part_c(registry);
  return registry;
}

}  // namespace safeguard::ssda903
