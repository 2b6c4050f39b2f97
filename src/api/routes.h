// The JSON API under /api/v1 and GET /healthz. Every route but POST /api/v1/session and /healthz
// goes through signed_in() (session cookie; CSRF token on every change); every decision about a
// child through auth::decide with the case's holders from the store (app::CaseAccess); every read
// of a child and every refusal an audit event, durable before the response. docs/api/openapi.yaml
// describes each route; tests/api checks every route is in it.
#pragma once

#include <string_view>
#include <vector>

#include "api/services.h"
#include "base/result.h"
#include "http/router.h"

namespace safeguard::api {

struct RouteSpec {
  std::string_view method;
  std::string_view pattern;
};

// Every route add_api_routes() adds.
const std::vector<RouteSpec>& api_routes();

Status add_api_routes(http::Router& router, Services& services);

}  // namespace safeguard::api
