// The screens through the real router, api::Services and a store on disk: who sees what, the 403
// page and its audit event, CSRF on every change, the GOV.UK error pattern, escaping of stored
// text, and drafts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/services.h"
#include "api/session.h"
#include "audit/audit_trail.h"
#include "domain/child.h"
#include "domain/looked_after.h"
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
                                     std::pair<std::int64_t, std::int64_t> worker_team,
                                     std::string role = "social_worker", std::string agency = {}) {
    app::NewAccount account;
    account.username = username;
    account.password = "a-long-password-" + username;
    account.role = std::move(role);
    if (worker_team.first > 0) account.worker_id = worker_team.first;
    if (worker_team.second > 0) account.team_id = worker_team.second;
    account.agency = std::move(agency);
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

  // Audit events by `actor` about `entity` with `action`, whatever the child.
  std::int64_t count_events(const std::string& actor, const std::string& action,
                            const std::string& entity) {
    std::int64_t count = 0;
    (void)store_->read([&](store::Transaction& tx) -> Status {
      return tx.for_each_audit_record(1, [&](const store::AuditRecord& record) {
        if (record.actor == actor && record.action == action && record.entity == entity) ++count;
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

TEST_F(PageRoutes, AnAnalystSeesFiguresWithNoChildNamed) {
  auto analyst = add_and_sign_in("ana", {0, 0}, "analyst");
  http::Response home = request("GET", "/", &analyst);
  EXPECT_EQ(std::string(home.headers.get("Location").value_or("")), "/figures");
  http::Response figures = request("GET", "/figures", &analyst);
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_THAT(figures.body, HasSubstr("Children looked after"));
  EXPECT_THAT(figures.body, HasSubstr("Cases allocated to a worker"));
  EXPECT_THAT(figures.body, Not(HasSubstr("Brien")));  // the one child's name
  EXPECT_THAT(figures.body, Not(HasSubstr("/children/")));
  EXPECT_EQ(count_events("ana", "read", "summary"), 1);

  http::Response bad = request("GET", "/figures?date-day=31&date-month=2&date-year=2025", &analyst);
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("govuk-error-summary"));
  EXPECT_THAT(bad.body, HasSubstr("<a href=\"#date-day\">Date of the figures must be a real date"));

  http::Response refused = request("GET", "/figures", &sam_session_);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(count_events("sam", "refuse", "summary"), 1);
}

TEST_F(PageRoutes, APartnerSubmitsAConcernAndSeesOnlyTheirOwn) {
  auto police = add_and_sign_in("police-a", {0, 0}, "partner_agency", "Police");
  auto school = add_and_sign_in("school-b", {0, 0}, "partner_agency", "School");
  EXPECT_EQ(std::string(request("GET", "/", &police).headers.get("Location").value_or("")),
            "/concerns");
  EXPECT_EQ(request("GET", "/concerns/new", &police).status, 200);

  http::Response empty = request("POST", "/concerns", &police, "first_name=&summary=");
  EXPECT_EQ(empty.status, 422);
  EXPECT_THAT(empty.body,
              HasSubstr("<a href=\"#first_name\">Enter the child&apos;s first name</a>"));
  EXPECT_THAT(empty.body, HasSubstr("<a href=\"#date-day\">Enter the date you became concerned"));
  EXPECT_THAT(empty.body, HasSubstr("<title>Error: "));

  http::Response forged = request(
      "POST", "/concerns", &police,
      "first_name=Ann&last_name=Lee&date-day=30&date-month=3&date-year=2025&summary=x", false);
  EXPECT_EQ(forged.status, 403);

  http::Response sent = request("POST", "/concerns", &police,
                                "first_name=Ann&last_name=Lee&date-day=30&date-month=3&"
                                "date-year=2025&summary=Bruises+seen+%3Cb%3Etoday%3C%2Fb%3E");
  ASSERT_EQ(sent.status, 303) << sent.body;
  std::string location(sent.headers.get("Location").value_or(""));
  EXPECT_THAT(location, ::testing::StartsWith("/concerns/"));
  EXPECT_EQ(count_events("police-a", "submit", "concern"), 1);

  http::Response shown = request("GET", location, &police);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_THAT(shown.body, HasSubstr("the front door has your concern"));
  EXPECT_THAT(shown.body, HasSubstr("Bruises seen &lt;b&gt;today&lt;/b&gt;"));
  EXPECT_THAT(shown.body, HasSubstr("Received"));
  std::string path = location.substr(0, location.find('?'));
  EXPECT_THAT(request("GET", "/concerns", &police).body, HasSubstr("href=\"" + path + "\""));

  // The other partner neither lists nor opens it, and the attempt is audited.
  EXPECT_THAT(request("GET", "/concerns", &school).body, Not(HasSubstr("Ann Lee")));
  EXPECT_EQ(request("GET", path, &school).status, 403);
  EXPECT_EQ(count_events("school-b", "refuse", "concern"), 1);
  // A partner sees no child's record.
  EXPECT_EQ(request("GET", child_path(), &police).status, 403);
}

TEST_F(PageRoutes, ATeamManagerSeesEmergencyAccessToTheirTeamsChildren) {
  auto manager = add_and_sign_in("manager-one", {0, sam_.second}, "team_manager");
  auto other_manager = add_and_sign_in("manager-two", {0, kim_.second}, "team_manager");
  EXPECT_THAT(request("GET", "/team/emergency-access", &manager).body,
              HasSubstr("Nobody outside the team has used emergency access"));
  // Kim, of the other team, breaks glass on Team One's child (the grant as the API records it).
  audit::Event grant;
  grant.actor = "kim";
  grant.action = "break_glass";
  grant.entity = "child";
  grant.entity_id = std::to_string(child_id_);
  grant.child_id = child_id_;
  grant.reason = "Police called at night <urgent>";
  grant.after = R"({"until": ")" + clock_.now().plus_seconds(4 * 3600).iso() +
                R"(", "role": "social_worker"})";
  ASSERT_TRUE(services_->trail.append(grant).ok());

  http::Response log = request("GET", "/team/emergency-access", &manager);
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_THAT(log.body, HasSubstr("Police called at night &lt;urgent&gt;"));
  EXPECT_THAT(log.body, HasSubstr("kim"));
  EXPECT_THAT(log.body, HasSubstr("Active"));
  EXPECT_THAT(log.body, HasSubstr("href=\"" + child_path() + "\""));
  EXPECT_EQ(count_events("manager-one", "read", "break_glass_log"), 2);

  // Not the other team's manager, nor a social worker; each refusal audited.
  EXPECT_EQ(
      request("GET", "/teams/" + std::to_string(sam_.second) + "/emergency-access", &other_manager)
          .status,
      403);
  EXPECT_THAT(request("GET", "/team/emergency-access", &other_manager).body,
              Not(HasSubstr("Police called")));
  EXPECT_EQ(request("GET", "/team/emergency-access", &sam_session_).status, 403);
  EXPECT_EQ(count_events("manager-two", "refuse", "break_glass_log"), 1);
}

TEST_F(PageRoutes, TheReturnsPageIsForHeadsOfServiceAndChecksAYear) {
  // The child came into care in 2024/25 with no placement postcodes and no review: the return
  // fails rules, and the page lists the child with a link to the record.
  Status added = store_->write([&](store::Transaction& tx) -> Status {
    domain::LookedAfterEpisode episode;
    episode.child_id = child_id_;
    episode.start_date = day(2024, 5, 1);
    episode.reason_for_new_episode = "S";
    episode.legal_status = "C2";
    episode.category_of_need = "N1";
    episode.placement_type = "U1";
    episode.placement_provider = "PR1";
    SAFEGUARD_TRY(tx.insert(episode));
    return Status::success();
  });
  ASSERT_TRUE(added.ok()) << added.error().message;
  auto head = add_and_sign_in("head", {0, 0}, "head_of_service");
  http::Response page = request("GET", "/returns?year=2025", &head);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("The 2024/25 return"));
  EXPECT_THAT(page.body, HasSubstr("<option value=\"2025\" selected>2024/25</option>"));
  EXPECT_THAT(page.body, HasSubstr("data-child-id=\"" + std::to_string(child_id_) + "\""));
  EXPECT_THAT(page.body, HasSubstr("<a class=\"govuk-link\" href=\"" + child_path() + "\">"));
  EXPECT_THAT(page.body, HasSubstr("govuk-tag--grey"));  // a rule's code
  EXPECT_THAT(page.body, Not(HasSubstr("<script>alert(1)")));
  EXPECT_EQ(count_events("head", "read", "returns"), 1);  // the children listed

  http::Response bad = request("GET", "/returns?year=1999", &head);
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("<a href=\"#year\">Choose a collection year from 2022/23"));

  EXPECT_EQ(request("GET", "/returns", &sam_session_).status, 403);
  EXPECT_EQ(count_events("sam", "refuse", "returns"), 1);
}

}  // namespace
}  // namespace safeguard::pages
