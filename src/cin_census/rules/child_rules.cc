// The header and the child: reference date, UPNs, LA child IDs, sex, ethnicity, birth and death
// dates, disabilities.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "cin_census/rule.h"
#include "cin_census/support.h"

namespace safeguard::cin_census {

namespace {

constexpr std::string_view kCheckLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The DfE's check letter of a 13-character UPN, or '\0' when the UPN cannot have one.
char check_letter(std::string_view upn) {
  if (upn.size() != 13 || !all_digits(upn.substr(1, 11))) return '\0';
  long sum = 0;
  for (std::size_t i = 1; i < 13; ++i) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(upn[i])));
    long value = 0;
    if (std::isdigit(static_cast<unsigned char>(c))) {
      value = c - '0';
    } else {
      auto at = kCheckLetters.find(c);
      if (at == std::string_view::npos) return '\0';
      value = static_cast<long>(at);
    }
    sum += value * static_cast<long>(i + 1);
  }
  return kCheckLetters[static_cast<std::size_t>(sum % 23)];
}

// The DfE's post-April-1998 LA codes and pseudo-LA codes that characters 2-4 of a UPN may hold.
bool recognised_la_code(std::string_view code) {
  if (code.size() != 3 || !all_digits(code)) return false;
  int n = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  static constexpr int kRanges[][2] = {
      {1, 5},     {201, 213}, {301, 320}, {330, 336}, {340, 344}, {350, 359}, {370, 373},
      {380, 384}, {390, 394}, {420, 420}, {660, 681}, {701, 708}, {800, 803}, {805, 808},
      {810, 813}, {815, 816}, {820, 823}, {825, 826}, {830, 831}, {835, 841}, {845, 846},
      {850, 852}, {855, 857}, {860, 861}, {865, 896}, {908, 909}, {916, 916}, {919, 919},
      {921, 921}, {925, 926}, {928, 929}, {931, 931}, {933, 933}, {935, 938}, {940, 941}};
  for (const auto& range : kRanges) {
    if (n >= range[0] && n <= range[1]) return true;
  }
  return false;
}

bool well_formed_upn(std::string_view upn) {
  if (upn.size() != 13) return false;
  if (!std::isalpha(static_cast<unsigned char>(upn[0]))) return false;
  if (!all_digits(upn.substr(1, 11))) return false;
  return std::isalnum(static_cast<unsigned char>(upn[12])) != 0;
}

constexpr std::string_view kEthnicities[] = {"ABAN", "AIND", "AOTH", "APKN", "BAFR", "BCRB", "BOTH",
                                             "CHNE", "MOTH", "MWAS", "MWBA", "MWBC", "NOBT", "OOTH",
                                             "REFU", "WBRI", "WIRI", "WIRT", "WOTH", "WROM"};
constexpr std::string_view kDisabilities[] = {"NONE", "MOB", "HAND", "PC",  "INC", "COMM", "LD",
                                              "HEAR", "VIS", "BEH",  "CON", "AUT", "DDA"};

// Rows of ChildIdentifiers by LAchildID.
std::unordered_map<std::string, std::vector<std::size_t>> children_by_id(const Table& children) {
  std::unordered_map<std::string, std::vector<std::size_t>> index;
  for (std::size_t row = 0; row < children.row_count; ++row) {
    index[std::string(children.text(row, "LAchildID"))].push_back(row);
  }
  return index;
}

// Marks every row whose `column` value is shared with another row.
void duplicates(const RuleInput& input, RuleFailures& out, std::string_view table_name,
                std::string_view column) {
  const Table* table = input.census.find(table_name);
  if (table == nullptr) return;
  std::unordered_map<std::string, std::vector<std::size_t>> seen;
  for (std::size_t row = 0; row < table->row_count; ++row) {
    if (!blank(*table, row, column)) seen[std::string(table->text(row, column))].push_back(row);
  }
  for (const auto& [value, rows] : seen) {
    if (rows.size() > 1) {
      for (std::size_t row : rows) out.add(table_name, row);
    }
  }
}

// Children (excluding the unborn) whose sex is not recorded: more than 2% fails the return.
void sex_not_recorded(const RuleInput& input, RuleFailures& out, std::string_view column,
                      std::initializer_list<std::string_view> not_recorded) {
  const Table* children = input.census.find("ChildIdentifiers");
  if (children == nullptr) return;
  long counted = 0, missing = 0;
  for (std::size_t row = 0; row < children->row_count; ++row) {
    if (!blank(*children, row, "ExpectedPersonBirthDate")) continue;
    ++counted;
    if (blank(*children, row, column) || in_list(children->text(row, column), not_recorded)) {
      ++missing;
    }
  }
  if (counted > 0 && missing * 100 > counted * 2) out.authority_level = true;
}

// The earliest date a child born on it is of school age in the census year: 31 August five
// years before the school year that the census falls in.
bool school_age(Date born, Date reference) {
  int year = reference.month() >= 9 ? reference.year() : reference.year() - 1;
  auto cutoff = Date::from_ymd(year - 5, 8, 31);
  return cutoff && born <= *cutoff;
}

}  // namespace

