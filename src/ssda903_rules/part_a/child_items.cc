// More of the child's details and episodes: placement distance, mother status, reviews, UPN,
// placing authority and location, the mother's child's date of birth, adoption codes, placement
// provider, and a child adopted before.
#include <algorithm>

#include "ssda903_rules/part_a/rules_a.h"
#include "ssda903_rules/part_a/support_a.h"

namespace safeguard::ssda903 {

using namespace part_a;  // NOLINT: this part's own helpers

namespace {

bool is_capital(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A UPN: a capital letter other than I, O or S, eleven digits, then a digit or a capital; or one
// of the "unknown" codes UN1-UN5.
bool is_valid_upn(std::string_view upn) {
  if (upn.size() == 3 && upn.substr(0, 2) == "UN" && upn[2] >= '1' && upn[2] <= '5') return true;
  if (upn.size() != 13) return false;
  if (!is_capital(upn[0]) || upn[0] == 'I' || upn[0] == 'O' || upn[0] == 'S') return false;
  for (std::size_t i = 1; i < 12; ++i) {
    if (!is_digit(upn[i])) return false;
  }
  return is_digit(upn[12]) || is_capital(upn[12]);
}

// Children recorded as UASC this year or last: a Header (or Header_last) UASC flag of 1, or, where
// the Header has no such flag, any entry in the UASC (or UASC_last) table. Nullopt when the return
// says nothing about UASC status at all.
std::optional<ChildIndex> uasc_children(const Return& data) {
  ChildIndex children;
  bool known = false;
  auto from_header = [&](const Table* header) {
    if (!has_columns(header, {"CHILD", "UASC"})) return false;
    ColumnView child(header, "CHILD");
    ColumnView uasc(header, "UASC");
    for (std::size_t row = 0; row < header->row_count; ++row) {
      if (child[row] && text_of(uasc[row]) == "1") children.add(*child[row]);
    }
    return true;
  };
  auto from_uasc_table = [&](const Table* table) {
    if (!has_columns(table, {"CHILD"})) return false;
    ColumnView child(table, "CHILD");
    for (std::size_t row = 0; row < table->row_count; ++row) {
      if (!child[row]) continue;
      for (const Column& column : table->columns) {
        if (column.name != "CHILD" && row < column.cells.size() && column.cells[row]) {
          children.add(*child[row]);
          break;
        }
      }
    }
    return true;
  };
  known |= from_header(data.find("Header")) || from_uasc_table(data.find("UASC"));
  known |= from_header(data.find("Header_last")) || from_uasc_table(data.find("UASC_last"));
  if (!known) return std::nullopt;
  return children;
}

}  // namespace

// 164: the distance from home to placement (derived from the postcodes) lies between 0 and 999.9
// miles, except for children who are or were UASC, whose home postcode is not recorded.
RuleFailures check_164(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"CHILD", "PL_DISTANCE"})) return {};
  auto uasc = uasc_children(input.data);
  if (!uasc) return {};
  ColumnView child(episodes, "CHILD");
  ColumnView distance(episodes, "PL_DISTANCE");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!given(distance[row]) || (child[row] && uasc->find(*child[row]) != ChildIndex::kNone)) {
      continue;
    }
    auto miles = to_number(distance[row]);
    if (!miles || *miles < 0.0 || *miles > 999.9) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

