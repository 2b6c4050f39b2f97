// Ofsted's Annex A: the 11 lists an inspection of local authority children's services (ILACS)
// asks for on its first day, as of a date, from the case record. Each list covers the six months
// up to the date (12 months where Ofsted's column says so) and uses the template's column names
// (columns.h) and its category values where the record holds the answer ("a) Male", "b) No" ...);
// DfE codes (N1, RC8, C2, U4 ...) are written as the DfE spells them. A column the case record has
// no data for yet is left blank: disability, permanence plan, IRO visits, health and dental checks,
// early help assessments (list 2) and adopters (list 11). docs/annex-a.md says how each list is
// chosen.
//
//   auto annex = build_annex_a(transaction, as_of);
//   write_xlsx(*annex, "annex_a.xlsx");   // one sheet per list, "List 1" ... "List 11"
//   write_csv(*annex, "annex_a/");       // List_1.csv ... List_11.csv
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/result.h"
#include "store/store.h"

namespace safeguard::annex_a {

// A cell: text, or a date (written as a date in the workbook, dd/mm/yyyy in CSV).
struct Cell {
  std::string text;
  std::optional<Date> date;
  std::string display() const;
};

struct List {
  std::string name;                  // "List 1"
  std::vector<std::string> columns;  // the template's column names, in order
  std::vector<std::vector<Cell>> rows;
};

struct AnnexA {
  Date as_of;
  Date period_start;        // six months before as_of
  std::vector<List> lists;  // the 11 lists, in order
};

// The lists from the records read in `transaction`.
Result<AnnexA> build_annex_a(store::Transaction& transaction, Date as_of);

// The workbook: a sheet per list with a bold header row and dates formatted dd/mm/yyyy.
Status write_xlsx(const AnnexA& annex, const std::string& path);
// One CSV file per list in `directory` (created if absent): List_1.csv ... List_11.csv.
Result<std::vector<std::string>> write_csv(const AnnexA& annex, const std::string& directory);

// build_annex_a in one transaction that records an audit event ("export", entity "annex_a").
Result<AnnexA> export_annex_a(store::Store& store, const Clock& clock, Date as_of,
                              const std::string& actor);

}  // namespace safeguard::annex_a
