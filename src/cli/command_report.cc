// safeguard report closures|unallocated|caseloads --db FILE --from DATE --to DATE
//   [--format json|csv|text]: the safeguards' investigation reports (casework/reports.h).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <functional>

#include "audit/audit_trail.h"
#include "base/clock.h"
#include "casework/reports.h"
#include "cli/command.h"
#include "csv/csv.h"
#include "store/store.h"

namespace safeguard::cli {
namespace {

using nlohmann::json;

json optional_id(const std::optional<std::int64_t>& id) { return id ? json(*id) : json(); }
json optional_date(const std::optional<Date>& date) { return date ? json(date->iso()) : json(); }

// A report as rows of named columns, printed as JSON, CSV or a text table.
struct Table {
  std::vector<std::string> columns;
  std::vector<json> rows;  // objects keyed by column
  json extra;              // more JSON beside the rows (totals)
};

Table closures_table(const casework::ClosureReport& report) {
  Table table;
  table.columns = {"closed_on", "child",       "child_local_id", "episode",   "reason",
                   "worker",    "worker_name", "team",           "last_seen", "qualifying_visit",
                   "approved",  "approved_by"};
  for (const auto& row : report.rows) {
    table.rows.push_back({{"closed_on", row.closed_on.iso()},
                          {"child", row.child_id},
                          {"child_local_id", row.child_local_id},
                          {"episode", row.episode_id},
                          {"reason", row.reason_for_closure},
                          {"worker", optional_id(row.worker_id)},
                          {"worker_name", row.worker_name},
                          {"team", optional_id(row.team_id)},
                          {"last_seen", optional_date(row.last_seen)},
                          {"qualifying_visit", row.qualifying_visit},
                          {"approved", row.approved},
                          {"approved_by", row.approved_by}});
  }
  json totals = json::array();
  for (const auto& total : report.by_worker) {
    totals.push_back({{"worker", optional_id(total.worker_id)},
                      {"worker_name", total.worker_name},
                      {"closed", total.closed},
                      {"with_qualifying_visit", total.with_qualifying_visit},
                      {"with_approval", total.with_approval},
                      {"with_both", total.with_both},
                      {"without_qualifying_visit", total.closed - total.with_qualifying_visit},
                      {"without_approval", total.closed - total.with_approval}});
  }
  table.extra = {{"by_worker", totals}};
  return table;
}

Table unallocated_table(const casework::UnallocatedReport& report) {
  Table table;
  table.columns = {"waiting_since", "child",       "child_local_id", "trigger",
                   "reason",        "from_worker", "from_team",      "allocated_on",
                   "to_worker",     "to_team",     "days_waited"};
  for (const auto& row : report.rows) {
    table.rows.push_back({{"waiting_since", row.waiting_since.iso()},
                          {"child", row.child_id},
                          {"child_local_id", row.child_local_id},
                          {"trigger", row.trigger},
                          {"reason", row.reason},
                          {"from_worker", optional_id(row.from_worker_id)},
                          {"from_team", optional_id(row.from_team_id)},
                          {"allocated_on", optional_date(row.allocated_on)},
                          {"to_worker", optional_id(row.to_worker_id)},
                          {"to_team", optional_id(row.to_team_id)},
                          {"days_waited", row.days_waited}});
  }
  table.extra = json::object();
  return table;
}

Table caseloads_table(const casework::CaseloadReport& report) {
  Table table;
  table.columns = {"date",  "worker",   "worker_name", "team", "fte",
                   "cases", "weighted", "limit",       "over"};
  for (const auto& point : report.points) {
    table.rows.push_back({{"date", point.date.iso()},
                          {"worker", point.worker_id},
                          {"worker_name", point.worker_name},
                          {"team", optional_id(point.team_id)},
                          {"fte", point.fte},
                          {"cases", point.cases},
                          {"weighted", point.weighted},
                          {"limit", point.limit},
                          {"over", point.over}});
  }
  table.extra = json::object();
  return table;
}

std::string cell(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_number_float()) return fmt::format("{:g}", value.get<double>());
  return value.dump();
}

void print(const Table& table, std::string_view name, Date from, Date to,
           const std::string& format) {
  if (format == "json") {
    json out = {{"report", name}, {"from", from.iso()}, {"to", to.iso()}};
    out["rows"] = table.rows;
    for (auto& [key, value] : table.extra.items()) out[key] = value;
    fmt::print("{}\n", out.dump(2));
    return;
  }
  if (format == "csv") {
    std::string text = csv::format_record(table.columns);
    for (const auto& row : table.rows) {
      std::vector<std::string> cells;
      for (const auto& column : table.columns) cells.push_back(cell(row[column]));
      text += csv::format_record(cells);
    }
    fmt::print("{}", text);
    return;
  }
  fmt::print("{} from {} to {}: {} rows\n", name, from.iso(), to.iso(), table.rows.size());
  std::string header;
  for (const auto& column : table.columns) header += fmt::format("{:<15} ", column);
  fmt::print("{}\n", header);
  for (const auto& row : table.rows) {
    std::string line;
    for (const auto& column : table.columns) line += fmt::format("{:<15} ", cell(row[column]));
    fmt::print("{}\n", line);
  }
  if (table.extra.contains("by_worker")) {
    fmt::print("\nBy worker: closed / with a qualifying visit / with approval / with both\n");
    for (const auto& total : table.extra["by_worker"]) {
      fmt::print("  {:<30} {:>5} {:>5} {:>5} {:>5}\n", cell(total["worker_name"]),
                 cell(total["closed"]), cell(total["with_qualifying_visit"]),
                 cell(total["with_approval"]), cell(total["with_both"]));
    }
  }
}

}  // namespace

