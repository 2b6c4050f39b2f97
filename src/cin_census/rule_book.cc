#include "cin_census/rule_book.h"

#include <fmt/format.h>

#include "csv/csv.h"

extern const std::string_view safeguard_embedded_cin_rules_2023;
extern const std::string_view safeguard_embedded_cin_rules_2024;
extern const std::string_view safeguard_embedded_cin_rules_2025;
extern const std::string_view safeguard_embedded_cin_rules_2026;

namespace safeguard::cin_census {

namespace {

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) parts.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

Result<std::vector<RuleInfo>> rules_for_year(int year) {
  std::string_view text;
  switch (year) {
    case 2023:
      text = safeguard_embedded_cin_rules_2023;
      break;
    case 2024:
      text = safeguard_embedded_cin_rules_2024;
      break;
    case 2025:
      text = safeguard_embedded_cin_rules_2025;
      break;
    case 2026:
      text = safeguard_embedded_cin_rules_2026;
      break;
    default:
      return Error::invalid(fmt::format(
          "--year {}: Safeguard holds CIN census rules for the collection years {} to {} (by "
          "their end: {} is {}/{})",
          year, kFirstRuleYear, kLastRuleYear, kLastRuleYear, kLastRuleYear - 1,
          kLastRuleYear % 100));
  }
  auto table = csv::parse_table(text);
  if (!table) return Error::internal("the built-in CIN rules list: " + table.error().message);
  auto code = table->column("code");
  auto type = table->column("rule_type");
  auto module = table->column("module");
  auto message = table->column("message");
  auto fields = table->column("affected_fields");
  auto defined = table->column("defined_in_module");
  if (!code || !type || !module || !message || !fields || !defined) {
    return Error::internal("the built-in CIN rules list lacks a column it needs");
  }
  std::vector<RuleInfo> rules;
  for (const auto& row : table->rows) {
    RuleInfo info;
    info.code = row[*code];
    info.type = row[*type];
    info.table = row[*module];
    info.message = row[*message];
    info.affected_fields = split(row[*fields], ';');
    // "cin_validator.rules.cin2022_23.rule_100" -> "2022_23"
    const std::string& where = row[*defined];
    auto at = where.find(".cin20");
    if (at != std::string::npos) info.ruleset = where.substr(at + 4, 7);
    rules.push_back(std::move(info));
  }
  return rules;
}

}  // namespace safeguard::cin_census
