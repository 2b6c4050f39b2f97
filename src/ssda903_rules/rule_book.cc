#include "ssda903_rules/rule_book.h"

#include <fmt/format.h>

#include <sstream>
#include <string_view>

#include "csv/csv.h"

extern const std::string_view safeguard_embedded_903_rules_2023;
extern const std::string_view safeguard_embedded_903_rules_2024;
extern const std::string_view safeguard_embedded_903_rules_2025;
extern const std::string_view safeguard_embedded_903_rules_2026;
extern const std::string_view safeguard_embedded_903_rules_2027;

namespace safeguard::ssda903 {

namespace {

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream{std::string(text)};
  while (std::getline(stream, part, separator)) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

// "lac_validator.rules.lac2022_23.rule_1000" -> "2022_23"
Result<std::string> ruleset_of(std::string_view module) {
  auto start = module.find(".lac");
  if (start == std::string_view::npos) {
    return Error::invalid(fmt::format("903 rule book: cannot read the ruleset in '{}'", module));
  }
  start += 4;
  auto end = module.find('.', start);
  return std::string(module.substr(start, end - start));
}

}  // namespace

Result<std::vector<RuleInfo>> rules_for_year(int year) {
  std::string_view text;
  switch (year) {
    case 2023:
      text = safeguard_embedded_903_rules_2023;
      break;
    case 2024:
      text = safeguard_embedded_903_rules_2024;
      break;
    case 2025:
      text = safeguard_embedded_903_rules_2025;
      break;
    case 2026:
      text = safeguard_embedded_903_rules_2026;
      break;
    case 2027:
      text = safeguard_embedded_903_rules_2027;
      break;
    default:
      return Error::invalid(fmt::format(
          "there are no SSDA903 rules for the collection year ending {}; Safeguard holds the "
          "years ending {} to {} (--year 2025 is 2024/25)",
          year, kFirstRuleYear, kLastRuleYear));
  }
  auto table = csv::parse_table(text);
  if (!table) return Error::invalid("903 rule book: " + table.error().message);
  auto code = table->column("code");
  auto message = table->column("message");
  auto fields = table->column("affected_fields");
  auto tables = table->column("tables");
  auto module = table->column("defined_in_module");
  if (!code || !message || !fields || !tables || !module) {
    return Error::invalid("903 rule book: a column is missing");
  }
  std::vector<RuleInfo> rules;
  rules.reserve(table->rows.size());
  for (const auto& row : table->rows) {
    RuleInfo info;
    info.code = row[*code];
    info.message = row[*message];
    info.affected_fields = split(row[*fields], ';');
    info.tables = split(row[*tables], ';');
    auto ruleset = ruleset_of(row[*module]);
    if (!ruleset) return ruleset.error();
    info.ruleset = *ruleset;
    rules.push_back(std::move(info));
  }
  return rules;
}

}  // namespace safeguard::ssda903
