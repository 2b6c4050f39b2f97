// Proves Transaction::summary(as_of) on a small authority built by hand, with every expected count
// worked out below from the rules the DfE and managers use: a record is open on a date when it
// started on or before it and had not ended by it, so an episode ending on the as_of date is no
// longer counted (as the DfE counts children looked after at 31 March) while one starting that day
// is; a child in need with no open allocation is unallocated; the mean caseload is open allocations
// per case-holding worker in post.
#include <gtest/gtest.h>

#include <map>

#include "store/store.h"
#include "support/temp_dir.h"

namespace safeguard::store {
namespace {

using namespace domain;  // NOLINT: the record types read better unqualified here.

Date day(const char* iso) { return *Date::parse_iso(iso); }
std::optional<Date> until(const char* iso) { return day(iso); }
constexpr std::nullopt_t kOpen = std::nullopt;

class SummaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(dir_.file("summary.db"), Store::Mode::kCreateOrMigrate);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
  }

  Summary summary_on(const char* as_of) {
    Summary summary;
    Status status = store_->read([&](Transaction& tx) -> Status {
      auto result = tx.summary(day(as_of));
      if (!result) return result.error();
      summary = *result;
      return Status::success();
    });
    EXPECT_TRUE(status.ok()) << status.error().message;
    return summary;
  }

