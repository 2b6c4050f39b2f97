// safeguard summary --db FILE [--as-of DATE] [--format table|json]: the headline counts at a date.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "base/clock.h"
#include "cli/command.h"
#include "store/store.h"

namespace safeguard::cli {
namespace {

// The date to count at when none is given: a demo authority lives on its simulated end date; a real
// one, today.
Result<Date> default_as_of(store::Store& store) {
  std::optional<std::string> demo_end;
  Status status = store.read([&](store::Transaction& transaction) -> Status {
    auto value = transaction.setting("demo.end_date");
    if (!value) return value.error();
    demo_end = *value;
    return Status::success();
  });
  if (!status) return status.error();
  if (demo_end) return Date::parse_iso(*demo_end);
  return SystemClock().today();
}

nlohmann::json to_json(const store::Summary& summary) {
  nlohmann::json placements = nlohmann::json::object();
  for (const auto& [code, count] : summary.placements) placements[code] = count;
  return {
      {"as_of", summary.as_of.iso()},
      {"children_looked_after", summary.children_looked_after},
      {"cp_plans", summary.cp_plans},
      {"children_in_need", summary.children_in_need},
      {"unallocated_cases", summary.unallocated_cases},
      {"workers", summary.workers},
      {"case_holding_workers", summary.case_holding_workers},
      {"allocated_cases", summary.allocated_cases},
      {"mean_caseload", std::round(summary.mean_caseload * 10.0) / 10.0},
      {"placements", placements},
  };
}

void print_table(const store::Summary& summary) {
  fmt::print("Summary at {}\n", summary.as_of.iso());
  fmt::print("  {:<34}{:>8}\n", "Children looked after", summary.children_looked_after);
  for (const auto& [code, count] : summary.placements) {
    fmt::print("    {:<32}{:>8}\n", "placement " + code, count);
  }
  fmt::print("  {:<34}{:>8}\n", "Children on child protection plans", summary.cp_plans);
  fmt::print("  {:<34}{:>8}\n", "Children in need", summary.children_in_need);
  fmt::print("  {:<34}{:>8}\n", "Open cases unallocated", summary.unallocated_cases);
  fmt::print("  {:<34}{:>8}\n", "Workers", summary.workers);
  fmt::print("  {:<34}{:>8}\n", "Case-holding workers", summary.case_holding_workers);
  fmt::print("  {:<34}{:>8.1f}\n", "Mean caseload", summary.mean_caseload);
}

}  // namespace

void add_summary_command(CLI::App& app, Runner& runner) {
  auto* command = app.add_subcommand("summary",
                                     "Counts at a date: looked after, plans, in need, "
                                     "unallocated cases, workers, caseload");
  auto db = std::make_shared<std::string>();
  auto as_of = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  command->add_option("--db", *db, "Database file")->required();
  command->add_option("--as-of", *as_of,
                      "Date to count at, YYYY-MM-DD (default: today; a demo's simulated today)");
  command->add_option("--format", *format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  command->callback([&runner, db, as_of, format] {
    runner = [db, as_of, format] {
      auto store = store::Store::open(*db);
      if (!store) return report_error(store.error());
      Result<Date> date = as_of->empty() ? default_as_of(**store) : Date::parse_iso(*as_of);
      if (!date) return report_error(Error::invalid("--as-of: " + date.error().message));
      store::Summary summary;
      Status status = (*store)->read([&](store::Transaction& transaction) -> Status {
        auto counted = transaction.summary(*date);
        if (!counted) return counted.error();
        summary = std::move(*counted);
        return Status::success();
      });
      if (!status) return report_error(status.error());
      if (*format == "json") {
        fmt::print("{}\n", to_json(summary).dump(2));
      } else {
        print_table(summary);
      }
      return kExitOk;
    };
  });
}

}  // namespace safeguard::cli
