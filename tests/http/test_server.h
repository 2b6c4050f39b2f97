// A Server on an ephemeral 127.0.0.1 port with a few routes for the tests, collecting what it logs.
//   GET  /healthz          "ok"
//   POST /echo             the request body back, with its Content-Type and a Content-Length header
//   GET  /children/{id}    {"id": <id>, "q": <query parameter q>}
//   GET  /boom             throws, with internal detail in the message
//   GET  /block            waits until release_blocked() (for tests of slow handlers and stop())
//   GET  /inject           tries to set a header containing CR LF
#pragma once

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/router.h"
#include "http/server.h"

namespace safeguard::testing {

struct LoggedRequest {
  std::string method;
  std::string path;
  int status = 0;
  std::chrono::microseconds duration{0};
  std::string remote_address;
};

class TestServer {
 public:
  explicit TestServer(http::ServerOptions options = {}) {
    add_routes();
    options.request_log = [this](const http::RequestLogEntry& entry) {
      std::lock_guard lock(mutex_);
      requests_.push_back({std::string(entry.method), std::string(entry.path), entry.status,
                           entry.duration, std::string(entry.remote_address)});
      changed_.notify_all();
    };
    options.error_log = [this](std::string_view message) {
      std::lock_guard lock(mutex_);
      errors_.emplace_back(message);
    };
    server_.emplace(std::move(options), router_.as_handler());
  }
  ~TestServer() {
    release_blocked();
    server_->stop();
  }

  Status start() { return server_->start(); }
  std::uint16_t port() const { return server_->port(); }
  http::Server& server() { return *server_; }

  // The server logs a request just after its response is written, so a client may read the
  // response a moment before the log has it: wait (bounded) for `count` entries.
  bool wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return requests_.size() >= count; });
  }
  std::vector<LoggedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::vector<std::string> errors() const {
    std::lock_guard lock(mutex_);
    return errors_;
  }

  // True once `count` handlers are waiting in /block (false after `timeout`).
  bool wait_until_blocked(int count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return blocked_ >= count; });
  }
  void release_blocked() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

  // True once the server holds `count` connections or more (false after `timeout`).
  bool wait_for_connections(std::size_t count, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (server_->connection_count() < count) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, std::chrono::milliseconds(5));  // a bounded poll
    }
    return true;
  }

 private:
  void add_routes() {
    auto must = [](Status status) {
      if (!status) throw std::logic_error(status.error().message);
    };
    using http::Request;
    using http::Response;
    must(router_.add("GET", "/healthz", [](Request&) { return Response::text(200, "ok"); }));
    must(router_.add("POST", "/echo", [](Request& request) {
      Response response{200, {}, request.body};
      response.headers.set("Content-Type", std::string(request.header("content-type")));
      response.headers.set("X-Received-Length", std::to_string(request.body.size()));
      return response;
    }));
    must(router_.add("GET", "/children/{id}", [](Request& request) {
      return Response::json(200,
                            {{"id", request.path_param("id")}, {"q", request.query_param("q")}});
    }));
    must(router_.add("GET", "/boom", [](Request&) -> Response {
      throw std::runtime_error("connection string password=hunter2");
    }));
    must(router_.add("GET", "/block", [this](Request&) {
      std::unique_lock lock(mutex_);
      ++blocked_;
      changed_.notify_all();
      changed_.wait(lock, [this] { return released_; });
      return Response::text(200, "unblocked");
    }));
    must(router_.add("GET", "/inject", [](Request&) {
      Response response = Response::text(200, "ok");
      response.headers.set("X-Name", "a\r\nSet-Cookie: session=evil");
      return response;
    }));
  }

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int blocked_ = 0;
  bool released_ = false;
  std::vector<LoggedRequest> requests_;
  std::vector<std::string> errors_;
  http::Router router_{[this](std::string_view message) {
    std::lock_guard lock(mutex_);
    errors_.emplace_back(message);
  }};
  std::optional<http::Server> server_;
};

}  // namespace safeguard::testing
