// One SSDA903 validation rule as code: given the return (this year's tables and, where loaded, last
// year's as "<Table>_last") and facts about the collection, the rows of each table that fail.
// Rules are pure functions; the rule book (rule_book.h) says which rules apply in which collection
// year, with the DfE's code and message, and which year's version of each rule to run.
//
// A rule that needs a table or column the return does not have finds nothing: it never fails rows
// it cannot read. Row numbers are positions in the table (0-based), not file lines.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "ssda903/table.h"

namespace safeguard::ssda903 {

// Facts about the collection that some rules need besides the tables.
struct Metadata {
  Date collection_start;               // 1 April at the start of the collection year
  Date collection_end;                 // 31 March at its end
  int collection_year = 0;             // the year it ends, as the DfE names it: 2025 is 2024/25
  std::string local_authority;         // the council's code, e.g. "316"
  std::string file_format = "csv";     // "csv" or "xml": a few rules differ by the format loaded
  std::optional<Table> provider_info;  // Ofsted's provider list (URN, POSTCODE, ...) when given
};

class RuleCache;  // support.h: work the rules of one run share (dates parsed, rows grouped)

struct RuleInput {
  const Return& data;
  const Metadata& metadata;
  // Shared by every rule of one validation run; the registry supplies one when this is null.
  RuleCache* cache = nullptr;
};

// The failing rows (0-based positions) of each table a rule checked.
using RuleFailures = std::map<std::string, std::vector<std::size_t>, std::less<>>;

using RuleCheck = std::function<RuleFailures(const RuleInput&)>;

// A rule's implementation as first defined in a ruleset ("2022_23") and each year that changed it.
struct RuleImplementation {
  std::string code;     // "103", "SW01aSTG1", "INT01" ...
  std::string ruleset;  // the collection year whose version this is: "2022_23", "2023_24" ...
  RuleCheck check;
};

// Every implementation, looked up by code and ruleset. Built once by add_all_rules().
class RuleRegistry {
 public:
  void add(std::string code, std::string ruleset, RuleCheck check);
  const RuleImplementation* find(std::string_view code, std::string_view ruleset) const;
  std::size_t size() const { return implementations_.size(); }
  const std::vector<RuleImplementation>& all() const { return implementations_; }

 private:
  std::vector<RuleImplementation> implementations_;
};

// The three parts the rules are written in (part_a/, part_b/, part_c/), and all of them together.
void add_rules_part_a(RuleRegistry& registry);
void add_rules_part_b(RuleRegistry& registry);
void add_rules_part_c(RuleRegistry& registry);
RuleRegistry add_all_rules();

}  // namespace safeguard::ssda903