void add_report_command(CLI::App& app, Runner& runner) {
  auto* command = app.add_subcommand(
      "report", "Investigation reports: closures, unallocated cases, caseloads over time");
  command->require_subcommand(1);
  struct Options {
    std::string db;
    std::string from;
    std::string to;
    std::string format = "text";
  };
  const std::pair<const char*, const char*> reports[] = {
      {"closures",
       "Cases closed in the period by worker, with and without a qualifying visit and approval"},
      {"unallocated",
       "Cases transferred or left unallocated after a worker or team change, and their waits"},
      {"caseloads", "Each worker's caseload on the first day and monthly after"},
  };
  for (const auto& [name, description] : reports) {
    auto* sub = command->add_subcommand(name, description);
    auto options = std::make_shared<Options>();
    sub->add_option("--db", options->db, "Database file")->required();
    sub->add_option("--from", options->from, "First day, YYYY-MM-DD")->required();
    sub->add_option("--to", options->to, "Last day, YYYY-MM-DD")->required();
    sub->add_option("--format", options->format, "json, csv or text")
        ->check(CLI::IsMember({"json", "csv", "text"}));
    std::string report_name = name;
    sub->callback([&runner, options, report_name] {
      runner = [options, report_name] {
        auto from = Date::parse_iso(options->from);
        if (!from) return report_error(Error::invalid("--from: " + from.error().message));
        auto to = Date::parse_iso(options->to);
        if (!to) return report_error(Error::invalid("--to: " + to.error().message));
        auto store = store::Store::open(options->db);
        if (!store) return report_error(store.error());
        Table table;
        Status status = (*store)->read([&](store::Transaction& tx) -> Status {
          if (report_name == "closures") {
            auto report = casework::closures_report(tx, *from, *to);
            if (!report) return report.error();
            table = closures_table(*report);
          } else if (report_name == "unallocated") {
            auto report = casework::unallocated_report(tx, *from, *to);
            if (!report) return report.error();
            table = unallocated_table(*report);
          } else {
            auto report = casework::caseloads_report(tx, *from, *to);
            if (!report) return report.error();
            table = caseloads_table(*report);
          }
          return Status::success();
        });
        if (!status) return report_error(status.error());
        SystemClock clock;
        Status audited = (*store)->write([&](store::Transaction& tx) -> Status {
          audit::Event event;
          event.actor = "system:cli";
          event.action = "read";
          event.entity = "report";
          event.entity_id = report_name;
          event.reason =
              fmt::format("{} to {}: {} rows", from->iso(), to->iso(), table.rows.size());
          auto appended = audit::append(tx, clock, event);
          if (!appended) return appended.error();
          return Status::success();
        });
        if (!audited) return report_error(audited.error());
        print(table, report_name, *from, *to, options->format);
        return kExitOk;
      };
    });
  }
}

}  // namespace safeguard::cli
