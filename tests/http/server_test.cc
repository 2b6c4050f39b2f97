// The Server with well-behaved clients: round trips, keep-alive and pipelining, HEAD, problems
// and security headers on the wire, the request log, handlers that block, static files, limits,
// timeouts, the connection cap, start errors and a graceful stop. Every client is a raw socket on
// 127.0.0.1 (test_client.h), every wait bounded.
#include "http/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/temp_dir.h"
#include "test_client.h"
#include "test_server.h"

namespace safeguard::http {
namespace {

using namespace std::chrono_literals;
using safeguard::testing::ClientResponse;
using safeguard::testing::TestClient;
using safeguard::testing::TestServer;
using ::testing::HasSubstr;
using ::testing::Not;

void expect_security_headers(const ClientResponse& response) {
  EXPECT_EQ(response.header("content-security-policy"),
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
  EXPECT_EQ(response.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(response.header("referrer-policy"), "same-origin");
  EXPECT_EQ(response.header("x-frame-options"), "DENY");
}

class HttpServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions options = {}) {
    server_.emplace(std::move(options));
    Status started = server_->start();
    ASSERT_TRUE(started) << started.error().message;
    ASSERT_NE(server_->port(), 0);
  }
  void SetUp() override { start(); }
  TestClient client() { return TestClient(server_->port()); }

  std::optional<TestServer> server_;
};

TEST_F(HttpServerTest, GetRoundTrip) {
  TestClient connection = client();
  ASSERT_TRUE(connection.connected());
  auto response = connection.request("GET", "/healthz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "ok");
  EXPECT_EQ(response->header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(response->header("content-length"), "2");
  EXPECT_EQ(response->header("cache-control"), "no-store");
  expect_security_headers(*response);
}

TEST_F(HttpServerTest, PostRoundTrip) {
  TestClient connection = client();
  auto response = connection.request("POST", "/echo", R"({"name":"Sam"})",
                                     "Content-Type: application/json\r\n");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"name":"Sam"})");
  EXPECT_EQ(response->header("content-type"), "application/json");
}

TEST_F(HttpServerTest, PathParametersAndQueryReachTheHandlerDecoded) {
  TestClient connection = client();
  auto response = connection.request("GET", "/children/C%2042?q=north+east");
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  auto body = nlohmann::json::parse(response->body);
  EXPECT_EQ(body["id"], "C 42");
  EXPECT_EQ(body["q"], "north east");
}

TEST_F(HttpServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  TestClient connection = client();
  for (int i = 0; i < 50; ++i) {
    auto response = connection.request(i % 2 ? "GET" : "POST", i % 2 ? "/healthz" : "/echo",
                                       i % 2 ? "" : std::to_string(i));
    ASSERT_TRUE(response) << "request " << i;
    EXPECT_EQ(response->status, 200);
    EXPECT_NE(response->header("connection"), "close");
  }
  EXPECT_EQ(server_->server().connection_count(), 1u);
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  TestClient connection = client();
  std::string requests;
  for (int i = 0; i < 3; ++i) {
    std::string body = "body" + std::to_string(i);
    requests += "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\n\r\n" + body;
  }
  ASSERT_TRUE(connection.send(requests));
  for (int i = 0; i < 3; ++i) {
    auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "body" + std::to_string(i));
  }
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
  TestClient connection = client();
  auto response = connection.request("GET", "/healthz", "", "Connection: close\r\n");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_TRUE(connection.wait_closed(2s));
}

TEST_F(HttpServerTest, Http10WithoutKeepAliveIsClosedAfterOneResponse) {
  TestClient connection = client();
  ASSERT_TRUE(connection.send("GET /healthz HTTP/1.0\r\n\r\n"));
  auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(connection.wait_closed(2s));
}

TEST_F(HttpServerTest, HeadSendsHeadersWithoutTheBody) {
  TestClient connection = client();
  auto head = connection.request("HEAD", "/healthz");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("content-length"), "2");
  // Had a body been sent, it would now be read as the start of the next response.
  auto next = connection.request("GET", "/healthz");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(next->body, "ok");
}

TEST_F(HttpServerTest, NotFoundAndMethodNotAllowedAreProblemsWithSecurityHeaders) {
  TestClient connection = client();
  auto missing = connection.request("GET", "/nowhere");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->header("content-type"), "application/problem+json");
  expect_security_headers(*missing);

  auto wrong_method = connection.request("DELETE", "/healthz");
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 405);
  EXPECT_EQ(wrong_method->header("allow"), "GET, HEAD");
  auto body = nlohmann::json::parse(wrong_method->body);
  EXPECT_EQ(body["status"], 405);
  EXPECT_TRUE(body.contains("title"));
  EXPECT_TRUE(body.contains("detail"));
  expect_security_headers(*wrong_method);
}

