// The case record's use cases: a valid record is stored with an audit event carrying its after
// image; a change keeps the before image; opening a child's record is itself audited; and an
// invalid record (a wrong code, or a code valid only in other years) is refused with a message
// naming the field, the value and where the allowed codes are listed — with nothing written, not
// even an audit event.
#include "app/case_record.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/temp_dir.h"

namespace safeguard::app {
namespace {

using ::testing::HasSubstr;

class CaseRecordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::open(dir_.file("case.db"), store::Store::Mode::kCreateOrMigrate);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    auto codes = domain::CodeLists::load_standard();
    ASSERT_TRUE(codes) << codes.error().message;
    codes_ = std::move(*codes);
    record_ = std::make_unique<CaseRecord>(*store_, codes_, clock_);
  }

  domain::Child a_child(std::string local_id = "C1") {
    domain::Child child;
    child.local_id = std::move(local_id);
    child.first_name = "Sam";
    child.last_name = "Jones";
    child.date_of_birth = *Date::from_ymd(2012, 2, 29);
    child.sex = "M";
    child.ethnicity = "WBRI";
    return child;
  }

  domain::LookedAfterEpisode an_episode(std::int64_t child_id, Date start, std::string place) {
    domain::LookedAfterEpisode episode;
    episode.child_id = child_id;
    episode.start_date = start;
    episode.reason_for_new_episode = "S";
    episode.legal_status = "C2";
    episode.category_of_need = "N1";
    episode.placement_type = std::move(place);
    episode.placement_provider = "PR1";
    return episode;
  }

  std::vector<store::AuditRecord> audit_events() {
    std::vector<store::AuditRecord> events;
    Status status = store_->read([&](store::Transaction& transaction) -> Status {
      return transaction.for_each_audit_record(1, [&](const store::AuditRecord& record) {
        events.push_back(record);
        return true;
      });
    });
    EXPECT_TRUE(status);
    return events;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  domain::CodeLists codes_;
  ManualClock clock_{Timestamp::at_start_of(*Date::from_ymd(2025, 6, 2)).plus_seconds(9 * 3600)};
  std::unique_ptr<CaseRecord> record_;
  Actor worker_{"social-worker", "social_worker", std::nullopt};
};

TEST_F(CaseRecordTest, AddingAChildStoresItAndAuditsTheAfterImage) {
  auto id = record_->add(worker_, a_child());
  ASSERT_TRUE(id) << id.error().message;
  auto events = audit_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor, "social-worker");
  EXPECT_EQ(events[0].action, "create");
  EXPECT_EQ(events[0].entity, "child");
  EXPECT_EQ(events[0].entity_id, std::to_string(*id));
  EXPECT_EQ(events[0].child_id, *id);
  EXPECT_EQ(events[0].at, "2025-06-02T09:00:00.000000Z");
  EXPECT_TRUE(events[0].before.empty());
  auto after = nlohmann::json::parse(events[0].after);
  EXPECT_EQ(after["local_id"], "C1");
  EXPECT_EQ(after["date_of_birth"], "2012-02-29");
}

TEST_F(CaseRecordTest, ChangingARecordKeepsWhatItSaidBefore) {
  auto id = record_->add(worker_, a_child());
  ASSERT_TRUE(id);
  auto child = a_child();
  child.id = *id;
  child.last_name = "Jones-Smith";
  Status changed = record_->change(worker_, child, "name changed by deed poll");
  ASSERT_TRUE(changed) << changed.error().message;
  auto events = audit_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].action, "update");
  EXPECT_EQ(events[1].reason, "name changed by deed poll");
  EXPECT_EQ(nlohmann::json::parse(events[1].before)["last_name"], "Jones");
  EXPECT_EQ(nlohmann::json::parse(events[1].after)["last_name"], "Jones-Smith");
}

TEST_F(CaseRecordTest, ChangingAMissingRecordIsNotFoundAndWritesNothing) {
  auto child = a_child();
  child.id = 999;
  Status changed = record_->change(worker_, child);
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(audit_events().empty());
}

TEST_F(CaseRecordTest, WrongPlacementCodeIsRefusedNamingFieldValueAndList) {
  auto child_id = record_->add(worker_, a_child());
  ASSERT_TRUE(child_id);
  auto refused = record_->add(worker_, an_episode(*child_id, *Date::from_ymd(2024, 5, 1), "Z9"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kInvalid);
  EXPECT_THAT(refused.error().message, HasSubstr("PLACE 'Z9'"));
  EXPECT_THAT(refused.error().message, HasSubstr("data/reference/codelists.csv"));
  EXPECT_THAT(refused.error().message, HasSubstr("U4"));  // lists what is allowed
  EXPECT_EQ(audit_events().size(), 1u);                   // only the child's creation
}

TEST_F(CaseRecordTest, CodeValidOnlyInOtherYearsIsRefusedWithItsValidity) {
  auto child_id = record_->add(worker_, a_child());
  ASSERT_TRUE(child_id);
  // K3 (registered supported accommodation) entered the PLACE list on 1 April 2025.
  auto early = record_->add(worker_, an_episode(*child_id, *Date::from_ymd(2025, 3, 1), "K3"));
  ASSERT_FALSE(early);
  EXPECT_THAT(early.error().message, HasSubstr("PLACE 'K3' is valid only from 2025-04-01"));
  EXPECT_THAT(early.error().message, HasSubstr("on 2025-03-01"));
  auto in_time = record_->add(worker_, an_episode(*child_id, *Date::from_ymd(2025, 4, 1), "K3"));
  EXPECT_TRUE(in_time) << in_time.error().message;
  // H5 left the list on 31 March 2025.
  auto late = record_->add(worker_, an_episode(*child_id, *Date::from_ymd(2025, 4, 1), "H5"));
  ASSERT_FALSE(late);
  EXPECT_THAT(late.error().message, HasSubstr("up to 2025-03-31"));
}

TEST_F(CaseRecordTest, OpeningAChildIsAuditedAsARead) {
  auto child_id = record_->add(worker_, a_child());
  ASSERT_TRUE(child_id);
  domain::Visit visit;
  visit.child_id = *child_id;
  visit.date = *Date::from_ymd(2025, 6, 1);
  visit.child_seen = true;
  visit.seen_alone = true;
  ASSERT_TRUE(record_->add(worker_, visit));
  auto opened = record_->open_child(worker_, *child_id, "monthly review");
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(opened->child.local_id, "C1");
  ASSERT_EQ(opened->visits.size(), 1u);
  EXPECT_TRUE(opened->visits[0].seen_alone);
  auto events = audit_events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].action, "read");
  EXPECT_EQ(events[2].child_id, *child_id);
  EXPECT_EQ(events[2].reason, "monthly review");
}

TEST_F(CaseRecordTest, OpeningAMissingChildIsNotFoundAndNotAudited) {
  auto opened = record_->open_child(worker_, 12345);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(audit_events().empty());
}

TEST_F(CaseRecordTest, EveryEventChainsAndTheTrailVerifies) {
  for (int n = 0; n < 20; ++n) {
    ASSERT_TRUE(record_->add(worker_, a_child("C" + std::to_string(n))));
    clock_.advance_seconds(61);
  }
  auto verified = audit::verify(*store_);
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->events_checked, 20);
}

TEST_F(CaseRecordTest, DuplicateLocalIdIsAConflictAndLeavesNoAuditEvent) {
  ASSERT_TRUE(record_->add(worker_, a_child("C1")));
  auto duplicate = record_->add(worker_, a_child("C1"));
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(audit_events().size(), 1u);
}

}  // namespace
}  // namespace safeguard::app
