// An HTTP request as handlers see it: already parsed, size-limited and percent-decoded by the
// Server, independent of the HTTP library underneath. The Router fills `path_params`.
//
//   Response show_child(Request& request) {
//     std::string_view id = request.path_param("id");
//     std::string_view page = request.query_param("page");  // "" when absent
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/headers.h"

namespace safeguard::http {

using ParameterMap = std::map<std::string, std::string, std::less<>>;

struct Request {
  std::string method;          // as sent, e.g. "GET"
  std::string path;            // percent-decoded, without the query: "/api/v1/children/42"
  ParameterMap query;          // decoded; when a name repeats, the first value is kept
  Headers headers;             // names compare case-insensitively
  std::string body;            // at most ServerOptions::body_limit bytes
  std::string remote_address;  // the peer's IP address, e.g. "127.0.0.1"
  ParameterMap path_params;    // filled by the Router from `{name}` segments

  // "" when absent.
  std::string_view header(std::string_view name) const { return headers.get(name).value_or(""); }
  std::string_view query_param(std::string_view name) const;
  std::string_view path_param(std::string_view name) const;
};

// Decodes %XX escapes (and '+' as a space when `plus_as_space`, as in a query string).
// kInvalid for a truncated or non-hex escape, or an escape that decodes to NUL.
Result<std::string> percent_decode(std::string_view text, bool plus_as_space);

// Splits an origin-form request target ("/a%20b?x=1&y=2") into its decoded path and query.
// kInvalid when the target does not start with '/' (absolute or asterisk form) or decoding fails.
struct RequestTarget {
  std::string path;
  ParameterMap query;
};
Result<RequestTarget> parse_target(std::string_view target);

}  // namespace safeguard::http
