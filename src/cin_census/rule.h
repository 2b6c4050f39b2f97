// One CIN census validation rule as code: given the census tables and facts about the collection,
// the rows of each table that fail, or that the whole return fails (an authority-level rule such as
// "fewer than 8 disability codes used"). Rules are pure functions; the rule book (rule_book.h) says
// which apply in a year, with the DfE's code and message, and which year's version of each runs.
//
// A rule that needs a table or column the census does not have finds nothing: it never fails rows
// it cannot read. Row numbers are positions in the table (0-based); the validator turns them into
// file lines.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "cin_census/census.h"

namespace safeguard::cin_census {

// Facts about the collection that some rules need besides the tables.
struct Metadata {
  int collection_year = 0;  // the year it ends: 2025 is 2024/25
  Date collection_start;    // 1 April at its start
  Date reference_date;      // 31 March at its end (the census date)

  static Metadata for_year(int year);
};

struct RuleInput {
  const Census& census;
  const Metadata& metadata;
};

struct RuleFailures {
  std::map<std::string, std::set<std::size_t>, std::less<>> rows;  // table -> failing rows
  bool authority_level = false;  // the return as a whole fails (no row to point at)

  void add(std::string_view table, std::size_t row);
  bool empty() const { return rows.empty() && !authority_level; }
};

using RuleCheck = std::function<void(const RuleInput&, RuleFailures&)>;

struct RuleImplementation {
  std::string code;     // "100", "1560Q", "8945Q" ...
  std::string ruleset;  // the collection year whose version this is: "2022_23", "2024_25" ...
  RuleCheck check;
};

class RuleRegistry {
 public:
  void add(std::string code, std::string ruleset, RuleCheck check);
  // The version of `code` that applies in `ruleset`: the one registered for it, or else the latest
  // registered for an earlier ruleset. nullptr when none.
  const RuleImplementation* find(std::string_view code, std::string_view ruleset) const;
  std::size_t size() const { return implementations_.size(); }
  const std::vector<RuleImplementation>& all() const { return implementations_; }

 private:
  std::vector<RuleImplementation> implementations_;
};

// The rules, written in families (rules/*.cc), and all of them together.
void add_identifier_rules(RuleRegistry& registry);  // rules/child_rules.cc: header, child
void add_episode_rules(RuleRegistry& registry);     // rules/episode_rules.cc: CIN details, plans
void add_assessment_rules(RuleRegistry& registry);  // rules/assessment_rules.cc
void add_protection_rules(RuleRegistry& registry);  // rules/protection_rules.cc: s47, CPP
RuleRegistry add_all_rules();

}  // namespace safeguard::cin_census
