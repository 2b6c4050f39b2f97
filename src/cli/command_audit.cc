// safeguard audit verify|head --db FILE: checks the hash chain of the audit trail, or prints its
// head so it can be written down outside the database (an anchor).
#include <fmt/format.h>

#include "audit/audit_trail.h"
#include "cli/command.h"
#include "store/store.h"

namespace safeguard::cli {

void add_audit_command(CLI::App& app, Runner& runner) {
  auto* audit = app.add_subcommand("audit", "Check or anchor the tamper-evident audit trail");
  audit->require_subcommand(1);

  auto* verify = audit->add_subcommand(
      "verify", "Check every event's hash chain; exit 0 when intact, 1 naming the first bad event");
  auto verify_db = std::make_shared<std::string>();
  auto anchors = std::make_shared<std::vector<std::string>>();
  verify->add_option("--db", *verify_db, "Database file")->required();
  verify->add_option("--anchor", *anchors,
                     "SEQ:HASH printed earlier by 'safeguard audit head' (repeatable); detects "
                     "removed newest events and a rewritten chain");
  verify->callback([&runner, verify_db, anchors] {
    runner = [verify_db, anchors] {
      std::vector<audit::Anchor> parsed;
      for (const auto& text : *anchors) {
        auto anchor = audit::Anchor::parse(text);
        if (!anchor) {
          fmt::print(stderr, "safeguard: {}\n", anchor.error().message);
          return kExitCannotRun;
        }
        parsed.push_back(*anchor);
      }
      auto store = store::Store::open(*verify_db);
      if (!store) return report_error(store.error());
      Progress progress("verifying audit trail");
      auto check = [&](const std::optional<audit::Anchor>& anchor) {
        return audit::verify(**store, anchor,
                             [&](std::int64_t done) { progress.count(done, "events"); });
      };
      std::vector<std::optional<audit::Anchor>> runs;
      if (parsed.empty()) runs.push_back(std::nullopt);
      for (const auto& anchor : parsed) runs.emplace_back(anchor);
      for (const auto& anchor : runs) {
        auto result = check(anchor);
        if (!result) return report_error(result.error());
        if (!result->intact) {
          fmt::print(stderr, "safeguard: audit trail broken at event {}: {}\n",
                     *result->first_bad_seq, result->problem);
          return kExitProblemFound;
        }
        if (&anchor == &runs.back()) {
          fmt::print("audit trail intact: {} events, head {}\n", result->events_checked,
                     result->head.text());
        }
      }
      return kExitOk;
    };
  });

  auto* head = audit->add_subcommand(
      "head", "Print the newest event as SEQ:HASH, to keep outside the database as an anchor");
  auto head_db = std::make_shared<std::string>();
  head->add_option("--db", *head_db, "Database file")->required();
  head->callback([&runner, head_db] {
    runner = [head_db] {
      auto store = store::Store::open(*head_db);
      if (!store) return report_error(store.error());
      auto anchor = audit::head(**store);
      if (!anchor) return report_error(anchor.error());
      fmt::print("{}\n", anchor->text());
      return kExitOk;
    };
  });
}

}  // namespace safeguard::cli
