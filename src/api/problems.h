// JSON responses and problems (RFC 9457) as the API writes them. Every JSON body goes through
// json_response(), which writes '<', '>' and '&' as \u escapes, so text a person typed can never be
// read as markup even by a client that ignores the Content-Type.
//
//   return api::json_response(200, {{"id", 42}});
//   return api::problem_for(Error::not_found("there is no child with id 42"));
//   return api::validation_problem({{"date", "enter the date of the visit"}});
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "http/request.h"
#include "http/response.h"

namespace safeguard::api {

// application/json, with markup characters escaped.
http::Response json_response(int status, const nlohmann::json& body);

// application/problem+json: {"type":"about:blank","title","status","detail"} plus `extra` members.
http::Response problem(int status, std::string_view title, std::string_view detail,
                       const nlohmann::json& extra = nlohmann::json::object());

// The status for an error's kind: invalid 422, not found 404, forbidden 403, conflict 409,
// unavailable 503, corrupt and internal 500 (whose detail never carries the internal message).
int status_for(ErrorKind kind);
http::Response problem_for(const Error& error);

struct FieldError {
  std::string field;    // the JSON member (or form field) at fault, e.g. "date"
  std::string message;  // what to do about it, e.g. "Enter the date of the visit"
};
// 422 with "errors": [{"field","message"}...], one per field at fault.
http::Response validation_problem(const std::vector<FieldError>& errors);

// The request's body as a JSON object: nullopt and `refusal` set to 415 (not JSON), 400 (malformed,
// or not an object) otherwise.
std::optional<nlohmann::json> json_object_body(const http::Request& request,
                                               http::Response& refusal);

}  // namespace safeguard::api