  // The hand-built authority (children C1-C6, workers W1-W6).
  void build_authority() {
    Status built = store_->write([&](Transaction& tx) -> Status {
      std::map<std::string, std::int64_t> child;
      for (const char* name : {"C1", "C2", "C3", "C4", "C5", "C6"}) {
        Child record;
        record.local_id = name;
        record.first_name = name;
        record.last_name = "Child";
        record.date_of_birth = day("2012-01-01");
        record.sex = "F";
        record.ethnicity = "WBRI";
        SAFEGUARD_TRY(tx.insert(record));
        child[name] = record.id;
      }
      auto looked_after = [&](const char* who, const char* place, const char* start,
                              std::optional<Date> end) -> Status {
        LookedAfterEpisode episode;
        episode.child_id = child[who];
        episode.start_date = day(start);
        episode.reason_for_new_episode = "S";
        episode.legal_status = "C2";
        episode.category_of_need = "N1";
        episode.placement_type = place;
        episode.end_date = end;
        return tx.insert(episode).ok() ? Status::success() : Error::internal("episode");
      };
      // Looked after: C1 since 2024 (U4). C2 moved from K2 to U6 on 2024-06-01 (one child, two
      // episodes). C3's episode ends on 31 March itself. C4 comes into care on 31 March. C5 comes
      // into care the day after.
      SAFEGUARD_TRY(looked_after("C1", "U4", "2024-01-01", kOpen));
      SAFEGUARD_TRY(looked_after("C2", "K2", "2023-05-01", until("2024-06-01")));
      SAFEGUARD_TRY(looked_after("C2", "U6", "2024-06-01", kOpen));
      SAFEGUARD_TRY(looked_after("C3", "R1", "2024-02-01", until("2025-03-31")));
      SAFEGUARD_TRY(looked_after("C4", "U4", "2025-03-31", kOpen));
      SAFEGUARD_TRY(looked_after("C5", "U4", "2025-04-01", kOpen));

      // Children in need (each needs a referral): C1 open; C2 closed on 31 March; C3 open;
      // C5 opens on 2 April; C6 open since 2023.
      auto in_need = [&](const char* who, const char* start, std::optional<Date> end,
                         std::int64_t& episode_id) -> Status {
        Referral referral{0, child[who], std::nullopt, day(start), "6", false};
        SAFEGUARD_TRY(tx.insert(referral));
        ChildInNeedEpisode episode{0,    child[who], referral.id,     day(start),
                                   "N1", end,        end ? "RC7" : ""};
        SAFEGUARD_TRY(tx.insert(episode));
        episode_id = episode.id;
        return Status::success();
      };
      std::map<std::string, std::int64_t> episode;
      SAFEGUARD_TRY(in_need("C1", "2024-10-01", kOpen, episode["C1"]));
      SAFEGUARD_TRY(in_need("C2", "2024-01-01", until("2025-03-31"), episode["C2"]));
      SAFEGUARD_TRY(in_need("C3", "2025-01-01", kOpen, episode["C3"]));
      SAFEGUARD_TRY(in_need("C5", "2025-04-02", kOpen, episode["C5"]));
      SAFEGUARD_TRY(in_need("C6", "2023-01-01", kOpen, episode["C6"]));

      // Child protection plans: C1 open; C2's ended on 31 March; C3's ends on 10 April.
      auto plan = [&](const char* who, const char* start, std::optional<Date> end) -> Status {
        ChildProtectionPlan record{0, child[who], episode[who], day(start), "NEG", "", end};
        return tx.insert(record).ok() ? Status::success() : Error::internal("plan");
      };
      SAFEGUARD_TRY(plan("C1", "2024-12-01", kOpen));
      SAFEGUARD_TRY(plan("C2", "2024-06-01", until("2025-03-31")));
      SAFEGUARD_TRY(plan("C3", "2025-01-10", until("2025-04-10")));

      // Workers: W1 and W6 social workers, W2 a senior practitioner, W3 a team manager (holds no
      // cases), W4 a social worker who left on 31 March, W5 a personal adviser starting 1 April.
      Team team{0, "Safeguarding East", "safeguarding", true};
      SAFEGUARD_TRY(tx.insert(team));
      std::map<std::string, std::int64_t> worker;
      auto staff = [&](const char* who, const char* role, const char* start,
                       std::optional<Date> left) -> Status {
        Worker record{0, who, who, role, false, 1.0, team.id, day(start), left};
        SAFEGUARD_TRY(tx.insert(record));
        worker[who] = record.id;
        return Status::success();
      };
      SAFEGUARD_TRY(staff("W1", "social_worker", "2020-01-01", kOpen));
      SAFEGUARD_TRY(staff("W2", "senior_practitioner", "2019-01-01", kOpen));
      SAFEGUARD_TRY(staff("W3", "team_manager", "2018-01-01", kOpen));
      SAFEGUARD_TRY(staff("W4", "social_worker", "2021-01-01", until("2025-03-31")));
      SAFEGUARD_TRY(staff("W5", "personal_adviser", "2025-04-01", kOpen));
      SAFEGUARD_TRY(staff("W6", "social_worker", "2022-01-01", until("2025-04-30")));

      // Allocations: C1-W1, C2-W1, C5-W2 and C6-W2 open; C3-W4 ended on 31 March (so C3, still in
      // need, is unallocated then); C6-W6 ended in 2024; C4-W6 starts on 1 April.
      auto allocate = [&](const char* who, const char* to, const char* start,
                          std::optional<Date> end) -> Status {
        Allocation record{0, child[who], worker[to], team.id, day(start), end, "new case"};
        return tx.insert(record).ok() ? Status::success() : Error::internal("allocation");
      };
      SAFEGUARD_TRY(allocate("C1", "W1", "2024-10-01", kOpen));
      SAFEGUARD_TRY(allocate("C2", "W1", "2024-01-01", kOpen));
      SAFEGUARD_TRY(allocate("C5", "W2", "2025-02-01", kOpen));
      SAFEGUARD_TRY(allocate("C6", "W2", "2024-01-01", kOpen));
      SAFEGUARD_TRY(allocate("C3", "W4", "2025-01-01", until("2025-03-31")));
      SAFEGUARD_TRY(allocate("C6", "W6", "2023-01-01", until("2024-01-01")));
      SAFEGUARD_TRY(allocate("C4", "W6", "2025-04-01", kOpen));
      return Status::success();
    });
    ASSERT_TRUE(built.ok()) << built.error().message;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SummaryTest, AnEmptyAuthorityCountsNothing) {
  Summary summary = summary_on("2025-03-31");
  EXPECT_EQ(summary.as_of, day("2025-03-31"));
  EXPECT_EQ(summary.children_looked_after, 0);
  EXPECT_TRUE(summary.placements.empty());
  EXPECT_EQ(summary.cp_plans, 0);
  EXPECT_EQ(summary.children_in_need, 0);
  EXPECT_EQ(summary.unallocated_cases, 0);
  EXPECT_EQ(summary.workers, 0);
  EXPECT_EQ(summary.case_holding_workers, 0);
  EXPECT_EQ(summary.allocated_cases, 0);
  EXPECT_EQ(summary.mean_caseload, 0.0);  // no division by zero
}

TEST_F(SummaryTest, CountsOn31March) {
  build_authority();
  Summary summary = summary_on("2025-03-31");
  // Looked after: C1, C2 (once, in U6), C4 (started today); not C3 (ended today) nor C5.
  EXPECT_EQ(summary.children_looked_after, 3);
  EXPECT_EQ(summary.placements, (std::map<std::string, std::int64_t>{{"U4", 2}, {"U6", 1}}));
  // Plans: C1 and C3; C2's ended today.
  EXPECT_EQ(summary.cp_plans, 2);
  // In need: C1, C3, C6; C2 closed today, C5 not yet open.
  EXPECT_EQ(summary.children_in_need, 3);
  // C3's only allocation ended today.
  EXPECT_EQ(summary.unallocated_cases, 1);
  // In post: W1, W2, W3, W6 (W4 left today, W5 not started); holding cases: W1, W2, W6.
  EXPECT_EQ(summary.workers, 4);
  EXPECT_EQ(summary.case_holding_workers, 3);
  // Open allocations: C1-W1, C2-W1, C5-W2, C6-W2.
  EXPECT_EQ(summary.allocated_cases, 4);
  EXPECT_DOUBLE_EQ(summary.mean_caseload, 4.0 / 3.0);
}

TEST_F(SummaryTest, CountsOn1April) {
  build_authority();
  Summary summary = summary_on("2025-04-01");
  // Looked after: C1, C2, C4, C5 (started today).
  EXPECT_EQ(summary.children_looked_after, 4);
  EXPECT_EQ(summary.placements, (std::map<std::string, std::int64_t>{{"U4", 3}, {"U6", 1}}));
  EXPECT_EQ(summary.cp_plans, 2);           // C1, C3 (ends 10 April)
  EXPECT_EQ(summary.children_in_need, 3);   // C1, C3, C6 (C5 opens tomorrow)
  EXPECT_EQ(summary.unallocated_cases, 1);  // C3
  // In post: W1, W2, W3, W5, W6; holding cases: W1, W2, W5, W6.
  EXPECT_EQ(summary.workers, 5);
  EXPECT_EQ(summary.case_holding_workers, 4);
  // C1-W1, C2-W1, C5-W2, C6-W2 and C4-W6 (from today).
  EXPECT_EQ(summary.allocated_cases, 5);
  EXPECT_DOUBLE_EQ(summary.mean_caseload, 5.0 / 4.0);
}

TEST_F(SummaryTest, CountsBeforeAnyoneArrived) {
  build_authority();
  Summary summary = summary_on("2017-01-01");
  EXPECT_EQ(summary.children_looked_after, 0);
  EXPECT_EQ(summary.children_in_need, 0);
  EXPECT_EQ(summary.workers, 0);
  EXPECT_EQ(summary.mean_caseload, 0.0);
}

}  // namespace
}  // namespace safeguard::store
