#include "pages/pages.h"

#include <fmt/format.h>

#include <charconv>
#include <memory>
#include <utility>

#include "auth/policy.h"
#include "domain/workforce.h"
#include "pages/site.h"

namespace safeguard::pages {

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  if (text.empty() || text.size() > 18) return std::nullopt;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string notice_for(std::string_view done) {
  if (done == "visit") return "Visit saved";
  if (done == "note") return "Case note saved";
  if (done == "allocated") return "Case allocated";
  if (done == "closed") return "Closure approved: the case is closed";
  if (done == "concern") return "Thank you: the front door has your concern";
  return {};
}

std::string Site::home_for(const auth::Principal& principal) {
  switch (principal.role) {
    case auth::Role::kSocialWorker:
      return "/caseload";
    case auth::Role::kTeamManager:
      return principal.team_id ? "/team" : "/caseload";
    case auth::Role::kHeadOfService:
      return "/service";
    case auth::Role::kPartnerAgency:
      return "/concerns";
    case auth::Role::kAnalyst:
      return "/figures";
    default:
      return "/welcome";
  }
}

std::string Site::team_name(std::optional<std::int64_t> team_id) {
  if (!team_id) return {};
  std::string name;
  (void)services_.store.read([&](store::Transaction& transaction) -> Status {
    auto team = transaction.find<domain::Team>(*team_id);
    if (team && *team) name = (*team)->name;
    return Status::success();
  });
  return name;
}

Frame Site::public_frame(std::string title) {
  Frame frame;
  frame.title = std::move(title);
  frame.demo = services_.demo();
  frame.authority_name = services_.options.authority_name;
  return frame;
}

Frame Site::frame_for(const api::Caller& caller, std::string title, std::string_view current) {
  Frame frame = public_frame(std::move(title));
  const auth::Principal& who = caller.principal;
  frame.username = who.username;
  frame.role_title = std::string(auth::role_title(who.role));
  frame.team_name = team_name(who.team_id);
  frame.csrf_token = caller.csrf_token;
  auto add = [&](std::string href, std::string text) {
    bool is_current = href == current;
    frame.navigation.push_back(Link{std::move(href), std::move(text), is_current});
  };
  switch (who.role) {
    case auth::Role::kSocialWorker:
      add("/caseload", "My caseload");
      break;
    case auth::Role::kTeamManager:
      if (who.team_id) add("/team", "My team");
      add("/caseload", "My caseload");
      if (who.team_id) add("/team/emergency-access", "Emergency access");
      add("/figures", "Figures");
      break;
    case auth::Role::kHeadOfService:
      add("/service", "All teams");
      add("/returns", "Returns");
      add("/figures", "Figures");
      break;
    case auth::Role::kPartnerAgency:
      add("/concerns", "Your concerns");
      break;
    case auth::Role::kAnalyst:
      add("/figures", "Figures");
      break;
    default:
      break;
  }
  return frame;
}

http::Response Site::page(int status, std::string_view name, Data data, const Frame& frame) {
  if (!frame.csrf_token.empty()) data["csrf_token"] = frame.csrf_token;
  auto html = renderer_.render(name, data, frame);
  if (!html) {
    return http::Response::text(500, "Sorry, this page could not be shown. Try again later.");
  }
  return http::Response::html(status, std::move(*html));
}

http::Response Site::message(int status, const Frame& frame, std::string heading,
                             std::vector<std::string> paragraphs, std::optional<Link> link) {
  Data data = object();
  data["heading"] = std::move(heading);
  Data items = list();
  for (auto& paragraph : paragraphs) items << Data(std::move(paragraph));
  data["paragraphs"] = std::move(items);
  if (link) {
    Data link_data = object();
    link_data["href"] = link->href;
    link_data["text"] = link->text;
    data["link"] = std::move(link_data);
  }
  return page(status, "message", std::move(data), frame);
}

http::Response Site::no_access_to_child(const api::Caller& caller, std::string_view reason) {
  Frame frame = frame_for(caller, "You do not have access to this child's record");
  std::string why(reason);
  if (!why.empty()) why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
  return message(403, frame, "You do not have access to this child's record",
                 {why.empty() ? std::string("This child's record is not open to you.") : why + ".",
                  "Your attempt to open it has been recorded in the audit trail."},
                 Link{home_for(caller.principal), "Go back to your cases"});
}

http::Response Site::error_page(const api::Caller& caller, const Error& error) {
  switch (error.kind) {
    case ErrorKind::kForbidden:
      return no_access_to_child(caller, error.message);
    case ErrorKind::kNotFound:
      return message(404, frame_for(caller, "Page not found"), "Page not found",
                     {"There is nothing at this address. If you typed it, check it is correct."},
                     Link{home_for(caller.principal), "Go back to your cases"});
    case ErrorKind::kInvalid:
    case ErrorKind::kConflict:
      return message(error.kind == ErrorKind::kInvalid ? 422 : 409,
                     frame_for(caller, "This could not be done"), "This could not be done",
                     {error.message}, Link{home_for(caller.principal), "Go back to your cases"});
    case ErrorKind::kUnavailable:
      return message(503, frame_for(caller, "Sorry, there is a problem with the service"),
                     "Sorry, there is a problem with the service",
                     {"Try again in a few minutes. Anything you saved has been kept."});
    default:
      break;
  }
  return message(500, frame_for(caller, "Sorry, there is a problem with the service"),
                 "Sorry, there is a problem with the service",
                 {"Try again later. If it keeps happening, tell the service desk."});
}

http::Response Site::refusal(int status, std::string_view title, std::string_view detail) {
  Frame frame = public_frame(std::string(title));
  return message(status, frame, std::string(title), {std::string(detail)},
                 Link{"/", "Go to the start page"});
}

http::Handler Site::signed_in(api::SignedInHandler handler) {
  auto self = shared_from_this();
  api::GuardOptions options;
  options.redirect_to_sign_in = true;
  options.render_error = [self](int status, std::string_view title, std::string_view detail) {
    return self->refusal(status, title, detail);
  };
  return api::signed_in(
      services_,
      [self, handler = std::move(handler)](http::Request& request, const api::Caller& caller) {
        return handler(request, caller);
      },
      std::move(options));
}

http::Handler Site::open(http::Handler handler) {
  auto self = shared_from_this();
  return [self, handler = std::move(handler)](http::Request& request) { return handler(request); };
}

Status add_page_routes(http::Router& router, api::Services& services) {
  auto site = std::make_shared<Site>(services);
  SAFEGUARD_TRY(add_sign_in_routes(router, *site));
  SAFEGUARD_TRY(add_child_routes(router, *site));
  SAFEGUARD_TRY(add_team_routes(router, *site));
  SAFEGUARD_TRY(add_draft_routes(router, *site));
  SAFEGUARD_TRY(add_returns_routes(router, *site));
  SAFEGUARD_TRY(add_oversight_routes(router, *site));
  return Status::success();
}

}  // namespace safeguard::pages
