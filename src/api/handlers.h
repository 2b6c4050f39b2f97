// The API's handlers beyond the case record's own (routes.cc): the safeguards of src/casework
// (closure, approval, allocation, work lists, reports) and the narrow doors (break-glass access and
// its log, partner agencies' concerns). Each decides through auth::decide, audits its refusals and
// its reads of children, and answers JSON or problem+json. Listed in routes.cc's table.
#pragma once

#include "api/services.h"
#include "api/session.h"
#include "http/request.h"
#include "http/response.h"

namespace safeguard::api::handlers {

// casework_routes.cc
http::Response request_closure(Services& services, http::Request& request, const Caller& caller);
http::Response closures_awaiting_approval(Services& services, http::Request& request,
                                          const Caller& caller);
http::Response decide_closure(Services& services, http::Request& request, const Caller& caller);
http::Response allocate(Services& services, http::Request& request, const Caller& caller);
http::Response worklist(Services& services, http::Request& request, const Caller& caller);
http::Response closures_report(Services& services, http::Request& request, const Caller& caller);
http::Response unallocated_report(Services& services, http::Request& request, const Caller& caller);
http::Response caseloads_report(Services& services, http::Request& request, const Caller& caller);

// access_routes.cc
http::Response break_glass(Services& services, http::Request& request, const Caller& caller);
http::Response break_glass_log(Services& services, http::Request& request, const Caller& caller);
http::Response submit_concern(Services& services, http::Request& request, const Caller& caller);
http::Response show_concern(Services& services, http::Request& request, const Caller& caller);

}  // namespace safeguard::api::handlers
