// The Server on Boost.Beast. One Session per connection, pinned to one io thread; the Session's
// life is one loop: read a header (bounded in bytes and time), read the body (bounded), hand the
// request to a worker thread, write the response, and either wait for the next request (bounded by
// the idle timeout) or close. The Impl keeps a registry of live sessions so stop() can reach them.
#include "http/server.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/static_files.h"

namespace safeguard::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

// Bytes read at a time while waiting for the next request on an idle connection.
constexpr std::size_t kIdleReadSize = 512;
// After refusing a request, how long and how much of what the client still sends is read and
// dropped before closing, so that the client can read the refusal rather than a reset.
constexpr std::chrono::milliseconds kDrainTime{1000};
constexpr std::size_t kDrainLimit = 1024 * 1024;
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

bool is_token_char(char c) {
  if (c >= '0' && c <= '9') return true;
  if (c >= 'a' && c <= 'z') return true;
  if (c >= 'A' && c <= 'Z') return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Guards against header injection by a handler that copies user input into a header.
bool is_valid_field(std::string_view name, std::string_view value) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) return false;
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// A response ready to write, with what the request log needs.
struct PreparedResponse {
  BeastResponse response;
  std::string method = "-";
  std::string path = "-";
};

class Session;

}  // namespace

class ServerImpl {
 public:
  ServerImpl(ServerOptions options, Handler handler)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        io_contexts_(make_io_contexts(std::max<std::size_t>(options_.io_threads, 1))),
        acceptor_(io_contexts_.front()->get_executor()),
        accept_retry_timer_(acceptor_.get_executor()) {}
  ~ServerImpl() { stop(); }

  Status start();
  void stop();
  std::uint16_t port() const { return port_.load(); }
  std::size_t connection_count() {
    std::lock_guard lock(sessions_mutex_);
    return sessions_.size();
  }

  // --- for sessions ---
  const ServerOptions& options() const { return options_; }
  bool stopping() const { return stopping_.load(); }
  asio::thread_pool& workers() { return *workers_; }
  void unregister_session(Session* session);
  // On a worker thread: turns a parsed request into a response, running the handler.
  PreparedResponse respond(BeastRequest& request, const std::string& remote_address);
  BeastResponse to_beast(Response response, unsigned version, bool head_request) const;
  void log_request(std::string_view method, std::string_view path, int status,
                   SteadyClock::time_point started, std::string_view remote_address) const;
  void log_error(std::string_view message) const {
    if (options_.error_log) options_.error_log(message);
  }

 private:
  static std::vector<std::unique_ptr<asio::io_context>> make_io_contexts(std::size_t count) {
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    for (std::size_t i = 0; i < count; ++i) {
      contexts.push_back(std::make_unique<asio::io_context>(1));  // 1: run by one thread
    }
    return contexts;
  }
  Status validate_options() const;
  void accept();
  void on_accept(beast::error_code error, tcp::socket socket);

  ServerOptions options_;
  Handler handler_;
  std::optional<StaticFiles> static_files_;

  std::mutex lifecycle_mutex_;  // serialises start() and stop()
  bool started_ = false;
  bool stopped_ = false;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint16_t> port_{0};

  std::mutex sessions_mutex_;
  std::condition_variable sessions_drained_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;

  std::optional<asio::thread_pool> workers_;
  std::vector<std::thread> io_threads_;
  // One io_context per io thread: a connection lives on one of them all its life, so its handlers
  // never run concurrently (no strand needed) and the io threads share no queue or lock.
  // The io_contexts are destroyed before the members above, taking with them any queued handlers
  // and the sessions those hold (whose destructors use sessions_mutex_); the members below use
  // them. The acceptor and its timer live on the first.
  std::vector<std::unique_ptr<asio::io_context>> io_contexts_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work_guards_;
  tcp::acceptor acceptor_;
  asio::steady_timer accept_retry_timer_;
  std::size_t next_io_context_ = 0;  // used only on the acceptor's thread
};

