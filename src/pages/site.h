// What every page handler shares (internal to src/pages): the services, the renderer, the frame
// around a page for the signed-in person, the standard refusals, and the registry of routes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/services.h"
#include "api/session.h"
#include "base/result.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "pages/drafts.h"
#include "pages/view.h"

namespace safeguard::pages {

// Owned through a shared_ptr that every route's handler holds, so it lives as long as the router.
class Site : public std::enable_shared_from_this<Site> {
 public:
  explicit Site(api::Services& services) : services_(services) {}

  api::Services& services() { return services_; }
  const Renderer& renderer() const { return renderer_; }
  DraftStore& drafts() { return drafts_; }
  Date today() const { return services_.clock.today(); }

  // The frame for a signed-in person: navigation for their role (`current` marks the page they
  // are on, by href), the demo banner, their name and role, the CSRF token.
  Frame frame_for(const api::Caller& caller, std::string title, std::string_view current = {});
  // The frame for someone not signed in.
  Frame public_frame(std::string title);

  // Renders `name` with `data` (adding csrf_token when signed in) into a response of `status`.
  http::Response page(int status, std::string_view name, Data data, const Frame& frame);
  // A page with a heading and paragraphs (and an optional link back).
  http::Response message(int status, const Frame& frame, std::string heading,
                         std::vector<std::string> paragraphs,
                         std::optional<Link> link = std::nullopt);

  // The refusal page for a child's record (403; the refusal is already audited by the caller).
  http::Response no_access_to_child(const api::Caller& caller, std::string_view reason);
  // The page for an error from a use case: 403, 404, 409, 422, 503 or 500 (saying nothing of the
  // cause, which goes to the operator's log... the caller's Error message is shown only for kinds a
  // person can act on).
  http::Response error_page(const api::Caller& caller, const Error& error);
  // A 403 for a CSRF failure or a role refusal, as a page.
  http::Response refusal(int status, std::string_view title, std::string_view detail);

  // Wraps a signed-in handler for an HTML route: no session redirects to /sign-in.
  http::Handler signed_in(api::SignedInHandler handler);
  // Wraps a handler for a page anyone may see (the sign-in page).
  http::Handler open(http::Handler handler);

  // The home page of a role: /caseload, /team, /service ...
  static std::string home_for(const auth::Principal& principal);

  // A team's name by id ("" when unknown).
  std::string team_name(std::optional<std::int64_t> team_id);

 private:
  api::Services& services_;
  Renderer renderer_;
  DraftStore drafts_;
};

// The routes of each group of screens (sign_in_pages.cc, child_pages.cc, team_pages.cc,
// drafts.cc).
Status add_sign_in_routes(http::Router& router, Site& site);
Status add_child_routes(http::Router& router, Site& site);
Status add_team_routes(http::Router& router, Site& site);
Status add_draft_routes(http::Router& router, Site& site);
// The returns page (returns_pages.cc); emergency access, figures and concerns (oversight_pages.cc).
Status add_returns_routes(http::Router& router, Site& site);
Status add_oversight_routes(http::Router& router, Site& site);

// The id in a path segment: a positive whole number, or nullopt.
std::optional<std::int64_t> parse_id(std::string_view text);

// The success message for a ?done= code (fixed texts; never the request's own words).
std::string notice_for(std::string_view done);

}  // namespace safeguard::pages
