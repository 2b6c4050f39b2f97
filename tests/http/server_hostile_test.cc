// The Server against hostile clients, with default options: a header line that never ends, a body
// far over the limit, a thousand connections that never finish their request, and malformed
// requests of many kinds. Each must end in a 4xx or a closed connection, quickly, without the
// process's memory growing by more than 200 MB, and with a normal client still served promptly.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/server.h"
#include "test_client.h"
#include "test_server.h"

namespace safeguard::http {
namespace {

using namespace std::chrono_literals;
using safeguard::testing::ClientResponse;
using safeguard::testing::resident_kib;
using safeguard::testing::TestClient;
using safeguard::testing::TestServer;

constexpr long kMemoryBudgetKib = 200 * 1024;

class HttpHostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status started = server_.start();
    ASSERT_TRUE(started) << started.error().message;
    baseline_kib_ = resident_kib();
    ASSERT_GT(baseline_kib_, 0);
  }
  void TearDown() override { expect_memory_within_budget(); }

  void expect_memory_within_budget() {
    long grown = resident_kib() - baseline_kib_;
    EXPECT_LT(grown, kMemoryBudgetKib) << "resident memory grew by " << grown << " KiB";
  }

  // A normal client, on a fresh connection, answered within a second.
  void expect_normal_client_served() {
    auto started = std::chrono::steady_clock::now();
    TestClient connection(server_.port());
    auto response = connection.request("GET", "/healthz");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  }

  // Sends `prefix`, then `filler` bytes in 64 KiB pieces up to `total`, stopping as soon as the
  // server stops taking them. Returns how many filler bytes were sent.
  std::size_t send_flood(TestClient& connection, const std::string& prefix, char filler,
                         std::size_t total) {
    if (!connection.send(prefix)) return 0;
    const std::string piece(64 * 1024, filler);
    std::size_t sent = 0;
    while (sent < total && connection.send(piece, 1000ms)) {
      sent += piece.size();
      expect_memory_within_budget();
    }
    return sent;
  }

  // True when the server logged a response with `status` (it logs before it closes).
  bool server_sent(int status) {
    for (const auto& request : server_.requests()) {
      if (request.status == status) return true;
    }
    return false;
  }

  // The server answered with one of `statuses`, or closed without answering; then it closed.
  void expect_refused_and_closed(TestClient& connection, std::vector<int> statuses) {
    auto response = connection.read_response(3s);
    if (response) {
      EXPECT_THAT(statuses, ::testing::Contains(response->status));
    }
    EXPECT_TRUE(connection.wait_closed(3s));
  }

  TestServer server_;
  long baseline_kib_ = 0;
};