TEST_F(HttpServerTest, HandlerExceptionIsA500WithoutDetailAndTheConnectionLives) {
  TestClient connection = client();
  auto response = connection.request("GET", "/boom");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(response->header("content-type"), "application/problem+json");
  EXPECT_THAT(response->body, Not(HasSubstr("hunter2")));
  expect_security_headers(*response);
  auto errors = server_->errors();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], HasSubstr("hunter2"));
  auto next = connection.request("GET", "/healthz");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(HttpServerTest, HeaderInjectionByAHandlerIsDropped) {
  TestClient connection = client();
  auto response = connection.request("GET", "/inject");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_FALSE(response->has_header("x-name"));
  EXPECT_FALSE(response->has_header("set-cookie"));
  EXPECT_THAT(server_->errors(), ::testing::Contains(HasSubstr("X-Name")));
}

TEST_F(HttpServerTest, RequestLogHasMethodPathStatusAndNoQueryString) {
  TestClient connection = client();
  ASSERT_TRUE(connection.request("GET", "/children/42?q=Sam+Jones"));
  ASSERT_TRUE(connection.request("GET", "/nowhere"));
  ASSERT_TRUE(server_->wait_for_requests(2, 2s));
  auto requests = server_->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].path, "/children/42");
  EXPECT_EQ(requests[0].status, 200);
  EXPECT_EQ(requests[0].remote_address, "127.0.0.1");
  EXPECT_GT(requests[0].duration.count(), 0);
  EXPECT_EQ(requests[1].status, 404);
}

TEST_F(HttpServerTest, ExpectContinueGetsAnInterimResponse) {
  TestClient connection = client();
  ASSERT_TRUE(connection.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  auto interim = connection.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(connection.send("hello"));
  auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello");
}

TEST_F(HttpServerTest, ABodyAtTheLimitIsAcceptedAndOneByteMoreIsRefused) {
  server_.reset();
  ServerOptions options;
  options.body_limit = 64 * 1024;
  start(options);
  TestClient connection = client();
  auto at_limit = connection.request("POST", "/echo", std::string(64 * 1024, 'x'));
  ASSERT_TRUE(at_limit);
  EXPECT_EQ(at_limit->status, 200);
  EXPECT_EQ(at_limit->header("x-received-length"), "65536");
  auto over = connection.request("POST", "/echo", std::string(64 * 1024 + 1, 'x'));
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 413);
  EXPECT_EQ(over->header("content-type"), "application/problem+json");
  expect_security_headers(*over);
  EXPECT_TRUE(connection.wait_closed(3s));
}

TEST_F(HttpServerTest, BlockingHandlersDoNotStallOtherConnections) {
  std::vector<TestClient> blocked;
  for (int i = 0; i < 4; ++i) {
    blocked.emplace_back(server_->port());
    ASSERT_TRUE(blocked.back().send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n"));
  }
  ASSERT_TRUE(server_->wait_until_blocked(4, 5s));
  for (int i = 0; i < 5; ++i) {
    auto started = std::chrono::steady_clock::now();
    TestClient connection = client();
    auto response = connection.request("GET", "/healthz");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  }
  server_->release_blocked();
  for (TestClient& connection : blocked) {
    auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "unblocked");
  }
}

