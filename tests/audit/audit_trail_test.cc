// Proves how the audit trail is written: events are numbered 1, 2, 3 ... each linked to the one
// before by its hash (the first to 64 zeros), timed by the clock given, stored with every field the
// caller gave, and only if the work they describe commits. The hash covers every field, and fields
// cannot be shifted into one another. Anchors print and parse as SEQ:HASH. tamper_test.cc proves
// what verify() catches.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "support/temp_dir.h"

namespace safeguard::audit {
namespace {

using store::AuditRecord;
using store::Store;
using store::Transaction;

class AuditTrailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(dir_.file("audit.db"), Store::Mode::kCreateOrMigrate);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
  }

  Result<AuditRecord> append_one(const Event& event) {
    Result<AuditRecord> appended = Error::internal("not run");
    Status status = store_->write([&](Transaction& tx) -> Status {
      appended = append(tx, clock_, event);
      return appended.ok() ? Status::success() : Status(appended.error());
    });
    if (!status) return status.error();
    return appended;
  }

  std::vector<AuditRecord> stored() {
    std::vector<AuditRecord> all;
    EXPECT_TRUE(store_->read([&](Transaction& tx) -> Status {
      return tx.for_each_audit_record(1, [&](const AuditRecord& record) {
        all.push_back(record);
        return true;
      });
    }));
    return all;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  ManualClock clock_{*Timestamp::parse_iso("2025-03-31T09:00:00.000000Z")};
};

Event an_event(int n) {
  return Event{"social-worker",
               "update",
               "child",
               std::to_string(n),
               n,
               "reason " + std::to_string(n),
               "{\"before\":" + std::to_string(n) + "}",
               "{\"after\":" + std::to_string(n) + "}"};
}

TEST(GenesisHash, IsSixtyFourZeros) { EXPECT_EQ(kGenesisHash, std::string(64, '0')); }

TEST_F(AuditTrailTest, AppendChainsEventsFromTheGenesisHash) {
  for (int n = 1; n <= 5; ++n) {
    auto appended = append_one(an_event(n));
    ASSERT_TRUE(appended.ok()) << appended.error().message;
    EXPECT_EQ(appended->seq, n);
    clock_.advance_seconds(61);
  }
  std::vector<AuditRecord> events = stored();
  ASSERT_EQ(events.size(), 5u);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const AuditRecord& event = events[i];
    SCOPED_TRACE("event " + std::to_string(event.seq));
    EXPECT_EQ(event.seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(event.prev_hash, i == 0 ? kGenesisHash : events[i - 1].hash);
    EXPECT_EQ(event.hash, compute_hash(event));
    EXPECT_EQ(event.hash.size(), 64u);
    EXPECT_EQ(event.hash.find_first_not_of("0123456789abcdef"), std::string::npos);
    Event expected = an_event(static_cast<int>(i + 1));
    EXPECT_EQ(event.actor, expected.actor);
    EXPECT_EQ(event.action, expected.action);
    EXPECT_EQ(event.entity, expected.entity);
    EXPECT_EQ(event.entity_id, expected.entity_id);
    EXPECT_EQ(event.child_id, expected.child_id);
    EXPECT_EQ(event.reason, expected.reason);
    EXPECT_EQ(event.before, expected.before);
    EXPECT_EQ(event.after, expected.after);
    EXPECT_EQ(event.at, Timestamp::parse_iso("2025-03-31T09:00:00.000000Z")
                            ->plus_seconds(61 * static_cast<std::int64_t>(i))
                            .iso());
  }
  auto now = head(*store_);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->seq, 5);
  EXPECT_EQ(now->hash, events.back().hash);
}

TEST_F(AuditTrailTest, AnEmptyTrailVerifiesAndHasTheGenesisHead) {
  auto now = head(*store_);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->seq, 0);
  EXPECT_EQ(now->hash, kGenesisHash);
  auto verified = verify(*store_);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact);
  EXPECT_EQ(verified->events_checked, 0);
  EXPECT_FALSE(verified->first_bad_seq.has_value());
}

TEST_F(AuditTrailTest, AnIntactChainVerifies) {
  for (int n = 1; n <= 50; ++n) ASSERT_TRUE(append_one(an_event(n)).ok());
  auto verified = verify(*store_);
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->events_checked, 50);
  EXPECT_EQ(verified->head.seq, 50);
  EXPECT_EQ(verified->problem, "");
  auto now = head(*store_);
  EXPECT_EQ(verified->head.hash, now->hash);
  // With the head as anchor, and with an older anchor, it still verifies.
  EXPECT_TRUE(verify(*store_, *now)->intact);
}

TEST_F(AuditTrailTest, AnEventIsKeptOnlyIfItsWorkCommits) {
  ASSERT_TRUE(append_one(an_event(1)).ok());
  Status refused = store_->write([&](Transaction& tx) -> Status {
    auto appended = append(tx, clock_, an_event(2));
    EXPECT_TRUE(appended.ok());
    EXPECT_EQ(appended->seq, 2);
    return Error::conflict("open cases remain");
  });
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(stored().size(), 1u);
  // The next event takes the number the rolled-back one would have had, and the chain holds.
  auto next = append_one(an_event(3));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->seq, 2);
  EXPECT_TRUE(verify(*store_)->intact);
}

TEST_F(AuditTrailTest, SeveralEventsInOneTransactionChainInOrder) {
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    for (int n = 1; n <= 3; ++n) {
      auto appended = append(tx, clock_, an_event(n));
      if (!appended) return appended.error();
    }
    return Status::success();
  }));
  std::vector<AuditRecord> events = stored();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].prev_hash, events[1].hash);
  EXPECT_TRUE(verify(*store_)->intact);
}

