// safeguard returns validate-903 | import-903 | export-903: the SSDA903 return's files.
//
//   validate-903 DIR --year YYYY [--last-year DIR] [--out FILE] [--format csv|json] [--threads N]
//   import-903 --db FILE --year YYYY DIR
//   export-903 --db FILE --year YYYY --out DIR [--format csv|xml]
//
// --year names the collection year by its end: 2025 is 2024/25 (1 April 2024 to 31 March 2025).
// Exit codes: 0 clean (or done), 1 rules failed (or the files were refused), 2 could not run
// (unreadable files for validate, bad arguments, no database).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>

#include "base/clock.h"
#include "cli/command.h"
#include "csv/csv.h"
#include "domain/codes.h"
#include "ssda903/case_record.h"
#include "ssda903/files.h"
#include "ssda903/layout.h"
#include "ssda903_rules/rule_book.h"
#include "ssda903_rules/validate.h"
#include "store/store.h"

namespace safeguard::cli {
namespace {

using ssda903::FileProblem;
using ssda903::ReadResult;

std::string year_label(int year) { return fmt::format("{}/{:02}", year - 1, year % 100); }

// A year outside the rule books is a bad argument: the command cannot run (exit 2).
bool year_is_supported(int year) {
  if (ssda903::supported_year(year)) return true;
  fmt::print(stderr,
             "safeguard: --year {}: Safeguard reads SSDA903 returns for the collection years "
             "ending {} to {} (--year 2025 is 2024/25)\n",
             year, ssda903::kFirstYear, ssda903::kLastYear);
  return false;
}

void print_problems(const std::vector<FileProblem>& problems) {
  for (const FileProblem& problem : problems) fmt::print(stderr, "  {}\n", problem.text());
}

std::size_t rows_in(const ssda903::Return& data) {
  std::size_t rows = 0;
  for (const auto& [name, table] : data.tables) rows += table.row_count;
  return rows;
}

std::string fields_text(const ssda903::Failure& failure) {
  std::string out;
  for (const auto& [name, value] : failure.fields) {
    if (!out.empty()) out += "; ";
    out += name + "=" + value;
  }
  return out;
}

std::string failures_csv(const ssda903::ValidationReport& report) {
  std::string out =
      csv::format_record({"rule", "message", "table", "line", "row", "child", "fields"});
  for (const ssda903::Failure& failure : report.failures) {
    out +=
        csv::format_record({failure.rule->code, failure.rule->message, failure.table,
                            failure.line ? std::to_string(failure.line) : "",
                            std::to_string(failure.row + 1), failure.child, fields_text(failure)});
  }
  return out;
}

nlohmann::json report_json(const ssda903::ValidationReport& report, const ReadResult& read) {
  nlohmann::json failures = nlohmann::json::array();
  for (const ssda903::Failure& failure : report.failures) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [name, value] : failure.fields) fields[name] = value;
    failures.push_back({{"rule", failure.rule->code},
                        {"message", failure.rule->message},
                        {"table", failure.table},
                        {"line", failure.line ? nlohmann::json(failure.line) : nlohmann::json()},
                        {"row", failure.row + 1},
                        {"child", failure.child},
                        {"fields", fields}});
  }
  nlohmann::json summary = nlohmann::json::array();
  for (const ssda903::RuleSummary& rule : report.summary) {
    summary.push_back(
        {{"rule", rule.rule->code}, {"message", rule.rule->message}, {"failures", rule.failures}});
  }
  nlohmann::json not_implemented = nlohmann::json::array();
  for (const ssda903::RuleInfo* rule : report.not_implemented)
    not_implemented.push_back(rule->code);
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& [rule, error] : report.rule_errors) {
    errors.push_back({{"rule", rule->code}, {"error", error}});
  }
  return {{"year", report.year},
          {"collection_year", year_label(report.year)},
          {"format", read.format},
          {"files", read.files},
          {"rules_run", report.rules_run},
          {"rules_not_implemented", not_implemented},
          {"rule_errors", errors},
          {"failures", failures},
          {"summary", summary}};
}

