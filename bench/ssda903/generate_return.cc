// ssda903_generate: a synthetic SSDA903 return the size of England's (by default 80,000 children
// and about 300,000 episodes) for benchmarking validators. Deterministic for a seed; plausible
// rather than realistic: chained episodes with placement moves, six-monthly reviews, missing
// episodes, OC2/OC3 cohorts, UASC and social worker episodes, and about one row in a hundred
// carrying a deliberate error so the rules have something to find. Synthetic: no real child.
//
//   ssda903_generate --out DIR [--children 80000] [--year 2025] [--seed 1] [--format csv|xml]
#include <fmt/format.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "base/date.h"
#include "ssda903/files.h"
#include "ssda903/layout.h"

namespace {

using safeguard::Date;
using namespace safeguard::ssda903;

// SplitMix64: small, fast and the same everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(static_cast<int>(N))];
  }

 private:
  std::uint64_t state_;
};

struct Tables {
  explicit Tables(Return& data, int year) {
    for (const TableLayout* layout : layouts_for_year(year)) {
      Table& table = data.table(layout->name);
      for (const ColumnLayout& column : layout->columns) table.add_column(column.name);
      tables.emplace_back(&table);
    }
  }
  std::vector<Table*> tables;
};

void add(Return& data, std::string_view table_name,
         std::initializer_list<std::pair<std::string_view, Cell>> cells) {
  Table& table = data.table(table_name);
  std::size_t row = table.add_row();
  for (const auto& [name, value] : cells) {
    if (Column* column = table.column(name)) column->cells[row] = value;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string out;
  int children = 80000;
  int year = 2025;
  std::uint64_t seed = 1;
  std::string format = "csv";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--out")
      out = value;
    else if (flag == "--children")
      children = std::atoi(value.c_str());
    else if (flag == "--year")
      year = std::atoi(value.c_str());
    else if (flag == "--seed")
      seed = std::strtoull(value.c_str(), nullptr, 10);
    else if (flag == "--format")
      format = value;
  }
  if (out.empty() || children <= 0 || !supported_year(year)) {
    std::cerr << "usage: ssda903_generate --out DIR [--children N] [--year YYYY] [--seed N] "
                 "[--format csv|xml]\n";
    return 2;
  }
  Random random(seed);
  Return data;
  Tables tables(data, year);
  Date start = *Date::from_ymd(year - 1, 4, 1);
  Date end = *Date::from_ymd(year, 3, 31);
  bool letters = year >= 2025;
  static const char* kEthnic[] = {"WBRI", "WBRI", "WBRI", "WOTH", "MWBC", "AIND",
                                  "BAFR", "BCRB", "APKN", "OOTH", "MOTH", "REFU"};
  static const char* kLs[] = {"C2", "C2", "C2", "C1", "V2", "E1", "J2", "L2"};
  static const char* kCin[] = {"N1", "N1", "N1", "N2", "N3", "N4", "N5", "N6", "N8"};
  static const char* kPlace[] = {"U1", "U3", "U4", "U6", "U2", "K2", "R1", "P1", "A4", "H5"};
  static const char* kProvider[] = {"PR1", "PR1", "PR4", "PR2", "PR3", "PR0"};
  static const char* kRec[] = {"E11", "E12", "E13", "E41", "E45", "E48",
                               "E4A", "E2",  "E8",  "E15", "E17"};
  static const char* kMove[] = {"CARPL", "CLOSE", "CHILD", "LAREQ", "PLACE", "OTHER", "STAND"};
  static const char* kPn[] = {"PN0", "PN1", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"};
  static const char* kTouch[] = {"YES", "YES", "YES", "NO", "REFU", "NREQ"};
  static const char* kActiv[] = {"F1", "P1", "F2", "P2", "G4", "G5", "G6"};
  static const char* kAccom[] = {"B1", "C1", "D1", "E1", "G1", "H1", "K1", "R1", "S1", "T1"};

  for (int c = 0; c < children; ++c) {
    std::string id = fmt::format("{:07}", 1000000 + c);
    int age = random.below(18);
    Date dob = start.plus_days(-365 * age - random.below(365));
    bool male = random.chance(56);
    std::string sex = letters ? (male ? "M" : "F") : (male ? "1" : "2");
    if (random.chance(1)) sex = "X";  // a deliberate error
    std::string dob_text = dob.uk();
    bool care_leaver = age >= 17 && random.chance(50);
    add(data, "Header",
        {{"CHILD", id},
         {"SEX", sex},
         {"DOB", dob_text},
         {"ETHNIC", std::string(random.pick(kEthnic))},
         {"UPN", fmt::format("A{:012}", random.next() % 1000000000000ULL)},
         {"MOTHER", !male && age >= 14 ? Cell("0") : Cell()},
         {"MC_DOB", Cell()}});
    if (random.chance(7)) {
      add(data, "UASC",
          {{"CHILD", id}, {"SEX", sex}, {"DOB", dob_text}, {"DUC", dob.plus_years(18).uk()}});
    }
    // A period of care of 1-8 episodes, starting up to four years before the year.
    int episodes = 1 + random.below(4) + (random.chance(60) ? random.below(6) : 0);
    Date decom = start.plus_days(-random.below(4 * 365)).plus_days(random.below(300));
    if (decom < dob) decom = dob.plus_days(random.below(200));
    std::string home = fmt::format("N{} {}AB", random.below(20), random.below(9));
    std::string legal = random.pick(kLs);
    std::string need = random.pick(kCin);
    bool open = !care_leaver && random.chance(70);
    for (int e = 0; e < episodes; ++e) {
      bool last = e + 1 == episodes;
      Date dec = decom.plus_days(20 + random.below(400));
      if (dec > end) dec = end.plus_days(-random.below(20));
      if (dec <= decom) dec = decom.plus_days(1);
      std::string place = random.pick(kPlace);
      bool ended = !last || !open;
      add(data, "Episodes",
          {{"CHILD", id},
           {"DECOM", decom.uk()},
           {"RNE", std::string(e == 0 ? "S" : (random.chance(70) ? "P" : "T"))},
           {"LS", legal},
           {"CIN", need},
           {"PLACE", place},
           {"PLACE_PROVIDER", std::string(random.pick(kProvider))},
           {"DEC", ended ? Cell(dec.uk()) : Cell()},
           {"REC", ended ? Cell(last ? random.pick(kRec) : "X1") : Cell()},
           {"REASON_PLACE_CHANGE", ended && !last ? Cell(random.pick(kMove)) : Cell()},
           {"HOME_POST", home},
           {"PL_POST", fmt::format("P{} {}CD", random.below(40), random.below(9))},
           {"URN", fmt::format("SC{:06}", random.below(999999))}});
      if (ended) decom = dec;
      if (decom > end) break;
    }
    for (int r = 0; r < 1 + random.below(3); ++r) {
      add(data, "Reviews",
          {{"CHILD", id},
           {"DOB", dob_text},
           {"REVIEW", start.plus_days(random.below(365)).uk()},
           {"REVIEW_CODE", std::string(random.pick(kPn))}});
    }
    if (random.chance(10)) {
      Date gone = start.plus_days(random.below(360));
      add(data, "Missing",
          {{"CHILD", id},
           {"DOB", dob_text},
           {"MISSING", std::string(random.chance(60) ? "M" : "A")},
           {"MIS_START", gone.uk()},
           {"MIS_END", gone.plus_days(1 + random.below(5)).uk()}});
    }
    if (age >= 4 && random.chance(60)) {
      add(data, "OC2",
          {{"CHILD", id},
           {"DOB", dob_text},
           {"SDQ_SCORE", std::to_string(random.below(40))},
           {"SDQ_REASON", Cell()},
           {"CONVICTED", std::string("0")},
           {"HEALTH_CHECK", std::string("1")},
           {"IMMUNISATIONS", std::string(random.chance(90) ? "1" : "0")},
           {"TEETH_CHECK", std::string("1")},
           {"HEALTH_ASSESSMENT", std::string("1")},
           {"SUBSTANCE_MISUSE", std::string("0")},
           {"INTERVENTION_RECEIVED", Cell()},
           {"INTERVENTION_OFFERED", Cell()}});
    }
    if (care_leaver) {
      add(data, "OC3",
          {{"CHILD", id},
           {"DOB", dob_text},
           {"IN_TOUCH", std::string(random.pick(kTouch))},
           {"ACTIV", std::string(random.pick(kActiv))},
           {"ACCOM", std::string(random.pick(kAccom))}});
    }
    if (age < 5 && random.chance(8)) {
      add(data, "PlacedAdoption",
          {{"CHILD", id},
           {"DOB", dob_text},
           {"DATE_PLACED", start.plus_days(random.below(300)).uk()},
           {"DATE_PLACED_CEASED", Cell()},
           {"REASON_PLACED_CEASED", Cell()}});
    }
    add(data, "PrevPerm",
        {{"CHILD", id},
         {"DOB", dob_text},
         {"PREV_PERM", std::string("Z1")},
         {"LA_PERM", Cell()},
         {"DATE_PERM", Cell()}});
    if (year >= 2024) {
      Date from = start.plus_days(-random.below(200));
      add(data, "SWEpisodes",
          {{"CHILD", id},
           {"DOB", dob_text},
           {"SW_ID", fmt::format("SW{:05}", random.below(4000))},
           {"SW_DECOM", from.uk()},
           {"SW_DEC", Cell()},
           {"SW_REASON", Cell()}});
    }
  }
  auto written = write_directory(data, year, out, format);
  if (!written) {
    std::cerr << "ssda903_generate: " << written.error().message << "\n";
    return 2;
  }
  std::size_t rows = 0;
  for (const auto& [name, table] : data.tables) rows += table.row_count;
  std::cout << fmt::format("wrote {} children, {} episodes, {} rows in all to {}\n", children,
                           data.find("Episodes")->row_count, rows, out);
  return 0;
}