// 165: mother status (MOTHER) is 0 or 1, only for girls; a girl looked after in the year needs
// it; and a girl with care leaver information but no episode in the year should not have it.
// Episodes of short-break care (V3/V4) do not count. The Header and OC3 rows are reported.
RuleFailures check_165(const RuleInput& input) {
  const Table* header = input.data.find("Header");
  const Table* episodes = input.data.find("Episodes");
  const Table* oc3 = input.data.find("OC3");
  if (!has_columns(header, {"CHILD", "SEX", "MOTHER"}) ||
      !has_columns(episodes, {"CHILD", "DECOM", "DEC", "LS"}) ||
      !has_columns(oc3, {"CHILD", "IN_TOUCH", "ACTIV", "ACCOM"})) {
    return {};
  }
  const Date start = input.metadata.collection_start;
  const Date end = input.metadata.collection_end;
  // Children with a non-V3/V4 episode (numbered in `with_episodes`), and whether any of those
  // falls in the year.
  ChildIndex with_episodes(episodes->row_count);
  std::vector<char> in_year;
  {
    ColumnView child(episodes, "CHILD");
    ColumnView ls(episodes, "LS");
    auto decom = dates_of(input, episodes, "DECOM");
    auto dec = dates_of(input, episodes, "DEC");
    for (std::size_t row = 0; row < episodes->row_count; ++row) {
      if (!child[row]) continue;
      std::string_view legal_status = text_of(ls[row]);
      if (legal_status.size() == 2 && (legal_status[0] == 'V' || legal_status[0] == 'v') &&
          (legal_status[1] == '3' || legal_status[1] == '4')) {
        continue;
      }
      std::uint32_t number = with_episodes.add(*child[row]);
      if (number >= in_year.size()) in_year.resize(number + 1, 0);
      Date ended = dec[row].value_or(end);
      if (ended >= start && decom[row] && *decom[row] <= end) in_year[number] = 1;
    }
  }
  ChildRows oc3_rows(oc3);
  ColumnView in_touch(oc3, "IN_TOUCH");
  ColumnView activity(oc3, "ACTIV");
  ColumnView accommodation(oc3, "ACCOM");
  ColumnView child(header, "CHILD");
  ColumnView sex(header, "SEX");
  ColumnView mother(header, "MOTHER");
  std::vector<std::size_t> failing_header;
  std::vector<std::size_t> failing_oc3;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    if (!child[row]) continue;
    std::uint32_t number = with_episodes.find(*child[row]);
    if (number == ChildIndex::kNone) continue;
    const bool has_mother = given(mother[row]);
    const bool female = text_of(sex[row]) == "2";
    const bool male = text_of(sex[row]) == "1";
    const bool eps_in_year = in_year[number] != 0;
    auto fails = [&](bool has_oc3) {
      return (has_mother && !is_one_of(mother[row], {"0", "1"})) || (has_mother && male) ||
             (!has_mother && female && eps_in_year) ||
             (has_mother && female && !eps_in_year && has_oc3);
    };
    auto oc3_of_child = oc3_rows.rows_of(*child[row]);
    if (oc3_of_child.empty()) {
      if (fails(false)) failing_header.push_back(row);
      continue;
    }
    for (std::size_t oc3_row : oc3_of_child) {
      bool has_oc3 =
          given(in_touch[oc3_row]) || given(activity[oc3_row]) || given(accommodation[oc3_row]);
      if (fails(has_oc3)) {
        failing_header.push_back(row);
        failing_oc3.push_back(oc3_row);
      }
    }
  }
  RuleFailures failures = failing_rows("Header", std::move(failing_header));
  add_failing_rows(failures, "OC3", std::move(failing_oc3));
  return failures;
}

// 166: every review needs a valid date.
RuleFailures check_166(const RuleInput& input) {
  return rows_without_date(input, "Reviews", "REVIEW", false);
}

// 167: a review needs the child's participation code PN0-PN7; a row with neither is left alone.
RuleFailures check_167(const RuleInput& input) {
  const Table* reviews = input.data.find("Reviews");
  if (!has_columns(reviews, {"REVIEW", "REVIEW_CODE"})) return {};
  ColumnView review(reviews, "REVIEW");
  ColumnView code(reviews, "REVIEW_CODE");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < reviews->row_count; ++row) {
    bool valid =
        given(review[row])
            ? is_one_of(code[row], {"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"})
            : !given(code[row]);
    if (!valid) failing.push_back(row);
  }
  return failing_rows("Reviews", std::move(failing));
}

// 168: the UPN, when given, is a valid UPN or an "unknown" code UN1-UN5.
RuleFailures check_168(const RuleInput& input) {
  const Table* header = input.data.find("Header");
  if (!has_columns(header, {"UPN"})) return {};
  ColumnView upn(header, "UPN");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    if (given(upn[row]) && !is_valid_upn(*upn[row])) failing.push_back(row);
  }
  return failing_rows("Header", std::move(failing));
}

// 169: the placing local authority (derived from the placement postcode) is needed except for
// short-break care (V3/V4).
RuleFailures check_169(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"LS", "PL_LA"})) return {};
  ColumnView ls(episodes, "LS");
  ColumnView la(episodes, "PL_LA");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!is_one_of(ls[row], {"V3", "V4"}) && !given(la[row])) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

// 171: the date of birth of a mother's child, when given, is a valid date.
RuleFailures check_171(const RuleInput& input) {
  return rows_without_date(input, "Header", "MC_DOB", true);
}

namespace {

RuleFailures males_with_child_birth_date(const RuleInput& input, std::string_view male_code) {
  const Table* header = input.data.find("Header");
  if (!has_columns(header, {"SEX", "MC_DOB"})) return {};
  ColumnView sex(header, "SEX");
  ColumnView mc_dob(header, "MC_DOB");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    if (text_of(sex[row]) == male_code && given(mc_dob[row])) failing.push_back(row);
  }
  return failing_rows("Header", std::move(failing));
}

}  // namespace

// 174: a mother's child's date of birth cannot be recorded for a boy (sex 1).
RuleFailures check_174(const RuleInput& input) { return males_with_child_birth_date(input, "1"); }

// 174 from 2024/25: sex is coded M/F/U, so a boy is M.
RuleFailures check_174_2024(const RuleInput& input) {
  return males_with_child_birth_date(input, "M");
}

// 175: the number of adopters, when given, is 1 or 2.
RuleFailures check_175(const RuleInput& input) {
  return rows_without_code(input, "AD1", "NB_ADOPTR", {"1", "2"}, true);
}

