// The screens through the real router, api::Services and a store on disk: who sees what, the 403
// page and its audit event, CSRF on every change, the GOV.UK error pattern, escaping of stored
// text, and drafts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/services.h"
#include "api/session.h"
#include "domain/child.h"
#include "domain/practice.h"
#include "domain/workforce.h"
#include "http/router.h"
#include "pages/pages.h"
#include "support/temp_dir.h"

namespace safeguard::pages {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Date day(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

class PageRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    auto codes = domain::CodeLists::load_standard();
    ASSERT_TRUE(codes.ok());
    codes_ = std::make_unique<domain::CodeLists>(std::move(*codes));
    auto store = store::Store::open((dir_.path() / "pages.db").string(),
                                    store::Store::Mode::kCreateOrMigrate);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    Status seeded = store_->write([&](store::Transaction& tx) -> Status {
      domain::Team one{0, "Team One", "safeguarding", true};
      domain::Team two{0, "Team Two", "safeguarding", true};
      SAFEGUARD_TRY(tx.insert(one));
      SAFEGUARD_TRY(tx.insert(two));
      domain::Worker sam;
      sam.staff_id = "W1";
      sam.name = "Sam Worker";
      sam.role = "social_worker";
      sam.team_id = one.id;
      sam.start_date = day(2020, 1, 1);
      SAFEGUARD_TRY(tx.insert(sam));
      domain::Worker kim = sam;
      kim.staff_id = "W2";
      kim.name = "Kim Other";
      kim.team_id = two.id;
      SAFEGUARD_TRY(tx.insert(kim));
      domain::Child child;
      child.local_id = "C1";
      child.upn = "UN1";
      child.first_name = "<script>alert(1)</script>";
      child.last_name = "O'Brien & \"Sons\"";
      child.date_of_birth = day(2015, 6, 1);
      child.sex = "F";
      child.ethnicity = "WBRI";
      SAFEGUARD_TRY(tx.insert(child));
      domain::Allocation allocation;
      allocation.child_id = child.id;
      allocation.worker_id = sam.id;
      allocation.team_id = one.id;
      allocation.start_date = day(2024, 1, 1);
      allocation.reason = "New case";
      SAFEGUARD_TRY(tx.insert(allocation));
      child_id_ = child.id;
      sam_ = {sam.id, one.id};
      kim_ = {kim.id, two.id};
      return Status::success();
    });
    ASSERT_TRUE(seeded.ok()) << seeded.error().message;
    services_ = std::make_unique<api::Services>(*store_, *codes_, clock_);
    ASSERT_TRUE(add_page_routes(router_, *services_).ok());
    sam_session_ = add_and_sign_in("sam", sam_);
    kim_session_ = add_and_sign_in("kim", kim_);
  }

  app::IssuedSession add_and_sign_in(const std::string& username,
                                     std::pair<std::int64_t, std::int64_t> worker_team) {
    app::NewAccount account;
    account.username = username;
    account.password = "a-long-password-" + username;
    account.role = "social_worker";
    account.worker_id = worker_team.first;
    account.team_id = worker_team.second;
    EXPECT_TRUE(services_->access.add_user(app::Actor::system("test"), account).ok());
    auto session = services_->access.sign_in(username, account.password, "127.0.0.1");
    EXPECT_TRUE(session.ok());
    return *session;
  }

  http::Response request(std::string method, std::string target,
                         const app::IssuedSession* session = nullptr, std::string body = {},
                         bool with_csrf = true) {
    http::Request request;
    request.method = std::move(method);
    auto parsed = http::parse_target(target);
    EXPECT_TRUE(parsed.ok());
    request.path = parsed->path;
    request.query = parsed->query;
    request.remote_address = "127.0.0.1";
    if (session)
      request.headers.set("Cookie", std::string(api::kSessionCookie) + "=" + session->token);
    if (!body.empty()) {
      request.headers.set("Content-Type", "application/x-www-form-urlencoded");
      if (session && with_csrf) body += "&csrf_token=" + session->csrf_token;
      request.body = std::move(body);
    }
    return router_.handle(request);
  }

  std::int64_t count_audit(const std::string& actor, const std::string& action) {
    std::int64_t count = 0;
    (void)store_->read([&](store::Transaction& tx) -> Status {
      return tx.for_each_audit_record(1, [&](const store::AuditRecord& record) {
        if (record.actor == actor && record.action == action && record.child_id == child_id_)
          ++count;
        return true;
      });
    });
    return count;
  }

  std::string child_path() const { return "/children/" + std::to_string(child_id_); }

  testing::TempDir dir_;
  ManualClock clock_{Timestamp::at_start_of(day(2025, 3, 31)).plus_seconds(10 * 3600)};
  std::unique_ptr<domain::CodeLists> codes_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<api::Services> services_;
  http::Router router_;
  std::int64_t child_id_ = 0;
  std::pair<std::int64_t, std::int64_t> sam_, kim_;
  app::IssuedSession sam_session_, kim_session_;
};

