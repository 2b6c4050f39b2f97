#include "api/session.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "api/problems.h"
#include "auth/passwords.h"

namespace safeguard::api {
namespace {

bool is_safe_method(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string cookie_attributes(const Services& services, const http::Request& request) {
  std::string attributes = "; Path=/; HttpOnly; SameSite=Strict";
  if (is_secure(services, request)) attributes += "; Secure";
  return attributes;
}

http::Response render(const GuardOptions& options, int status, std::string_view title,
                      std::string_view detail) {
  if (options.render_error) return options.render_error(status, title, detail);
  return problem(status, title, detail);
}

}  // namespace

std::optional<std::string> cookie_value(const http::Request& request, std::string_view name) {
  for (const auto& [field, value] : request.headers) {
    if (!http::iequals(field, "cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      std::size_t end = rest.find(';');
      std::string_view pair = trim(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      std::size_t equals = pair.find('=');
      if (equals == std::string_view::npos) continue;
      if (trim(pair.substr(0, equals)) == name) {
        std::string_view found = trim(pair.substr(equals + 1));
        if (found.size() >= 2 && found.front() == '"' && found.back() == '"') {
          found = found.substr(1, found.size() - 2);
        }
        return std::string(found);
      }
    }
  }
  return std::nullopt;
}

http::ParameterMap form_fields(const http::Request& request) {
  std::string_view type = request.header("content-type");
  std::string_view media = trim(type.substr(0, type.find(';')));
  if (!http::iequals(media, "application/x-www-form-urlencoded")) return {};
  auto parsed = http::parse_target("/?" + request.body);
  if (!parsed) return {};
  return std::move(parsed->query);
}

bool is_secure(const Services& services, const http::Request& request) {
  if (services.options.secure_cookies) return true;
  return services.options.trust_forwarded_proto &&
         http::iequals(trim(request.header("x-forwarded-proto")), "https");
}

void set_session_cookie(http::Response& response, const Services& services,
                        const http::Request& request, std::string_view token) {
  response.headers.add("Set-Cookie", fmt::format("{}={}{}", kSessionCookie, token,
                                                 cookie_attributes(services, request)));
}

void clear_session_cookie(http::Response& response, const Services& services,
                          const http::Request& request) {
  response.headers.add("Set-Cookie", fmt::format("{}={}; Max-Age=0", kSessionCookie,
                                                 cookie_attributes(services, request)));
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xf];
    }
  }
  return encoded;
}

SignInAttempt attempt_sign_in(Services& services, const http::Request& request,
                              std::string_view username, std::string_view password) {
  SignInAttempt attempt;
  Timestamp now = services.clock.now();
  const std::string& address = request.remote_address;
  if (auto until = services.sign_in_throttle.throttled_until(address, now)) {
    attempt.status = 429;
    attempt.title = "Too many attempts";
    attempt.retry_after_seconds =
        std::max<std::int64_t>(1, (until->microseconds - now.microseconds + 999'999) / 1'000'000);
    attempt.detail = fmt::format(
        "There have been too many failed sign-ins from this computer. Try again after {} UTC.",
        until->iso().substr(0, 16));
    return attempt;
  }
  auto turn = services.sign_in_throttle.take_turn();
  if (!turn) {
    attempt.status = 503;
    attempt.title = "Service unavailable";
    attempt.detail = "Many people are signing in just now. Try again in a minute.";
    attempt.retry_after_seconds = 60;
    return attempt;
  }
  auto issued = services.access.sign_in(username, password, address);
  if (issued) {
    services.sign_in_throttle.record_success(address);
    attempt.session = std::move(*issued);
    return attempt;
  }
  const Error& error = issued.error();
  if (error.kind == ErrorKind::kForbidden) {
    services.sign_in_throttle.record_failure(address, now);
    attempt.status = 401;
    attempt.title = "Sign in";
    attempt.detail = "The username or password is not right. Check them and try again.";
  } else if (error.kind == ErrorKind::kConflict) {
    services.sign_in_throttle.record_failure(address, now);
    attempt.status = 423;
    attempt.title = "Account locked";
    attempt.detail = error.message;
  } else {
    http::Response response = problem_for(error);
    attempt.status = response.status;
    attempt.title = "Service unavailable";
    attempt.detail = "Signing in is not possible just now. Try again in a minute.";
  }
  return attempt;
}

std::optional<Caller> current_caller(Services& services, const http::Request& request) {
  auto token = cookie_value(request, kSessionCookie);
  if (!token) return std::nullopt;
  auto active = services.sessions.authenticate(services.access, *token);
  if (!active) return std::nullopt;
  return Caller{active->principal, active->session.csrf_token, active->session.id};
}

http::Handler signed_in(Services& services, SignedInHandler handler, GuardOptions options) {
  return [&services, handler = std::move(handler),
          options = std::move(options)](http::Request& request) -> http::Response {
    auto caller = current_caller(services, request);
    if (!caller) {
      if (options.redirect_to_sign_in && is_safe_method(request.method)) {
        return http::Response::redirect(
            fmt::format("{}?next={}", kSignInPath, percent_encode(request.path)));
      }
      if (options.redirect_to_sign_in) return http::Response::redirect(kSignInPath);
      http::Response response =
          problem(401, "Sign in", "You are not signed in, or your session has ended: sign in.");
      response.headers.set("WWW-Authenticate", "Cookie realm=\"safeguard\"");
      return response;
    }
    if (!is_safe_method(request.method)) {
      std::string sent(request.header(kCsrfHeader));
      if (sent.empty()) {
        auto fields = form_fields(request);
        if (auto found = fields.find(kCsrfField); found != fields.end()) sent = found->second;
      }
      if (sent.empty() || !auth::constant_time_equal(sent, caller->csrf_token)) {
        return render(options, 403, "No access",
                      "This change did not carry this session's CSRF token, so it was refused "
                      "and nothing was changed. Reload the page and try again.");
      }
    }
    return handler(request, *caller);
  };
}

}  // namespace safeguard::api
