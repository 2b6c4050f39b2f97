// safeguard serve --db FILE [--bind 127.0.0.1] [--port 8080] [--assets DIR] ...: the web
// application: the JSON API under /api/v1 (src/api), the screens (src/pages, when built) and the
// static assets under /assets/. Runs until SIGINT or SIGTERM, then stops cleanly: no new
// connections, requests in progress finished.
#include <fmt/format.h>
#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <mutex>

#include "api/routes.h"
#include "api/services.h"
#include "base/clock.h"
#include "cli/command.h"
#include "domain/codes.h"
#include "http/router.h"
#include "http/server.h"
#include "store/store.h"
#ifdef SAFEGUARD_HAS_PAGES
#include "pages/pages.h"
#endif

namespace safeguard::cli {
namespace {

struct ServeOptions {
  std::string db;
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string assets;
  std::string today;
  bool secure_cookies = false;
  bool trust_proxy = false;
  bool access_log = false;
  int workers = 64;
};

// The machine's clock moved by a fixed amount, so a demo authority whose simulated today is
// 31 March 2026 is served as if it were that day (the time of day runs as usual).
class ShiftedClock final : public Clock {
 public:
  explicit ShiftedClock(std::int64_t shift_microseconds) : shift_(shift_microseconds) {}
  Timestamp now() const override {
    Timestamp real = system_.now();
    return Timestamp{real.microseconds + shift_};
  }

 private:
  SystemClock system_;
  std::int64_t shift_;
};

// The date to serve as today: --today, else a demo database's simulated today, else none (the
// machine's date).
Result<std::optional<Date>> serving_date(store::Store& store, const std::string& today) {
  if (!today.empty()) {
    auto date = Date::parse_iso(today);
    if (!date) return Error::invalid("--today: " + date.error().message);
    return std::optional<Date>(*date);
  }
  std::optional<Date> date;
  Status status = store.read([&](store::Transaction& transaction) -> Status {
    auto end = transaction.setting("demo.end_date");
    if (!end) return end.error();
    if (*end) {
      auto parsed = Date::parse_iso(**end);
      if (parsed) date = *parsed;
    }
    return Status::success();
  });
  if (!status) return status.error();
  return date;
}

int serve(const ServeOptions& options) {
  // Block the stop signals before any thread starts, so every thread inherits the mask and the
  // main thread alone receives them in sigwait().
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  if (options.port < 0 || options.port > 65535) {
    return report_error(
        Error::invalid(fmt::format("--port {} is not a port number", options.port)));
  }
  auto codes = domain::CodeLists::load_standard();
  if (!codes) return report_error(codes.error());
  auto store = store::Store::open(options.db);
  if (!store) return report_error(store.error());
  auto service_options = api::options_from_store(**store);
  if (!service_options) return report_error(service_options.error());
  service_options->secure_cookies = options.secure_cookies;
  service_options->trust_forwarded_proto = options.trust_proxy;

  auto today = serving_date(**store, options.today);
  if (!today) return report_error(today.error());
  SystemClock system_clock;
  std::int64_t shift = 0;
  if (*today) {
    Timestamp now = system_clock.now();
    shift = Timestamp::at_start_of(**today).microseconds -
            Timestamp::at_start_of(now.date()).microseconds;
  }
  ShiftedClock clock(shift);

  api::Services services(**store, *codes, clock, *service_options);
  std::mutex log_mutex;
  auto log_error = [&log_mutex](std::string_view message) {
    std::lock_guard lock(log_mutex);
    fmt::print(stderr, "safeguard serve: {}\n", message);
  };
  http::Router router(log_error);
  if (Status added = api::add_api_routes(router, services); !added) {
    return report_error(added.error());
  }
#ifdef SAFEGUARD_HAS_PAGES
  if (Status added = pages::add_page_routes(router, services); !added) {
    return report_error(added.error());
  }
#endif

  http::ServerOptions server_options;
  server_options.bind_address = options.bind;
  server_options.port = static_cast<std::uint16_t>(options.port);
  server_options.worker_threads = static_cast<std::size_t>(options.workers);
  server_options.error_log = log_error;
  if (options.access_log) {
    server_options.request_log = [&log_mutex](const http::RequestLogEntry& entry) {
      std::lock_guard lock(log_mutex);
      fmt::print(stderr, "{} {} {} {} {}us\n", entry.remote_address, entry.method, entry.path,
                 entry.status, entry.duration.count());
    };
  }
  if (!options.assets.empty()) {
    if (!std::filesystem::is_directory(options.assets)) {
      return report_error(Error::invalid(
          fmt::format("--assets {} is not a directory of files to serve", options.assets)));
    }
    server_options.static_root = options.assets;
  }
  http::Server server(server_options, router.as_handler());
  if (Status started = server.start(); !started) return report_error(started.error());

  fmt::print("Safeguard is serving {}{} at http://{}:{}/\n", options.db,
             services.demo() ? " (a demo authority: synthetic data only)" : "", options.bind,
             server.port());
  if (*today) fmt::print("Serving as if today were {}.\n", (*today)->iso());
  fmt::print("Stop it with Ctrl-C.\n");
  std::fflush(stdout);

  int received = 0;
  sigwait(&stop_signals, &received);
  fmt::print("Stopping (signal {}): finishing requests in progress...\n", received);
  std::fflush(stdout);
  server.stop();
  fmt::print("Stopped.\n");
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, Runner& runner) {
  auto* command = app.add_subcommand(
      "serve", "Serve the web application and the JSON API (/api/v1) until Ctrl-C or SIGTERM");
  auto options = std::make_shared<ServeOptions>();
  command->add_option("--db", options->db, "Database file (made by init or demo)")->required();
  command->add_option("--bind", options->bind, "Address to listen on")->capture_default_str();
  command->add_option("--port", options->port, "Port to listen on (0: any free port)")
      ->capture_default_str();
  command->add_option("--assets", options->assets,
                      "Directory of static files served under /assets/ (GOV.UK Frontend, scripts)");
  command->add_option("--today", options->today,
                      "Serve as if today were YYYY-MM-DD (default: a demo database's simulated "
                      "today, else the machine's date)");
  command->add_flag(
      "--secure-cookies", options->secure_cookies,
      "Mark the session cookie Secure: set this when users reach the server over TLS");
  command->add_flag("--trust-proxy", options->trust_proxy,
                    "Behind a TLS-terminating proxy: mark the cookie Secure when the proxy sends "
                    "X-Forwarded-Proto: https (only if clients cannot reach the server directly)");
  command->add_flag("--access-log", options->access_log,
                    "Print one line per request on standard error (never the query string)");
  command->add_option("--workers", options->workers, "Request worker threads")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  command->callback([&runner, options] { runner = [options] { return serve(*options); }; });
}

}  // namespace safeguard::cli
