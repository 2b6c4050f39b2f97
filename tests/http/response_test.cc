// Responses built by the helpers carry the right content types; problems follow RFC 9457; and the
// security headers are added to every response without overriding a handler's own choice.
#include "http/response.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace safeguard::http {
namespace {

TEST(HttpResponseTest, ProblemHasTheRfc9457Shape) {
  Response response = Response::problem(404, "Child not found", "No child has the identifier 42.");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.headers.get("Content-Type"), "application/problem+json");
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body.size(), 4u);
  EXPECT_EQ(body["type"], "about:blank");
  EXPECT_EQ(body["title"], "Child not found");
  EXPECT_EQ(body["status"], 404);
  EXPECT_EQ(body["detail"], "No child has the identifier 42.");
}

TEST(HttpResponseTest, JsonAndHtmlAndTextSetTheirContentTypes) {
  Response json = Response::json(201, {{"id", 7}});
  EXPECT_EQ(json.status, 201);
  EXPECT_EQ(json.headers.get("Content-Type"), "application/json");
  EXPECT_EQ(json.body, R"({"id":7})");
  EXPECT_EQ(Response::html(200, "<p>").headers.get("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(Response::text(200, "ok").headers.get("content-type"), "text/plain; charset=utf-8");
}

TEST(HttpResponseTest, JsonWithInvalidUtf8IsReplacedNotThrown) {
  Response response = Response::problem(400, "Bad", std::string("caf\xC3", 4));
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["detail"], "caf\xEF\xBF\xBD");
}

TEST(HttpResponseTest, RedirectIsSeeOtherByDefault) {
  Response response = Response::redirect("/children/42");
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.headers.get("Location"), "/children/42");
  EXPECT_EQ(Response::redirect("/x", 308).status, 308);
}

TEST(HttpResponseTest, SecurityHeadersAreAddedWithTheGivenPolicy) {
  Response response = Response::text(200, "ok");
  add_security_headers(response, kDefaultContentSecurityPolicy);
  EXPECT_EQ(response.headers.get("Content-Security-Policy"),
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
  EXPECT_EQ(response.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.headers.get("Referrer-Policy"), "same-origin");
  EXPECT_EQ(response.headers.get("X-Frame-Options"), "DENY");
  EXPECT_EQ(response.headers.get("Cache-Control"), "no-store");
}

TEST(HttpResponseTest, SecurityHeadersKeepWhatTheHandlerSet) {
  Response response = Response::text(200, "ok");
  response.headers.set("Cache-Control", "public, max-age=60");
  add_security_headers(response, "default-src 'none'");
  EXPECT_EQ(response.headers.get("Cache-Control"), "public, max-age=60");
  EXPECT_EQ(response.headers.get("Content-Security-Policy"), "default-src 'none'");
}

TEST(HttpResponseTest, ReasonPhrases) {
  EXPECT_EQ(reason_phrase(200), "OK");
  EXPECT_EQ(reason_phrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(reason_phrase(299), "Unknown");
}

}  // namespace
}  // namespace safeguard::http
