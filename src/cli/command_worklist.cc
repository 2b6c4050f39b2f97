// safeguard worklist --db FILE [--worker ID | --team ID] [--as-of DATE] [--format json|text]:
// what is overdue or due soon for a worker, a team or the whole service (casework/worklist.h).
// Every item has `child` (the child's id, null for a worker's own items), `rule`, `due` and `state`
// (due, due_soon or overdue). Reading the list is an audit event, as it names children.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "audit/audit_trail.h"
#include "base/clock.h"
#include "casework/worklist.h"
#include "cli/command.h"
#include "store/store.h"

namespace safeguard::cli {
namespace {

Result<Date> worklist_default_date(store::Store& store) {
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

nlohmann::json optional_id(const std::optional<std::int64_t>& id) {
  return id ? nlohmann::json(*id) : nlohmann::json();
}

nlohmann::json to_json(const casework::WorkList& list, std::string_view scope) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : list.items) {
    items.push_back({
        {"child", optional_id(item.child_id)},
        {"child_local_id", item.child_local_id},
        {"rule", item.rule},
        {"due", item.due.iso()},
        {"state", casework::state_token(item.state)},
        {"kind", item.kind},
        {"worker", optional_id(item.worker_id)},
        {"team", optional_id(item.team_id)},
        {"description", item.description},
        {"source", item.source},
    });
  }
  return {{"as_of", list.as_of.iso()},  {"scope", scope},
          {"children", list.children},  {"workers", list.workers},
          {"count", list.items.size()}, {"items", items}};
}

void print_text(const casework::WorkList& list, std::string_view scope) {
  fmt::print("Work list for {} at {}: {} items ({} open cases, {} workers)\n", scope,
             list.as_of.iso(), list.items.size(), list.children, list.workers);
  for (const auto& item : list.items) {
    std::string who = item.child_id ? fmt::format("child {}", *item.child_id)
                                    : fmt::format("worker {}", item.worker_id.value_or(0));
    fmt::print("  {:<10} {:<9} {:<14} {:<34} {}\n", item.due.iso(),
               casework::state_token(item.state), who, item.rule, item.description);
  }
}

}  // namespace

void add_worklist_command(CLI::App& app, Runner& runner) {
  auto* command = app.add_subcommand(
      "worklist", "Overdue and due-soon items for a worker, a team or the whole service");
  auto db = std::make_shared<std::string>();
  auto worker = std::make_shared<std::int64_t>(0);
  auto team = std::make_shared<std::int64_t>(0);
  auto as_of = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  command->add_option("--db", *db, "Database file")->required();
  auto* worker_option = command->add_option("--worker", *worker, "A worker's id");
  auto* team_option = command->add_option("--team", *team, "A team's id");
  worker_option->excludes(team_option);
  command->add_option("--as-of", *as_of,
                      "Date, YYYY-MM-DD (default: today; a demo's simulated today)");
  command->add_option("--format", *format, "json or text")->check(CLI::IsMember({"json", "text"}));
  command->callback([&runner, db, worker, team, as_of, format, worker_option, team_option] {
    bool by_worker = worker_option->count() > 0;
    bool by_team = team_option->count() > 0;
    runner = [db, worker, team, as_of, format, by_worker, by_team] {
      auto store = store::Store::open(*db);
      if (!store) return report_error(store.error());
      Result<Date> date = as_of->empty() ? worklist_default_date(**store) : Date::parse_iso(*as_of);
      if (!date) return report_error(Error::invalid("--as-of: " + date.error().message));
      casework::WorkListScope scope = by_worker ? casework::WorkListScope::worker(*worker)
                                      : by_team ? casework::WorkListScope::team(*team)
                                                : casework::WorkListScope::service();
      std::string scope_name = by_worker ? fmt::format("worker {}", *worker)
                               : by_team ? fmt::format("team {}", *team)
                                         : std::string("the service");
      auto list = casework::work_list(**store, scope, *date);
      if (!list) return report_error(list.error());
      SystemClock clock;
      Status audited = (*store)->write([&](store::Transaction& transaction) -> Status {
        audit::Event event;
        event.actor = "system:cli";
        event.action = "read";
        event.entity = "worklist";
        event.entity_id = scope_name;
        event.reason = fmt::format("work list at {}: {} items", date->iso(), list->items.size());
        auto appended = audit::append(transaction, clock, event);
        if (!appended) return appended.error();
        return Status::success();
      });
      if (!audited) return report_error(audited.error());
      if (*format == "json") {
        fmt::print("{}\n", to_json(*list, scope_name).dump(2));
      } else {
        print_text(*list, scope_name);
      }
      return kExitOk;
    };
  });
}

}  // namespace safeguard::cli
