#include "cin_census/validate.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cin_census/rule_book.h"
#include "csv/csv.h"

namespace safeguard::cin_census {

Result<ValidationReport> validate_census(const Census& census, int year,
                                         const RuleRegistry& registry) {
  auto rules = rules_for_year(year);
  if (!rules) return rules.error();
  ValidationReport report;
  report.year = year;
  Metadata metadata = Metadata::for_year(year);
  RuleInput input{census, metadata};
  for (const RuleInfo& info : *rules) {
    const RuleImplementation* rule = registry.find(info.code, info.ruleset);
    if (rule == nullptr) {
      report.rules_not_implemented.push_back(info.code);
      continue;
    }
    ++report.rules_run;
    RuleFailures failures;
    rule->check(input, failures);
    auto add = [&](std::string table, std::optional<std::size_t> row) {
      Failure failure;
      failure.code = info.code;
      failure.type = info.type;
      failure.message = info.message;
      failure.fields = info.affected_fields;
      failure.row = row;
      if (const Table* source = census.find(table); source && row) {
        failure.line = static_cast<int>(source->line_of(*row));
        failure.child = std::string(source->text(*row, "LAchildID"));
      }
      failure.table = std::move(table);
      report.failures.push_back(std::move(failure));
      ++report.failures_by_rule[info.code];
    };
    if (failures.authority_level) add("", std::nullopt);
    for (const auto& [table, rows] : failures.rows) {
      for (std::size_t row : rows) add(table, row);
    }
  }
  return report;
}

std::string report_csv(const ValidationReport& report) {
  std::string out =
      csv::format_record({"code", "type", "message", "table", "row", "line", "child", "fields"});
  for (const Failure& failure : report.failures) {
    std::string fields;
    for (const auto& field : failure.fields) fields += (fields.empty() ? "" : ";") + field;
    out += csv::format_record({failure.code, failure.type, failure.message, failure.table,
                               failure.row ? std::to_string(*failure.row) : "",
                               failure.line ? std::to_string(failure.line) : "", failure.child,
                               fields});
  }
  return out;
}

std::string report_json(const ValidationReport& report) {
  nlohmann::json failures = nlohmann::json::array();
  for (const Failure& failure : report.failures) {
    nlohmann::json entry = {{"code", failure.code},       {"type", failure.type},
                            {"message", failure.message}, {"table", failure.table},
                            {"child", failure.child},     {"fields", failure.fields}};
    entry["row"] = failure.row ? nlohmann::json(*failure.row) : nlohmann::json(nullptr);
    entry["line"] = failure.line ? nlohmann::json(failure.line) : nlohmann::json(nullptr);
    failures.push_back(std::move(entry));
  }
  nlohmann::json by_rule = nlohmann::json::object();
  for (const auto& [code, count] : report.failures_by_rule) by_rule[code] = count;
  nlohmann::json document = {{"collection_year", report.year},
                             {"rules_run", report.rules_run},
                             {"rules_not_implemented", report.rules_not_implemented},
                             {"failure_count", report.failures.size()},
                             {"failures_by_rule", by_rule},
                             {"failures", failures}};
  return document.dump(2) + "\n";
}

}  // namespace safeguard::cin_census
