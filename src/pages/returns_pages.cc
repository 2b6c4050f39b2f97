// The returns page (issue 5, point 6): a collection year's SSDA903 return, exported from the case
// record and checked with every rule of that year's rule book (last year's return loaded beside it
// for the rules that compare years), listed child by child with a link to each child's record,
// where the fix is made. For heads of service: it names children across the whole service.
#include <fmt/format.h>

#include <utility>

#include "auth/policy.h"
#include "domain/child.h"
#include "pages/child_view.h"
#include "pages/pagination.h"
#include "pages/returns_view.h"
#include "pages/site.h"
#include "ssda903/case_record.h"
#include "ssda903/layout.h"
#include "ssda903_rules/rule_book.h"
#include "ssda903_rules/validate.h"

namespace safeguard::pages {
namespace {

constexpr std::size_t kChildrenPerPage = 20;

// The year's return and, where Safeguard holds last year's layout, last year's as "<Table>_last".
Result<ssda903::Return> return_with_last_year(Site& site, const api::Caller& caller, int year) {
  std::string actor = caller.principal.username;
  auto data = ssda903::export_return(site.services().store, year, site.services().clock, actor);
  if (!data) return data.error();
  if (ssda903::supported_year(year - 1)) {
    auto last =
        ssda903::export_return(site.services().store, year - 1, site.services().clock, actor);
    if (!last) return last.error();
    for (auto& [name, table] : last->tables) {
      table.name = name + "_last";
      data->tables.emplace(table.name, std::move(table));
    }
  }
  return data;
}

// Every child of the store by their 903 CHILD code (local_id).
Result<std::map<std::string, KnownChild, std::less<>>> children_by_code(Site& site) {
  std::map<std::string, KnownChild, std::less<>> known;
  Status status = site.services().store.read([&](store::Transaction& tx) -> Status {
    return tx.for_each<domain::Child>([&](const domain::Child& child) -> Status {
      if (!child.local_id.empty()) known[child.local_id] = KnownChild{child.id, full_name(child)};
      return Status::success();
    });
  });
  if (!status) return status.error();
  return known;
}

Data year_options(int chosen) {
  Data years = list();
  for (int year : offered_years(ssda903::kFirstRuleYear, ssda903::kLastRuleYear)) {
    Data option = object();
    option["value"] = std::to_string(year);
    option["label"] = CollectionYear{year}.label();
    option["selected"] = flag(year == chosen);
    years << option;
  }
  return years;
}

http::Response returns_page(Site& site, http::Request& request, const api::Caller& caller) {
  // The return names children across the whole service: the whole service's view.
  auth::Decision decision = auth::decide(caller.principal, auth::Action::kViewAllTeams);
  if (!decision.allowed) {
    (void)site.services().cases.refuse_general(caller.principal, auth::Action::kViewAllTeams,
                                               "returns", decision.reason);
    std::string why = decision.reason;
    why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
    return site.message(403, site.frame_for(caller, "You do not have access to this page"),
                        "You do not have access to this page", {why + "."},
                        Link{Site::home_for(caller.principal), "Go back to your cases"});
  }

  FormErrors errors;
  auto year = read_return_year(request.query_param("year"), site.today(), ssda903::kFirstRuleYear,
                               ssda903::kLastRuleYear, errors);
  Data data = object();
  Frame frame = site.frame_for(caller, "SSDA903 return: validation", "/returns");
  if (!year) {
    errors.add_to(data);
    data["years"] = year_options(0);
    data["chosen"] = flag(false);
    frame.has_errors = true;
    return site.page(422, "returns", std::move(data), frame);
  }
  auto rules = ssda903::rules_for_year(*year);
  if (!rules) return site.error_page(caller, rules.error());
  auto exported = return_with_last_year(site, caller, *year);
  if (!exported) return site.error_page(caller, exported.error());
  auto known = children_by_code(site);
  if (!known) return site.error_page(caller, known.error());

  static const ssda903::RuleRegistry registry = ssda903::add_all_rules();
  ssda903::Metadata metadata = ssda903::metadata_for_year(*year);
  ssda903::ValidationReport report = ssda903::validate(*exported, metadata, *rules, registry, 1);
  std::vector<ChildFailures> children = failures_by_child(report, *known);

  Page shown = page_of(request.query_param("page"), children.size(), kChildrenPerPage);
  Data rows = list();
  std::vector<std::int64_t> listed;
  for (std::size_t i = shown.begin; i < shown.end; ++i) {
    const ChildFailures& child = children[i];
    Data item = object();
    item["code"] = child.child_code.empty() ? std::string("–") : child.child_code;
    if (child.child) {
      item["id"] = std::to_string(child.child->id);
      item["name"] = child.child->name;
      listed.push_back(child.child->id);
    } else {
      item["name"] = child.child_code.empty() ? std::string("Not about one child")
                                              : fmt::format("Child {}", child.child_code);
    }
    item["count"] = fmt::format("{} {}", child.failures.size(),
                                child.failures.size() == 1 ? "failure" : "failures");
    Data failures = list();
    for (const auto& failure : child.failures) {
      Data each = object();
      each["rule"] = failure.rule;
      each["message"] = failure.message;
      each["where"] = fmt::format("{}, row {}", failure.table, failure.row);
      if (!failure.fields.empty()) each["fields"] = failure.fields;
      failures << each;
    }
    item["failures"] = std::move(failures);
    rows << item;
  }
  if (!listed.empty()) {
    audit::Event event;
    event.actor = caller.principal.username;
    event.action = "read";
    event.entity = "returns";
    event.entity_id = fmt::format("ssda903-{}", *year);
    std::string ids;
    for (auto id : listed) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    event.reason = "children listed: " + ids;
    (void)site.services().trail.append(event);
  }

  Data by_rule = list();
  for (const auto& summary : report.summary) {
    if (!summary.rule) continue;
    Data each = object();
    each["rule"] = summary.rule->code;
    each["message"] = summary.rule->message;
    each["failures"] = std::to_string(summary.failures);
    by_rule << each;
  }

  const ssda903::Table* header = exported->find("Header");
  std::string label = CollectionYear{*year}.label();
  data["years"] = year_options(*year);
  data["chosen"] = flag(true);
  data["year"] = std::to_string(*year);
  data["year_label"] = label;
  data["rules_run"] = std::to_string(report.rules_run);
  data["children_in_return"] = std::to_string(header ? header->row_count : 0);
  data["clean"] = flag(report.failures.empty());
  data["summary"] =
      report.failures.empty()
          ? fmt::format("The {} return ({} children) passes all {} rules.", label,
                        header ? header->row_count : 0, report.rules_run)
          : fmt::format("{} {} in the {} return fail{} {} of the {} rules: {} failures in all. {}",
                        children.size(), children.size() == 1 ? "child" : "children", label,
                        children.size() == 1 ? "s" : "", report.summary.size(), report.rules_run,
                        report.failures.size(), showing_text(shown, "children"));
  data["has_children"] = flag(!children.empty());
  data["children"] = std::move(rows);
  data["has_rules"] = flag(!report.summary.empty());
  data["by_rule"] = std::move(by_rule);
  data["not_implemented"] = std::to_string(report.not_implemented.size());
  data["has_not_implemented"] = flag(!report.not_implemented.empty());
  data["pagination"] = pagination_data(shown, fmt::format("/returns?year={}", *year), "",
                                       "Pages of children with failures");
  return site.page(200, "returns", std::move(data), frame);
}

}  // namespace

Status add_returns_routes(http::Router& router, Site& site) {
  return router.add("GET", "/returns",
                    site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                      return returns_page(site, request, caller);
                    }));
}

}  // namespace safeguard::pages
