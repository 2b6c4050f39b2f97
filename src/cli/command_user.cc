// safeguard user add --db FILE --username U --role R [--team T] [--worker W] [--agency A]
// The password is read from standard input (one line), so it never appears in a process list or a
// shell history.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "app/access.h"
#include "base/clock.h"
#include "cli/command.h"
#include "store/store.h"

namespace safeguard::cli {
namespace {

struct UserOptions {
  std::string db;
  app::NewAccount account;
  std::int64_t team_id = 0;
  std::int64_t worker_id = 0;
};

}  // namespace

void add_user_command(CLI::App& app, Runner& runner) {
  auto* user = app.add_subcommand("user", "Manage the accounts that sign in");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Create an account; the password is read from stdin");
  auto options = std::make_shared<UserOptions>();
  add->add_option("--db", options->db, "Database file")->required();
  add->add_option("--username", options->account.username,
                  "Lower-case letters, digits, '.', '-' or '_'")
      ->required();
  add->add_option("--role", options->account.role,
                  "social_worker, team_manager, head_of_service, iro, partner_agency, analyst or "
                  "admin")
      ->required();
  add->add_option("--team", options->team_id, "Team id, for social workers and team managers");
  add->add_option("--worker", options->worker_id, "Worker id of the practitioner");
  add->add_option("--agency", options->account.agency, "Agency name, for partner agencies");
  add->callback([&runner, options] {
    runner = [options] {
      if (isatty(STDIN_FILENO)) fmt::print(stderr, "Password (at least 10 characters): ");
      std::string password;
      if (!std::getline(std::cin, password)) {
        return report_error(Error::invalid("no password on standard input"));
      }
      if (!password.empty() && password.back() == '\r') password.pop_back();
      options->account.password = std::move(password);
      if (options->team_id > 0) options->account.team_id = options->team_id;
      if (options->worker_id > 0) options->account.worker_id = options->worker_id;
      auto store = store::Store::open(options->db);
      if (!store) return report_error(store.error());
      SystemClock clock;
      app::Access access(**store, clock);
      auto id = access.add_user(app::Actor::system("cli"), options->account);
      if (!id) return report_error(id.error());
      fmt::print("created account {} ({}) with id {}\n", options->account.username,
                 options->account.role, *id);
      return kExitOk;
    };
  });
}

}  // namespace safeguard::cli