void print_summary(std::FILE* to, const ssda903::ValidationReport& report) {
  fmt::print(to, "SSDA903 {}: {} rules run, {} failing rows", year_label(report.year),
             report.rules_run, report.failures.size());
  if (!report.not_implemented.empty()) {
    fmt::print(to, "; note: {} rules not implemented yet (", report.not_implemented.size());
    for (std::size_t i = 0; i < report.not_implemented.size(); ++i) {
      fmt::print(to, "{}{}", i ? " " : "", report.not_implemented[i]->code);
    }
    fmt::print(to, ")");
  }
  fmt::print(to, "\n");
  for (const auto& [rule, error] : report.rule_errors) {
    fmt::print(to, "  rule {} could not run: {}\n", rule->code, error);
  }
  for (const ssda903::RuleSummary& rule : report.summary) {
    std::string message = rule.rule->message;
    if (message.size() > 90) message = message.substr(0, 87) + "...";
    fmt::print(to, "  {:<10}{:>8}  {}\n", rule.rule->code, rule.failures, message);
  }
}

struct ValidateOptions {
  std::string directory;
  int year = 0;
  std::string last_year;
  std::string out;
  std::string format = "csv";
  int threads = 2;
  std::string local_authority;
};

int run_validate(const ValidateOptions& options) {
  if (!year_is_supported(options.year)) return kExitCannotRun;
  auto rules = ssda903::rules_for_year(options.year);
  if (!rules) return report_error(rules.error());

  auto started = std::chrono::steady_clock::now();
  ReadResult read;
  ssda903::read_directory(options.directory, options.year, read);
  if (!options.last_year.empty()) {
    ReadResult last;
    // 2021/22 had the layout of 2022/23, the first year Safeguard holds.
    ssda903::read_directory(options.last_year, std::max(options.year - 1, ssda903::kFirstYear),
                            last, "_last");
    for (auto& [name, table] : last.data.tables) read.data.tables.emplace(name, std::move(table));
    for (auto& problem : last.problems) read.problems.push_back(std::move(problem));
    for (auto& file : last.files) read.files.push_back(std::move(file));
  }
  if (!read.problems.empty()) {
    fmt::print(stderr, "safeguard: the 903 files cannot be read ({} problems):\n",
               read.problems.size());
    print_problems(read.problems);
    return kExitCannotRun;
  }
  double read_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  ssda903::Metadata metadata = ssda903::metadata_for_year(options.year);
  metadata.file_format = read.format;
  metadata.local_authority = options.local_authority;
  static const ssda903::RuleRegistry registry = ssda903::add_all_rules();
  ssda903::ValidationReport report =
      ssda903::validate(read.data, metadata, *rules, registry, options.threads);

  std::string output =
      options.format == "json" ? report_json(report, read).dump(2) + "\n" : failures_csv(report);
  if (options.out.empty()) {
    std::fwrite(output.data(), 1, output.size(), stdout);
  } else {
    std::ofstream file(options.out, std::ios::binary | std::ios::trunc);
    file.write(output.data(), static_cast<std::streamsize>(output.size()));
    file.close();
    if (!file) return report_error(Error::unavailable("cannot write " + options.out));
  }
  // The summary goes where the failures do not.
  print_summary(options.out.empty() ? stderr : stdout, report);
  std::size_t rows = rows_in(read.data);
  double total = read_seconds + report.seconds;
  fmt::print(stderr, "read {} rows in {:.3f} s, ran the rules in {:.3f} s ({:.0f} rows/s)\n", rows,
             read_seconds, report.seconds, total > 0 ? static_cast<double>(rows) / total : 0.0);
  return report.failures.empty() && report.rule_errors.empty() ? kExitOk : kExitProblemFound;
}

void add_validate_command(CLI::App& returns, Runner& runner) {
  auto options = std::make_shared<ValidateOptions>();
  auto* command = returns.add_subcommand(
      "validate-903",
      "Check a council's SSDA903 files (CSV or XML) against every DfE rule for the year");
  command->add_option("DIR", options->directory, "Folder holding the year's 903 files")->required();
  command->add_option("--year", options->year, "Collection year by its end: 2025 is 2024/25")
      ->required();
  command->add_option("--last-year", options->last_year,
                      "Folder holding last year's 903 files, for the rules that compare years");
  command->add_option("--out", options->out, "Write the failures here (default: standard output)");
  command->add_option("--format", options->format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}));
  command->add_option("--threads", options->threads, "Threads running rules (default 2)")
      ->check(CLI::Range(1, 64));
  command->add_option("--la", options->local_authority, "The council's code, e.g. 316");
  command->callback([&runner, options] { runner = [options] { return run_validate(*options); }; });
}

