// The safeguards and the narrow doors through the API, beyond who may call them (endpoints_test.cc
// has the table of roles): a closure refused with what is missing and audited, awaiting a manager
// and approved; an allocation over the caseload limit refused until a manager gives a reason; work
// lists and reports; break-glass access given, used, shown to the team manager and expiring; a
// partner's concern and what they may see of it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "api_fixture.h"

namespace safeguard::api {
namespace {

using safeguard::testing::ApiFixture;
using safeguard::testing::Person;
using ::testing::HasSubstr;
using ::testing::Not;

class ApiSafeguardsTest : public ::testing::Test {
 protected:
  void SetUp() override { fixture_ = std::make_unique<ApiFixture>(); }

  nlohmann::json json_of(const std::optional<testing::ClientResponse>& response) {
    EXPECT_TRUE(response);
    if (!response) return nlohmann::json::object();
    return nlohmann::json::parse(response->body);
  }
  std::string child_path(std::int64_t id, std::string_view rest = "") {
    return "/api/v1/children/" + std::to_string(id) + std::string(rest);
  }

  std::unique_ptr<ApiFixture> fixture_;
};

TEST_F(ApiSafeguardsTest, AClosureWithoutARecentVisitIsRefusedWithWhatIsMissingAndAudited) {
  Person worker = fixture_->sign_in("social-worker");
  std::int64_t third = fixture_->ids().third_child;
  std::int64_t before = fixture_->last_seq();
  auto refused = fixture_->call(worker, "POST", child_path(third, "/closure"),
                                R"({"reason":"The family no longer needs our support."})");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422) << refused->body;
  auto body = nlohmann::json::parse(refused->body);
  ASSERT_TRUE(body["unmet"].is_array());
  ASSERT_FALSE(body["unmet"].empty());
  EXPECT_EQ(body["unmet"][0]["requirement"], "visit_child_seen");
  EXPECT_FALSE(body["unmet"][0]["message"].get<std::string>().empty());
  bool audited = false;
  for (const auto& event : fixture_->events_after(before)) {
    if (event.action == "refuse" && event.child_id == third && event.actor == "social-worker") {
      audited = true;
      EXPECT_THAT(event.after, HasSubstr("visit_child_seen"));
    }
  }
  EXPECT_TRUE(audited) << "the refused closure is not in the audit trail";
  // A reason is required, in the person's words.
  auto no_reason = fixture_->call(worker, "POST", child_path(third, "/closure"), R"({})");
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->status, 422);
  EXPECT_THAT(no_reason->body, HasSubstr("\"reason\""));
}

TEST_F(ApiSafeguardsTest, AWorkersClosureAwaitsTheManagerWhoApprovesIt) {
  Person worker = fixture_->sign_in("social-worker");
  Person manager = fixture_->sign_in("team-manager");
  std::int64_t own = fixture_->ids().own_child;
  auto visit = fixture_->call(worker, "POST", child_path(own, "/visits"),
                              R"({"date":"2026-03-30","child_seen":true,"seen_alone":true})");
  ASSERT_EQ(visit->status, 201) << visit->body;
  auto asked = fixture_->call(worker, "POST", child_path(own, "/closure"),
                              R"({"reason":"Maya is settled at home; support can end."})");
  ASSERT_TRUE(asked);
  ASSERT_EQ(asked->status, 202) << asked->body;
  auto awaiting = nlohmann::json::parse(asked->body);
  EXPECT_EQ(awaiting["status"], "awaiting_approval");
  std::int64_t request_id = awaiting["request_id"].get<std::int64_t>();

  // The manager sees it among the closures to approve; the worker cannot approve their own.
  auto listed = json_of(fixture_->call(manager, "GET", "/api/v1/closures"));
  bool found = false;
  for (const auto& item : listed["items"]) found = found || item["id"] == request_id;
  EXPECT_TRUE(found) << listed.dump();
  std::string decision_path = "/api/v1/closures/" + std::to_string(request_id) + "/decision";
  auto by_worker = fixture_->call(worker, "POST", decision_path, R"({"decision":"approve"})");
  EXPECT_EQ(by_worker->status, 403);
  auto bad = fixture_->call(manager, "POST", decision_path, R"({"decision":"maybe"})");
  EXPECT_EQ(bad->status, 422);
  auto approved = fixture_->call(manager, "POST", decision_path,
                                 R"({"decision":"approve","note":"Agreed at supervision."})");
  ASSERT_TRUE(approved);
  ASSERT_EQ(approved->status, 200) << approved->body;
  EXPECT_EQ(nlohmann::json::parse(approved->body)["status"], "closed");
  // The case's allocations ended with it; a decided request cannot be decided again.
  auto again = fixture_->call(fixture_->sign_in("head-of-service"), "POST", decision_path,
                              R"({"decision":"approve"})");
  EXPECT_EQ(again->status, 409) << again->body;
}

