#include "synthetic/demo_authority.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

#include "audit/audit_trail.h"
#include "base/clock.h"
#include "synthetic/load_order.h"
#include "synthetic/simulation.h"
#include "synthetic/store_writer.h"

namespace safeguard::synthetic {
namespace {

constexpr std::string_view kAuthorityName = "Northbrook Borough Council (synthetic)";
constexpr int kMaxChildrenInCare = 1'000'000;
constexpr int kMaxYears = 50;
// Share of the progress bar the simulation takes; writing takes the rest.
constexpr double kSimulationShare = 0.35;

DemoReport report_for(const Model& model) {
  DemoReport report;
  report.end_date = model.end;
  report.history_start = model.history_start;
  report.practice_from = model.practice_from;
  report.child_population = model.child_population;
  report.children_looked_after = model.children_looked_after;
  auto size = [](const auto& rows) { return static_cast<std::int64_t>(rows.size()); };
  report.teams = size(model.teams);
  report.workers = size(model.workers);
  report.households = size(model.households);
  report.children = size(model.children);
  report.contacts = size(model.contacts);
  report.referrals = size(model.referrals);
  report.child_in_need_episodes = size(model.episodes);
  report.assessments = size(model.assessments);
  report.section47_enquiries = size(model.enquiries);
  report.initial_child_protection_conferences = size(model.conferences);
  report.child_protection_plans = size(model.plans);
  report.child_protection_reviews = size(model.plan_reviews);
  report.looked_after_episodes = size(model.care_episodes);
  report.looked_after_reviews = size(model.care_reviews);
  report.missing_episodes = size(model.missing);
  report.legal_orders = size(model.legal_orders);
  report.care_leaver_contacts = size(model.leaver_contacts);
  report.allocations = size(model.allocations);
  report.supervision_sessions = size(model.supervision);
  report.visits = size(model.visits);
  report.case_notes = size(model.case_notes);
  return report;
}

std::string report_json(const DemoReport& report, const DemoOptions& options) {
  nlohmann::json counts = {
      {"seed", options.seed},
      {"children_in_care_target", options.children_in_care},
      {"years", options.years},
      {"end_date", report.end_date.iso()},
      {"history_start", report.history_start.iso()},
      {"practice_from", report.practice_from.iso()},
      {"child_population", report.child_population},
      {"children_looked_after", report.children_looked_after},
      {"records",
       {{"team", report.teams},
        {"worker", report.workers},
        {"household", report.households},
        {"child", report.children},
        {"contact", report.contacts},
        {"referral", report.referrals},
        {"child_in_need_episode", report.child_in_need_episodes},
        {"assessment", report.assessments},
        {"section47_enquiry", report.section47_enquiries},
        {"initial_child_protection_conference", report.initial_child_protection_conferences},
        {"child_protection_plan", report.child_protection_plans},
        {"child_protection_review", report.child_protection_reviews},
        {"looked_after_episode", report.looked_after_episodes},
        {"looked_after_review", report.looked_after_reviews},
        {"missing_episode", report.missing_episodes},
        {"legal_order", report.legal_orders},
        {"care_leaver_contact", report.care_leaver_contacts},
        {"allocation", report.allocations},
        {"supervision_session", report.supervision_sessions},
        {"visit", report.visits},
        {"case_note", report.case_notes}}}};
  return counts.dump();
}

}  // namespace

std::int64_t DemoReport::total_records() const {
  return teams + workers + households + children + contacts + referrals + child_in_need_episodes +
         assessments + section47_enquiries + initial_child_protection_conferences +
         child_protection_plans + child_protection_reviews + looked_after_episodes +
         looked_after_reviews + missing_episodes + legal_orders + care_leaver_contacts +
         allocations + supervision_sessions + visits + case_notes;
}

Result<DemoReport> build_demo_authority(
    store::Store& store, const domain::CodeLists& codes, const DemoOptions& options,
    const std::function<void(double, std::string_view)>& progress) {
  if (options.children_in_care < 1 || options.children_in_care > kMaxChildrenInCare) {
    return Error::invalid(fmt::format("children in care must be between 1 and {}, not {}",
                                      kMaxChildrenInCare, options.children_in_care));
  }
  if (options.years < 1 || options.years > kMaxYears) {
    return Error::invalid(
        fmt::format("years of history must be between 1 and {}, not {}", kMaxYears, options.years));
  }

  // Only into an empty store: the demo's ids and its audit event assume nothing came before.
  std::int64_t children = 0;
  std::int64_t workers = 0;
  Status counted = store.read([&](store::Transaction& tx) -> Status {
    auto child_count = tx.count<domain::Child>();
    if (!child_count) return child_count.error();
    auto worker_count = tx.count<domain::Worker>();
    if (!worker_count) return worker_count.error();
    children = *child_count;
    workers = *worker_count;
    return Status::success();
  });
  SAFEGUARD_TRY(counted);
  if (children > 0 || workers > 0) {
    return Error::conflict(fmt::format(
        "{} already holds {} children and {} workers: the demo authority is built into a new, "
        "empty database",
        store.path(), children, workers));
  }

  const Scenario scenario = make_scenario(options);
  Model model = simulate(scenario, codes, progress);  // reports up to kSimulationShare
  order_for_loading(model);
  // A large authority inserts into indexes its rows cannot arrive in order for (children by name,
  // episodes by date, allocations by worker); they must stay in memory while loading. England-sized
  // (80,000 in care) takes 1 GiB for it; the default size keeps the store's own cache.
  const int cache_mebibytes = std::clamp(scenario.children_in_care / 80, 64, 1024);
  std::optional<int> previous_cache;
  if (cache_mebibytes > 64) {
    auto previous = store.set_cache_size(cache_mebibytes);
    if (!previous) return previous.error();
    previous_cache = *previous;
  }
  Status written =
      write_model(store, codes, model, scenario.seed, progress, kSimulationShare, 0.99);
  if (previous_cache) (void)store.set_cache_size(*previous_cache);
  SAFEGUARD_TRY(written);

  DemoReport report = report_for(model);
  // Bulk generation is one event in the audit trail, not one per record: a demo is built by the
  // system, not entered by anyone, and millions of events would drown the trail. The clock is the
  // simulation's end date, never the machine's.
  ManualClock clock(Timestamp::at_start_of(scenario.end));
  Status recorded = store.write([&](store::Transaction& tx) -> Status {
    SAFEGUARD_TRY(tx.put_setting("authority.name", kAuthorityName));
    SAFEGUARD_TRY(tx.put_setting("authority.is_demo", "true"));
    SAFEGUARD_TRY(
        tx.put_setting("authority.child_population", std::to_string(scenario.population)));
    SAFEGUARD_TRY(tx.put_setting("demo.seed", std::to_string(options.seed)));
    SAFEGUARD_TRY(tx.put_setting("demo.end_date", scenario.end.iso()));
    SAFEGUARD_TRY(
        tx.put_setting("demo.children_in_care", std::to_string(scenario.children_in_care)));
    SAFEGUARD_TRY(tx.put_setting("demo.years", std::to_string(options.years)));
    SAFEGUARD_TRY(tx.put_setting("demo.practice_records_from", scenario.practice_from.iso()));
    audit::Event event;
    event.actor = "system:demo";
    event.action = "generate";
    event.entity = "authority";
    event.entity_id = std::string(kAuthorityName);
    event.reason =
        "synthetic demo authority: the bulk generation of every record is recorded as this one "
        "event, not one event per record";
    event.after = report_json(report, options);
    auto appended = audit::append(tx, clock, event);
    if (!appended) return appended.error();
    return Status::success();
  });
  SAFEGUARD_TRY(recorded);
  if (progress) progress(1.0, "done");
  return report;
}

}  // namespace safeguard::synthetic
