// safeguard returns validate-cin FILE --year YYYY [--format csv|json] [--out FILE]
// safeguard returns export-cin --db FILE --year YYYY --out FILE.xml
// safeguard returns import-cin --db FILE --year YYYY FILE.xml
// The CIN census: checked with the DfE's rules for the year, written from the case record, and
// loaded into it all or nothing. --year names the collection year by its end (2025 = 2024/25).
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "base/clock.h"
#include "cin_census/export.h"
#include "cin_census/import.h"
#include "cin_census/rule.h"
#include "cin_census/validate.h"
#include "cin_census/xml.h"
#include "cli/command.h"
#include "domain/codes.h"
#include "store/store.h"

namespace safeguard::cli {
namespace {

Result<std::string> read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error::unavailable(fmt::format("cannot open {}", path));
  std::stringstream text;
  text << file.rdbuf();
  if (file.bad()) return Error::unavailable(fmt::format("cannot read {}", path));
  return text.str();
}

Status write_text(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return Error::unavailable(fmt::format("cannot write {}", path));
  file << text;
  file.close();
  if (!file) return Error::unavailable(fmt::format("could not finish writing {}", path));
  return Status::success();
}

void add_validate(CLI::App& returns, Runner& runner) {
  auto* command = returns.add_subcommand(
      "validate-cin", "Check a CIN census XML file with the DfE's rules for its year");
  auto file = std::make_shared<std::string>();
  auto year = std::make_shared<int>(0);
  auto format = std::make_shared<std::string>("csv");
  auto out = std::make_shared<std::string>();
  command->add_option("file", *file, "The census XML file")->required();
  command->add_option("--year", *year, "Collection year by its end: 2025 is 2024/25")->required();
  command->add_option("--format", *format, "csv or json")->check(CLI::IsMember({"csv", "json"}));
  command->add_option("--out", *out, "Write the failures here (default: standard output)");
  command->callback([&runner, file, year, format, out] {
    runner = [file, year, format, out] {
      auto text = read_text(*file);
      if (!text) return report_error(text.error());
      auto census = cin_census::read_census_xml(*text);
      if (!census) {
        fmt::print(stderr, "safeguard: {}: {}\n", *file, census.error().message);
        return kExitCannotRun;
      }
      cin_census::RuleRegistry registry = cin_census::add_all_rules();
      auto report = cin_census::validate_census(*census, *year, registry);
      if (!report) return report_error(report.error());
      std::string output =
          *format == "json" ? cin_census::report_json(*report) : cin_census::report_csv(*report);
      if (out->empty()) {
        fmt::print("{}", output);
      } else if (Status written = write_text(*out, output); !written) {
        return report_error(written.error());
      }
      fmt::print(stderr, "{}: {} failures from {} rules ({} CIN census {})\n", *file,
                 report->failures.size(), report->rules_run, CollectionYear{*year}.label(),
                 report->clean() ? "clean" : "not clean");
      if (!report->rules_not_implemented.empty()) {
        std::string codes;
        for (const auto& code : report->rules_not_implemented) codes += " " + code;
        fmt::print(stderr, "not checked (no implementation yet):{}\n", codes);
      }
      return report->clean() ? kExitOk : kExitProblemFound;
    };
  });
}

void add_export(CLI::App& returns, Runner& runner) {
  auto* command =
      returns.add_subcommand("export-cin", "Write the CIN census XML for a year from the record");
  auto db = std::make_shared<std::string>();
  auto year = std::make_shared<int>(0);
  auto out = std::make_shared<std::string>();
  command->add_option("--db", *db, "Database file")->required();
  command->add_option("--year", *year, "Collection year by its end: 2025 is 2024/25")->required();
  command->add_option("--out", *out, "The XML file to write")->required();
  command->callback([&runner, db, year, out] {
    runner = [db, year, out] {
      if (auto schema = cin_census::schema_for_year(*year); !schema) {
        return report_error(Error::invalid("--year: " + schema.error().message));
      }
      auto store = store::Store::open(*db);
      if (!store) return report_error(store.error());
      SystemClock clock;
      auto xml = cin_census::export_census(**store, clock, *year, "system:cli");
      if (!xml) return report_error(xml.error());
      if (Status written = write_text(*out, *xml); !written) return report_error(written.error());
      fmt::print("{}: CIN census {} written\n", *out, CollectionYear{*year}.label());
      return kExitOk;
    };
  });
}

void add_import(CLI::App& returns, Runner& runner) {
  auto* command = returns.add_subcommand(
      "import-cin", "Load a CIN census XML file into the record, all or nothing");
  auto db = std::make_shared<std::string>();
  auto year = std::make_shared<int>(0);
  auto file = std::make_shared<std::string>();
  command->add_option("--db", *db, "Database file")->required();
  command->add_option("--year", *year, "Collection year by its end: 2025 is 2024/25")->required();
  command->add_option("file", *file, "The census XML file")->required();
  command->callback([&runner, db, year, file] {
    runner = [db, year, file] {
      auto text = read_text(*file);
      if (!text) return report_error(text.error());
      auto codes = domain::CodeLists::load_standard();
      if (!codes) return report_error(codes.error());
      auto store = store::Store::open(*db);
      if (!store) return report_error(store.error());
      SystemClock clock;
      auto outcome = cin_census::import_census(**store, *codes, clock, *text, *year, "system:cli");
      if (!outcome) return report_error(outcome.error());
      if (!outcome->imported) {
        for (const auto& problem : outcome->problems) {
          fmt::print(stderr, "{}: {}\n", *file, problem.text());
        }
        fmt::print(stderr, "safeguard: {} refused ({} problems); the database is unchanged\n",
                   *file, outcome->problems.size());
        return kExitProblemFound;
      }
      const auto& counts = outcome->counts;
      fmt::print(
          "{}: imported {} children ({} new), {} episodes, {} assessments, {} section 47 "
          "enquiries, {} conferences, {} plans, {} reviews\n",
          *file, counts.children_added + counts.children_matched, counts.children_added,
          counts.episodes, counts.assessments, counts.enquiries, counts.conferences, counts.plans,
          counts.reviews);
      return kExitOk;
    };
  });
}

}  // namespace

void add_cin_commands(CLI::App& returns, Runner& runner) {
  add_validate(returns, runner);
  add_export(returns, runner);
  add_import(returns, runner);
}

}  // namespace safeguard::cli
