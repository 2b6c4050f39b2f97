// A small authority built by hand for the casework tests: two teams, workers, and helpers that add
// children with open cases, visits, plans and periods of care straight into the store (setting up
// facts, not exercising the services under test). The clock stands still at `today` until moved.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "casework/casework.h"
#include "domain/codes.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace safeguard::casework::testing {

inline Date day(const char* iso) { return *Date::parse_iso(iso); }

inline const domain::CodeLists& codes() {
  static const domain::CodeLists lists = *domain::CodeLists::load_standard();
  return lists;
}

inline app::Actor social_worker(std::optional<std::int64_t> worker = std::nullopt) {
  return app::Actor{"sw.jones", "social_worker", worker};
}
inline app::Actor team_manager() { return app::Actor{"tm.patel", "team_manager", std::nullopt}; }
inline app::Actor other_manager() {
  return app::Actor{"hos.okafor", "head_of_service", std::nullopt};
}

class Authority {
 public:
  explicit Authority(Date today = day("2025-03-17"))
      : clock_(Timestamp::at_start_of(today).plus_seconds(9 * 3600)) {
    auto opened =
        store::Store::open(dir_.file("casework.db"), store::Store::Mode::kCreateOrMigrate);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    casework_ = std::make_unique<Casework>(*store_, codes(), clock_);
    team_a = add_team("Safeguarding Team 1");
    team_b = add_team("Children in Care Team");
  }

  store::Store& store() { return *store_; }
  Casework& casework() { return *casework_; }
  ManualClock& clock() { return clock_; }
  Date today() const { return clock_.today(); }
  void set_today(Date date) { clock_.set(Timestamp::at_start_of(date).plus_seconds(9 * 3600)); }
  std::string path() const { return dir_.file("casework.db"); }

  template <typename Record>
  std::int64_t insert(Record record) {
    std::int64_t id = 0;
    Status status = store_->write([&](store::Transaction& tx) -> Status {
      auto inserted = tx.insert(record);
      if (!inserted) return inserted.error();
      id = *inserted;
      return Status::success();
    });
    EXPECT_TRUE(status.ok()) << status.error().message;
    return id;
  }
  template <typename Record>
  std::optional<Record> find(std::int64_t id) {
    std::optional<Record> found;
    Status status = store_->read([&](store::Transaction& tx) -> Status {
      auto result = tx.find<Record>(id);
      if (!result) return result.error();
      found = *result;
      return Status::success();
    });
    EXPECT_TRUE(status.ok()) << status.error().message;
    return found;
  }
  template <typename Record>
  std::vector<Record> list(std::string_view column, store::Value value) {
    std::vector<Record> found;
    Status status = store_->read([&](store::Transaction& tx) -> Status {
      auto result = tx.list_where<Record>(column, value);
      if (!result) return result.error();
      found = *result;
      return Status::success();
    });
    EXPECT_TRUE(status.ok()) << status.error().message;
    return found;
  }
  std::optional<store::AuditRecord> last_event() {
    std::optional<store::AuditRecord> last;
    Status status = store_->read([&](store::Transaction& tx) -> Status {
      auto result = tx.last_audit_record();
      if (!result) return result.error();
      last = *result;
      return Status::success();
    });
    EXPECT_TRUE(status.ok()) << status.error().message;
    return last;
  }
  std::int64_t event_count() {
    auto last = last_event();
    return last ? last->seq : 0;
  }

  std::int64_t add_team(const std::string& name, const std::string& service = "safeguarding") {
    domain::Team team;
    team.name = name;
    team.service = service;
    return insert(team);
  }
  std::int64_t add_worker(const std::string& name, std::int64_t team, double fte = 1.0,
                          const std::string& role = "social_worker") {
    domain::Worker worker;
    worker.staff_id = "SW" + std::to_string(++staff_);
    worker.name = name;
    worker.role = role;
    worker.fte = fte;
    worker.team_id = team;
    worker.start_date = day("2020-01-06");
    return insert(worker);
  }
  // A child with an open case (referral and child-in-need episode) from `opened`.
  std::int64_t add_child_with_case(Date opened = day("2024-06-03")) {
    domain::Child child;
    child.local_id = "C" + std::to_string(++children_);
    child.first_name = "Sam";
    child.last_name = "Example";
    child.date_of_birth = day("2015-05-05");
    child.sex = "F";
    child.ethnicity = "WBRI";
    std::int64_t id = insert(child);
    domain::Referral referral;
    referral.child_id = id;
    referral.date = opened;
    referral.source = "1A";
    std::int64_t referral_id = insert(referral);
    domain::ChildInNeedEpisode episode;
    episode.child_id = id;
    episode.referral_id = referral_id;
    episode.start_date = opened;
    episode.primary_need = "N1";
    episodes_[id] = insert(episode);
    return id;
  }
  std::int64_t episode_of(std::int64_t child) { return episodes_[child]; }
  std::int64_t add_visit(std::int64_t child, Date date, bool seen = true) {
    domain::Visit visit;
    visit.child_id = child;
    visit.date = date;
    visit.child_seen = seen;
    return insert(visit);
  }
  std::int64_t add_plan(std::int64_t child, Date start, std::optional<Date> end = std::nullopt) {
    domain::ChildProtectionPlan plan;
    plan.child_id = child;
    plan.episode_id = episodes_[child];
    plan.start_date = start;
    plan.initial_category = "NEG";
    plan.latest_category = "NEG";
    plan.end_date = end;
    return insert(plan);
  }
  std::int64_t add_care(std::int64_t child, Date start) {
    domain::LookedAfterEpisode episode;
    episode.child_id = child;
    episode.start_date = start;
    episode.reason_for_new_episode = "S";
    episode.legal_status = "V2";
    episode.category_of_need = "N1";
    episode.placement_type = "U3";
    episode.placement_provider = "PR1";
    return insert(episode);
  }
  // Allocated directly (set-up, no checks), from `start`.
  std::int64_t hold(std::int64_t child, std::optional<std::int64_t> worker, std::int64_t team,
                    Date start = day("2024-06-03")) {
    domain::Allocation allocation;
    allocation.child_id = child;
    allocation.worker_id = worker;
    allocation.team_id = team;
    allocation.start_date = start;
    allocation.reason = "new case";
    return insert(allocation);
  }

  std::int64_t team_a = 0;
  std::int64_t team_b = 0;

 private:
  safeguard::testing::TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Casework> casework_;
  int staff_ = 0;
  int children_ = 0;
  std::map<std::int64_t, std::int64_t> episodes_;
};

}  // namespace safeguard::casework::testing
