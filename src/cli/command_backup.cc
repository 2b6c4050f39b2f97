// safeguard backup --db FILE --to FILE: a consistent online copy, safe while the server writes.
#include <fmt/format.h>

#include "cli/command.h"
#include "store/store.h"

namespace safeguard::cli {

void add_backup_command(CLI::App& app, Runner& runner) {
  auto* command = app.add_subcommand(
      "backup", "Copy the database consistently while it is in use (SQLite online backup)");
  auto db = std::make_shared<std::string>();
  auto target = std::make_shared<std::string>();
  command->add_option("--db", *db, "Database file")->required();
  command->add_option("--to", *target, "New file to write the copy to (must not exist)")
      ->required();
  command->callback([&runner, db, target] {
    runner = [db, target] {
      auto store = store::Store::open(*db);
      if (!store) return report_error(store.error());
      Status copied = (*store)->backup_to(*target);
      if (!copied) return report_error(copied.error());
      auto copy = store::Store::open(*target);
      if (!copy) return report_error(copy.error());
      Status healthy = (*copy)->check_integrity();
      if (!healthy) return report_error(healthy.error());
      fmt::print("backed up {} to {} (integrity checked)\n", *db, *target);
      return kExitOk;
    };
  });
}

}  // namespace safeguard::cli
