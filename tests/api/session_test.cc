// Signing in and out over HTTP: the cookie's attributes, one message for every wrong username or
// password, a lock (423) and a throttle (429) that say until when, sign-out ending the session,
// and malformed sign-in requests refused with 4xx.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/session.h"
#include "api_fixture.h"

namespace safeguard::api {
namespace {

using safeguard::testing::ApiFixture;
using safeguard::testing::Person;
using safeguard::testing::TestClient;
using ::testing::HasSubstr;
using ::testing::Not;

std::optional<testing::ClientResponse> post_session(
    ApiFixture& fixture, const std::string& body,
    std::string headers = "Content-Type: application/json\r\n") {
  TestClient client(fixture.port());
  return client.request("POST", "/api/v1/session", body, headers);
}

std::string credentials(const std::string& username, const std::string& password) {
  return nlohmann::json{{"username", username}, {"password", password}}.dump();
}

TEST(ApiSessionTest, SigningInSetsAStrictHttpOnlyCookieAndReturnsTheCsrfToken) {
  ApiFixture fixture;
  auto response = post_session(fixture, credentials("social-worker", "password-social-worker"));
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;
  std::string cookie = response->header("set-cookie");
  EXPECT_THAT(cookie, HasSubstr("safeguard_session="));
  EXPECT_THAT(cookie, HasSubstr("; HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("; SameSite=Strict"));
  EXPECT_THAT(cookie, HasSubstr("; Path=/"));
  EXPECT_THAT(cookie, Not(HasSubstr("Secure"))) << "plain HTTP on loopback";
  auto body = nlohmann::json::parse(response->body);
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_EQ(body["user"]["username"], "social-worker");
  EXPECT_EQ(body["user"]["role"], "social_worker");
  EXPECT_EQ(body["user"]["worker_id"], fixture.ids().worker_a);
  // The cookie's token is not the CSRF token.
  EXPECT_THAT(cookie, Not(HasSubstr(body["csrf_token"].get<std::string>())));
}

TEST(ApiSessionTest, TheCookieIsSecureWhenServedOverTls) {
  ServiceOptions secure;
  secure.secure_cookies = true;
  ApiFixture fixture(secure);
  auto response = post_session(fixture, credentials("iro", "password-iro"));
  ASSERT_EQ(response->status, 200);
  EXPECT_THAT(response->header("set-cookie"), HasSubstr("; Secure"));

  ServiceOptions proxied;
  proxied.trust_forwarded_proto = true;
  ApiFixture behind_proxy(proxied);
  auto via_https = post_session(behind_proxy, credentials("iro", "password-iro"),
                                "Content-Type: application/json\r\nX-Forwarded-Proto: https\r\n");
  EXPECT_THAT(via_https->header("set-cookie"), HasSubstr("; Secure"));
  auto via_http = post_session(behind_proxy, credentials("iro", "password-iro"));
  EXPECT_THAT(via_http->header("set-cookie"), Not(HasSubstr("Secure")));
}

TEST(ApiSessionTest, AWrongPasswordAndAnUnknownUserGetTheSame401) {
  ApiFixture fixture;
  auto wrong = post_session(fixture, credentials("social-worker", "not-the-password"));
  auto unknown = post_session(fixture, credentials("nobody-at-all", "not-the-password"));
  ASSERT_TRUE(wrong && unknown);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(wrong->body, unknown->body);
  EXPECT_FALSE(wrong->has_header("set-cookie"));
}

TEST(ApiSessionTest, FiveFailuresLockTheAccountWith423SayingUntilWhen) {
  ApiFixture fixture;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(post_session(fixture, credentials("analyst", "wrong-password"))->status, 401);
  }
  auto locked = post_session(fixture, credentials("analyst", "password-analyst"));
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 423);
  EXPECT_THAT(locked->body, HasSubstr("2026-03-31T10:15"));
}

TEST(ApiSessionTest, ManyFailuresFromOneAddressAreThrottledWith429AndRetryAfter) {
  ApiFixture fixture;
  // Different usernames, so no one account locks first.
  for (int i = 0; i < 20; ++i) {
    auto refused = post_session(fixture, credentials("guess-" + std::to_string(i), "password-x"));
    ASSERT_EQ(refused->status, 401) << i;
  }
  auto throttled = post_session(fixture, credentials("social-worker", "password-social-worker"));
  ASSERT_TRUE(throttled);
  EXPECT_EQ(throttled->status, 429);
  EXPECT_EQ(throttled->header("retry-after"), "300");
  EXPECT_THAT(throttled->body, HasSubstr("2026-03-31T10:05"));
  fixture.clock().advance_seconds(301);
  EXPECT_EQ(post_session(fixture, credentials("social-worker", "password-social-worker"))->status,
            200);
}

TEST(ApiSessionTest, MalformedSignInRequestsAreRefusedWith4xx) {
  ApiFixture fixture;
  EXPECT_EQ(post_session(fixture, "{not json")->status, 400);
  EXPECT_EQ(post_session(fixture, "[1,2]")->status, 400);
  EXPECT_EQ(post_session(fixture, credentials("a", "b"), "Content-Type: text/plain\r\n")->status,
            415);
  auto missing = post_session(fixture, R"({"username": 7})");
  ASSERT_EQ(missing->status, 422);
  auto problem = nlohmann::json::parse(missing->body);
  EXPECT_EQ(problem["errors"].size(), 2u);
  EXPECT_EQ(post_session(fixture, "")->status, 400);
}

TEST(ApiSessionTest, SigningOutEndsTheSessionAndClearsTheCookie) {
  ApiFixture fixture;
  Person worker = fixture.sign_in("social-worker");
  ASSERT_EQ(fixture.call(worker, "GET", "/api/v1/me")->status, 200);
  // Signing out is a change: it needs the CSRF token.
  EXPECT_EQ(fixture.call(worker, "DELETE", "/api/v1/session", "", false)->status, 403);
  auto out = fixture.call(worker, "DELETE", "/api/v1/session");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  EXPECT_THAT(out->header("set-cookie"), HasSubstr("Max-Age=0"));
  EXPECT_EQ(fixture.call(worker, "GET", "/api/v1/me")->status, 401);
  EXPECT_EQ(fixture.call(Person{}, "DELETE", "/api/v1/session")->status, 401);
}

TEST(ApiSessionTest, AnIdleSessionEnds) {
  ApiFixture fixture;
  Person worker = fixture.sign_in("social-worker");
  fixture.clock().advance_seconds(31 * 60);
  auto response = fixture.call(worker, "GET", "/api/v1/me/caseload");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 401);
}

TEST(ApiSessionTest, HtmlRoutesRedirectToSignInInsteadOf401) {
  ApiFixture fixture;
  http::Router router;
  GuardOptions html;
  html.redirect_to_sign_in = true;
  ASSERT_TRUE(router.add(
      "GET", "/children/{id}",
      signed_in(
          fixture.services(),
          [](http::Request&, const Caller&) { return http::Response::html(200, "<p>record</p>"); },
          html)));
  http::Request request;
  request.method = "GET";
  request.path = "/children/12";
  http::Response response = router.handle(request);
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.headers.get("location").value_or(""), "/sign-in?next=/children/12");
}

TEST(ApiSessionTest, TheCsrfTokenMayComeInAFormField) {
  ApiFixture fixture;
  Person worker = fixture.sign_in("social-worker");
  http::Router router;
  ASSERT_TRUE(
      router.add("POST", "/form", signed_in(fixture.services(), [](http::Request&, const Caller&) {
                   return http::Response::text(200, "done");
                 })));
  http::Request request;
  request.method = "POST";
  request.path = "/form";
  request.headers.set("Cookie", worker.cookie);
  request.headers.set("Content-Type", "application/x-www-form-urlencoded");
  request.body = "text=hello&csrf_token=" + worker.csrf_token;
  EXPECT_EQ(router.handle(request).status, 200);
  request.body = "text=hello&csrf_token=" + std::string(64, '0');
  EXPECT_EQ(router.handle(request).status, 403);
}

}  // namespace
}  // namespace safeguard::api
