// Runs every CIN census rule of a collection year over a census and lists what fails: the DfE's
// code and message, the table, the row and the file line, the child, and the fields to look at.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "cin_census/census.h"
#include "cin_census/rule.h"

namespace safeguard::cin_census {

struct Failure {
  std::string code;                // "8500"
  std::string type;                // "Error" or "Query"
  std::string message;             // the DfE's words
  std::string table;               // "" for a rule about the return as a whole
  std::optional<std::size_t> row;  // 0-based row of the table
  int line = 0;                    // the line in the file, when known
  std::string child;               // LAchildID of the row, when it has one
  std::vector<std::string> fields;
};

struct ValidationReport {
  int year = 0;
  std::size_t rules_run = 0;
  std::vector<std::string> rules_not_implemented;  // listed for the year but without code here
  std::vector<Failure> failures;
  std::map<std::string, std::size_t> failures_by_rule;
  bool clean() const { return failures.empty(); }
};

// `year` is the collection year by its end (2025 = 2024/25): its rules run with its metadata.
Result<ValidationReport> validate_census(const Census& census, int year,
                                         const RuleRegistry& registry);

// The report as CSV (one row per failure) or JSON (failures and a summary by rule).
std::string report_csv(const ValidationReport& report);
std::string report_json(const ValidationReport& report);

}  // namespace safeguard::cin_census
