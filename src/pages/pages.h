// The web UI's screens: sign-in, my caseload, a child's record (with its chronology), recording a
// visit or a case note (with autosaved drafts), a team manager's team (caseloads, unallocated
// cases, allocation and transfer, closures to approve) and a head of service's view of all teams.
// Server-rendered HTML that works without JavaScript; docs/ui.md describes each screen.
//
// Every page goes through api::signed_in (session cookie; CSRF token on every POST) and every
// decision about a child through api::Services::cases (auth::decide with the case's holders; each
// read and refusal audited). A refusal is the page "You do not have access to this child's record"
// with status 403.
#pragma once

#include "api/services.h"
#include "base/result.h"
#include "http/router.h"

namespace safeguard::pages {

// Adds every page's route to `router`. `services` must outlive the router.
Status add_page_routes(http::Router& router, api::Services& services);

}  // namespace safeguard::pages
