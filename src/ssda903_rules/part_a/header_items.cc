// The child's own details in the Header: sex, date of birth, ethnicity and UASC status codes.
#include "ssda903_rules/part_a/rules_a.h"
#include "ssda903_rules/part_a/support_a.h"

namespace safeguard::ssda903 {

using namespace part_a;  // NOLINT: this part's own helpers

// 101: sex as the 2022/23 layout codes it (1 male, 2 female).
RuleFailures check_101(const RuleInput& input) {
  return rows_without_code(input, "Header", "SEX", {"1", "2"}, false);
}

// 101 from 2024/25: sex as M, F or U (unknown).
RuleFailures check_101_2024(const RuleInput& input) {
  return rows_without_code(input, "Header", "SEX", {"M", "F", "U"}, false);
}

// 102: every child needs a valid date of birth.
RuleFailures check_102(const RuleInput& input) {
  return rows_without_date(input, "Header", "DOB", false);
}

// 103: ethnicity must be one of the DfE's codes (and given).
RuleFailures check_103(const RuleInput& input) {
  return rows_without_code(
      input, "Header", "ETHNIC",
      {"WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
       "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"},
      false);
}

// 105: the Header's UASC flag is only in the XML layout; there it must be 0 or 1.
RuleFailures check_105(const RuleInput& input) {
  if (input.metadata.file_format == "csv") return {};
  const Table* header = input.data.find("Header");
  if (!has_columns(header, {"UASC"})) return {};
  ColumnView uasc(header, "UASC");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    auto value = to_number(uasc[row]);
    if (!value || (*value != 0.0 && *value != 1.0)) failing.push_back(row);
  }
  return failing_rows("Header", std::move(failing));
}

// 104: the date UASC status ceased must be a valid date, not before the collection year began.
RuleFailures check_104(const RuleInput& input) {
  const Table* uasc = input.data.find("UASC");
  if (!has_columns(uasc, {"DUC"})) return {};
  ColumnView duc(uasc, "DUC");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < uasc->row_count; ++row) {
    if (!duc[row]) continue;
    auto date = parse_date(duc[row]);
    if (!date || *date < input.metadata.collection_start) failing.push_back(row);
  }
  return failing_rows("UASC", std::move(failing));
}

}  // namespace safeguard::ssda903
