// A running `safeguard serve` in miniature for the API tests: a fresh database holding a small
// authority (two teams, their workers, children allocated to each, one case in a team's tray), an
// account for every role, an open case (child-in-need episode) for each child, a closure request
// awaiting a manager, the real routes of api::add_api_routes on a real http::Server on an
// ephemeral port, and a client that signs in over HTTP and keeps each person's cookie and CSRF
// token.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/routes.h"
#include "api/services.h"
#include "base/clock.h"
#include "domain/codes.h"
#include "http/router.h"
#include "http/server.h"
#include "http/test_client.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace safeguard::testing {

// A person as the tests see them.
struct Person {
  std::string username;  // "" for someone not signed in
  std::string cookie;    // "safeguard_session=..."
  std::string csrf_token;
};

class ApiFixture {
 public:
  struct Ids {
    std::int64_t team_one = 0, team_two = 0;
    std::int64_t worker_a = 0, worker_b = 0, manager_one = 0;
    std::int64_t own_child = 0;        // allocated to worker A (team one)
    std::int64_t second_child = 0;     // also worker A's
    std::int64_t third_child = 0;      // also worker A's
    std::int64_t other_child = 0;      // allocated to worker B (team two)
    std::int64_t tray_child = 0;       // waiting in team one's tray
    std::int64_t closure_request = 0;  // awaiting approval for second_child, with no recent visit
  };

  // The accounts, by username, with their roles: every role, and a second social worker in the
  // other team.
  static const std::vector<std::pair<std::string, std::string>>& accounts() {
    static const std::vector<std::pair<std::string, std::string>> all = {
        {"social-worker", "social_worker"},
        {"other-worker", "social_worker"},
        {"team-manager", "team_manager"},
        {"head-of-service", "head_of_service"},
        {"iro", "iro"},
        {"partner-police", "partner_agency"},
        {"analyst", "analyst"},
        {"admin", "admin"},
    };
    return all;
  }
  static std::string password_for(const std::string& username) { return "password-" + username; }

  explicit ApiFixture(api::ServiceOptions options = {}, http::ServerOptions server_options = {});
  ~ApiFixture();

  std::uint16_t port() const { return server_->port(); }
  const Ids& ids() const { return ids_; }
  store::Store& store() { return *store_; }
  api::Services& services() { return *services_; }
  ManualClock& clock() { return clock_; }
  http::Server& server() { return *server_; }

  // Signs in over HTTP; ADD_FAILURE and an empty Person when that fails.
  Person sign_in(const std::string& username);

  // One request on a fresh connection, as `person` (cookie, and the CSRF header on changes unless
  // `send_csrf` is false).
  std::optional<ClientResponse> call(const Person& person, std::string_view method,
                                     std::string_view target, std::string_view json_body = {},
                                     bool send_csrf = true, std::string_view extra_headers = {});

  // Audit events after seq `after`.
  std::vector<store::AuditRecord> events_after(std::int64_t after);
  std::int64_t last_seq();

 private:
  void build_authority();

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  domain::CodeLists codes_;
  ManualClock clock_;
  std::unique_ptr<api::Services> services_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  Ids ids_;
};

}  // namespace safeguard::testing
