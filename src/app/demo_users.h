// The demo authority's sign-ins: one account per role, named after the role, password "demo-" +
// username. Only `safeguard demo` calls this, on a database it has just built, so no real
// database ever has these accounts.
//
//   social-worker     the social worker holding the most open cases on `today`, in their team
//   team-manager      the manager of that team (linked to the team's manager worker, if any)
//   head-of-service   a head of service (linked to one, if any)
//   iro               an independent reviewing officer
//   partner-police    a partner agency: police
//   analyst, admin
#pragma once

#include <string>
#include <vector>

#include "app/access.h"
#include "base/date.h"
#include "base/result.h"
#include "store/store.h"

namespace safeguard::app {

struct DemoUser {
  std::string username;
  std::string password;
  std::string role;         // stored role name
  std::string description;  // who they are, for the README and the sign-in page
};

// Creates the accounts; returns them in the order above.
Result<std::vector<DemoUser>> add_demo_users(store::Store& store, Access& access, Date today);

}  // namespace safeguard::app
