// The Router matches literal and `{name}` segments, prefers literals, answers 404 and 405 (with
// Allow) as problems, lets HEAD use GET routes, refuses malformed patterns, and turns a handler's
// exception into a 500 that leaks nothing while the cause goes to the error log.
#include "http/router.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace safeguard::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Request a_request(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

Handler answering(std::string text) {
  return [text = std::move(text)](Request&) { return Response::text(200, text); };
}

class HttpRouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(router_.add("GET", "/healthz", answering("health")));
    ASSERT_TRUE(router_.add("GET", "/api/v1/children/{id}", [](Request& request) {
      return Response::text(200, "child " + std::string(request.path_param("id")));
    }));
    ASSERT_TRUE(router_.add("GET", "/api/v1/children/new", answering("new form")));
    ASSERT_TRUE(router_.add("POST", "/api/v1/children/{id}/closure", [](Request& request) {
      return Response::text(200, "close " + std::string(request.path_param("id")));
    }));
    ASSERT_TRUE(router_.add("DELETE", "/api/v1/children/{id}", answering("deleted")));
    ASSERT_TRUE(router_.add("GET", "/teams/{team}/workers/{worker}", [](Request& request) {
      return Response::text(200, std::string(request.path_param("team")) + "/" +
                                     std::string(request.path_param("worker")));
    }));
    ASSERT_TRUE(router_.add("GET", "/boom", [](Request&) -> Response {
      throw std::runtime_error("SQLITE_CORRUPT at /var/lib/safeguard/live.db");
    }));
    ASSERT_TRUE(router_.add("GET", "/boom-int", [](Request&) -> Response { throw 42; }));
  }

  Response handle(std::string method, std::string path) {
    Request request = a_request(std::move(method), std::move(path));
    return router_.handle(request);
  }

  std::vector<std::string> errors_;
  Router router_{[this](std::string_view message) { errors_.emplace_back(message); }};
};

TEST_F(HttpRouterTest, MatchesLiteralRoutes) {
  Response response = handle("GET", "/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "health");
}

TEST_F(HttpRouterTest, FillsPathParameters) {
  Request request = a_request("GET", "/teams/north/workers/w7");
  Response response = router_.handle(request);
  EXPECT_EQ(response.body, "north/w7");
  EXPECT_EQ(request.path_params.size(), 2u);
  EXPECT_EQ(handle("POST", "/api/v1/children/42/closure").body, "close 42");
}

TEST_F(HttpRouterTest, ALiteralSegmentBeatsAParameter) {
  EXPECT_EQ(handle("GET", "/api/v1/children/new").body, "new form");
  EXPECT_EQ(handle("GET", "/api/v1/children/news").body, "child news");
}

TEST_F(HttpRouterTest, ParametersDoNotMatchEmptySegmentsOrExtraSegments) {
  EXPECT_EQ(handle("GET", "/api/v1/children/").status, 404);
  EXPECT_EQ(handle("GET", "/api/v1/children/42/extra").status, 404);
  EXPECT_EQ(handle("GET", "/healthz/").status, 404);
  EXPECT_EQ(handle("GET", "/api/v1/children").status, 404);
}

TEST_F(HttpRouterTest, UnknownPathIsA404Problem) {
  Response response = handle("GET", "/nowhere");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.headers.get("Content-Type"), "application/problem+json");
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["status"], 404);
  EXPECT_EQ(body["type"], "about:blank");
}

TEST_F(HttpRouterTest, KnownPathWithAnotherMethodIsA405WithAllow) {
  Response response = handle("PUT", "/api/v1/children/42");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.headers.get("Allow"), "DELETE, GET, HEAD");
  EXPECT_EQ(response.headers.get("Content-Type"), "application/problem+json");
  EXPECT_EQ(nlohmann::json::parse(response.body)["status"], 405);
}

TEST_F(HttpRouterTest, HeadFallsBackToGet) {
  EXPECT_EQ(handle("HEAD", "/healthz").status, 200);
  EXPECT_EQ(handle("HEAD", "/api/v1/children/42/closure").status, 405);
}

TEST_F(HttpRouterTest, HandlerExceptionBecomesA500WithoutDetail) {
  Response response = handle("GET", "/boom");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.headers.get("Content-Type"), "application/problem+json");
  EXPECT_THAT(response.body, Not(HasSubstr("SQLITE")));
  EXPECT_THAT(response.body, Not(HasSubstr("/var/lib")));
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_THAT(errors_[0], HasSubstr("SQLITE_CORRUPT"));
  EXPECT_THAT(errors_[0], HasSubstr("GET /boom"));

  EXPECT_EQ(handle("GET", "/boom-int").status, 500);
  EXPECT_EQ(errors_.size(), 2u);
}

TEST_F(HttpRouterTest, RefusesMalformedAndDuplicatePatterns) {
  Router router;
  Handler handler = answering("x");
  EXPECT_FALSE(router.add("GET", "children", handler).ok());
  EXPECT_FALSE(router.add("GET", "", handler).ok());
  EXPECT_FALSE(router.add("GET", "/children/{}", handler).ok());
  EXPECT_FALSE(router.add("GET", "/children/{id", handler).ok());
  EXPECT_FALSE(router.add("GET", "/children/x{id}", handler).ok());
  EXPECT_FALSE(router.add("GET", "/children/{a{b}}", handler).ok());
  EXPECT_FALSE(router.add("", "/children", handler).ok());
  EXPECT_TRUE(router.add("GET", "/children/{id}", handler).ok());
  Status duplicate = router.add("GET", "/children/{id}", handler);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_THAT(duplicate.error().message, HasSubstr("already registered"));
}

TEST_F(HttpRouterTest, AsHandlerCallsTheRouter) {
  Handler handler = router_.as_handler();
  Request request = a_request("GET", "/healthz");
  EXPECT_EQ(handler(request).body, "health");
}

}  // namespace
}  // namespace safeguard::http
