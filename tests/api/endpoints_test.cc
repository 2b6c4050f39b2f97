// Every endpoint for every role, from one table: the status each person gets, with 401 for someone
// not signed in. Then what the table cannot say: CSRF refusals, pagination, what a caseload holds,
// and the audit events that reads and refusals leave.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api_fixture.h"

namespace safeguard::api {
namespace {

using safeguard::testing::ApiFixture;
using safeguard::testing::Person;
using ::testing::HasSubstr;
using ::testing::Not;

// The people of the table's columns, in this order.
const std::vector<std::string> kPeople = {
    "",  // not signed in
    "social-worker",
    "other-worker",
    "team-manager",
    "head-of-service",
    "iro",
    "partner-police",
    "analyst",
    "admin",
};

struct Row {
  std::string method;
  std::string target;  // {own} {other} {tray} {absent} are replaced with ids
  std::string body;
  std::vector<int> expected;  // one per person above
};

class ApiEndpointsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fixture_ = new ApiFixture();
    for (const auto& name : kPeople) {
      people_[name] = name.empty() ? Person{} : fixture_->sign_in(name);
    }
    // A concern the police submitted, for the row that reads it back.
    auto submitted =
        fixture_->call(people_["partner-police"], "POST", "/api/v1/concerns", kConcern);
    if (!submitted || submitted->status != 202) {
      ADD_FAILURE() << "the police's concern was not accepted";
    } else {
      concern_ = nlohmann::json::parse(submitted->body)["reference"].get<std::int64_t>();
    }
  }
  static void TearDownTestSuite() {
    delete fixture_;
    fixture_ = nullptr;
  }

  static std::string expand(std::string target) {
    auto replace = [&](const std::string& what, std::int64_t id) {
      auto at = target.find(what);
      if (at != std::string::npos) target.replace(at, what.size(), std::to_string(id));
    };
    replace("{own}", fixture_->ids().own_child);
    replace("{other}", fixture_->ids().other_child);
    replace("{tray}", fixture_->ids().tray_child);
    replace("{absent}", 987654);
    replace("{third}", fixture_->ids().third_child);
    replace("{team}", fixture_->ids().team_one);
    replace("{team_two}", fixture_->ids().team_two);
    replace("{worker_a}", fixture_->ids().worker_a);
    replace("{request}", fixture_->ids().closure_request);
    replace("{concern}", concern_);
    return target;
  }

  static ApiFixture* fixture_;
  static std::map<std::string, Person> people_;
  static std::int64_t concern_;
  static const std::string kConcern;
};

ApiFixture* ApiEndpointsTest::fixture_ = nullptr;
std::map<std::string, Person> ApiEndpointsTest::people_;
std::int64_t ApiEndpointsTest::concern_ = 0;
const std::string ApiEndpointsTest::kConcern =
    R"({"first_name":"Sam","last_name":"Carter","date_of_birth":"2014-06-01",)"
    R"("summary":"Officers attended a domestic incident; Sam was present."})";

const std::string kVisit =
    R"({"date":"2026-03-30","child_seen":true,"seen_alone":false,"note":"n"})";
const std::string kNote = R"({"subject":"School","text":"Spoke to the head teacher."})";
const std::string kClosure =
    R"({"reason":"Support is no longer needed.","reason_for_closure":"RC7"})";
const std::string kApprove = R"({"decision":"approve","note":"Agreed."})";
const std::string kBreakGlass =
    R"({"reason":"Out-of-hours call from the police about this child."})";

