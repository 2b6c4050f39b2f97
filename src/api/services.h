// What a request handler needs, built once by `safeguard serve` (or a test) and shared by every
// route: the store, the code lists, the clock, and the use cases of app/ over them. Thread-safe in
// the way its parts are: Store serialises its transactions; Access and CaseRecord hold no mutable
// state of their own.
//
//   store::Store& store = ...;
//   api::Services services(store, codes, clock, api::options_from_store(store).value());
//   api::add_api_routes(router, services);
#pragma once

#include <string>

#include "api/session_cache.h"
#include "api/sign_in_throttle.h"
#include "app/access.h"
#include "app/case_access.h"
#include "app/case_record.h"
#include "audit/group_commit.h"
#include "base/clock.h"
#include "base/result.h"
#include "domain/codes.h"
#include "rules/calendar.h"
#include "rules/timescales.h"
#include "store/store.h"

namespace safeguard::api {

struct ServiceOptions {
  bool demo = false;  // a database made by `safeguard demo`: pages say so, sign-in lists users
  std::string authority_name;          // e.g. "Northbrook"; "" when the database does not say
  bool secure_cookies = false;         // always mark the session cookie Secure (served over TLS)
  bool trust_forwarded_proto = false;  // behind a TLS proxy: Secure when X-Forwarded-Proto is https
  app::SessionRules session_rules;
  std::int64_t break_glass_minutes = 240;  // how long emergency access to a child lasts
};

// Reads the demo flag and the authority's name from the database's settings.
Result<ServiceOptions> options_from_store(store::Store& store);

class Services {
 public:
  Services(store::Store& store_in, const domain::CodeLists& codes_in, const Clock& clock_in,
           ServiceOptions options_in = {})
      : store(store_in),
        codes(codes_in),
        clock(clock_in),
        options(std::move(options_in)),
        access(store_in, clock_in, options.session_rules),
        sessions(store_in, clock_in, options.session_rules),
        case_record(store_in, codes_in, clock_in),
        trail(store_in, clock_in),
        cases(store_in, clock_in, trail) {}
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  bool demo() const { return options.demo; }

  store::Store& store;
  const domain::CodeLists& codes;
  const Clock& clock;
  const ServiceOptions options;
  app::Access access;
  SessionCache sessions;  // sessions authenticated a moment ago: one read per request, not a write
  app::CaseRecord case_record;
  audit::GroupCommit
      trail;              // audit events that must be durable before a response (reads, refusals)
  app::CaseAccess cases;  // authorised, audited access to children's records
  rules::WorkingDayCalendar calendar;  // England and Wales bank holidays
  rules::Timescales timescales;        // the statutory defaults
  SignInThrottle sign_in_throttle;     // failed sign-ins per address; password checks at once
};

}  // namespace safeguard::api
