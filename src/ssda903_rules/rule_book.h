// Which SSDA903 rules apply in a collection year, with the DfE's code, message, affected fields and
// tables, from data/reference/ssda903/rules/903_YYYY_YY_rules_generated.csv (embedded).
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace safeguard::ssda903 {

struct RuleInfo {
  std::string code;
  std::string message;
  std::vector<std::string> affected_fields;
  std::vector<std::string> tables;  // the tables it reads; "<Table>_last" is last year's
  std::string ruleset;              // whose version applies: "2022_23", "2023_24" ...
};

// The first and last collection years we hold rules for, by their end year.
inline constexpr int kFirstRuleYear = 2023;  // 2022/23
inline constexpr int kLastRuleYear = 2027;   // 2026/27

// `year` is the collection year's end ("--year 2025" is 2024/25). kInvalid outside the years held.
Result<std::vector<RuleInfo>> rules_for_year(int year);

}  // namespace safeguard::ssda903
