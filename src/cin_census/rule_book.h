// Which CIN census rules apply in a collection year, with the DfE's code, type and message, from
// data/reference/cin_census/rules/cin_YYYY_YY_rules_generated.csv (embedded in the binary).
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace safeguard::cin_census {

struct RuleInfo {
  std::string code;     // "8500", "1560Q" ...
  std::string type;     // "Error" or "Query" (a query asks the authority to check or explain)
  std::string table;    // the part of the return it is about ("ChildIdentifiers", "Header" ...)
  std::string message;  // the DfE's words
  std::vector<std::string> affected_fields;
  std::string ruleset;  // whose version applies: "2022_23", "2024_25" ...
};

inline constexpr int kFirstRuleYear = 2023;  // 2022/23
inline constexpr int kLastRuleYear = 2026;   // 2025/26

// `year` is the collection year's end; kInvalid outside the years held.
Result<std::vector<RuleInfo>> rules_for_year(int year);

}  // namespace safeguard::cin_census
