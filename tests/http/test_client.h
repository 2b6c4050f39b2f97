// A small HTTP/1.1 client on raw POSIX sockets for the server tests. It does exactly what a test
// says, including what a real client would refuse to do (never-ending headers, lying lengths), and
// every wait in it is bounded by a deadline, so a misbehaving server fails a test rather than
// hanging it. Loopback (127.0.0.1) only.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace safeguard::testing {

using namespace std::chrono_literals;
using TestClock = std::chrono::steady_clock;

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;

  std::string header(const std::string& lower_case_name) const {
    auto found = headers.find(lower_case_name);
    return found == headers.end() ? std::string() : found->second;
  }
  bool has_header(const std::string& lower_case_name) const {
    return headers.count(lower_case_name) > 0;
  }
};

class TestClient {
 public:
  explicit TestClient(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      fd_ = -1;
      return;
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~TestClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;
  TestClient(TestClient&& other) noexcept : fd_(other.fd_), buffer_(std::move(other.buffer_)) {
    other.fd_ = -1;
  }

  bool connected() const { return fd_ >= 0; }

  // Sends all of `data`; false when the peer closed or reset, or `timeout` passed.
  bool send(std::string_view data, std::chrono::milliseconds timeout = 2000ms) {
    if (fd_ < 0) return false;
    const auto deadline = TestClock::now() + timeout;
    while (!data.empty()) {
      if (!wait_for(POLLOUT, deadline)) return false;
      ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        return false;
      }
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }

  // Reads one Content-Length framed response; nullopt when the connection closed or `timeout`
  // passed before a whole response arrived.
  std::optional<ClientResponse> read_response(std::chrono::milliseconds timeout = 5000ms) {
    const auto deadline = TestClock::now() + timeout;
    std::size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (fill(deadline) <= 0) return std::nullopt;
    }
    ClientResponse response;
    std::string_view head(buffer_.data(), header_end);
    std::size_t line_end = head.find("\r\n");
    std::string_view status_line = head.substr(0, line_end);
    if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.")) return std::nullopt;
    response.status = std::stoi(std::string(status_line.substr(9, 3)));
    while (line_end != std::string_view::npos) {
      head.remove_prefix(line_end + 2);
      line_end = head.find("\r\n");
      std::string_view line = head.substr(0, line_end);
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name(line.substr(0, colon));
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      response.headers[name] = std::string(value);
    }
    std::size_t length = 0;
    if (response.has_header("content-length")) {
      length = std::stoul(response.header("content-length"));
    }
    if (response.status == 204 || response.status == 304 || head_request_) length = 0;
    const std::size_t total = header_end + 4 + length;
    while (buffer_.size() < total) {
      if (fill(deadline) <= 0) return std::nullopt;
    }
    response.body = buffer_.substr(header_end + 4, length);
    buffer_.erase(0, total);
    return response;
  }

  // True when the peer closes the connection (EOF or reset) within `timeout`; data the server
  // sends first is read and dropped.
  bool wait_closed(std::chrono::milliseconds timeout) {
    const auto deadline = TestClock::now() + timeout;
    while (true) {
      int result = fill(deadline);
      if (result == 0 || result == -1) return true;
      if (result == -2) return false;
      buffer_.clear();
    }
  }

  // One whole request and its response.
  std::optional<ClientResponse> request(std::string_view method, std::string_view target,
                                        std::string_view body = {},
                                        std::string_view extra_headers = {}) {
    std::string text = std::string(method) + " " + std::string(target) +
                       " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + std::string(extra_headers);
    if (!body.empty() || method == "POST") {
      text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    text += "\r\n";
    text += body;
    head_request_ = method == "HEAD";
    if (!send(text)) return std::nullopt;
    auto response = read_response();
    head_request_ = false;
    return response;
  }

  int fd() const { return fd_; }

 private:
  bool wait_for(short events, TestClock::time_point deadline) {
    if (fd_ < 0) return false;
    while (true) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - TestClock::now());
      if (left.count() <= 0) return false;
      pollfd descriptor{fd_, events, 0};
      int ready = ::poll(&descriptor, 1, static_cast<int>(left.count()));
      if (ready > 0) return true;
      if (ready < 0 && errno != EINTR) return false;
    }
  }

  // Appends what arrives: >0 bytes read, 0 on EOF, -1 on error (e.g. reset), -2 on timeout.
  int fill(TestClock::time_point deadline) {
    if (fd_ < 0) return -1;
    if (!wait_for(POLLIN, deadline)) return -2;
    char chunk[16 * 1024];
    ssize_t received = ::recv(fd_, chunk, sizeof chunk, MSG_DONTWAIT);
    if (received < 0) return (errno == EAGAIN || errno == EINTR) ? 1 : -1;
    buffer_.append(chunk, static_cast<std::size_t>(received));
    return received > 0 ? 1 : 0;
  }

  int fd_ = -1;
  std::string buffer_;
  bool head_request_ = false;
};

// The resident set size of this process in KiB, from /proc/self/status (0 if unreadable).
inline long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  }
  return 0;
}

// Raises the open-file limit towards `wanted` (bounded by the hard limit); returns the new limit.
inline rlim_t raise_open_file_limit(rlim_t wanted) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur < wanted) {
    limit.rlim_cur = std::min(wanted, limit.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur;
}

}  // namespace safeguard::testing