TEST_F(ApiSafeguardsTest, AnAllocationOverTheLimitNeedsTheManagersReason) {
  Status limited = fixture_->store().write(
      [](store::Transaction& tx) { return tx.put_setting("caseload.limit_per_fte", "3"); });
  ASSERT_TRUE(limited);
  Person manager = fixture_->sign_in("team-manager");
  std::int64_t tray = fixture_->ids().tray_child;
  std::string to_a = R"({"worker_id":)" + std::to_string(fixture_->ids().worker_a) +
                     R"(,"reason":"Asha knows the family"})";
  auto over = fixture_->call(manager, "POST", child_path(tray, "/allocation"), to_a);
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 409) << over->body;
  EXPECT_THAT(over->body, HasSubstr("limit"));
  std::string with_override = R"({"worker_id":)" + std::to_string(fixture_->ids().worker_a) +
                              R"(,"reason":"Asha knows the family",)"
                              R"("override_reason":"Two of Asha's cases close this week"})";
  auto allowed = fixture_->call(manager, "POST", child_path(tray, "/allocation"), with_override);
  ASSERT_TRUE(allowed);
  ASSERT_EQ(allowed->status, 201) << allowed->body;
  auto outcome = nlohmann::json::parse(allowed->body);
  EXPECT_TRUE(outcome["override_id"].is_number());
  EXPECT_GT(outcome["weighted_caseload"].get<double>(), outcome["caseload_limit"].get<double>());
  // Ruby is now on Asha's caseload.
  auto caseload =
      json_of(fixture_->call(fixture_->sign_in("social-worker"), "GET", "/api/v1/me/caseload"));
  bool on_it = false;
  for (const auto& item : caseload["items"]) on_it = on_it || item["id"] == tray;
  EXPECT_TRUE(on_it);
}

TEST_F(ApiSafeguardsTest, WorkListsAndReportsCarryTheirItemsAndAreAudited) {
  Person worker = fixture_->sign_in("social-worker");
  std::int64_t before = fixture_->last_seq();
  auto list = json_of(fixture_->call(worker, "GET", "/api/v1/worklist?per_page=100"));
  EXPECT_EQ(list["scope"]["kind"], "worker");
  EXPECT_EQ(list["scope"]["id"], fixture_->ids().worker_a);
  ASSERT_FALSE(list["items"].empty()) << list.dump();
  std::set<std::int64_t> own = {fixture_->ids().own_child, fixture_->ids().second_child,
                                fixture_->ids().third_child};
  for (const auto& item : list["items"]) {
    EXPECT_TRUE(item.contains("rule"));
    EXPECT_TRUE(item.contains("due"));
    EXPECT_TRUE(item["state"] == "overdue" || item["state"] == "due_soon") << item.dump();
    if (item["child"].is_number()) {
      EXPECT_TRUE(own.count(item["child"].get<std::int64_t>())) << item.dump();
    }
  }
  bool audited = false;
  for (const auto& event : fixture_->events_after(before)) {
    audited = audited || (event.action == "read" && event.entity == "worklist");
  }
  EXPECT_TRUE(audited);

  Person manager = fixture_->sign_in("team-manager");
  auto waits =
      fixture_->call(manager, "GET", "/api/v1/reports/unallocated?from=2025-01-01&to=2026-03-31");
  ASSERT_EQ(waits->status, 200) << waits->body;
  auto report = nlohmann::json::parse(waits->body);
  EXPECT_EQ(report["team"], fixture_->ids().team_one);
  bool tray_waits = false;
  for (const auto& row : report["rows"]) {
    EXPECT_TRUE(row["from_team_id"] == fixture_->ids().team_one ||
                row["to_team_id"] == fixture_->ids().team_one)
        << row.dump();
    EXPECT_NE(row["child_id"], fixture_->ids().other_child) << "another team's case";
    tray_waits = tray_waits || row["child_id"] == fixture_->ids().tray_child;
  }
  EXPECT_TRUE(tray_waits) << "Ruby has waited in the tray since 2025-09-01: " << report.dump();
  auto backwards =
      fixture_->call(manager, "GET", "/api/v1/reports/closures?from=2026-03-01&to=2026-01-01");
  EXPECT_EQ(backwards->status, 422);
  auto loads = json_of(fixture_->call(fixture_->sign_in("head-of-service"), "GET",
                                      "/api/v1/reports/caseloads?from=2026-01-01&to=2026-03-31"));
  std::set<std::int64_t> workers;
  for (const auto& point : loads["points"]) workers.insert(point["worker_id"].get<std::int64_t>());
  EXPECT_TRUE(workers.count(fixture_->ids().worker_a));
  EXPECT_TRUE(workers.count(fixture_->ids().worker_b));
}

