// Signing in and sessions: the right password gives a session whose token is stored only as a hash;
// wrong passwords get one message whatever was wrong; five in a row lock the account for fifteen
// minutes; sessions end when idle, at their absolute expiry, and on sign-out; every step is audited
// and no audit event holds a password or its hash.
#include "app/access.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace safeguard::app {
namespace {

using ::testing::HasSubstr;

class AccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::open(dir_.file("access.db"), store::Store::Mode::kCreateOrMigrate);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    access_ = std::make_unique<Access>(*store_, clock_);
    auto id = access_->add_user(
        Actor::system("test"),
        {"social-worker", "demo-social-worker", "social_worker", std::nullopt, std::nullopt, ""});
    ASSERT_TRUE(id) << id.error().message;
  }

  std::vector<store::AuditRecord> events() {
    std::vector<store::AuditRecord> all;
    EXPECT_TRUE(store_->read([&](store::Transaction& transaction) -> Status {
      return transaction.for_each_audit_record(1, [&](const store::AuditRecord& record) {
        all.push_back(record);
        return true;
      });
    }));
    return all;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  ManualClock clock_{Timestamp::at_start_of(*Date::from_ymd(2026, 3, 2)).plus_seconds(8 * 3600)};
  std::unique_ptr<Access> access_;
};

TEST_F(AccessTest, RightPasswordGivesASessionStoredOnlyAsAHash) {
  auto session = access_->sign_in("social-worker", "demo-social-worker", "127.0.0.1");
  ASSERT_TRUE(session) << session.error().message;
  EXPECT_EQ(session->token.size(), 64u);
  EXPECT_EQ(session->principal.role, auth::Role::kSocialWorker);
  EXPECT_EQ(session->expires_at, "2026-03-02T18:00:00.000000Z");
  std::vector<domain::Session> stored;
  ASSERT_TRUE(store_->read([&](store::Transaction& transaction) -> Status {
    return transaction.for_each<domain::Session>([&](const domain::Session& s) -> Status {
      stored.push_back(s);
      return Status::success();
    });
  }));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_NE(stored[0].token_hash, session->token);
  auto active = access_->authenticate(session->token);
  ASSERT_TRUE(active) << active.error().message;
  EXPECT_EQ(active->principal.username, "social-worker");
  EXPECT_EQ(active->session.csrf_token, session->csrf_token);
}

TEST_F(AccessTest, WrongPasswordAndUnknownUserGetTheSameMessage) {
  auto wrong = access_->sign_in("social-worker", "not-the-password", "127.0.0.1");
  auto unknown = access_->sign_in("nobody-here", "not-the-password", "127.0.0.1");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  auto trail = events();
  ASSERT_GE(trail.size(), 3u);
  EXPECT_EQ(trail[1].action, "sign_in_failed");
  EXPECT_EQ(trail[2].action, "sign_in_failed");
  EXPECT_THAT(trail[2].reason, HasSubstr("no such account"));
}

TEST_F(AccessTest, FiveFailuresLockTheAccountForFifteenMinutes) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(access_->sign_in("social-worker", "wrong-password", "10.0.0.1"));
  }
  auto locked = access_->sign_in("social-worker", "demo-social-worker", "10.0.0.1");
  ASSERT_FALSE(locked);
  EXPECT_THAT(locked.error().message, HasSubstr("locked"));
  EXPECT_THAT(locked.error().message, HasSubstr("2026-03-02T08:15"));
  clock_.advance_seconds(14 * 60);
  EXPECT_FALSE(access_->sign_in("social-worker", "demo-social-worker", "10.0.0.1"));
  clock_.advance_seconds(61);
  auto after = access_->sign_in("social-worker", "demo-social-worker", "10.0.0.1");
  EXPECT_TRUE(after) << after.error().message;
}

TEST_F(AccessTest, SessionEndsAfterThirtyIdleMinutes) {
  auto session = access_->sign_in("social-worker", "demo-social-worker", "127.0.0.1");
  ASSERT_TRUE(session);
  clock_.advance_seconds(29 * 60);
  ASSERT_TRUE(access_->authenticate(session->token));  // and this request resets the idle timer
  clock_.advance_seconds(29 * 60);
  ASSERT_TRUE(access_->authenticate(session->token));
  clock_.advance_seconds(31 * 60);
  auto idle = access_->authenticate(session->token);
  ASSERT_FALSE(idle);
  EXPECT_THAT(idle.error().message, HasSubstr("sign in again"));
}

TEST_F(AccessTest, SessionEndsAtItsAbsoluteExpiryEvenWhenBusy) {
  auto session = access_->sign_in("social-worker", "demo-social-worker", "127.0.0.1");
  ASSERT_TRUE(session);
  for (int i = 0; i < 40; ++i) {  // a request every 15 minutes for 10 hours
    clock_.advance_seconds(15 * 60);
    bool live = access_->authenticate(session->token).ok();
    EXPECT_EQ(live, i < 39) << "after " << (i + 1) * 15 << " minutes";
  }
}

TEST_F(AccessTest, SignOutEndsTheSession) {
  auto session = access_->sign_in("social-worker", "demo-social-worker", "127.0.0.1");
  ASSERT_TRUE(session);
  ASSERT_TRUE(access_->sign_out(session->token));
  EXPECT_FALSE(access_->authenticate(session->token));
  EXPECT_EQ(events().back().action, "sign_out");
}

TEST_F(AccessTest, GarbageTokensAreRefused) {
  EXPECT_FALSE(access_->authenticate(""));
  EXPECT_FALSE(access_->authenticate("' OR 1=1 --"));
  EXPECT_FALSE(access_->authenticate(std::string(64, 'a')));
}

TEST_F(AccessTest, AccountsAreValidatedAndNeverAuditTheirPassword) {
  auto duplicate = access_->add_user(
      Actor::system("test"),
      {"social-worker", "long enough pw", "social_worker", std::nullopt, std::nullopt, ""});
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().kind, ErrorKind::kConflict);
  EXPECT_FALSE(access_->add_user(Actor::system("test"),
                                 {"Bad Name", "long enough pw", "analyst", {}, {}, ""}));
  EXPECT_FALSE(access_->add_user(Actor::system("test"),
                                 {"someone", "long enough pw", "superuser", {}, {}, ""}));
  EXPECT_FALSE(
      access_->add_user(Actor::system("test"), {"someone", "short", "analyst", {}, {}, ""}));
  for (const auto& event : events()) {
    EXPECT_EQ(event.after.find("argon2"), std::string::npos);
    EXPECT_EQ(event.after.find("demo-social-worker"), std::string::npos);
  }
}

}  // namespace
}  // namespace safeguard::app