TEST_F(HttpServerTest, ContentSecurityPolicyIsConfigurable) {
  server_.reset();
  ServerOptions options;
  options.content_security_policy = "default-src 'none'";
  start(options);
  TestClient connection = client();
  auto response = connection.request("GET", "/healthz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->header("content-security-policy"), "default-src 'none'");
}

TEST_F(HttpServerTest, StaticFilesAreServedWithCachingAndNeverEscapeTheRoot) {
  safeguard::testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "web");
  std::ofstream(dir.path() / "web" / "app.css") << "body{}";
  std::ofstream(dir.path() / "secret.txt") << "secret";
  server_.reset();
  ServerOptions options;
  options.static_root = dir.path() / "web";
  options.static_max_age = std::chrono::seconds(86400);
  start(options);

  TestClient connection = client();
  auto css = connection.request("GET", "/assets/app.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->body, "body{}");
  EXPECT_EQ(css->header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(css->header("cache-control"), "public, max-age=86400");
  EXPECT_EQ(css->header("x-content-type-options"), "nosniff");
  for (std::string target : {"/assets/../secret.txt", "/assets/%2e%2e/secret.txt",
                             "/assets/..%2fsecret.txt", "/assets/missing.css"}) {
    auto refused = connection.request("GET", target);
    ASSERT_TRUE(refused) << target;
    EXPECT_EQ(refused->status, 404) << target;
    EXPECT_THAT(refused->body, Not(HasSubstr("secret\""))) << target;
  }
  auto routed = connection.request("GET", "/healthz");
  ASSERT_TRUE(routed);
  EXPECT_EQ(routed->status, 200);
}

TEST_F(HttpServerTest, AnUnfinishedHeaderIsClosedAtTheHeaderTimeoutEvenWhenTrickled) {
  server_.reset();
  ServerOptions options;
  options.header_timeout = 300ms;
  start(options);
  TestClient connection = client();
  auto started = std::chrono::steady_clock::now();
  bool closed = false;
  std::string header =
      "GET /healthz HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  for (char c : header) {  // one byte every 50 ms, each resetting any per-read timer
    if (!connection.send(std::string(1, c)) || connection.wait_closed(50ms)) {
      closed = true;
      break;
    }
  }
  EXPECT_TRUE(closed);
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 2s);
}

TEST_F(HttpServerTest, ASlowBodyIsClosedAtTheRequestTimeout) {
  server_.reset();
  ServerOptions options;
  options.request_timeout = 300ms;
  start(options);
  TestClient connection = client();
  ASSERT_TRUE(connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc"));
  EXPECT_TRUE(connection.wait_closed(3s));
}

TEST_F(HttpServerTest, AnIdleKeptAliveConnectionIsClosedAtTheIdleTimeout) {
  server_.reset();
  ServerOptions options;
  options.idle_timeout = 200ms;
  start(options);
  TestClient connection = client();
  ASSERT_TRUE(connection.request("GET", "/healthz"));
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(connection.wait_closed(3s));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 150ms);
}

TEST_F(HttpServerTest, ConnectionsBeyondTheLimitAreClosed) {
  server_.reset();
  ServerOptions options;
  options.max_connections = 4;
  start(options);
  std::vector<TestClient> held;
  for (int i = 0; i < 4; ++i) {
    held.emplace_back(server_->port());
    ASSERT_TRUE(held.back().request("GET", "/healthz"));
  }
  TestClient refused = client();
  EXPECT_TRUE(refused.wait_closed(2s));

  held.pop_back();
  bool served = false;  // the freed place is reused once the server has seen the close
  for (int attempt = 0; attempt < 200 && !served; ++attempt) {
    TestClient again = client();
    auto response = again.request("GET", "/healthz");
    served = response && response->status == 200;
  }
  EXPECT_TRUE(served);
}

TEST_F(HttpServerTest, PortInUseIsAClearError) {
  ServerOptions options;
  options.port = server_->port();
  TestServer second(options);
  Status started = second.start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().kind, ErrorKind::kUnavailable);
  EXPECT_THAT(started.error().message, HasSubstr(std::to_string(server_->port())));
  EXPECT_THAT(started.error().message, HasSubstr("in use"));
}

TEST_F(HttpServerTest, StartRefusesABadAddressAndASecondStart) {
  ServerOptions options;
  options.bind_address = "not-an-address";
  TestServer bad(options);
  Status started = bad.start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().kind, ErrorKind::kInvalid);
  EXPECT_FALSE(server_->start().ok());
}

TEST_F(HttpServerTest, StopLetsARequestInProgressFinishAndClosesIdleConnections) {
  TestClient busy = client();
  ASSERT_TRUE(busy.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(server_->wait_until_blocked(1, 5s));
  TestClient idle = client();
  ASSERT_TRUE(idle.request("GET", "/healthz"));

  auto stopped = std::async(std::launch::async, [this] { server_->server().stop(); });
  EXPECT_TRUE(idle.wait_closed(3s));
  EXPECT_EQ(stopped.wait_for(0ms), std::future_status::timeout);  // still waiting for /block
  server_->release_blocked();
  auto response = busy.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "unblocked");
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_EQ(stopped.wait_for(5s), std::future_status::ready);
  EXPECT_FALSE(TestClient(server_->port()).request("GET", "/healthz"));
}

}  // namespace
}  // namespace safeguard::http
