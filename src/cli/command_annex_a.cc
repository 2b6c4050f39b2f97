// safeguard returns annex-a --db FILE --as-of DATE --out FILE.xlsx|DIR [--format xlsx|csv]
// Ofsted's Annex A lists as of a date: a workbook with a sheet per list, or a CSV file per list.
#include <fmt/format.h>

#include "annex_a/annex_a.h"
#include "base/clock.h"
#include "cli/command.h"
#include "store/store.h"

namespace safeguard::cli {

void add_annex_a_commands(CLI::App& returns, Runner& runner) {
  auto* command = returns.add_subcommand(
      "annex-a", "Ofsted's Annex A: the 11 lists as of a date, as .xlsx or CSV");
  auto db = std::make_shared<std::string>();
  auto as_of = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  command->add_option("--db", *db, "Database file")->required();
  command->add_option("--as-of", *as_of, "The date the lists are drawn up at, YYYY-MM-DD")
      ->required();
  command->add_option("--out", *out, "The workbook (FILE.xlsx) or, for CSV, a directory")
      ->required();
  command->add_option("--format", *format, "xlsx or csv (default: xlsx, or csv for a directory)")
      ->check(CLI::IsMember({"xlsx", "csv"}));
  command->callback([&runner, db, as_of, out, format] {
    runner = [db, as_of, out, format] {
      auto date = Date::parse_iso(*as_of);
      if (!date) return report_error(Error::invalid("--as-of: " + date.error().message));
      std::string kind = *format;
      if (kind.empty()) {
        bool workbook = out->size() > 5 && out->substr(out->size() - 5) == ".xlsx";
        kind = workbook ? "xlsx" : "csv";
      }
      auto store = store::Store::open(*db);
      if (!store) return report_error(store.error());
      SystemClock clock;
      auto annex = annex_a::export_annex_a(**store, clock, *date, "system:cli");
      if (!annex) return report_error(annex.error());
      if (kind == "xlsx") {
        if (Status written = annex_a::write_xlsx(*annex, *out); !written) {
          return report_error(written.error());
        }
      } else {
        auto files = annex_a::write_csv(*annex, *out);
        if (!files) return report_error(files.error());
      }
      for (const auto& list : annex->lists) {
        fmt::print("{:<8} {:>7} rows\n", list.name, list.rows.size());
      }
      fmt::print("{}: Annex A as of {} (from {}) written as {}\n", *out, date->iso(),
                 annex->period_start.iso(), kind);
      return kExitOk;
    };
  });
}

}  // namespace safeguard::cli