// Who the audit trail names for work done from the command line.
std::string command_line_actor(std::string_view command) {
  return "system:safeguard-returns-" + std::string(command);
}

struct ImportOptions {
  std::string db;
  int year = 0;
  std::string directory;
};

int run_import(const ImportOptions& options) {
  if (!year_is_supported(options.year)) return kExitCannotRun;
  auto store = store::Store::open(options.db);
  if (!store) return report_error(store.error());
  auto codes = domain::CodeLists::load_standard();
  if (!codes) return report_error(codes.error());
  Progress progress("import-903");
  progress.update(0.0, "reading files");
  ReadResult read;
  ssda903::read_directory(options.directory, options.year, read);
  std::vector<FileProblem> problems = read.problems;
  if (problems.empty()) {
    progress.update(0.2, "checking and loading");
    SystemClock clock;
    auto imported = ssda903::import_return(**store, read.data, options.year, read.file_of, *codes,
                                           clock, command_line_actor("import-903"), problems);
    if (imported) {
      fmt::print("imported the {} SSDA903 return from {}: {} children added, {} updated\n",
                 year_label(options.year), options.directory, imported->children_added,
                 imported->children_updated);
      for (const auto& [table, rows] : imported->rows)
        fmt::print("  {:<16}{:>8} rows\n", table, rows);
      return kExitOk;
    }
    if (problems.empty()) return report_error(imported.error());
  }
  fmt::print(stderr,
             "safeguard: the {} return in {} was refused and nothing was stored ({} problems):\n",
             year_label(options.year), options.directory, problems.size());
  std::fwrite("file,line,column,reason\r\n", 1, 25, stderr);
  for (const FileProblem& problem : problems) {
    std::string line =
        csv::format_record({problem.file, problem.line ? std::to_string(problem.line) : "",
                            problem.column, problem.reason});
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  return kExitProblemFound;
}

void add_import_command(CLI::App& returns, Runner& runner) {
  auto options = std::make_shared<ImportOptions>();
  auto* command = returns.add_subcommand(
      "import-903", "Load a council's SSDA903 return into the case record, all or nothing");
  command->add_option("--db", options->db, "Database file")->required();
  command->add_option("--year", options->year, "Collection year by its end: 2025 is 2024/25")
      ->required();
  command->add_option("DIR", options->directory, "Folder holding the year's 903 files")->required();
  command->callback([&runner, options] { runner = [options] { return run_import(*options); }; });
}

struct ExportOptions {
  std::string db;
  int year = 0;
  std::string out;
  std::string format = "csv";
};

int run_export(const ExportOptions& options) {
  if (!year_is_supported(options.year)) return kExitCannotRun;
  auto store = store::Store::open(options.db);
  if (!store) return report_error(store.error());
  SystemClock clock;
  auto data =
      ssda903::export_return(**store, options.year, clock, command_line_actor("export-903"));
  if (!data) return report_error(data.error());
  auto written = ssda903::write_directory(*data, options.year, options.out, options.format);
  if (!written) return report_error(written.error());
  const ssda903::Table* header = data->find("Header");
  fmt::print("wrote the {} SSDA903 return ({} children) to {}:\n", year_label(options.year),
             header ? header->row_count : 0, options.out);
  for (const auto& path : *written) fmt::print("  {}\n", path.string());
  return kExitOk;
}

void add_export_command(CLI::App& returns, Runner& runner) {
  auto options = std::make_shared<ExportOptions>();
  auto* command = returns.add_subcommand(
      "export-903", "Write a collection year's SSDA903 return from the case record");
  command->add_option("--db", options->db, "Database file")->required();
  command->add_option("--year", options->year, "Collection year by its end: 2025 is 2024/25")
      ->required();
  command->add_option("--out", options->out, "Folder to write the files to")->required();
  command->add_option("--format", options->format, "csv (one file per table) or xml")
      ->check(CLI::IsMember({"csv", "xml"}));
  command->callback([&runner, options] { runner = [options] { return run_export(*options); }; });
}

}  // namespace

void add_903_commands(CLI::App& returns, Runner& runner) {
  add_validate_command(returns, runner);
  add_import_command(returns, runner);
  add_export_command(returns, runner);
}

}  // namespace safeguard::cli