TEST_F(ApiEndpointsTest, EveryEndpointAnswersEveryRoleAsThePolicySays) {
  const std::string kAllocateToA = R"({"worker_id":)" + std::to_string(fixture_->ids().worker_a) +
                                   R"(,"reason":"Transfer within the team"})";
  //                                                        anon sw   other tm   hos  iro  police
  //                                                        analyst admin
  const std::vector<Row> table = {
      {"GET", "/healthz", "", {200, 200, 200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/me", "", {401, 200, 200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/me/caseload", "", {401, 200, 200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/children/{own}", "", {401, 200, 403, 200, 200, 200, 403, 403, 403}},
      {"GET", "/api/v1/children/{other}", "", {401, 403, 200, 403, 200, 200, 403, 403, 403}},
      {"GET", "/api/v1/children/{tray}", "", {401, 200, 403, 200, 200, 200, 403, 403, 403}},
      {"GET", "/api/v1/children/{absent}", "", {401, 404, 404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/children/not-a-number", "", {401, 404, 404, 404, 404, 404, 404, 404, 404}},
      {"GET",
       "/api/v1/children/{own}/chronology",
       "",
       {401, 200, 403, 200, 200, 200, 403, 403, 403}},
      {"GET",
       "/api/v1/children/{other}/chronology",
       "",
       {401, 403, 200, 403, 200, 200, 403, 403, 403}},
      {"POST",
       "/api/v1/children/{own}/visits",
       kVisit,
       {401, 201, 403, 201, 201, 201, 403, 403, 403}},
      {"POST",
       "/api/v1/children/{other}/visits",
       kVisit,
       {401, 403, 201, 403, 201, 201, 403, 403, 403}},
      {"POST",
       "/api/v1/children/{absent}/visits",
       kVisit,
       {401, 404, 404, 404, 404, 404, 404, 404, 404}},
      {"POST",
       "/api/v1/children/{own}/notes",
       kNote,
       {401, 201, 403, 201, 201, 201, 403, 403, 403}},
      {"POST",
       "/api/v1/children/{tray}/notes",
       kNote,
       {401, 201, 403, 201, 201, 201, 403, 403, 403}},
      {"GET", "/api/v1/summary", "", {401, 403, 403, 200, 200, 403, 403, 200, 403}},
      // Closure: Ivy's case has no recent visit, so whoever may ask is refused with what is
      // missing (422); Leo's waiting request fails the same evidence on approval.
      {"POST",
       "/api/v1/children/{third}/closure",
       kClosure,
       {401, 422, 403, 422, 422, 403, 403, 403, 403}},
      {"POST",
       "/api/v1/children/{other}/closure",
       R"({})",
       {401, 403, 422, 403, 422, 403, 403, 403, 403}},
      {"POST",
       "/api/v1/children/{absent}/closure",
       kClosure,
       {401, 404, 404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/closures", "", {401, 403, 403, 200, 200, 403, 403, 403, 403}},
      {"POST",
       "/api/v1/closures/{request}/decision",
       kApprove,
       {401, 403, 403, 422, 422, 403, 403, 403, 403}},
      {"POST",
       "/api/v1/closures/{absent}/decision",
       kApprove,
       {401, 404, 404, 404, 404, 404, 404, 404, 404}},
      // Allocation: the case is already Asha's, so a manager who may allocate it hears so (409).
      {"POST",
       "/api/v1/children/{own}/allocation",
       kAllocateToA,
       {401, 403, 403, 409, 409, 403, 403, 403, 403}},
      {"POST",
       "/api/v1/children/{other}/allocation",
       R"({"team_id":1})",
       {401, 403, 403, 403, 422, 403, 403, 403, 403}},
      // Work lists: one's own; a manager's team and its workers; the head of service everyone's.
      {"GET", "/api/v1/worklist", "", {401, 200, 200, 200, 200, 403, 403, 403, 403}},
      {"GET", "/api/v1/worklist?team={team}", "", {401, 403, 403, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/api/v1/worklist?worker={worker_a}",
       "",
       {401, 200, 403, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/api/v1/worklist?team={team_two}",
       "",
       {401, 403, 403, 403, 200, 403, 403, 403, 403}},
      // Investigation reports: a team manager their team's rows, the head of service all.
      {"GET", "/api/v1/reports/closures", "", {401, 403, 403, 200, 200, 403, 403, 403, 403}},
      {"GET", "/api/v1/reports/unallocated", "", {401, 403, 403, 200, 200, 403, 403, 403, 403}},
      {"GET", "/api/v1/reports/caseloads", "", {401, 403, 403, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/api/v1/reports/caseloads?team={team_two}",
       "",
       {401, 403, 403, 403, 200, 403, 403, 403, 403}},
      // Break-glass without a reason: refused (422) for those who may use it, 403 for those who
      // already see the child or never may.
      {"POST",
       "/api/v1/children/{other}/break-glass",
       R"({})",
       {401, 422, 403, 422, 403, 403, 403, 403, 403}},
      {"POST",
       "/api/v1/children/{absent}/break-glass",
       kBreakGlass,
       {401, 404, 404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/team/break-glass", "", {401, 403, 403, 200, 422, 403, 403, 403, 403}},
      {"GET",
       "/api/v1/team/break-glass?team={team}",
       "",
       {401, 403, 403, 200, 200, 403, 403, 403, 403}},
      // Concerns: partner agencies and practitioners submit; only the submitter reads one back.
      {"POST", "/api/v1/concerns", kConcern, {401, 202, 202, 202, 202, 202, 202, 403, 403}},
      {"GET", "/api/v1/concerns/{concern}", "", {401, 403, 403, 403, 403, 403, 200, 403, 403}},
      {"GET", "/api/v1/concerns/{absent}", "", {401, 404, 404, 404, 404, 404, 404, 404, 404}},
  };
  std::set<std::string> covered;
  for (const auto& row : table) {
    ASSERT_EQ(row.expected.size(), kPeople.size()) << row.method << " " << row.target;
    std::string target = expand(row.target);
    for (std::size_t i = 0; i < kPeople.size(); ++i) {
      std::int64_t before = fixture_->last_seq();
      auto response = fixture_->call(people_[kPeople[i]], row.method, target, row.body);
      ASSERT_TRUE(response) << row.method << " " << target << " as " << kPeople[i];
      EXPECT_EQ(response->status, row.expected[i])
          << row.method << " " << target << " as '" << kPeople[i] << "': " << response->body;
      if (response->status >= 400) {
        EXPECT_EQ(response->header("content-type"), "application/problem+json") << target;
      }
      if (response->status == 403) {
        // Every refusal is on the record: who asked, and that it was refused.
        bool audited = false;
        for (const auto& event : fixture_->events_after(before)) {
          audited = audited || (event.action == "refuse" && event.actor == kPeople[i]);
        }
        EXPECT_TRUE(audited) << row.method << " " << target << " as '" << kPeople[i]
                             << "' was refused without an audit event";
      }
    }
    covered.insert(row.method + " " + row.target.substr(0, row.target.find('{')));
  }
}

TEST_F(ApiEndpointsTest, EveryRouteIsInTheTable) {
  // The routes tested elsewhere in this file or in session_test.cc.
  const std::set<std::string> tested_elsewhere = {"POST /api/v1/session", "DELETE /api/v1/session"};
  const std::set<std::string> in_table = {
      "GET /healthz",
      "GET /api/v1/me",
      "GET /api/v1/me/caseload",
      "GET /api/v1/children/{id}",
      "GET /api/v1/children/{id}/chronology",
      "POST /api/v1/children/{id}/visits",
      "POST /api/v1/children/{id}/notes",
      "GET /api/v1/summary",
      "POST /api/v1/children/{id}/closure",
      "GET /api/v1/closures",
      "POST /api/v1/closures/{id}/decision",
      "POST /api/v1/children/{id}/allocation",
      "GET /api/v1/worklist",
      "GET /api/v1/reports/closures",
      "GET /api/v1/reports/unallocated",
      "GET /api/v1/reports/caseloads",
      "POST /api/v1/children/{id}/break-glass",
      "GET /api/v1/team/break-glass",
      "POST /api/v1/concerns",
      "GET /api/v1/concerns/{reference}",
  };
  for (const auto& route : api_routes()) {
    std::string name = std::string(route.method) + " " + std::string(route.pattern);
    EXPECT_TRUE(in_table.count(name) || tested_elsewhere.count(name))
        << name << " is not covered by the table of roles";
  }
}

TEST_F(ApiEndpointsTest, AChangeWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing) {
  Person worker = people_["social-worker"];
  std::string target = expand("/api/v1/children/{own}/notes");
  std::int64_t before = fixture_->last_seq();
  auto missing = fixture_->call(worker, "POST", target, kNote, /*send_csrf=*/false);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 403);
  EXPECT_THAT(missing->body, HasSubstr("CSRF"));
  Person forged = worker;
  forged.csrf_token = std::string(64, 'a');
  auto wrong = fixture_->call(forged, "POST", target, kNote);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  // Another person's token is no good either.
  Person borrowed = worker;
  borrowed.csrf_token = people_["team-manager"].csrf_token;
  auto other = fixture_->call(borrowed, "POST", target, kNote);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
  EXPECT_EQ(fixture_->last_seq(), before) << "a refused change must write nothing";
  // The same request with the token works, and a form field carries it as well as the header.
  auto right = fixture_->call(worker, "POST", target, kNote);
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 201);
}

TEST_F(ApiEndpointsTest, TheCaseloadListsTheWorkersOwnChildrenWithDueDatesAndPages) {
  Person worker = people_["social-worker"];
  auto all = fixture_->call(worker, "GET", "/api/v1/me/caseload");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200);
  auto body = nlohmann::json::parse(all->body);
  EXPECT_EQ(body["total_items"], 3);
  EXPECT_EQ(body["total_pages"], 1);
  std::set<std::int64_t> ids;
  for (const auto& item : body["items"]) {
    ids.insert(item["id"].get<std::int64_t>());
    EXPECT_TRUE(item.contains("name"));
    EXPECT_TRUE(item.contains("age"));
    EXPECT_TRUE(item.contains("legal_status"));
    EXPECT_TRUE(item.contains("next_due"));
    EXPECT_TRUE(item.contains("state"));
  }
  const auto& expected = fixture_->ids();
  EXPECT_EQ(ids, (std::set<std::int64_t>{expected.own_child, expected.second_child,
                                         expected.third_child}));

  auto first =
      nlohmann::json::parse(fixture_->call(worker, "GET", "/api/v1/me/caseload?per_page=2")->body);
  auto second = nlohmann::json::parse(
      fixture_->call(worker, "GET", "/api/v1/me/caseload?per_page=2&page=2")->body);
  EXPECT_EQ(first["items"].size(), 2u);
  EXPECT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(first["total_pages"], 2);
  EXPECT_NE(first["items"][0]["id"], second["items"][0]["id"]);
  EXPECT_NE(first["items"][1]["id"], second["items"][0]["id"]);
  auto beyond = nlohmann::json::parse(
      fixture_->call(worker, "GET", "/api/v1/me/caseload?per_page=2&page=9")->body);
  EXPECT_TRUE(beyond["items"].empty());

  for (std::string bad : {"?per_page=0", "?per_page=101", "?page=0", "?page=abc", "?page=-1"}) {
    auto refused = fixture_->call(worker, "GET", "/api/v1/me/caseload" + bad);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 422) << bad;
    EXPECT_THAT(refused->body, HasSubstr("\"errors\"")) << bad;
  }
  // The other team's worker sees only their own child.
  auto other = nlohmann::json::parse(
      fixture_->call(people_["other-worker"], "GET", "/api/v1/me/caseload")->body);
  ASSERT_EQ(other["items"].size(), 1u);
  EXPECT_EQ(other["items"][0]["id"], expected.other_child);
}

TEST_F(ApiEndpointsTest, EveryReadAndEveryRefusalIsAnAuditEvent) {
  std::string own = std::to_string(fixture_->ids().own_child);
  std::int64_t before = fixture_->last_seq();
  ASSERT_EQ(fixture_->call(people_["social-worker"], "GET", "/api/v1/children/" + own)->status,
            200);
  ASSERT_EQ(fixture_->call(people_["other-worker"], "GET", "/api/v1/children/" + own)->status, 403);
  ASSERT_EQ(fixture_->call(people_["analyst"], "GET", "/api/v1/children/" + own)->status, 403);
  auto events = fixture_->events_after(before);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].actor, "social-worker");
  EXPECT_EQ(events[0].action, "read");
  EXPECT_EQ(events[0].entity, "child");
  EXPECT_EQ(events[0].child_id, fixture_->ids().own_child);
  EXPECT_EQ(events[1].actor, "other-worker");
  EXPECT_EQ(events[1].action, "refuse");
  EXPECT_EQ(events[1].child_id, fixture_->ids().own_child);
  EXPECT_THAT(events[1].reason, HasSubstr("open_child_record"));
  EXPECT_EQ(events[2].actor, "analyst");
  EXPECT_EQ(events[2].action, "refuse");
  // A refused summary is audited too.
  before = fixture_->last_seq();
  ASSERT_EQ(fixture_->call(people_["social-worker"], "GET", "/api/v1/summary")->status, 403);
  auto refused = fixture_->events_after(before);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].action, "refuse");
  EXPECT_EQ(refused[0].entity, "summary");
}

TEST_F(ApiEndpointsTest, AVisitIsValidatedStoredAndFoundInTheChronology) {
  Person worker = people_["social-worker"];
  std::string base = "/api/v1/children/" + std::to_string(fixture_->ids().second_child);
  auto invalid = fixture_->call(worker, "POST", base + "/visits",
                                R"({"date":"2026-04-31","seen_alone":"yes"})");
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 422);
  auto problem = nlohmann::json::parse(invalid->body);
  std::set<std::string> fields;
  for (const auto& error : problem["errors"]) fields.insert(error["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"date", "child_seen", "seen_alone"}));
  auto future = fixture_->call(worker, "POST", base + "/visits",
                               R"({"date":"2026-04-02","child_seen":true,"seen_alone":true})");
  EXPECT_EQ(future->status, 422);

  auto made = fixture_->call(worker, "POST", base + "/visits",
                             R"({"date":"2026-03-27","child_seen":true,"seen_alone":true,)"
                             R"("note":"Leo showed me his drawings."})");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 201) << made->body;
  auto visit_id = nlohmann::json::parse(made->body)["id"];
  auto chronology =
      nlohmann::json::parse(fixture_->call(worker, "GET", base + "/chronology")->body);
  bool found = false;
  for (const auto& entry : chronology["items"]) {
    if (entry["kind"] == "visit" && entry["record_id"] == visit_id) {
      found = true;
      EXPECT_EQ(entry["date"], "2026-03-27");
    }
  }
  EXPECT_TRUE(found) << chronology.dump();
  // Newest first.
  std::string previous = "9999-12-31";
  for (const auto& entry : chronology["items"]) {
    EXPECT_LE(entry["date"].get<std::string>(), previous);
    previous = entry["date"].get<std::string>();
  }
}

}  // namespace
}  // namespace safeguard::api
