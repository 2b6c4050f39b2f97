// A synthetic local authority for trying Safeguard out, for demonstrations and for benchmarks:
// years of contacts, referrals, child-in-need and child protection work, children looked after with
// their 903 episodes, and the workforce that holds the cases. Every person is invented; every
// record passes the domain's validation against the DfE code lists for its date.
//
// Contract:
// - Deterministic: the same options give the same database content, byte for byte in every table
//   (no wall clock, no std::random_device, no std:: distributions).
// - The store must be freshly created and migrated (Store::open(path, kCreateOrMigrate)) and
//   hold no case or workforce records; otherwise build_demo_authority refuses with a conflict.
// - Children looked after on end_date land on children_in_care (the simulation steers onto it;
//   tests hold it within 2%); the child population is children_in_care / 0.0085, a rate of 85
//   per 10,000 (England: 70).
// - Bulk generation is recorded in the audit trail as ONE event (actor "system:demo", action
//   "generate", entity "authority"), timed at the simulated end date, not one event per row.
// - Not atomic: records are written in transactions of 50,000 rows up to a quarter of a large
//   table. After a failure the store holds part of an authority; delete the file (the CLI does).
//   Above about 5,000 children in care the store's page cache is raised while loading (1 GiB at
//   England size) and put back afterwards.
// - The highest-volume activity records - statutory visits, supervision sessions, and contacts that
//   led to no referral - cover every year of history for authorities up to 20,000 children in care;
//   above that, the last 200,000 / children_in_care years and never fewer than two
//   (DemoReport::practice_from says from when). An England-sized authority (80,000) gets the last
//   two years of them, which keeps it to minutes and gigabytes. Everything else (every referral and
//   its contact, child-in-need and child protection work, 903 episodes, allocations) covers the
//   whole history.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "base/date.h"
#include "base/result.h"
#include "domain/codes.h"
#include "store/store.h"

namespace safeguard::synthetic {

// 31 March 2026: the end of the 2025/26 collection year.
inline constexpr Date kDefaultDemoEndDate = Date::from_days(20543);

struct DemoOptions {
  std::uint64_t seed = 1;
  int children_in_care = 612;  // children looked after on end_date (the target)
  int years = 10;              // years of history before end_date
  Date end_date =
      kDefaultDemoEndDate;  // the simulation's "today"; 1970-01-01 also means the default
};

struct DemoReport {
  Date end_date;
  Date history_start;  // first simulated day (records of children already known then start earlier)
  Date practice_from;  // visits, supervision and contacts without a referral recorded from here
  std::int64_t child_population = 0;       // children aged 0-17 living in the authority
  std::int64_t children_looked_after = 0;  // on end_date

  std::int64_t teams = 0;
  std::int64_t workers = 0;
  std::int64_t households = 0;
  std::int64_t children = 0;
  std::int64_t contacts = 0;
  std::int64_t referrals = 0;
  std::int64_t child_in_need_episodes = 0;
  std::int64_t assessments = 0;
  std::int64_t section47_enquiries = 0;
  std::int64_t initial_child_protection_conferences = 0;
  std::int64_t child_protection_plans = 0;
  std::int64_t child_protection_reviews = 0;
  std::int64_t looked_after_episodes = 0;
  std::int64_t looked_after_reviews = 0;
  std::int64_t missing_episodes = 0;
  std::int64_t legal_orders = 0;
  std::int64_t care_leaver_contacts = 0;
  std::int64_t allocations = 0;
  std::int64_t supervision_sessions = 0;
  std::int64_t visits = 0;
  std::int64_t case_notes = 0;

  std::int64_t total_records() const;
};

// Builds a synthetic authority into an empty, freshly migrated store. `progress(done_fraction,
// stage)` is called now and then when given.
Result<DemoReport> build_demo_authority(
    store::Store& store, const domain::CodeLists& codes, const DemoOptions& options,
    const std::function<void(double, std::string_view)>& progress);

}  // namespace safeguard::synthetic
