#include "http/response.h"

#include <nlohmann/json.hpp>

namespace safeguard::http {
namespace {

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Response Response::text(int status, std::string body) {
  Response response{status, {}, std::move(body)};
  response.headers.set("Content-Type", "text/plain; charset=utf-8");
  return response;
}

Response Response::json(int status, const nlohmann::json& body) {
  Response response{status, {}, dump(body)};
  response.headers.set("Content-Type", "application/json");
  return response;
}

Response Response::html(int status, std::string body) {
  Response response{status, {}, std::move(body)};
  response.headers.set("Content-Type", "text/html; charset=utf-8");
  return response;
}

Response Response::problem(int status, std::string_view title, std::string_view detail) {
  nlohmann::json problem = {
      {"type", "about:blank"},
      {"title", title},
      {"status", status},
      {"detail", detail},
  };
  Response response{status, {}, dump(problem)};
  response.headers.set("Content-Type", "application/problem+json");
  return response;
}

Response Response::redirect(std::string_view location, int status) {
  Response response{status, {}, {}};
  response.headers.set("Location", std::string(location));
  return response;
}

std::string_view reason_phrase(int status) {
  struct Reason {
    int status;
    std::string_view phrase;
  };
  static constexpr Reason kReasons[] = {
      {100, "Continue"},
      {200, "OK"},
      {201, "Created"},
      {202, "Accepted"},
      {204, "No Content"},
      {301, "Moved Permanently"},
      {302, "Found"},
      {303, "See Other"},
      {304, "Not Modified"},
      {307, "Temporary Redirect"},
      {308, "Permanent Redirect"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {408, "Request Timeout"},
      {409, "Conflict"},
      {410, "Gone"},
      {411, "Length Required"},
      {413, "Content Too Large"},
      {414, "URI Too Long"},
      {415, "Unsupported Media Type"},
      {417, "Expectation Failed"},
      {422, "Unprocessable Content"},
      {429, "Too Many Requests"},
      {431, "Request Header Fields Too Large"},
      {500, "Internal Server Error"},
      {501, "Not Implemented"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Gateway Timeout"},
  };
  for (const Reason& reason : kReasons) {
    if (reason.status == status) return reason.phrase;
  }
  return "Unknown";
}

void add_security_headers(Response& response, std::string_view content_security_policy) {
  response.headers.set_default("Content-Security-Policy", content_security_policy);
  response.headers.set_default("X-Content-Type-Options", "nosniff");
  response.headers.set_default("Referrer-Policy", "same-origin");
  response.headers.set_default("X-Frame-Options", "DENY");
  response.headers.set_default("Cache-Control", "no-store");
}

}  // namespace safeguard::http
