// Runs every SSDA903 rule of a year over a return's folder, as `safeguard returns validate-903`
// does, without the rest of the CLI: for timing the rules one by one and for checking that a
// change to the rules leaves their results alone.
//
//   ssda903_validate_bench DIR YEAR [FAILURES_FILE] [THREADS]
//
// Prints the read and rule times (wall and CPU) on stderr (SAFEGUARD_903_TIMINGS=N adds the N
// slowest rules); writes one line per failure
// ("code,ruleset,table,row") to FAILURES_FILE when given, so two runs can be compared with diff.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>

#include "ssda903/files.h"
#include "ssda903_rules/rule.h"
#include "ssda903_rules/rule_book.h"
#include "ssda903_rules/validate.h"

int main(int argc, char** argv) {
  using namespace safeguard::ssda903;
  if (argc < 3) {
    std::fprintf(stderr, "usage: ssda903_validate_bench DIR YEAR [FAILURES_FILE] [THREADS]\n");
    return 2;
  }
  int year = std::atoi(argv[2]);
  int threads = argc > 4 ? std::atoi(argv[4]) : 2;
  auto rules = rules_for_year(year);
  if (!rules) {
    std::fprintf(stderr, "no rule book for %d\n", year);
    return 2;
  }
  auto started = std::chrono::steady_clock::now();
  std::clock_t cpu_started = std::clock();  // process CPU time, every thread
  ReadResult read;
  read_directory(argv[1], year, read);
  if (!read.problems.empty()) {
    std::fprintf(stderr, "the files cannot be read (%zu problems)\n", read.problems.size());
    return 2;
  }
  double read_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::clock_t cpu_read = std::clock();
  Metadata metadata = metadata_for_year(year);
  metadata.file_format = read.format;
  const RuleRegistry registry = add_all_rules();
  ValidationReport report = validate(read.data, metadata, *rules, registry, threads);
  std::clock_t cpu_rules = std::clock();
  auto cpu = [](std::clock_t from, std::clock_t to) {
    return static_cast<double>(to - from) / CLOCKS_PER_SEC;
  };
  std::fprintf(stderr,
               "read in %.3f s wall, %.3f s CPU; %zu rules in %.3f s wall, %.3f s CPU (%d "
               "threads); %zu failing rows; %zu errors\n",
               read_seconds, cpu(cpu_started, cpu_read), report.rules_run, report.seconds,
               cpu(cpu_read, cpu_rules), threads, report.failures.size(),
               report.rule_errors.size());
  for (const auto& [rule, error] : report.rule_errors) {
    std::fprintf(stderr, "  rule %s: %s\n", rule->code.c_str(), error.c_str());
  }
  if (argc > 3) {
    std::ofstream out(argv[3], std::ios::trunc);
    for (const Failure& failure : report.failures) {
      out << failure.rule->code << ',' << failure.rule->ruleset << ',' << failure.table << ','
          << failure.row << '\n';
    }
  }
  return 0;
}
