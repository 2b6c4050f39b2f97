#include "http/router.h"

#include <algorithm>
#include <exception>
#include <set>

#include <fmt/format.h>

namespace safeguard::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);  // the leading '/'
  while (true) {
    std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

}  // namespace

Response call_safely(const Handler& handler, Request& request, const ErrorLog& log_error) {
  std::string cause;
  try {
    return handler(request);
  } catch (const std::exception& error) {
    cause = error.what();
  } catch (...) {
    cause = "an exception not derived from std::exception";
  }
  if (log_error) {
    log_error(fmt::format("handler for {} {} failed: {}", request.method, request.path, cause));
  }
  return Response::problem(500, "Internal server error",
                           "Something went wrong on our side. Try again; if it keeps happening, "
                           "tell the service desk the time it happened.");
}

Router::Router(ErrorLog log_error) : log_error_(std::move(log_error)) {}

Status Router::add(std::string_view method, std::string_view pattern, Handler handler) {
  if (method.empty()) return Error::invalid("route method must not be empty");
  if (pattern.empty() || pattern.front() != '/') {
    return Error::invalid(fmt::format("route pattern '{}' must start with '/'", pattern));
  }
  Route route{std::string(method), std::string(pattern), {}, std::move(handler)};
  for (std::string_view text : split_path(pattern)) {
    bool opens = text.find('{') != std::string_view::npos;
    bool closes = text.find('}') != std::string_view::npos;
    if (!opens && !closes) {
      route.segments.push_back({std::string(text), false});
      continue;
    }
    if (text.size() < 3 || text.front() != '{' || text.back() != '}' ||
        text.substr(1, text.size() - 2).find_first_of("{}") != std::string_view::npos) {
      return Error::invalid(fmt::format(
          "route pattern '{}': a parameter must be a whole segment like {{id}}", pattern));
    }
    route.segments.push_back({std::string(text.substr(1, text.size() - 2)), true});
  }
  for (const Route& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      return Error::invalid(fmt::format("route {} {} is already registered", method, pattern));
    }
  }
  routes_.push_back(std::move(route));
  return Status::success();
}

Response Router::handle(Request& request) const {
  if (request.path.empty() || request.path.front() != '/') {
    return Response::problem(404, "Not found", "There is nothing at this address.");
  }
  const std::vector<std::string_view> segments = split_path(request.path);

  // Of the routes whose pattern matches, the most specific: compare segment by segment, a
  // literal beating a parameter at the first place they differ.
  auto more_specific = [](const Route& a, const Route& b) {
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
      if (a.segments[i].is_parameter != b.segments[i].is_parameter) {
        return !a.segments[i].is_parameter;
      }
    }
    return false;
  };
  auto matches = [&](const Route& route) {
    if (route.segments.size() != segments.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const Segment& segment = route.segments[i];
      if (segment.is_parameter ? segments[i].empty() : segment.text != segments[i]) return false;
    }
    return true;
  };

  const bool is_head = request.method == "HEAD";
  const Route* best = nullptr;      // for this method
  const Route* best_get = nullptr;  // the GET route, HEAD's fallback
  std::set<std::string> allowed;
  for (const Route& route : routes_) {
    if (!matches(route)) continue;
    allowed.insert(route.method);
    if (route.method == "GET") allowed.insert("HEAD");
    if (route.method == request.method && (!best || more_specific(route, *best))) best = &route;
    if (is_head && route.method == "GET" && (!best_get || more_specific(route, *best_get))) {
      best_get = &route;
    }
  }
  if (!best) best = best_get;
  if (!best) {
    if (allowed.empty()) {
      return Response::problem(404, "Not found", "There is nothing at this address.");
    }
    std::string allow;
    for (const std::string& method : allowed) {
      if (!allow.empty()) allow += ", ";
      allow += method;
    }
    Response response = Response::problem(
        405, "Method not allowed",
        fmt::format("This address does not accept {}. It accepts: {}.", request.method, allow));
    response.headers.set("Allow", std::move(allow));
    return response;
  }

  request.path_params.clear();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (best->segments[i].is_parameter) {
      request.path_params.emplace(best->segments[i].text, std::string(segments[i]));
    }
  }
  return call_safely(best->handler, request, log_error_);
}

Handler Router::as_handler() const {
  return [this](Request& request) { return handle(request); };
}

}  // namespace safeguard::http
