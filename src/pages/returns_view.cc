#include "pages/returns_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace safeguard::pages {
namespace {

constexpr std::string_view kLastYearSuffix = "_last";

std::string table_title(std::string_view table) {
  if (table.size() > kLastYearSuffix.size() &&
      table.substr(table.size() - kLastYearSuffix.size()) == kLastYearSuffix) {
    return fmt::format("{} (last year)", table.substr(0, table.size() - kLastYearSuffix.size()));
  }
  return std::string(table);
}

std::string fields_text(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string text;
  for (const auto& [name, value] : fields) {
    if (!text.empty()) text += ", ";
    text += name;
    text += ' ';
    text += value.empty() ? std::string("(blank)") : value;
  }
  return text;
}

}  // namespace

std::vector<ChildFailures> failures_by_child(
    const ssda903::ValidationReport& report,
    const std::map<std::string, KnownChild, std::less<>>& known) {
  std::map<std::string, ChildFailures, std::less<>> by_code;
  for (const auto& failure : report.failures) {
    ChildFailures& child = by_code[failure.child];
    if (child.failures.empty()) {
      child.child_code = failure.child;
      if (auto found = known.find(failure.child); found != known.end() && !failure.child.empty()) {
        child.child = found->second;
      }
    }
    ReturnFailure row;
    row.rule = failure.rule ? failure.rule->code : std::string();
    row.message = failure.rule ? failure.rule->message : std::string();
    row.table = table_title(failure.table);
    row.row = failure.row + 1;
    row.fields = fields_text(failure.fields);
    child.failures.push_back(std::move(row));
  }
  std::vector<ChildFailures> children;
  children.reserve(by_code.size());
  for (auto& [code, child] : by_code) children.push_back(std::move(child));
  // Known children by name then code; unknown codes by code; no child last.
  auto rank = [](const ChildFailures& child) {
    if (child.child_code.empty()) return 2;
    return child.child ? 0 : 1;
  };
  std::stable_sort(children.begin(), children.end(),
                   [&](const ChildFailures& a, const ChildFailures& b) {
                     if (rank(a) != rank(b)) return rank(a) < rank(b);
                     if (a.child && b.child && a.child->name != b.child->name) {
                       return a.child->name < b.child->name;
                     }
                     return a.child_code < b.child_code;
                   });
  return children;
}

std::vector<int> offered_years(int first, int last) {
  std::vector<int> years;
  for (int year = last; year >= first; --year) years.push_back(year);
  return years;
}

std::optional<int> read_return_year(std::string_view requested, Date today, int first, int last,
                                    FormErrors& errors) {
  if (requested.empty()) {
    return std::clamp(CollectionYear::containing(today).ending, first, last);
  }
  int year = 0;
  auto [end, error] = std::from_chars(requested.data(), requested.data() + requested.size(), year);
  if (error != std::errc() || end != requested.data() + requested.size() || year < first ||
      year > last) {
    errors.add("year", "year",
               fmt::format("Choose a collection year from {} to {}", CollectionYear{first}.label(),
                           CollectionYear{last}.label()));
    return std::nullopt;
  }
  return year;
}

}  // namespace safeguard::pages