namespace {

// One connection. Every member is used only on the connection's io thread (the executor of its
// stream), except remote_address_, which is immutable.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, ServerImpl& server)
      : stream_(std::move(socket)),
        buffer_(std::max<std::size_t>(server.options().header_limit, 16 * 1024) + 64 * 1024),
        server_(server),
        accepted_(SteadyClock::now()) {
    beast::error_code error;
    tcp::endpoint peer = stream_.socket().remote_endpoint(error);
    remote_address_ = error ? "-" : peer.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), error);
  }
  ~Session() { server_.unregister_session(this); }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->begin_request(); });
  }

  // From stop(): a connection waiting for a request is closed now; one with a request in
  // progress is closed after its response (Impl::stopping() turns keep-alive off).
  void shut_down() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->state_ == State::kReading || self->state_ == State::kDraining) self->close();
    });
  }

 private:
  enum class State { kReading, kProcessing, kWriting, kDraining, kClosed };

  const ServerOptions& options() const { return server_.options(); }

  void begin_request() {
    if (state_ == State::kClosed) return;
    if (server_.stopping()) return close();
    state_ = State::kReading;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(options().header_limit, std::numeric_limits<std::uint32_t>::max())));
    parser_->body_limit(options().body_limit);
    if (first_request_) {
      first_request_ = false;
      request_started_ = accepted_;
      return read_header();
    }
    if (buffer_.size() > 0) {  // a pipelined request is already here
      request_started_ = SteadyClock::now();
      return read_header();
    }
    buffer_.shrink_to_fit();  // an idle connection keeps no large buffer
    stream_.expires_after(options().idle_timeout);
    stream_.async_read_some(buffer_.prepare(kIdleReadSize),
                            beast::bind_front_handler(&Session::on_idle_read, shared_from_this()));
  }

  void on_idle_read(beast::error_code error, std::size_t bytes) {
    if (error) return close();  // idle timeout, the client closed, or stop()
    buffer_.commit(bytes);
    request_started_ = SteadyClock::now();
    read_header();
  }

  void read_header() {
    stream_.expires_at(request_started_ +
                       std::min(options().header_timeout, options().request_timeout));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code error, std::size_t) {
    if (error) return on_read_error(error);
    const auto& header = parser_->get();
    if (header.count(bhttp::field::transfer_encoding) > 0) {
      // RFC 9112 section 6.3: a request body whose length cannot be known is refused; anything
      // but plain "chunked" would hand the handler bytes it cannot read, so is refused too.
      if (!parser_->chunked()) {
        return refuse(400, "Bad request", "Transfer-Encoding must end with chunked.");
      }
      if (header.count(bhttp::field::transfer_encoding) != 1 ||
          !iequals(header[bhttp::field::transfer_encoding], "chunked")) {
        return refuse(501, "Transfer coding not supported",
                      "Only the chunked transfer coding is supported for request bodies.");
      }
    }
    if (parser_->is_done()) return dispatch();
    stream_.expires_at(request_started_ + options().request_timeout);
    auto expect = header.find(bhttp::field::expect);
    if (expect != header.end() && iequals(expect->value(), "100-continue")) {
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code write_error, std::size_t) {
                          if (write_error) return self->close();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_body, shared_from_this()));
  }

  void on_body(beast::error_code error, std::size_t) {
    if (error) return on_read_error(error);
    dispatch();
  }

  void on_read_error(beast::error_code error) {
    // A header longer than the read buffer is over the limit too; a chunk header that long
    // (after the header) falls through to 400 below.
    if (error == bhttp::error::header_limit ||
        (error == bhttp::error::buffer_overflow && !parser_->is_header_done())) {
      return refuse(431, "Request header too large",
                    "The request line and headers together are larger than this server accepts.");
    }
    if (error == bhttp::error::body_limit) {
      return refuse(413, "Request body too large",
                    fmt::format("The request body is larger than this server accepts ({} bytes).",
                                options().body_limit));
    }
    // The client went away (before or during a request), timed out, or stop() closed us.
    if (error == bhttp::error::end_of_stream || error == bhttp::error::partial_message ||
        error.category() != bhttp::make_error_code(bhttp::error::bad_method).category()) {
      return close();
    }
    refuse(400, "Bad request", "The request is not well-formed HTTP/1.1.");
  }

  // Answers with an error problem and closes: what follows in the stream cannot be trusted.
  void refuse(int status, std::string_view title, std::string_view detail) {
    keep_alive_ = false;
    log_method_ = "-";
    log_path_ = "-";
    if (parser_->is_header_done()) {
      log_method_ = std::string(parser_->get().method_string());
      auto target = parse_target(parser_->get().target());
      if (target) log_path_ = std::move(target->path);
    }
    response_ = server_.to_beast(Response::problem(status, title, detail), 11, false);
    write_response();
  }

  void dispatch() {
    state_ = State::kProcessing;
    stream_.expires_never();
    BeastRequest request = parser_->release();
    parser_.reset();
    keep_alive_ = request.keep_alive();
    asio::post(server_.workers(), [self = shared_from_this(),
                                   request = std::move(request)]() mutable {
      PreparedResponse prepared;
      try {
        prepared = self->server_.respond(request, self->remote_address_);
      } catch (const std::exception& error) {  // e.g. out of memory building the response
        self->server_.log_error(fmt::format("preparing a response failed: {}", error.what()));
        prepared.response = self->server_.to_beast(
            Response::problem(500, "Internal server error", "Something went wrong on our side."),
            request.version(), false);
      }
      asio::post(self->stream_.get_executor(), [self, prepared = std::move(prepared)]() mutable {
        self->send(std::move(prepared));
      });
    });
  }

  void send(PreparedResponse prepared) {
    if (state_ == State::kClosed) return;
    log_method_ = std::move(prepared.method);
    log_path_ = std::move(prepared.path);
    response_ = std::move(prepared.response);
    write_response();
  }

  void write_response() {
    state_ = State::kWriting;
    keep_alive_ = keep_alive_ && !server_.stopping();
    response_.keep_alive(keep_alive_);
    stream_.expires_after(options().request_timeout);
    bhttp::async_write(stream_, response_,
                       beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code error, std::size_t) {
    server_.log_request(log_method_, log_path_, static_cast<int>(response_.result_int()),
                        request_started_, remote_address_);
    response_ = {};
    if (error) return close();
    if (!keep_alive_) return close_gracefully();
    begin_request();
  }

  // Sends FIN, then reads and drops what the client still sends for a short while, so that a
  // client busy sending a refused body sees our response rather than a connection reset.
  void close_gracefully() {
    state_ = State::kDraining;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kDrainTime);
    drain();
  }

  void drain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](
                                                       beast::error_code error, std::size_t bytes) {
      self->drained_ += bytes;
      if (error || self->drained_ > kDrainLimit) return self->close();
      self->drain();
    });
  }

  void close() {
    state_ = State::kClosed;
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  BeastResponse response_;
  ServerImpl& server_;
  std::string remote_address_;
  SteadyClock::time_point accepted_;
  SteadyClock::time_point request_started_;
  std::string log_method_;
  std::string log_path_;
  std::size_t drained_ = 0;
  State state_ = State::kReading;
  bool first_request_ = true;
  bool keep_alive_ = false;
};

}  // namespace