TEST_F(ApiSafeguardsTest, BreakGlassNeedsAReasonIsShownToTheManagerAndExpires) {
  Person outsider = fixture_->sign_in("other-worker");  // team two
  std::int64_t own = fixture_->ids().own_child;         // held by team one
  ASSERT_EQ(fixture_->call(outsider, "GET", child_path(own))->status, 403);

  std::int64_t before = fixture_->last_seq();
  auto no_reason = fixture_->call(outsider, "POST", child_path(own, "/break-glass"), R"({})");
  EXPECT_EQ(no_reason->status, 422);
  auto blank =
      fixture_->call(outsider, "POST", child_path(own, "/break-glass"), R"({"reason":""})");
  EXPECT_EQ(blank->status, 422);
  bool refusal_audited = false;
  for (const auto& event : fixture_->events_after(before)) {
    refusal_audited = refusal_audited || (event.action == "refuse" && event.child_id == own);
  }
  EXPECT_TRUE(refusal_audited);
  ASSERT_EQ(fixture_->call(outsider, "GET", child_path(own))->status, 403)
      << "a refused break-glass must not grant access";

  auto granted = fixture_->call(outsider, "POST", child_path(own, "/break-glass"),
                                R"({"reason":"Police called out of hours about <Maya>"})");
  ASSERT_TRUE(granted);
  ASSERT_EQ(granted->status, 201) << granted->body;
  EXPECT_THAT(granted->body, Not(HasSubstr("<Maya>")));
  before = fixture_->last_seq();
  auto opened = fixture_->call(outsider, "GET", child_path(own));
  ASSERT_EQ(opened->status, 200) << opened->body;
  auto events = fixture_->events_after(before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "read");
  EXPECT_EQ(events[0].reason, "emergency access");
  // Emergency access opens and records; it does not close or allocate.
  EXPECT_EQ(fixture_->call(outsider, "GET", child_path(own, "/chronology"))->status, 200);
  EXPECT_EQ(
      fixture_->call(outsider, "POST", child_path(own, "/closure"), R"({"reason":"x"})")->status,
      403);
  // Other children of that team stay closed to them.
  EXPECT_EQ(fixture_->call(outsider, "GET", child_path(fixture_->ids().second_child))->status, 403);

  // The child's team manager sees who, when and why.
  auto log =
      json_of(fixture_->call(fixture_->sign_in("team-manager"), "GET", "/api/v1/team/break-glass"));
  ASSERT_EQ(log["items"].size(), 1u) << log.dump();
  EXPECT_EQ(log["items"][0]["username"], "other-worker");
  EXPECT_EQ(log["items"][0]["child_id"], own);
  EXPECT_EQ(log["items"][0]["reason"], "Police called out of hours about <Maya>");
  EXPECT_EQ(log["items"][0]["active"], true);
  // The other team's manager view does not list it.
  auto elsewhere = json_of(
      fixture_->call(fixture_->sign_in("head-of-service"), "GET",
                     "/api/v1/team/break-glass?team=" + std::to_string(fixture_->ids().team_two)));
  EXPECT_TRUE(elsewhere["items"].empty());

  // Five hours later the access has lapsed (sign in again: the session has gone idle too).
  fixture_->clock().set(fixture_->clock().now().plus_seconds(5 * 3600));
  Person later = fixture_->sign_in("other-worker");
  EXPECT_EQ(fixture_->call(later, "GET", child_path(own))->status, 403);
  auto lapsed =
      json_of(fixture_->call(fixture_->sign_in("team-manager"), "GET", "/api/v1/team/break-glass"));
  ASSERT_EQ(lapsed["items"].size(), 1u);
  EXPECT_EQ(lapsed["items"][0]["active"], false);
}