TEST_F(HttpHostileInputTest, AHeaderLineThatNeverEndsIsRefusedAndOthersAreStillServed) {
  auto started = std::chrono::steady_clock::now();
  TestClient connection(server_.port());
  send_flood(connection, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: ", 'a', 1024 * 1024);
  expect_refused_and_closed(connection, {431, 400});
  EXPECT_TRUE(server_sent(431));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  expect_normal_client_served();
}

TEST_F(HttpHostileInputTest, ARequestLineThatNeverEndsIsRefused) {
  TestClient connection(server_.port());
  send_flood(connection, "GET /", 'a', 1024 * 1024);
  expect_refused_and_closed(connection, {431, 400, 414});
  EXPECT_TRUE(server_sent(431));
  expect_normal_client_served();
}

TEST_F(HttpHostileInputTest, ThousandsOfSmallHeaderFieldsAreRefused) {
  TestClient connection(server_.port());
  std::string fields = "GET /healthz HTTP/1.1\r\n";
  for (int i = 0; i < 5000; ++i) fields += "X-" + std::to_string(i) + ": y\r\n";
  connection.send(fields + "\r\n");
  expect_refused_and_closed(connection, {431});
  EXPECT_TRUE(server_sent(431));
  expect_normal_client_served();
}

TEST_F(HttpHostileInputTest, AHundredMegabyteBodyIsRefusedFromItsLengthWithoutBeingRead) {
  auto started = std::chrono::steady_clock::now();
  TestClient connection(server_.port());
  ASSERT_TRUE(
      connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n"));
  // The refusal comes from the declared length, before any of the body is sent.
  auto response = connection.read_response(2s);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->header("connection"), "close");
  std::size_t sent = send_flood(connection, "", 'b', 8 * 1024 * 1024);
  EXPECT_TRUE(connection.wait_closed(3s));
  EXPECT_LT(sent, 8u * 1024 * 1024) << "the server kept reading the body";
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  expect_normal_client_served();
}

TEST_F(HttpHostileInputTest, AHundredMegabyteBodyStreamedWithoutWaitingIsRefused) {
  TestClient connection(server_.port());
  send_flood(connection, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n", 'b',
             4 * 1024 * 1024);
  expect_refused_and_closed(connection, {413});
  EXPECT_TRUE(server_sent(413));
  expect_normal_client_served();
}

TEST_F(HttpHostileInputTest, AChunkedBodyOverTheLimitIsCutOff) {
  TestClient connection(server_.port());
  std::string chunk = "10000\r\n" + std::string(0x10000, 'c') + "\r\n";
  std::string request = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  bool server_stopped_reading = false;
  if (!connection.send(request)) server_stopped_reading = true;
  for (int i = 0; i < 64 && !server_stopped_reading; ++i) {  // up to 4 MiB
    server_stopped_reading = !connection.send(chunk, 1000ms);
  }
  expect_refused_and_closed(connection, {413});
  EXPECT_TRUE(server_sent(413));
  expect_normal_client_served();
}

TEST_F(HttpHostileInputTest, AThousandSlowConnectionsDoNotDelayANormalClient) {
  constexpr std::size_t kSlow = 1000;
  ASSERT_GE(safeguard::testing::raise_open_file_limit(4 * kSlow), 2 * kSlow + 100)
      << "the open-file limit is too low for this test";
  std::vector<TestClient> slow;
  slow.reserve(kSlow);
  for (std::size_t i = 0; i < kSlow; ++i) {
    slow.emplace_back(server_.port());
    ASSERT_TRUE(slow.back().connected()) << "connection " << i;
    ASSERT_TRUE(slow.back().send("GET /healthz HTT"));
  }
  ASSERT_TRUE(server_.wait_for_connections(kSlow, 10s))
      << "server holds " << server_.server().connection_count() << " connections";
  long per_connection = (resident_kib() - baseline_kib_) * 1024 / static_cast<long>(kSlow);
  RecordProperty("bytes_per_slow_connection", std::to_string(per_connection));
  std::cout << "resident memory per slow connection: ~" << per_connection << " bytes\n";

  for (int i = 0; i < 10; ++i) expect_normal_client_served();
  TestClient kept_alive(server_.port());
  for (int i = 0; i < 10; ++i) {
    auto started = std::chrono::steady_clock::now();
    auto response = kept_alive.request("GET", "/healthz");
    ASSERT_TRUE(response);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  }
  expect_memory_within_budget();
}

TEST_F(HttpHostileInputTest, MalformedRequestsGetA4xxOrAreClosedNeverACrash) {
  const std::vector<std::string> malformed = {
      "GARBAGE\r\n\r\n",
      "GET\r\n\r\n",
      "GET / HTTP/9.9\r\n\r\n",
      "GET / FTP/1.1\r\n\r\n",
      "GET  /  HTTP/1.1\r\n\r\n",
      "G\x7f T / HTTP/1.1\r\n\r\n",
      "GET /\x01 HTTP/1.1\r\n\r\n",
      std::string("GET /\0 HTTP/1.1\r\n\r\n", 20),
      std::string("\x00\x01\x02\xff\xfe\r\n\r\n", 9),
      "GET / HTTP/1.1\r\nHost x\r\n\r\n",
      "GET / HTTP/1.1\r\n: no-name\r\n\r\n",
      "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
      "GET / HTTP/1.1\nHost: x\n\n",
      "GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n",
      "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: 5x\r\n\r\nhello",
      "POST /echo HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
      "POST /echo HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;" + std::string(200000, 'x') +
          "\r\nabc\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Trailer" +
          std::string(20000, 't') + "\r\n\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nabc",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: "
      "chunked\r\n\r\n0\r\n\r\n",
  };
  for (const std::string& request : malformed) {
    SCOPED_TRACE(::testing::PrintToString(request.substr(0, 80)));
    TestClient connection(server_.port());
    ASSERT_TRUE(connection.connected());
    connection.send(request);
    auto response = connection.read_response(3s);
    if (response) {  // 501: a transfer coding we do not implement (RFC 9112 section 6.1)
      EXPECT_TRUE((response->status >= 400 && response->status < 500) || response->status == 501)
          << response->status;
    } else {
      EXPECT_TRUE(connection.wait_closed(3s)) << "neither answered nor closed";
    }
  }
  expect_normal_client_served();
}

}  // namespace
}  // namespace safeguard::http