TEST_F(AuditTrailTest, AppendInAReadTransactionIsRefused) {
  Status status = store_->read([&](Transaction& tx) -> Status {
    auto appended = append(tx, clock_, an_event(1));
    return appended.ok() ? Status::success() : Status(appended.error());
  });
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(stored().empty());
}

TEST_F(AuditTrailTest, EventsForAChildAreFoundNewestFirst) {
  for (int n = 1; n <= 6; ++n) {
    Event event = an_event(n);
    event.child_id = n % 2 == 0 ? 42 : 7;
    ASSERT_TRUE(append_one(event).ok());
  }
  Event system_event{"system:demo", "generate", "authority", "", std::nullopt, "", "", ""};
  ASSERT_TRUE(append_one(system_event).ok());
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    auto events = tx.audit_records_for_child(42, 2);
    EXPECT_TRUE(events.ok());
    std::vector<std::int64_t> seqs;
    for (const auto& event : *events) seqs.push_back(event.seq);
    EXPECT_EQ(seqs, (std::vector<std::int64_t>{6, 4}));
    return Status::success();
  }));
}

// --- the hash -----------------------------------------------------------------------------------

AuditRecord a_record() {
  AuditRecord record;
  record.seq = 7;
  record.at = "2025-03-31T09:15:02.000123Z";
  record.actor = "social-worker";
  record.action = "update";
  record.entity = "child";
  record.entity_id = "42";
  record.child_id = 42;
  record.reason = "annual review";
  record.before = "{\"a\":1}";
  record.after = "{\"a\":2}";
  record.prev_hash = std::string(64, 'a');
  return record;
}

struct FieldChange {
  const char* field;
  std::function<void(AuditRecord&)> change;
};

TEST(ComputeHash, CoversEveryField) {
  const std::string original = compute_hash(a_record());
  EXPECT_EQ(compute_hash(a_record()), original) << "the hash is deterministic";
  std::vector<FieldChange> changes = {
      {"seq", [](AuditRecord& r) { r.seq = 8; }},
      {"at", [](AuditRecord& r) { r.at = "2025-03-31T09:15:02.000124Z"; }},
      {"actor", [](AuditRecord& r) { r.actor = "team-manager"; }},
      {"action", [](AuditRecord& r) { r.action = "read"; }},
      {"entity", [](AuditRecord& r) { r.entity = "visit"; }},
      {"entity_id", [](AuditRecord& r) { r.entity_id = "43"; }},
      {"child_id", [](AuditRecord& r) { r.child_id = 43; }},
      {"child_id null", [](AuditRecord& r) { r.child_id.reset(); }},
      {"reason", [](AuditRecord& r) { r.reason = ""; }},
      {"before", [](AuditRecord& r) { r.before = "{\"a\":0}"; }},
      {"after", [](AuditRecord& r) { r.after = "{\"a\":3}"; }},
      {"prev_hash", [](AuditRecord& r) { r.prev_hash = std::string(64, 'b'); }},
  };
  for (const auto& change : changes) {
    AuditRecord record = a_record();
    change.change(record);
    EXPECT_NE(compute_hash(record), original) << change.field << " is not covered by the hash";
  }
  // The stored hash itself is not part of what is hashed.
  AuditRecord with_hash = a_record();
  with_hash.hash = "anything";
  EXPECT_EQ(compute_hash(with_hash), original);
}

TEST(ComputeHash, FieldsCannotBeShiftedIntoOneAnother) {
  AuditRecord first = a_record();
  first.actor = "ab";
  first.action = "c";
  AuditRecord second = a_record();
  second.actor = "a";
  second.action = "bc";
  EXPECT_NE(compute_hash(first), compute_hash(second));

  AuditRecord separator = a_record();
  separator.reason = "x;1:y";
  separator.before = "";
  AuditRecord shifted = a_record();
  shifted.reason = "x";
  shifted.before = "y";
  EXPECT_NE(compute_hash(separator), compute_hash(shifted));

  AuditRecord no_child = a_record();
  no_child.child_id.reset();
  AuditRecord dash_child = a_record();
  dash_child.child_id = -1;
  EXPECT_NE(compute_hash(no_child), compute_hash(dash_child));
}

// --- anchors ------------------------------------------------------------------------------------

TEST(Anchor, PrintsAndParsesAsSeqColonHash) {
  Anchor anchor{1234, std::string(63, 'f') + "0"};
  EXPECT_EQ(anchor.text(), "1234:" + anchor.hash);
  auto parsed = Anchor::parse(anchor.text());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->seq, 1234);
  EXPECT_EQ(parsed->hash, anchor.hash);
}

TEST(Anchor, ParseRefusesAnythingElse) {
  const std::string hash(64, 'a');
  for (const std::string& text :
       {std::string(""), std::string("1234"), ":" + hash, "0:" + hash, "-1:" + hash, "x:" + hash,
        "12a:" + hash, "12:" + hash.substr(1), "12:" + hash + "a", "12:" + std::string(64, 'A'),
        "12:" + std::string(63, 'a') + "g", " 12:" + hash, "12 :" + hash, "12:" + hash + "\n"}) {
    auto parsed = Anchor::parse(text);
    EXPECT_FALSE(parsed.ok()) << "'" << text << "' was accepted";
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalid);
      EXPECT_NE(parsed.error().message.find("SEQ:HASH"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace safeguard::audit
