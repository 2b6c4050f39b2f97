// The returns page's view of an SSDA903 validation: each child's failures together, so the person
// fixing the record sees everything wrong with one child at once. Pure: the validator's report and
// the store's children in, rows for the page out.
//
//   auto children = failures_by_child(report, known);  // known: 903 CHILD -> the store's child
//   for (const auto& child : children) ... child.failures ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "pages/forms.h"
#include "ssda903_rules/validate.h"

namespace safeguard::pages {

// A child of the store as the returns page names them.
struct KnownChild {
  std::int64_t id = 0;
  std::string name;
};

struct ReturnFailure {
  std::string rule;     // the DfE's code: "103", "SW01aSTG1"
  std::string message;  // the DfE's message
  std::string table;    // "Episodes"; "Episodes (last year)" for last year's return
  std::size_t row = 0;  // 1-based row of the table, as a person counts
  std::string fields;   // "DECOM 01/04/2024, RNE S" ("" when the rule names none the table has)
};

struct ChildFailures {
  std::string child_code;               // CHILD in the return ("" for failures about no one child)
  std::optional<KnownChild> child;      // the store's child with that code, when there is one
  std::vector<ReturnFailure> failures;  // in the report's order: rule book, table, row
};

// Groups the report's failures by CHILD. Children the store knows come first, by name then code;
// codes the store does not know next, by code; failures about no one child last.
std::vector<ChildFailures> failures_by_child(
    const ssda903::ValidationReport& report,
    const std::map<std::string, KnownChild, std::less<>>& known);

// The collection years the returns page offers (each by its end: 2025 is 2024/25), newest first.
std::vector<int> offered_years(int first, int last);

// The year a person asked for (?year=2025), checked against [first, last]; when they asked for
// nothing, the year `today` falls in (the return being recorded now), clamped to [first, last]. A
// bad answer is an error on the field "year".
std::optional<int> read_return_year(std::string_view requested, Date today, int first, int last,
                                    FormErrors& errors);

}  // namespace safeguard::pages