// --- ServerImpl ---

Status ServerImpl::validate_options() const {
  if (options_.io_threads == 0 || options_.worker_threads == 0) {
    return Error::invalid("the server needs at least one io thread and one worker thread");
  }
  if (options_.header_limit < 256) {
    return Error::invalid("header_limit must be at least 256 bytes");
  }
  if (options_.max_connections == 0) return Error::invalid("max_connections must be at least 1");
  if (options_.header_timeout.count() <= 0 || options_.request_timeout.count() <= 0 ||
      options_.idle_timeout.count() <= 0) {
    return Error::invalid("server timeouts must be positive");
  }
  if (!handler_) return Error::invalid("the server needs a handler");
  return Status::success();
}

Status ServerImpl::start() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  if (started_) return Error::unavailable("this server has already been started");
  SAFEGUARD_TRY(validate_options());

  if (options_.static_root) {
    auto files =
        StaticFiles::open(*options_.static_root, options_.static_prefix, options_.static_max_age);
    if (!files) return files.error();
    static_files_.emplace(std::move(*files));
  }

  beast::error_code error;
  asio::ip::address address = asio::ip::make_address(options_.bind_address, error);
  if (error) {
    return Error::invalid(
        fmt::format("'{}' is not an IP address to listen on", options_.bind_address));
  }
  tcp::endpoint endpoint(address, options_.port);
  auto fail = [&](std::string_view step) {
    beast::error_code ignored;
    acceptor_.close(ignored);
    return Error::unavailable(fmt::format("cannot listen on {}:{} ({}): {}", options_.bind_address,
                                          options_.port, step, error.message()));
  };
  if (acceptor_.open(endpoint.protocol(), error)) return fail("open");
  if (acceptor_.set_option(asio::socket_base::reuse_address(true), error)) return fail("option");
  if (acceptor_.bind(endpoint, error)) return fail("bind");
  if (acceptor_.listen(asio::socket_base::max_listen_connections, error)) return fail("listen");
  port_ = acceptor_.local_endpoint(error).port();

  started_ = true;
  workers_.emplace(options_.worker_threads);
  for (auto& context : io_contexts_) work_guards_.push_back(asio::make_work_guard(*context));
  accept();
  for (auto& context : io_contexts_) {
    io_threads_.emplace_back([&context = *context] { context.run(); });
  }
  return Status::success();
}

void ServerImpl::accept() {
  asio::io_context& context = *io_contexts_[next_io_context_++ % io_contexts_.size()];
  acceptor_.async_accept(asio::any_io_executor(context.get_executor()),
                         beast::bind_front_handler(&ServerImpl::on_accept, this));
}

