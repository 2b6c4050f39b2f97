// Hostile input through the real API routes of a running server: malformed JSON, SQL and HTML
// metacharacters in every field, a 100 MB body, a header line with no end, and 1,000 slow
// connections. Every answer is a 4xx (or a closed connection), never a 5xx; no response carries
// input back unescaped; the process's memory grows by less than 200 MB; and a normal client is
// still served promptly throughout.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api_fixture.h"

namespace safeguard::api {
namespace {

using namespace std::chrono_literals;
using safeguard::testing::ApiFixture;
using safeguard::testing::Person;
using safeguard::testing::resident_kib;
using safeguard::testing::TestClient;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr long kMemoryBudgetKib = 200 * 1024;

// Strings a hostile person might type into any field.
const std::vector<std::string> kNasty = {
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'; DROP TABLE child; --",
    "1 OR 1=1",
    "' UNION SELECT password_hash FROM user_account --",
    "&lt;&amp;&#x27;",
    "\\u0000\\\"",
    "%00%0d%0aSet-Cookie: evil=1",
    std::string("\xff\xfe\xc0\xaf", 4),  // invalid UTF-8
    std::string(70'000, 'A'),
};

// Percent-encodes every byte that is not a letter or digit.
std::string testing_encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text.substr(0, 2000)) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

// No raw markup from the input appears in the body.
void expect_not_reflected(const testing::ClientResponse& response) {
  EXPECT_THAT(response.body, Not(HasSubstr("<script")));
  EXPECT_THAT(response.body, Not(HasSubstr("<img")));
  EXPECT_THAT(response.body, Not(HasSubstr("\"><")));
  EXPECT_FALSE(response.has_header("evil"));
}

class ApiHostileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = fixture_.sign_in("social-worker");
    baseline_kib_ = resident_kib();
  }
  void TearDown() override {
    long grown = resident_kib() - baseline_kib_;
    EXPECT_LT(grown, kMemoryBudgetKib) << "resident memory grew by " << grown << " KiB";
    expect_normal_client_served();
  }
  void expect_normal_client_served() {
    auto started = std::chrono::steady_clock::now();
    auto response = fixture_.call(worker_, "GET", "/api/v1/me");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  }

  ApiFixture fixture_;
  Person worker_;
  long baseline_kib_ = 0;
};

