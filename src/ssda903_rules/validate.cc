#include "ssda903_rules/validate.h"

#include "ssda903_rules/support.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>
#include <thread>

namespace safeguard::ssda903 {

namespace {

struct Outcome {
  bool implemented = false;
  double seconds = 0.0;
  RuleFailures failures;
  std::string error;
};

Outcome run_rule(const RuleInfo& info, const RuleRegistry& registry, const RuleInput& input) {
  Outcome outcome;
  const RuleImplementation* implementation = registry.find(info.code, info.ruleset);
  if (implementation == nullptr) return outcome;
  outcome.implemented = true;
  auto started = std::chrono::steady_clock::now();
  try {
    outcome.failures = implementation->check(input);
  } catch (const std::exception& error) {
    outcome.error = error.what();
  } catch (...) {
    outcome.error = "an unknown error";
  }
  outcome.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

// SAFEGUARD_903_TIMINGS=N: the N slowest rules on stderr (see validate.h).
void print_slowest_rules(const ValidationReport& report) {
  const char* setting = std::getenv("SAFEGUARD_903_TIMINGS");
  if (setting == nullptr) return;
  std::size_t count = 0;
  std::string_view text(setting);
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (error != std::errc() || end != text.data() + text.size() || count == 0) return;
  auto slowest = report.rule_seconds;
  std::sort(slowest.begin(), slowest.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  if (slowest.size() > count) slowest.resize(count);
  double total = 0.0;
  for (const auto& timing : report.rule_seconds) total += timing.second;
  std::fprintf(stderr, "903 rules: %zu run, %.3f s in rules (sum over threads), %.3f s wall\n",
               report.rule_seconds.size(), total, report.seconds);
  for (const auto& [rule, seconds] : slowest) {
    std::fprintf(stderr, "  rule %-12s %.4f s\n", rule->code.c_str(), seconds);
  }
}

}  // namespace

Metadata metadata_for_year(int year) {
  Metadata metadata;
  metadata.collection_year = year;
  auto start = Date::from_ymd(year - 1, 4, 1);
  auto end = Date::from_ymd(year, 3, 31);
  if (start) metadata.collection_start = *start;
  if (end) metadata.collection_end = *end;
  return metadata;
}

ValidationReport validate(const Return& data, const Metadata& metadata,
                          const std::vector<RuleInfo>& rules, const RuleRegistry& registry,
                          int threads) {
  auto started = std::chrono::steady_clock::now();
  ValidationReport report;
  report.year = metadata.collection_year;
  RuleCache cache;  // dates parsed and rows grouped once for all the rules
  RuleInput input{data, metadata, &cache};

  // Rules take the next one from a shared counter, so a slow rule does not hold the others up.
  std::vector<Outcome> outcomes(rules.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < rules.size(); i = next++) {
      outcomes[i] = run_rule(rules[i], registry, input);
    }
  };
  std::size_t workers = static_cast<std::size_t>(std::max(1, threads));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < workers && t < rules.size(); ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleInfo& info = rules[i];
    Outcome& outcome = outcomes[i];
    if (!outcome.implemented) {
      report.not_implemented.push_back(&info);
      continue;
    }
    ++report.rules_run;
    report.rule_seconds.emplace_back(&info, outcome.seconds);
    if (!outcome.error.empty()) {
      report.rule_errors.emplace_back(&info, outcome.error);
      continue;
    }
    std::size_t count = 0;
    for (const auto& [table_name, rows] : outcome.failures) {
      const Table* table = data.find(table_name);
      // The affected fields this table has, looked up once.
      std::vector<std::pair<std::string, const Column*>> fields;
      const Column* child = nullptr;
      if (table != nullptr) {
        child = table->column("CHILD");
        for (const std::string& field : info.affected_fields) {
          if (const Column* column = table->column(field)) fields.emplace_back(field, column);
        }
      }
      std::vector<std::size_t> sorted = rows;
      std::sort(sorted.begin(), sorted.end());
      sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
      for (std::size_t row : sorted) {
        if (table != nullptr && row >= table->row_count) continue;  // a rule's bug, not the file's
        Failure failure;
        failure.rule = &info;
        failure.table = table_name;
        failure.row = row;
        if (table != nullptr) {
          if (row < table->line_numbers.size()) failure.line = table->line_numbers[row];
          if (child && child->cells[row]) failure.child = *child->cells[row];
          for (const auto& [name, column] : fields) {
            const Cell& cell = column->cells[row];
            failure.fields.emplace_back(name, cell ? *cell : std::string());
          }
        }
        report.failures.push_back(std::move(failure));
        ++count;
      }
    }
    if (count > 0) report.summary.push_back({&info, count});
  }
  print_slowest_rules(report);
  return report;
}

}  // namespace safeguard::ssda903
