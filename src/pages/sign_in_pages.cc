// Sign in, sign out, the start page that sends each role to its home, and a page for roles that
// have no case screens.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "api/session.h"
#include "auth/policy.h"
#include "domain/access.h"
#include "pages/forms.h"
#include "pages/site.h"

namespace safeguard::pages {
namespace {

// The demo database's sign-ins, in the README's order.
constexpr const char* kDemoUsernames[] = {"social-worker", "team-manager",   "head-of-service",
                                          "iro",           "partner-police", "analyst",
                                          "admin"};

// Where to go after signing in: a path on this site only (no scheme, host or "//"), else home.
std::string safe_next(std::string_view next) {
  if (next.empty() || next[0] != '/' || next.size() > 200) return {};
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return {};
  bool plain = std::all_of(next.begin(), next.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '-' || c == '_' || c == '.';
  });
  if (!plain || next.find("..") != std::string_view::npos) return {};
  if (next == "/sign-in" || next == "/sign-out") return {};
  return std::string(next);
}

Data demo_users(api::Services& services) {
  Data users = list();
  (void)services.store.read([&](store::Transaction& transaction) -> Status {
    for (const char* username : kDemoUsernames) {
      auto accounts =
          transaction.list_where<domain::UserAccount>("username", std::string(username));
      if (!accounts || accounts->empty() || !(*accounts)[0].active) continue;
      auto role = auth::parse_role((*accounts)[0].role);
      Data user = object();
      user["username"] = std::string(username);
      user["password"] = fmt::format("demo-{}", username);
      user["role"] = role ? std::string(auth::role_title(*role)) : (*accounts)[0].role;
      users << user;
    }
    return Status::success();
  });
  return users;
}

http::Response sign_in_form(Site& site, int status, const Fields& values, const FormErrors& errors,
                            std::string_view next, bool signed_out, bool expired) {
  Frame frame = site.public_frame("Sign in");
  frame.has_errors = !errors.empty();
  Data data = object();
  errors.add_to(data);
  Data value = object();
  value["username"] = field(values, "username");
  data["value"] = std::move(value);
  std::string safe = safe_next(next);
  if (!safe.empty()) data["next"] = safe;
  data["signed_out"] = flag(signed_out);
  data["expired"] = flag(expired && !signed_out);
  data["demo"] = flag(site.services().demo());
  if (site.services().demo()) data["demo_users"] = demo_users(site.services());
  return site.page(status, "sign_in", std::move(data), frame);
}

}  // namespace

Status add_sign_in_routes(http::Router& router, Site& site) {
  SAFEGUARD_TRY(router.add("GET", "/sign-in", site.open([&site](http::Request& request) {
    if (auto caller = api::current_caller(site.services(), request)) {
      std::string next = safe_next(request.query_param("next"));
      return http::Response::redirect(next.empty() ? Site::home_for(caller->principal) : next);
    }
    return sign_in_form(site, 200, {}, FormErrors{}, request.query_param("next"),
                        request.query_param("signed_out") == "1",
                        !request.query_param("next").empty());
  })));

  SAFEGUARD_TRY(router.add("POST", "/sign-in", site.open([&site](http::Request& request) {
    Fields fields = api::form_fields(request);
    std::string username = field(fields, "username");
    auto password = fields.find("password");
    std::string next = field(fields, "next");
    FormErrors errors;
    if (username.empty()) errors.add("username", "username", "Enter your username");
    if (password == fields.end() || password->second.empty()) {
      errors.add("password", "password", "Enter your password");
    }
    if (!errors.empty()) return sign_in_form(site, 422, fields, errors, next, false, false);

    api::SignInAttempt attempt =
        api::attempt_sign_in(site.services(), request, username, password->second);
    if (!attempt.session) {
      FormErrors refused;
      refused.add("username", "username",
                  attempt.detail.empty() ? std::string("Check your username and password")
                                         : attempt.detail);
      http::Response response =
          sign_in_form(site, attempt.status, fields, refused, next, false, false);
      if (attempt.retry_after_seconds) {
        response.headers.set("Retry-After", std::to_string(*attempt.retry_after_seconds));
      }
      return response;
    }
    std::string safe = safe_next(next);
    http::Response response =
        http::Response::redirect(safe.empty() ? Site::home_for(attempt.session->principal) : safe);
    api::set_session_cookie(response, site.services(), request, attempt.session->token);
    return response;
  })));

  SAFEGUARD_TRY(router.add(
      "POST", "/sign-out", site.signed_in([&site](http::Request& request, const api::Caller&) {
        if (auto token = api::cookie_value(request, api::kSessionCookie)) {
          (void)site.services().access.sign_out(*token);
        }
        http::Response response = http::Response::redirect("/sign-in?signed_out=1");
        api::clear_session_cookie(response, site.services(), request);
        return response;
      })));

  SAFEGUARD_TRY(router.add("GET", "/", site.open([&site](http::Request& request) {
    if (auto caller = api::current_caller(site.services(), request)) {
      return http::Response::redirect(Site::home_for(caller->principal));
    }
    return http::Response::redirect("/sign-in");
  })));

  SAFEGUARD_TRY(router.add(
      "GET", "/welcome", site.signed_in([&site](http::Request&, const api::Caller& caller) {
        std::string role(auth::role_title(caller.principal.role));
        std::vector<std::string> paragraphs;
        switch (caller.principal.role) {
          case auth::Role::kIndependentReviewingOfficer:
            paragraphs = {
                "As an independent reviewing officer you may open any child's record "
                "from its address, /children/ followed by the child's number.",
                "A list of the children you review is not here yet."};
            break;
          case auth::Role::kPartnerAgency:
            paragraphs = {
                "Partner agencies see the concerns they submitted and their outcome, "
                "not children's records: see Your concerns, at /concerns."};
            break;
          case auth::Role::kAnalyst:
            paragraphs = {
                "Analysts see aggregates, not children's records: see Figures, at "
                "/figures."};
            break;
          case auth::Role::kAdministrator:
            paragraphs = {
                "Administrators manage accounts and see no case content. Use "
                "`safeguard user add` on the server for now."};
            break;
          default:
            paragraphs = {"There is nothing more to see here."};
        }
        return site.message(200, site.frame_for(caller, "Welcome"),
                            fmt::format("Signed in: {}", role), std::move(paragraphs));
      })));
  return Status::success();
}

}  // namespace safeguard::pages