TEST_F(ApiHostileTest, MetacharactersInEveryFieldAreNeverReflectedAndNever5xx) {
  std::string child = "/api/v1/children/" + std::to_string(fixture_.ids().own_child);
  for (const auto& nasty : kNasty) {
    // Sign-in fields.
    for (const auto& body : {nlohmann::json{{"username", nasty}, {"password", "password-x"}},
                             nlohmann::json{{"username", "social-worker"}, {"password", nasty}}}) {
      TestClient client(fixture_.port());
      auto response =
          client.request("POST", "/api/v1/session",
                         body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                         "Content-Type: application/json\r\n");
      ASSERT_TRUE(response);
      EXPECT_GE(response->status, 400);
      EXPECT_LT(response->status, 500) << response->body;
      expect_not_reflected(*response);
    }
    // Every field of a visit and a note.
    auto dump = [](const nlohmann::json& body) {
      return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    const std::vector<nlohmann::json> bodies = {
        {{"date", nasty}, {"child_seen", true}, {"seen_alone", false}},
        {{"date", "2026-03-30"}, {"child_seen", nasty}, {"seen_alone", false}},
        {{"date", "2026-03-30"}, {"child_seen", true}, {"seen_alone", nasty}},
        {{"date", "2026-03-30"}, {"child_seen", true}, {"seen_alone", false}, {"note", nasty}},
    };
    for (const auto& body : bodies) {
      auto response = fixture_.call(worker_, "POST", child + "/visits", dump(body));
      ASSERT_TRUE(response);
      EXPECT_LT(response->status, 500) << response->body;
      expect_not_reflected(*response);
    }
    for (const auto& body :
         {nlohmann::json{{"subject", nasty}, {"text", "t"}}, nlohmann::json{{"text", nasty}},
          nlohmann::json{{"date", nasty}, {"text", "t"}}}) {
      auto response = fixture_.call(worker_, "POST", child + "/notes", dump(body));
      ASSERT_TRUE(response);
      EXPECT_LT(response->status, 500) << response->body;
      expect_not_reflected(*response);
    }
    // In the path and the query string.
    for (const auto& target : {"/api/v1/children/" + testing_encode(nasty),
                               "/api/v1/me/caseload?page=" + testing_encode(nasty),
                               "/api/v1/children/" + std::to_string(fixture_.ids().own_child) +
                                   "/chronology?per_page=" + testing_encode(nasty)}) {
      auto response = fixture_.call(worker_, "GET", target);
      ASSERT_TRUE(response);
      EXPECT_GE(response->status, 400) << target;
      EXPECT_LT(response->status, 500) << target;
      expect_not_reflected(*response);
    }
  }
  // What was stored with markup in it comes back escaped, in the record and its chronology.
  auto record = fixture_.call(worker_, "GET", child);
  ASSERT_TRUE(record);
  ASSERT_EQ(record->status, 200);
  expect_not_reflected(*record);
  EXPECT_THAT(record->body, HasSubstr("\\u003cscript\\u003e"));
  auto chronology = fixture_.call(worker_, "GET", child + "/chronology?per_page=100");
  expect_not_reflected(*chronology);
  // And the database is whole: the SQL was data.
  EXPECT_TRUE(fixture_.store().check_integrity());
  auto again = fixture_.call(worker_, "GET", "/api/v1/me/caseload");
  EXPECT_EQ(again->status, 200);
}

TEST_F(ApiHostileTest, MalformedJsonIsA400) {
  std::string notes = "/api/v1/children/" + std::to_string(fixture_.ids().own_child) + "/notes";
  const std::vector<std::string> bodies = {"{",
                                           "{\"text\":",
                                           "{\"text\": \"unterminated}",
                                           "null",
                                           "\"text\"",
                                           "[]",
                                           "{\"text\": 1e999999}",
                                           std::string(100'000, '['),
                                           "{\"a\":\"\\ud800\"}",
                                           std::string("{\"text\":\"\0\"}", 12)};
  for (const auto& body : bodies) {
    auto response = fixture_.call(worker_, "POST", notes, body);
    ASSERT_TRUE(response);
    EXPECT_GE(response->status, 400) << body.substr(0, 40);
    EXPECT_LT(response->status, 500) << body.substr(0, 40) << ": " << response->body;
  }
}

TEST_F(ApiHostileTest, AHundredMegabyteBodyIsRefusedWithoutBeingRead) {
  TestClient client(fixture_.port());
  std::string head =
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 104857600\r\n\r\n";
  ASSERT_TRUE(client.send(head));
  const std::string piece(64 * 1024, '{');
  std::size_t sent = 0;
  while (sent < 100u * 1024 * 1024 && client.send(piece, 1000ms)) sent += piece.size();
  auto response = client.read_response(3s);
  if (response) {
    EXPECT_EQ(response->status, 413);
  }
  EXPECT_TRUE(client.wait_closed(3s));
}

TEST_F(ApiHostileTest, AHeaderLineWithNoEndIsCutOff) {
  TestClient client(fixture_.port());
  ASSERT_TRUE(client.send("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Long: "));
  const std::string piece(64 * 1024, 'a');
  std::size_t sent = 0;
  while (sent < 64u * 1024 * 1024 && client.send(piece, 1000ms)) sent += piece.size();
  EXPECT_LT(sent, 64u * 1024 * 1024) << "the server kept reading a header that never ends";
  auto response = client.read_response(3s);
  if (response) {
    EXPECT_EQ(response->status, 431);
  }
  EXPECT_TRUE(client.wait_closed(3s));
}

TEST_F(ApiHostileTest, AThousandSlowConnectionsDoNotStopOthersBeingServed) {
  testing::raise_open_file_limit(4096);
  std::vector<TestClient> slow;
  slow.reserve(1000);
  for (int i = 0; i < 1000; ++i) {
    slow.emplace_back(fixture_.port());
    if (!slow.back().connected()) break;
    // Half a request line, then nothing.
    (void)slow.back().send("GET /api/v1/children/1 HTT");
  }
  EXPECT_GE(slow.size(), 900u);
  for (int i = 0; i < 5; ++i) expect_normal_client_served();
}

}  // namespace
}  // namespace safeguard::api
