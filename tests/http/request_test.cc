// Header fields compare names without regard to case; request targets are split into a decoded
// path and query, and malformed escapes are refused rather than passed on.
#include "http/request.h"

#include <gtest/gtest.h>

namespace safeguard::http {
namespace {

TEST(HttpHeadersTest, LooksUpNamesWithoutRegardToCase) {
  Headers headers;
  headers.add("Content-Type", "text/plain");
  EXPECT_EQ(headers.get("content-type"), "text/plain");
  EXPECT_EQ(headers.get("CONTENT-TYPE"), "text/plain");
  EXPECT_FALSE(headers.get("Content-Length").has_value());
}

TEST(HttpHeadersTest, SetReplacesEverySameNamedFieldAndAddKeepsThem) {
  Headers headers;
  headers.add("Set-Cookie", "a=1");
  headers.add("set-cookie", "b=2");
  EXPECT_EQ(headers.size(), 2u);
  headers.set("SET-COOKIE", "c=3");
  EXPECT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers.get("Set-Cookie"), "c=3");
  headers.set_default("set-cookie", "ignored");
  EXPECT_EQ(headers.get("Set-Cookie"), "c=3");
  headers.erase("Set-Cookie");
  EXPECT_TRUE(headers.empty());
}

TEST(HttpRequestTest, HeaderAndParameterAccessorsAnswerEmptyWhenAbsent) {
  Request request;
  request.headers.add("X-Request-Id", "abc");
  request.query.emplace("page", "2");
  EXPECT_EQ(request.header("x-request-id"), "abc");
  EXPECT_EQ(request.header("missing"), "");
  EXPECT_EQ(request.query_param("page"), "2");
  EXPECT_EQ(request.query_param("size"), "");
  EXPECT_EQ(request.path_param("id"), "");
}

TEST(HttpRequestTest, ParseTargetDecodesPathAndQuery) {
  auto target = parse_target("/children/a%20b?name=Sam+Jones&team=north%2Feast&flag&&x=1&x=2");
  ASSERT_TRUE(target) << target.error().message;
  EXPECT_EQ(target->path, "/children/a b");
  EXPECT_EQ(target->query.at("name"), "Sam Jones");
  EXPECT_EQ(target->query.at("team"), "north/east");
  EXPECT_EQ(target->query.at("flag"), "");
  EXPECT_EQ(target->query.at("x"), "1");  // the first value is kept
}

TEST(HttpRequestTest, PlusIsASpaceOnlyInTheQuery) {
  auto target = parse_target("/a+b?c=d+e");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/a+b");
  EXPECT_EQ(target->query.at("c"), "d e");
}

TEST(HttpRequestTest, ParseTargetRefusesNonOriginFormsAndBadEscapes) {
  for (std::string_view bad :
       {"", "*", "http://example.com/", "children", "/a%", "/a%2", "/a%zz", "/a%00b", "/a?x=%G1"}) {
    EXPECT_FALSE(parse_target(bad).ok()) << bad;
  }
}

TEST(HttpRequestTest, PercentDecodeKeepsBytesItDoesNotUnderstand) {
  auto decoded = percent_decode("%C3%A9t%C3%A9", false);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, "\xC3\xA9t\xC3\xA9");
}

}  // namespace
}  // namespace safeguard::http