// 176: the adopters' sex, when given, is M1, F1, MM, FF or MF.
RuleFailures check_176(const RuleInput& input) {
  return rows_without_code(input, "AD1", "SEX_ADOPTR", {"M1", "F1", "MM", "FF", "MF"}, true);
}

// 177: the adopters' legal status, when given, is one of the DfE's codes.
RuleFailures check_177(const RuleInput& input) {
  return rows_without_code(input, "AD1", "LS_ADOPTR", {"L0", "L11", "L12", "L2", "L3", "L4"}, true);
}

namespace {

// A placement provider, when given, must be PR0-PR5 and the placement one that has a provider.
RuleFailures provider_code_check(const RuleInput& input,
                                 std::initializer_list<std::string_view> placements_without) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"PLACE_PROVIDER", "PLACE"})) return {};
  ColumnView provider(episodes, "PLACE_PROVIDER");
  ColumnView place(episodes, "PLACE");
  const CodeSet providers({"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"});
  const CodeSet without(placements_without);
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!given(provider[row])) continue;
    bool valid = providers.contains(provider[row]) && !without.contains(place[row]);
    if (!valid) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

}  // namespace

// 178: placement provider code valid, and none for placements T0-T4 and Z1.
RuleFailures check_178(const RuleInput& input) {
  return provider_code_check(input, {"T0", "T1", "T2", "T3", "T4", "Z1"});
}

// 178 from 2025/26: Z1 is split into Z11-Z14 (T4 may now have a provider).
RuleFailures check_178_2025(const RuleInput& input) {
  return provider_code_check(input, {"T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14"});
}

// 179: the placement location (derived from the postcode) is needed except for short-break care.
RuleFailures check_179(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"LS", "PL_LOCATION"})) return {};
  ColumnView ls(episodes, "LS");
  ColumnView location(episodes, "PL_LOCATION");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!is_one_of(ls[row], {"V3", "V4"}) && !given(location[row])) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

// 184: the decision to place for adoption cannot come before the child was born.
RuleFailures check_184(const RuleInput& input) {
  const Table* header = input.data.find("Header");
  const Table* placed = input.data.find("PlacedAdoption");
  if (!has_columns(header, {"CHILD", "DOB"}) || !has_columns(placed, {"CHILD", "DATE_PLACED"})) {
    return {};
  }
  ChildRows header_rows(header);
  auto dob = dates_of(input, header, "DOB");
  ColumnView child(placed, "CHILD");
  auto date_placed = dates_of(input, placed, "DATE_PLACED");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < placed->row_count; ++row) {
    if (!date_placed[row]) continue;
    bool before_birth = false;
    if (child[row]) {
      for (std::size_t header_row : header_rows.rows_of(*child[row])) {
        if (dob[header_row] && *date_placed[row] < *dob[header_row]) before_birth = true;
      }
    }
    if (before_birth) failing.push_back(row);
  }
  return failing_rows("PlacedAdoption", std::move(failing));
}

// 199: a child adopted from care (episode ended E11/E12) should not come back into care: every
// episode after the first adoption, this year or last, is reported (this year's rows only).
RuleFailures check_199(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"CHILD", "DECOM", "REC"})) return {};
  struct Entry {
    Date start;
    bool adoption;
    bool this_year;
    std::size_t row;
  };
  const Table* last = input.data.find("Episodes_last");
  ChildIndex children(episodes->row_count);
  std::vector<Entry> entries;
  std::vector<std::uint32_t> numbers;
  auto collect = [&](const Table* table, bool this_year) {
    if (!has_columns(table, {"CHILD", "DECOM", "REC"})) return;
    ColumnView child(table, "CHILD");
    ColumnView rec(table, "REC");
    auto decom = dates_of(input, table, "DECOM");
    for (std::size_t row = 0; row < table->row_count; ++row) {
      if (!child[row] || !decom[row]) continue;
      numbers.push_back(children.add(*child[row]));
      entries.push_back({*decom[row], is_one_of(rec[row], {"E11", "E12"}), this_year, row});
    }
  };
  collect(episodes, true);
  collect(last, false);
  // Each child's entries in order of start date; this year's first on a tie, then file order.
  RowsByChild by_child(numbers, children.size());
  std::vector<std::size_t> order;
  std::vector<std::size_t> failing;
  for (std::uint32_t child = 0; child < children.size(); ++child) {
    auto rows = by_child.rows_of(child);
    order.assign(rows.begin(), rows.end());
    sort_few(order.begin(), order.end(),
             [&](std::size_t a, std::size_t b) { return entries[a].start < entries[b].start; });
    int adoptions = 0;
    for (std::size_t index : order) {
      const Entry& entry = entries[index];
      adoptions += entry.adoption ? 1 : 0;
      bool first_adoption = adoptions == 1 && entry.adoption;
      if (adoptions > 0 && !first_adoption && entry.this_year) failing.push_back(entry.row);
    }
  }
  return failing_rows("Episodes", std::move(failing));
}

}  // namespace safeguard::ssda903