void add_identifier_rules(RuleRegistry& registry) {
  registry.add("100", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Header", [](const Table& t, std::size_t row) {
      auto date = date_at(t, row, "ReferenceDate");
      if (!date || date->month() != 3 || date->day() != 31) return true;
      std::string_view year = t.text(row, "Year");
      return !year.empty() && year != std::to_string(date->year());
    });
  });
  registry.add("1510", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      std::string upn = upper(t.text(row, "UPN"));
      char expected = check_letter(upn);
      return expected != '\0' && upn[0] != expected;
    });
  });
  registry.add("1520", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    duplicates(input, out, "ChildIdentifiers", "UPN");
  });
  registry.add("1530", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      std::string_view upn = t.text(row, "UPN");
      return upn.size() == 13 && !recognised_la_code(upn.substr(1, 3));
    });
  });
  registry.add("1540", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      std::string_view upn = t.text(row, "UPN");
      if (upn.empty()) return false;
      return upn.size() < 12 || !all_digits(upn.substr(4, 8));
    });
  });
  registry.add("1550", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      std::string_view upn = t.text(row, "UPN");
      if (upn.size() < 13) return false;
      char last = static_cast<char>(std::toupper(static_cast<unsigned char>(upn[12])));
      if (std::isdigit(static_cast<unsigned char>(last))) return false;
      return !std::isalpha(static_cast<unsigned char>(last)) || last == 'I' || last == 'O' ||
             last == 'S';
    });
  });
  registry.add("1560Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      std::string_view former = t.text(row, "FormerUPN");
      return !former.empty() && !well_formed_upn(former);
    });
  });
  registry.add("1570", "2024_25", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers",
             [](const Table& t, std::size_t row) { return t.text(row, "LAchildID").size() > 20; });
  });
  registry.add("1580", "2024_25", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      for (char c : t.text(row, "LAchildID")) {
        if (!std::isalnum(static_cast<unsigned char>(c))) return true;
      }
      return false;
    });
  });
  registry.add("2886Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    sex_not_recorded(input, out, "GenderCurrent", {"0"});
  });
  registry.add("2886Q", "2024_25", [](const RuleInput& input, RuleFailures& out) {
    sex_not_recorded(input, out, "Sex", {"U", "0"});
  });
  registry.add("2887Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* disabilities = input.census.find("Disabilities");
    if (disabilities == nullptr || disabilities->row_count == 0) return;
    std::set<std::string> used;
    for (std::size_t row = 0; row < disabilities->row_count; ++row) {
      std::string code = upper(disabilities->text(row, "Disability"));
      if (in_list(code, kDisabilities) && code != "NONE") used.insert(code);
    }
    if (used.size() < 8) out.authority_level = true;
  });
  registry.add("2888Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* disabilities = input.census.find("Disabilities");
    if (disabilities == nullptr) return;
    std::map<std::string, std::set<std::string>> codes_by_child;
    for (std::size_t row = 0; row < disabilities->row_count; ++row) {
      std::string code = upper(disabilities->text(row, "Disability"));
      if (code.empty() || code == "NONE") continue;
      codes_by_child[std::string(disabilities->text(row, "LAchildID"))].insert(code);
    }
    if (codes_by_child.empty()) return;
    for (const auto& [child, codes] : codes_by_child) {
      if (codes.size() > 1) return;
    }
    out.authority_level = true;
  });
  registry.add("4180", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      return !in_list(t.text(row, "GenderCurrent"), {"0", "1", "2", "9"});
    });
  });
  registry.add("4180", "2024_25", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      return !in_list(t.text(row, "Sex"), {"M", "F", "U"});
    });
  });
  registry.add("4220", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildCharacteristics", [](const Table& t, std::size_t row) {
      return !in_list(t.text(row, "Ethnicity"), kEthnicities);
    });
  });
  registry.add("8500", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers",
             [](const Table& t, std::size_t row) { return blank(t, row, "LAchildID"); });
  });
  registry.add("8510", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    duplicates(input, out, "ChildIdentifiers", "LAchildID");
  });
  registry.add("8520", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    Date reference = reference_date(input);
    each_row(input, out, "ChildIdentifiers", [&](const Table& t, std::size_t row) {
      auto born = date_at(t, row, "PersonBirthDate");
      return born && *born > reference;
    });
  });
  registry.add("8525Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      return blank(t, row, "PersonBirthDate") == blank(t, row, "ExpectedPersonBirthDate");
    });
  });
  registry.add("8530Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    Date reference = reference_date(input);
    Date first = *Date::from_ymd(reference.year(), 3, 1);
    Date last = *Date::from_ymd(reference.year(), 12, 31);
    each_row(input, out, "ChildIdentifiers", [&](const Table& t, std::size_t row) {
      auto expected = date_at(t, row, "ExpectedPersonBirthDate");
      return expected && (*expected < first || *expected > last);
    });
  });
  registry.add("8535Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      auto died = date_at(t, row, "PersonDeathDate");
      if (!died) return false;
      auto born = date_at(t, row, "PersonBirthDate");
      return !born || *died < *born;
    });
  });
  registry.add("8540", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* children = input.census.find("ChildIdentifiers");
    const Table* details = input.census.find("CINdetails");
    const Table* disabilities = input.census.find("Disabilities");
    if (children == nullptr || details == nullptr) return;
    std::unordered_map<std::string, std::vector<std::size_t>> disability_rows;
    if (disabilities != nullptr) {
      for (std::size_t row = 0; row < disabilities->row_count; ++row) {
        disability_rows[std::string(disabilities->text(row, "LAchildID"))].push_back(row);
      }
    }
    auto child_rows = children_by_id(*children);
    for (std::size_t detail = 0; detail < details->row_count; ++detail) {
      if (is_yes(details->text(detail, "ReferralNFA"))) continue;
      std::string child(details->text(detail, "LAchildID"));
      auto found = disability_rows.find(child);
      std::vector<std::size_t> bad;
      bool none_valid = true;
      if (found != disability_rows.end()) {
        for (std::size_t row : found->second) {
          if (in_list(upper(disabilities->text(row, "Disability")), kDisabilities)) {
            none_valid = false;
          } else {
            bad.push_back(row);
          }
        }
      }
      if (bad.empty() && !none_valid) continue;
      out.add("CINdetails", detail);
      for (std::size_t row : bad) out.add("Disabilities", row);
      for (std::size_t row : child_rows[child]) out.add("ChildIdentifiers", row);
    }
  });
  registry.add("8545Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    Date last = reference_date(input);
    Date first = collection_start(input);
    each_row(input, out, "ChildIdentifiers", [&](const Table& t, std::size_t row) {
      auto died = date_at(t, row, "PersonDeathDate");
      return died && (*died < first || *died > last);
    });
  });
  registry.add("8555Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "CINdetails", "ChildIdentifiers", {"LAchildID"},
              [](const Table& details, std::size_t d, const Table& children, std::size_t c) {
                return before(date_at(children, c, "PersonDeathDate"),
                              date_at(details, d, "CINreferralDate"));
              });
  });
  registry.add("8585Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "CINdetails", "ChildIdentifiers", {"LAchildID"},
              [](const Table& details, std::size_t d, const Table& children, std::size_t c) {
                return details.text(d, "ReasonForClosure") == "RC2" &&
                       blank(children, c, "PersonDeathDate");
              });
  });
  registry.add("8590", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* details = input.census.find("CINdetails");
    std::unordered_set<std::string> with_episode;
    if (details != nullptr) {
      for (std::size_t row = 0; row < details->row_count; ++row) {
        with_episode.insert(std::string(details->text(row, "LAchildID")));
      }
    }
    each_row(input, out, "ChildIdentifiers", [&](const Table& t, std::size_t row) {
      return with_episode.count(std::string(t.text(row, "LAchildID"))) == 0;
    });
  });
  registry.add("8606", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "CINdetails", "ChildIdentifiers", {"LAchildID"},
              [](const Table& details, std::size_t d, const Table& children, std::size_t c) {
                auto referred = date_at(details, d, "CINreferralDate");
                auto born = date_at(children, c, "PersonBirthDate");
                if (!born) born = date_at(children, c, "ExpectedPersonBirthDate");
                return referred && born && referred->plus_days(7 * 40) < *born;
              });
  });
  registry.add("8750", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      return blank(t, row, "PersonBirthDate") && !blank(t, row, "ExpectedPersonBirthDate") &&
             t.text(row, "GenderCurrent") != "0";
    });
  });
  registry.add("8750", "2024_25", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildIdentifiers", [](const Table& t, std::size_t row) {
      return blank(t, row, "PersonBirthDate") && !blank(t, row, "ExpectedPersonBirthDate") &&
             t.text(row, "Sex") != "U";
    });
  });
  auto upn_expected = [](std::vector<std::string> reasons_that_fail) {
    return [reasons_that_fail](const RuleInput& input, RuleFailures& out) {
      const Table* children = input.census.find("ChildIdentifiers");
      const Table* details = input.census.find("CINdetails");
      if (children == nullptr || details == nullptr) return;
      std::unordered_set<std::string> further_action;
      for (std::size_t row = 0; row < details->row_count; ++row) {
        std::string flag = upper(details->text(row, "ReferralNFA"));
        if (flag == "0" || flag == "FALSE") {
          further_action.insert(std::string(details->text(row, "LAchildID")));
        }
      }
      Date reference = reference_date(input);
      for (std::size_t row = 0; row < children->row_count; ++row) {
        if (!further_action.count(std::string(children->text(row, "LAchildID")))) continue;
        auto born = date_at(*children, row, "PersonBirthDate");
        if (!born || !school_age(*born, reference) || !blank(*children, row, "UPN")) continue;
        std::string_view reason = children->text(row, "UPNunknown");
        if (reason.empty() || std::find(reasons_that_fail.begin(), reasons_that_fail.end(),
                                        reason) != reasons_that_fail.end()) {
          out.add("ChildIdentifiers", row);
        }
      }
    };
  };
  registry.add("8770Q", "2022_23", upn_expected({"UN1"}));
  registry.add("8770Q", "2024_25", upn_expected({"UN1"}));
}

}  // namespace safeguard::cin_census
