// safeguard init --db FILE: creates a database, or brings an existing one to this build's schema.
#include <fmt/format.h>

#include "cli/command.h"
#include "store/store.h"

namespace safeguard::cli {

void add_init_command(CLI::App& app, Runner& runner) {
  auto* command = app.add_subcommand("init", "Create a database, or migrate one to this version");
  auto db = std::make_shared<std::string>();
  command->add_option("--db", *db, "Database file")->required();
  command->callback([&runner, db] {
    runner = [db] {
      auto store = store::Store::open(*db, store::Store::Mode::kCreateOrMigrate);
      if (!store) return report_error(store.error());
      auto version = (*store)->schema_version();
      if (!version) return report_error(version.error());
      fmt::print("{}: schema version {}\n", *db, *version);
      return kExitOk;
    };
  });
}

}  // namespace safeguard::cli