void ServerImpl::on_accept(beast::error_code error, tcp::socket socket) {
  if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
  if (error) {
    // Out of file descriptors or memory: wait a little rather than spin, keeping the others served.
    if (error == asio::error::no_descriptors || error == asio::error::no_buffer_space ||
        error == asio::error::no_memory) {
      log_error(fmt::format("accepting a connection failed: {}; retrying", error.message()));
      accept_retry_timer_.expires_after(kAcceptRetryDelay);
      accept_retry_timer_.async_wait([this](beast::error_code wait_error) {
        if (!wait_error && acceptor_.is_open()) accept();
      });
      return;
    }
    return accept();  // e.g. the client reset the connection before we accepted it
  }

  std::shared_ptr<Session> session;
  {
    std::lock_guard lock(sessions_mutex_);
    if (!stopping_ && sessions_.size() < options_.max_connections) {
      session = std::make_shared<Session>(std::move(socket), *this);
      sessions_.emplace(session.get(), session);
    }
  }
  if (session) {
    session->start();
  } else {
    beast::error_code ignored;
    socket.close(ignored);  // over the connection limit, or stopping
  }
  accept();
}

void ServerImpl::unregister_session(Session* session) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.erase(session);
  if (sessions_.empty()) sessions_drained_.notify_all();
}

PreparedResponse ServerImpl::respond(BeastRequest& raw, const std::string& remote_address) {
  PreparedResponse prepared;
  prepared.method = std::string(raw.method_string());
  Response response;
  auto target = parse_target(raw.target());
  if (!target) {
    response = Response::problem(400, "Bad request", target.error().message);
  } else {
    Request request;
    request.method = prepared.method;
    request.path = std::move(target->path);
    request.query = std::move(target->query);
    for (const auto& field : raw) {
      request.headers.add(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(raw.body());
    request.remote_address = remote_address;
    prepared.path = request.path;
    if (static_files_ && static_files_->handles(request)) {
      response = static_files_->serve(request);
    } else {
      response = call_safely(handler_, request, options_.error_log);
    }
  }
  prepared.response =
      to_beast(std::move(response), raw.version(), raw.method() == bhttp::verb::head);
  return prepared;
}

BeastResponse ServerImpl::to_beast(Response response, unsigned version, bool head_request) const {
  if (response.status < 200 || response.status > 599) {
    log_error(fmt::format("a handler answered with status {}; sent 500 instead", response.status));
    response = Response::problem(500, "Internal server error", "Something went wrong on our side.");
  }
  add_security_headers(response, options_.content_security_policy);

  BeastResponse out;
  out.version(version);
  out.result(static_cast<unsigned>(response.status));
  out.reason(reason_phrase(response.status));
  for (const auto& [name, value] : response.headers) {
    if (!is_valid_field(name, value)) {
      log_error(fmt::format("dropped response header '{}': not a valid header field", name));
      continue;
    }
    if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
        iequals(name, "Connection")) {
      continue;  // the server frames the message itself
    }
    out.insert(name, value);
  }
  if (response.status == 204 || response.status == 304) return out;  // no body, no length
  std::size_t length = response.body.size();
  if (!head_request) out.body() = std::move(response.body);
  out.content_length(length);
  return out;
}

void ServerImpl::log_request(std::string_view method, std::string_view path, int status,
                             SteadyClock::time_point started,
                             std::string_view remote_address) const {
  if (!options_.request_log) return;
  RequestLogEntry entry{
      method, path, status,
      std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started),
      remote_address};
  options_.request_log(entry);
}

void ServerImpl::stop() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  if (!started_ || stopped_) return;
  stopped_ = true;

  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex_);
    stopping_ = true;
    for (auto& [pointer, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  asio::post(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    accept_retry_timer_.cancel();
  });
  for (auto& session : live) session->shut_down();
  live.clear();

  {
    std::unique_lock lock(sessions_mutex_);
    if (!sessions_drained_.wait_for(lock, options_.shutdown_timeout,
                                    [this] { return sessions_.empty(); })) {
      log_error(fmt::format("{} connections still busy after the shutdown timeout; closing them",
                            sessions_.size()));
    }
  }
  workers_->stop();  // requests not yet started are dropped; running handlers finish
  workers_->join();
  work_guards_.clear();
  for (auto& context : io_contexts_) context->stop();
  for (std::thread& thread : io_threads_) thread.join();
  io_threads_.clear();
}

// --- Server ---

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<ServerImpl>(std::move(options), std::move(handler))) {}
Server::~Server() = default;
Status Server::start() { return impl_->start(); }
std::uint16_t Server::port() const { return impl_->port(); }
std::size_t Server::connection_count() const { return impl_->connection_count(); }
void Server::stop() { impl_->stop(); }

}  // namespace safeguard::http
