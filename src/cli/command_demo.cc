// safeguard demo --db FILE [--seed N] [--children-in-care N] [--years N] [--end-date DATE]:
// builds a synthetic authority (no real person) for trying Safeguard out and for benchmarks.
#include <fmt/format.h>

#include <filesystem>

#include "app/access.h"
#include "app/demo_users.h"
#include "base/clock.h"
#include "cli/command.h"
#include "domain/codes.h"
#include "store/store.h"
#include "synthetic/demo_authority.h"

namespace safeguard::cli {

void add_demo_command(CLI::App& app, Runner& runner) {
  auto* command = app.add_subcommand(
      "demo", "Build a synthetic authority: children, workers and years of history (no real data)");
  auto db = std::make_shared<std::string>();
  auto options = std::make_shared<synthetic::DemoOptions>();
  auto end_date = std::make_shared<std::string>("2026-03-31");
  command->add_option("--db", *db, "New database file to create")->required();
  command->add_option("--seed", options->seed, "Random seed: the same seed builds the same data")
      ->capture_default_str();
  command
      ->add_option("--children-in-care", options->children_in_care,
                   "Children looked after on the end date (80000 is England-sized)")
      ->check(CLI::Range(1, 200000))
      ->capture_default_str();
  command->add_option("--years", options->years, "Years of history")
      ->check(CLI::Range(1, 30))
      ->capture_default_str();
  command->add_option("--end-date", *end_date, "The simulated today, YYYY-MM-DD")
      ->capture_default_str();
  command->callback([&runner, db, options, end_date] {
    runner = [db, options, end_date] {
      auto end = Date::parse_iso(*end_date);
      if (!end) return report_error(Error::invalid("--end-date: " + end.error().message));
      options->end_date = *end;
      if (std::filesystem::exists(*db)) {
        return report_error(Error::conflict(fmt::format(
            "{} already exists: the demo builds a new database (delete it or choose another file)",
            *db)));
      }
      auto codes = domain::CodeLists::load_standard();
      if (!codes) return report_error(codes.error());
      auto store = store::Store::open(*db, store::Store::Mode::kCreateOrMigrate);
      if (!store) return report_error(store.error());
      Progress progress("building demo authority");
      auto report = synthetic::build_demo_authority(
          **store, *codes, *options,
          [&](double fraction, std::string_view stage) { progress.update(fraction, stage); });
      if (!report) {
        std::error_code ignored;
        store->reset();
        for (const char* suffix : {"", "-wal", "-shm"}) {
          std::filesystem::remove(*db + suffix, ignored);
        }
        return report_error(report.error());
      }
      // One sign-in per role (password "demo-" + username), only ever in a database built here.
      ManualClock clock(Timestamp::at_start_of(report->end_date).plus_seconds(17 * 3600));
      app::Access access(**store, clock);
      auto users = app::add_demo_users(**store, access, report->end_date);
      if (!users) return report_error(users.error());
      fmt::print(
          "built demo authority in {} (seed {}, {} children in care target, {} years to {})\n", *db,
          options->seed, options->children_in_care, options->years, end->iso());
      fmt::print("sign-ins (username / password):\n");
      for (const auto& user : *users) {
        fmt::print("  {:<16} {:<21} {}\n", user.username, user.password, user.description);
      }
      return kExitOk;
    };
  });
}

}  // namespace safeguard::cli