TEST_F(PageRoutes, WithoutASessionEveryPageAsksToSignIn) {
  http::Response response = request("GET", child_path());
  EXPECT_EQ(response.status, 303);
  EXPECT_THAT(std::string(response.headers.get("Location").value_or("")),
              HasSubstr("/sign-in?next="));
  http::Response sign_in = request("GET", "/sign-in");
  EXPECT_EQ(sign_in.status, 200);
  EXPECT_THAT(sign_in.body, Not(HasSubstr("Demo sign-ins")));  // not a demo database
  EXPECT_THAT(sign_in.body, Not(HasSubstr("demonstration authority")));
}

TEST_F(PageRoutes, TheWorkerSeesTheRecordWithEveryStoredTextEscaped) {
  http::Response response = request("GET", child_path(), &sam_session_);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_THAT(response.body, Not(HasSubstr("<script>alert(1)")));
  EXPECT_THAT(
      response.body,
      HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; O&apos;Brien &amp; &quot;Sons&quot;"));
  EXPECT_THAT(response.body, HasSubstr("Sam Worker (Team One)"));
  EXPECT_GE(count_audit("sam", "read"), 1);
  http::Response caseload = request("GET", "/caseload", &sam_session_);
  EXPECT_EQ(caseload.status, 200);
  EXPECT_THAT(caseload.body, HasSubstr("data-child-id=\"" + std::to_string(child_id_) + "\""));
}

TEST_F(PageRoutes, AnotherTeamsWorkerIsRefusedAndTheRefusalAudited) {
  http::Response response = request("GET", child_path(), &kim_session_);
  EXPECT_EQ(response.status, 403);
  EXPECT_THAT(response.body, HasSubstr("You do not have access to this child&apos;s record"));
  EXPECT_THAT(response.body, Not(HasSubstr("alert(1)")));
  EXPECT_EQ(count_audit("kim", "refuse"), 1);
  http::Response caseload = request("GET", "/caseload", &kim_session_);
  EXPECT_THAT(caseload.body, Not(HasSubstr("data-child-id=")));
  EXPECT_EQ(request("GET", child_path() + "/visits/new", &kim_session_).status, 403);
  EXPECT_EQ(request("POST", child_path() + "/visits", &kim_session_,
                    "date-day=1&date-month=3&date-year=2025&seen=yes&seen_alone=no&note=x")
                .status,
            403);
}

TEST_F(PageRoutes, RecordingAVisitNeedsTheCsrfTokenAndValidAnswers) {
  std::string valid =
      "date-day=31&date-month=3&date-year=2025&seen=yes&seen_alone=yes&note=Played+football";
  http::Response forged = request("POST", child_path() + "/visits", &sam_session_, valid, false);
  EXPECT_EQ(forged.status, 403);

  http::Response invalid = request("POST", child_path() + "/visits", &sam_session_,
                                   "date-day=32&date-month=3&date-year=2025&note=%3Cb%3Ehi");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_THAT(invalid.body, HasSubstr("govuk-error-summary"));
  EXPECT_THAT(invalid.body,
              HasSubstr("<a href=\"#date-day\">Date of the visit must be a real date</a>"));
  EXPECT_THAT(invalid.body, HasSubstr("&lt;b&gt;hi</textarea>"));  // kept, escaped
  EXPECT_THAT(invalid.body, HasSubstr("<title>Error: Record a visit"));

  http::Response saved = request("POST", child_path() + "/visits", &sam_session_, valid);
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(std::string(saved.headers.get("Location").value_or("")),
            child_path() + "?done=visit#chronology");
  http::Response record = request("GET", child_path() + "?done=visit", &sam_session_);
  EXPECT_THAT(record.body, HasSubstr("Visit saved"));
  EXPECT_THAT(record.body, HasSubstr("seen alone. Played football"));
}

TEST_F(PageRoutes, DraftsBelongToThePersonAndNeedTheCsrfToken) {
  auto put = [&](const app::IssuedSession& session, bool csrf) {
    http::Request draft;
    draft.method = "PUT";
    draft.path = "/drafts/note-1";
    draft.headers.set("Cookie", std::string(api::kSessionCookie) + "=" + session.token);
    draft.headers.set("Content-Type", "application/json");
    if (csrf) draft.headers.set("X-CSRF-Token", session.csrf_token);
    draft.body = R"({"fields": {"subject": "Call", "text": "School phoned"}})";
    return router_.handle(draft);
  };
  EXPECT_EQ(put(sam_session_, false).status, 403);
  EXPECT_EQ(put(sam_session_, true).status, 204);
  http::Response mine = request("GET", "/drafts/note-1", &sam_session_);
  EXPECT_EQ(mine.status, 200);
  EXPECT_THAT(mine.body, HasSubstr("School phoned"));
  EXPECT_EQ(request("GET", "/drafts/note-1", &kim_session_).status, 404);
  EXPECT_EQ(request("GET", "/drafts/..%2Fetc", &sam_session_).status, 404);
}

TEST_F(PageRoutes, TeamPagesAreForManagers) {
  http::Response response = request("GET", "/service", &sam_session_);
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(request("GET", "/teams/1", &sam_session_).status, 403);
}

}  // namespace
}  // namespace safeguard::pages
