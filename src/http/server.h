// An HTTP/1.1 server (Boost.Beast over Asio) that hands each request to one Handler.
//
//   ServerOptions options;             // 127.0.0.1, an ephemeral port, the limits below
//   Server server(options, router.as_handler());
//   if (Status started = server.start(); !started) return started.error();
//   std::cout << server.port();
//   ...
//   server.stop();                     // also done by the destructor
//
// Contract:
// - A few io threads do all network I/O; handlers run on a separate pool of worker threads, so a
//   handler may block (on a database, say) without stalling other connections.
// - Keep-alive and pipelining per HTTP/1.1; TCP_NODELAY on every connection.
// - Hostile input costs little and ends quickly: a header over `header_limit` gets 431, a body
//   over `body_limit` gets 413 (checked against Content-Length before any body is read; a chunked
//   body is cut off at the limit), a malformed request 400, each followed by closing the
//   connection. A connection that does not finish its header within `header_timeout`, its
//   request within `request_timeout`, or that sits idle between requests for `idle_timeout`, is
//   closed. Connections beyond `max_connections` are closed as soon as they are accepted.
// - Every response carries the security headers of add_security_headers(); handler exceptions
//   become a 500 problem with nothing internal in it.
// - With `static_root` set, GET/HEAD under `static_prefix` are served from that directory
//   (see StaticFiles) and never reach the handler.
// - `request_log` receives method, decoded path (never the query string), status, duration and
//   peer for every response; `error_log` receives operator messages. Both are called from io and
//   worker threads, so they must be thread-safe, and must not throw.
// - stop() stops accepting, lets requests in progress finish (up to `shutdown_timeout`), closes
//   idle connections and joins every thread. A Server starts at most once.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"

namespace safeguard::http {

struct RequestLogEntry {
  std::string_view method;  // "-" when the request could not be parsed
  std::string_view path;    // decoded, without the query; "-" when unparsed
  int status = 0;
  std::chrono::microseconds duration{0};  // from the first byte of the request to the last sent
  std::string_view remote_address;
};
using RequestLog = std::function<void(const RequestLogEntry&)>;

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: an ephemeral port; Server::port() tells which
  std::size_t io_threads = 2;
  std::size_t worker_threads = 8;
  std::size_t header_limit = 8 * 1024;   // request line and header fields together, bytes
  std::size_t body_limit = 1024 * 1024;  // bytes
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds request_timeout{30'000};  // first byte to last byte of the body
  std::chrono::milliseconds idle_timeout{30'000};     // between requests on a kept-alive connection
  std::chrono::milliseconds shutdown_timeout{5'000};
  std::size_t max_connections = 4096;
  std::string content_security_policy{kDefaultContentSecurityPolicy};
  std::optional<std::filesystem::path> static_root;
  std::string static_prefix = "/assets/";
  std::chrono::seconds static_max_age{3600};
  RequestLog request_log;
  ErrorLog error_log;
};

class ServerImpl;  // in server.cc

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. kInvalid for unusable options or bind address;
  // kUnavailable when the address cannot be bound (e.g. the port is in use) or on a second start.
  Status start();
  // The bound port once started (useful with port 0), else 0.
  std::uint16_t port() const;
  // Connections open now (accepted and not yet closed).
  std::size_t connection_count() const;
  // Graceful; idempotent; blocks until every thread has finished.
  void stop();

 private:
  std::unique_ptr<ServerImpl> impl_;
};

}  // namespace safeguard::http
