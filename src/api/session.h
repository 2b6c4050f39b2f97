// Who is asking: the session cookie, the CSRF check, and the wrapper every signed-in route goes
// through, JSON or HTML.
//
//   router.add("GET", "/api/v1/me", api::signed_in(services, [](http::Request& request,
//                                                             const api::Caller& caller) {
//     return api::json_response(200, {{"username", caller.principal.username}});
//   }));
//
// signed_in() reads the session cookie, asks app::Access whether the session is live (which
// refreshes its idle timer), and for every unsafe method (anything but GET, HEAD and OPTIONS)
// compares the session's CSRF token, sent in the X-CSRF-Token header or in a form field called
// csrf_token (application/x-www-form-urlencoded), in constant time. Without a live session it
// answers 401 problem+json, or for HTML routes (GuardOptions::redirect_to_sign_in) 303 to
// /sign-in?next=<path>; with a wrong or missing CSRF token, 403. Only then is the handler called.
// Authorisation of what the caller may see is the handler's (through auth::decide).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/services.h"
#include "app/access.h"
#include "app/actor.h"
#include "auth/policy.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"

namespace safeguard::api {

inline constexpr std::string_view kSessionCookie = "safeguard_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
inline constexpr std::string_view kCsrfField = "csrf_token";
inline constexpr std::string_view kSignInPath = "/sign-in";

// The signed-in person making this request.
struct Caller {
  auth::Principal principal;
  std::string csrf_token;  // put it in every form (csrf_token) or X-CSRF-Token header
  std::int64_t session_id = 0;

  app::Actor actor() const { return app::Access::actor_for(principal); }
};

using SignedInHandler = std::function<http::Response(http::Request&, const Caller&)>;
// Builds the response for a refusal (401/403) in the route's own format; problem+json when empty.
using ErrorRenderer =
    std::function<http::Response(int status, std::string_view title, std::string_view detail)>;

struct GuardOptions {
  bool redirect_to_sign_in = false;  // HTML routes: 303 to /sign-in?next=... instead of 401
  ErrorRenderer render_error;        // how a CSRF refusal (403) is shown
};

http::Handler signed_in(Services& services, SignedInHandler handler, GuardOptions options = {});

// The caller behind the request's session cookie, if it is live (no CSRF check). For pages that
// show something different to signed-in people, such as the sign-in page itself.
std::optional<Caller> current_caller(Services& services, const http::Request& request);

// The value of cookie `name` in the request's Cookie header(s), if present.
std::optional<std::string> cookie_value(const http::Request& request, std::string_view name);

// The fields of an application/x-www-form-urlencoded body (empty for other content types or a
// body that does not decode).
http::ParameterMap form_fields(const http::Request& request);

// True when the request reached us over TLS, as far as the options let us know.
bool is_secure(const Services& services, const http::Request& request);

// Set-Cookie for a new session: HttpOnly, SameSite=Strict, Path=/, and Secure over TLS.
void set_session_cookie(http::Response& response, const Services& services,
                        const http::Request& request, std::string_view token);
// Set-Cookie that removes the session cookie (on sign-out).
void clear_session_cookie(http::Response& response, const Services& services,
                          const http::Request& request);

// Signing in, as both the API and the sign-in page do it: throttled per address (429), one
// password check at a time or two (503 when none comes free), one message for every wrong
// username or password (401), a locked account 423 saying until when.
struct SignInAttempt {
  std::optional<app::IssuedSession> session;  // set when signed in
  int status = 200;                           // otherwise 401, 423, 429 or 503
  std::string title;
  std::string detail;                               // for the person: what to do
  std::optional<std::int64_t> retry_after_seconds;  // for 429 (and Retry-After)
};
SignInAttempt attempt_sign_in(Services& services, const http::Request& request,
                              std::string_view username, std::string_view password);

// Percent-encodes `text` for a query string value or a path segment (RFC 3986 unreserved kept).
std::string percent_encode(std::string_view text);

}  // namespace safeguard::api
