// Maps (method, path) to a handler. Patterns are '/'-separated segments, each a literal or a
// `{name}` that matches one non-empty segment and is passed in Request::path_params:
//
//   Router router(log_error);
//   SAFEGUARD_TRY(router.add("GET", "/api/v1/children/{id}", show_child));
//   Server server(options, router.as_handler());
//
// An unknown path answers 404 and a known path with another method 405 with `Allow`, both as
// problem+json. A literal segment beats a `{name}` at the same place, so "/children/new" wins over
// "/children/{id}". HEAD falls back to the GET route. An exception escaping a handler becomes a
// 500 problem that says nothing of the cause; the cause goes to the ErrorLog.
// Thread-safety: add() routes before serving; handle() is then safe from many threads at once.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "http/request.h"
#include "http/response.h"

namespace safeguard::http {

using Handler = std::function<Response(Request&)>;
// Receives messages for operators (never shown to clients). May be called from many threads.
using ErrorLog = std::function<void(std::string_view message)>;

// Runs `handler`, turning any exception into a 500 problem and logging its what() to `log_error`.
Response call_safely(const Handler& handler, Request& request, const ErrorLog& log_error);

class Router {
 public:
  explicit Router(ErrorLog log_error = {});

  // kInvalid for a pattern that does not start with '/', an empty or malformed `{}` segment,
  // or a (method, pattern) already added.
  Status add(std::string_view method, std::string_view pattern, Handler handler);

  Response handle(Request& request) const;

  // A Handler that calls handle(); this Router must outlive it.
  Handler as_handler() const;

 private:
  struct Segment {
    std::string text;  // the literal, or the parameter's name
    bool is_parameter = false;
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
  };

  ErrorLog log_error_;
  std::vector<Route> routes_;
};

}  // namespace safeguard::http
