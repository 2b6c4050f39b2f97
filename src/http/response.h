// An HTTP response as handlers build it. The Server adds Content-Length and Connection, and the
// security headers below to every response (keeping any a handler set itself), so a handler only
// says what is different.
//
//   return Response::json(200, {{"id", id}});
//   return Response::problem(404, "Child not found", "No child has the identifier 42.");
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "http/headers.h"

namespace safeguard::http {

inline constexpr std::string_view kDefaultContentSecurityPolicy =
    "default-src 'self'; frame-ancestors 'none'; form-action 'self'";

struct Response {
  int status = 200;
  Headers headers;
  std::string body;

  // text/plain; charset=utf-8
  static Response text(int status, std::string body);
  // application/json. Invalid UTF-8 in strings is replaced (U+FFFD) rather than thrown on.
  static Response json(int status, const nlohmann::json& body);
  // text/html; charset=utf-8. The caller escapes; templates in the web layer do it by default.
  static Response html(int status, std::string body);
  // application/problem+json per RFC 9457: {"type":"about:blank","title","status","detail"}.
  // `detail` is shown to the person: say what to do, never leak internals.
  static Response problem(int status, std::string_view title, std::string_view detail);
  // 303 See Other by default (the Post/Redirect/Get pattern); 301, 302, 307 or 308 also allowed.
  static Response redirect(std::string_view location, int status = 303);
};

// The standard reason phrase for a status code ("Not Found"), or "Unknown".
std::string_view reason_phrase(int status);

// Adds, unless already present: Content-Security-Policy (`content_security_policy`),
// X-Content-Type-Options: nosniff, Referrer-Policy: same-origin, X-Frame-Options: DENY and
// Cache-Control: no-store. The Server calls this on every response it sends.
void add_security_headers(Response& response, std::string_view content_security_policy);

}  // namespace safeguard::http