TEST_F(ApiSafeguardsTest, APartnerSubmitsAConcernAndSeesOnlyItAndItsOutcome) {
  Person police = fixture_->sign_in("partner-police");
  std::int64_t own = fixture_->ids().own_child;
  // About a child the council knows (Maya Stone, born 2015-05-14) and one it does not: the same
  // answer either way.
  auto known =
      fixture_->call(police, "POST", "/api/v1/concerns",
                     R"({"first_name":"maya","last_name":"Stone",)"
                     R"("date_of_birth":"2015-05-14","summary":"Seen out alone at 2am."})");
  auto unknown = fixture_->call(police, "POST", "/api/v1/concerns",
                                R"({"first_name":"Zed","last_name":"Nobody",)"
                                R"("date_of_birth":"2013-01-01","summary":"Found in a park."})");
  ASSERT_EQ(known->status, 202) << known->body;
  ASSERT_EQ(unknown->status, 202) << unknown->body;
  auto known_json = nlohmann::json::parse(known->body);
  auto unknown_json = nlohmann::json::parse(unknown->body);
  for (auto* body : {&known_json, &unknown_json}) {
    body->erase("reference");
    body->erase("submitted_at");
  }
  EXPECT_EQ(known_json, unknown_json);

  auto bad = fixture_->call(police, "POST", "/api/v1/concerns", R"({"first_name":"A"})");
  EXPECT_EQ(bad->status, 422);

  // The known child's record now shows the contact from the police, for the front door.
  auto chronology = json_of(
      fixture_->call(fixture_->sign_in("social-worker"), "GET", child_path(own, "/chronology")));
  bool contact = false;
  for (const auto& entry : chronology["items"]) {
    contact = contact || (entry["kind"] == "contact" && entry["summary"].get<std::string>().find(
                                                            "source 6") != std::string::npos);
  }
  EXPECT_TRUE(contact) << chronology.dump();

  // The police read back what they sent and its outcome, and nothing of the child's record.
  std::int64_t reference = nlohmann::json::parse(known->body)["reference"].get<std::int64_t>();
  auto shown = fixture_->call(police, "GET", "/api/v1/concerns/" + std::to_string(reference));
  ASSERT_EQ(shown->status, 200) << shown->body;
  auto concern = nlohmann::json::parse(shown->body);
  EXPECT_EQ(concern["summary"], "Seen out alone at 2am.");
  EXPECT_EQ(concern["status"], "received");
  EXPECT_TRUE(concern["outcome"].is_null());
  EXPECT_THAT(shown->body, Not(HasSubstr("Saw Maya at home")));  // the visit's note
  EXPECT_FALSE(concern.contains("child_id"));
  // Not the children's records, chronologies or notes.
  EXPECT_EQ(fixture_->call(police, "GET", child_path(own))->status, 403);
  EXPECT_EQ(fixture_->call(police, "GET", child_path(own, "/chronology"))->status, 403);
  EXPECT_EQ(fixture_->call(police, "POST", child_path(own, "/notes"), R"({"text":"x"})")->status,
            403);
  // Someone else's concern is not theirs to read.
  auto worker_concern =
      fixture_->call(fixture_->sign_in("social-worker"), "POST", "/api/v1/concerns",
                     R"({"first_name":"A","last_name":"B","summary":"c"})");
  ASSERT_EQ(worker_concern->status, 202);
  auto other_reference = nlohmann::json::parse(worker_concern->body)["reference"];
  EXPECT_EQ(fixture_->call(police, "GET", "/api/v1/concerns/" + other_reference.dump())->status,
            403);
}

TEST_F(ApiSafeguardsTest, AnAnalystSeesFiguresButNeverANamedChild) {
  Person analyst = fixture_->sign_in("analyst");
  auto summary = fixture_->call(analyst, "GET", "/api/v1/summary");
  ASSERT_EQ(summary->status, 200);
  EXPECT_THAT(summary->body, Not(HasSubstr("Maya")));
  for (std::int64_t id : {fixture_->ids().own_child, fixture_->ids().other_child}) {
    EXPECT_EQ(fixture_->call(analyst, "GET", child_path(id))->status, 403);
    EXPECT_EQ(fixture_->call(analyst, "GET", child_path(id, "/chronology"))->status, 403);
  }
  EXPECT_EQ(fixture_->call(analyst, "GET", "/api/v1/worklist")->status, 403);
  EXPECT_EQ(fixture_->call(analyst, "GET", "/api/v1/reports/closures")->status, 403);
  EXPECT_EQ(fixture_
                ->call(analyst, "POST", child_path(fixture_->ids().other_child, "/break-glass"),
                       R"({"reason":"curious"})")
                ->status,
            403);
}

}  // namespace
}  // namespace safeguard::api
