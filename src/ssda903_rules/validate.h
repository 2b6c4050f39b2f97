// The SSDA903 validator: runs every rule of a collection year's rule book over a return and says
// which rows fail which rule, with the DfE's code, message and affected fields.
//
//   auto rules = rules_for_year(2025);
//   ValidationReport report = validate(data, metadata, *rules, registry);
//
// A rule the registry does not implement yet is listed in `not_implemented` (a note, not a
// failure); a rule that throws is listed in `rule_errors` and the others still run. Rules run on
// `threads` threads; the report is the same whatever the number.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ssda903/table.h"
#include "ssda903_rules/rule.h"
#include "ssda903_rules/rule_book.h"

namespace safeguard::ssda903 {

// One failing row of one table for one rule.
struct Failure {
  const RuleInfo* rule = nullptr;
  std::string table;     // "Episodes", "Header_last" ...
  std::size_t row = 0;   // 0-based position in the table
  std::size_t line = 0;  // the line in its file (1-based), 0 when unknown
  std::string child;     // CHILD of the row, "" when the table has none
  // The rule's affected fields that the table has, with the row's values ("" when blank).
  std::vector<std::pair<std::string, std::string>> fields;
};

struct RuleSummary {
  const RuleInfo* rule = nullptr;
  std::size_t failures = 0;  // failing rows, over all tables
};

struct ValidationReport {
  int year = 0;
  std::size_t rules_run = 0;
  std::vector<Failure> failures;     // in rule-book order, then table, then row
  std::vector<RuleSummary> summary;  // every rule with at least one failure, rule-book order
  std::vector<const RuleInfo*> not_implemented;
  std::vector<std::pair<const RuleInfo*, std::string>> rule_errors;  // rule, what went wrong
  double seconds = 0.0;                                              // time spent running rules
  // Each rule's own time (seconds, wall on its thread), in rule-book order, for finding slow rules.
  std::vector<std::pair<const RuleInfo*, double>> rule_seconds;
};

// `rules` must outlive the report (failures point into it).
ValidationReport validate(const Return& data, const Metadata& metadata,
                          const std::vector<RuleInfo>& rules, const RuleRegistry& registry,
                          int threads = 2);

// When the environment variable SAFEGUARD_903_TIMINGS holds a number N (e.g. 10), validate()
// also prints the N slowest rules, with their seconds, on stderr; unset or 0 prints nothing.
// `safeguard returns validate-903` therefore shows them too:
//   SAFEGUARD_903_TIMINGS=10 safeguard returns validate-903 DIR --year 2025

// Metadata for a collection year ending `year`: 1 April year-1 to 31 March year.
Metadata metadata_for_year(int year);

}  // namespace safeguard::ssda903
