#include "api/problems.h"

#include <fmt/format.h>

namespace safeguard::api {
namespace {

std::string dump_escaped(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // Outside strings JSON never uses these characters, so replacing them everywhere is safe.
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        escaped += "\\u003c";
        break;
      case '>':
        escaped += "\\u003e";
        break;
      case '&':
        escaped += "\\u0026";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string_view title_for(int status) {
  switch (status) {
    case 400:
      return "Bad request";
    case 401:
      return "Sign in";
    case 403:
      return "No access";
    case 404:
      return "Not found";
    case 409:
      return "Conflict";
    case 422:
      return "There is a problem";
    case 503:
      return "Service unavailable";
    default:
      return "Something went wrong";
  }
}

}  // namespace

http::Response json_response(int status, const nlohmann::json& body) {
  http::Response response{status, {}, dump_escaped(body)};
  response.headers.set("Content-Type", "application/json");
  return response;
}

http::Response problem(int status, std::string_view title, std::string_view detail,
                       const nlohmann::json& extra) {
  nlohmann::json body = {
      {"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
  if (extra.is_object()) {
    for (const auto& [key, value] : extra.items()) body[key] = value;
  }
  http::Response response{status, {}, dump_escaped(body)};
  response.headers.set("Content-Type", "application/problem+json");
  return response;
}

int status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid:
      return 422;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kForbidden:
      return 403;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kCorrupt:
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

http::Response problem_for(const Error& error) {
  int status = status_for(error.kind);
  if (status >= 500 && status != 503) {
    return problem(status, title_for(status),
                   "Something went wrong on our side and nothing was changed. Try again; if it "
                   "keeps happening, tell the service desk the time it happened.");
  }
  if (status == 503) {
    return problem(status, title_for(status),
                   "The case record is busy or unavailable just now. Try again in a minute.");
  }
  return problem(status, title_for(status), error.message);
}

http::Response validation_problem(const std::vector<FieldError>& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& error : errors) {
    list.push_back({{"field", error.field}, {"message", error.message}});
  }
  std::string detail = errors.size() == 1
                           ? errors.front().message
                           : fmt::format("{} fields need correcting: see errors", errors.size());
  return problem(422, title_for(422), detail, {{"errors", list}});
}

std::optional<nlohmann::json> json_object_body(const http::Request& request,
                                               http::Response& refusal) {
  std::string_view type = request.header("content-type");
  std::string_view media = type.substr(0, type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (!http::iequals(media, "application/json")) {
    refusal = problem(415, "Send JSON",
                      "Send the request body as JSON with Content-Type: application/json.");
    return std::nullopt;
  }
  auto parsed = nlohmann::json::parse(request.body, nullptr, false);
  if (parsed.is_discarded()) {
    refusal = problem(400, title_for(400), "The request body is not valid JSON.");
    return std::nullopt;
  }
  if (!parsed.is_object()) {
    refusal = problem(400, title_for(400), "The request body must be a JSON object.");
    return std::nullopt;
  }
  return parsed;
}

}  // namespace safeguard::api
