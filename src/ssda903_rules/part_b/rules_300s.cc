// Rules 301-357: dates of birth and of episodes, UASC status, the adoption (AD1) dates against the
// episodes, and care leavers' activity and accommodation (OC3).
#include <algorithm>

#include "ssda903_rules/part_b/support_b.h"

namespace safeguard::ssda903 {
namespace {

// 301: a date of birth after the collection year ended.
RuleFailures check_301(const RuleInput& input) {
  const Column* dob = column_of(input.data.find("Header"), "DOB");
  if (!dob) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < dob->cells.size(); ++row) {
    auto born = parse_date(dob->cells[row]);
    if (born && *born > input.metadata.collection_end) rows.push_back(row);
  }
  return failing_rows("Header", rows);
}

// 302: the child's earliest episode starts before the child was born.
RuleFailures check_302(const RuleInput& input) {
  const Table* header = input.data.find("Header");
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dob = column_of(header, "DOB");
  if (!all_present(decom, dob, column_of(episodes, "CHILD"), column_of(header, "CHILD"))) return {};
  const auto& starts = dates_of(input, decom);
  RowsByChild header_rows = rows_by_child(input, *header);
  RuleFailures failures;
  for (const auto& [child, first] : earliest_by_child(input, *episodes, starts)) {
    auto found = header_rows.find(child);
    if (found == header_rows.end()) continue;
    for (std::size_t header_row : found->second) {
      auto born = parse_date(dob->cells[header_row]);
      if (born && *born > *starts[first]) {
        add_failing_rows(failures, "Episodes", {first});
        add_failing_rows(failures, "Header", {header_row});
      }
    }
  }
  return failures;
}

// 303: a date UASC status ceased, but the header does not code the child as UASC (1).
RuleFailures check_303(const RuleInput& input) {
  const Table* uasc = input.data.find("UASC");
  const Table* header = input.data.find("Header");
  const Column* duc = column_of(uasc, "DUC");
  const Column* status = column_of(header, "UASC");
  if (!all_present(duc, status, column_of(uasc, "CHILD"), column_of(header, "CHILD"))) return {};
  RowsByChild uasc_rows = rows_by_child(input, *uasc);
  const Column* header_child = column_of(header, "CHILD");
  RuleFailures failures;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    if (!is_present(header_child->cells[row])) continue;
    auto found = uasc_rows.find(*header_child->cells[row]);
    if (found == uasc_rows.end()) continue;
    auto code = number_of(status->cells[row]);
    if (code && *code == 1) continue;
    for (std::size_t uasc_row : found->second) {
      if (is_present(duc->cells[uasc_row])) {
        add_failing_rows(failures, "UASC", {uasc_row});
        add_failing_rows(failures, "Header", {row});
      }
    }
  }
  return failures;
}

// 304: UASC status ceased after the child's 18th birthday.
RuleFailures check_304(const RuleInput& input) {
  const Table* uasc = input.data.find("UASC");
  const Column* dob = column_of(uasc, "DOB");
  const Column* duc = column_of(uasc, "DUC");
  if (!all_present(dob, duc)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < uasc->row_count; ++row) {
    auto born = parse_date(dob->cells[row]);
    auto ceased = parse_date(duc->cells[row]);
    if (born && ceased && *ceased > born->plus_years(18)) rows.push_back(row);
  }
  return failing_rows("UASC", rows);
}

// 331: matched with adopters after the adoption episode began (episodes ending E11/E12).
RuleFailures check_331(const RuleInput& input) {
  const Table* ad1 = input.data.find("AD1");
  const Table* episodes = input.data.find("Episodes");
  const Column* match = column_of(ad1, "DATE_MATCH");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* rec = column_of(episodes, "REC");
  const Column* child = column_of(episodes, "CHILD");
  if (!all_present(match, decom, rec, child, column_of(ad1, "CHILD"))) return {};
  RowsByChild ad1_rows = rows_by_child(input, *ad1);
  RuleFailures failures;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!is_one_of(rec->cells[row], {"E11", "E12"}) || !is_present(child->cells[row])) continue;
    auto found = ad1_rows.find(*child->cells[row]);
    auto start = parse_date(decom->cells[row]);
    if (found == ad1_rows.end() || !start) continue;
    for (std::size_t ad1_row : found->second) {
      auto matched = parse_date(match->cells[ad1_row]);
      if (matched && *matched > *start) {
        add_failing_rows(failures, "AD1", {ad1_row});
        add_failing_rows(failures, "Episodes", {row});
      }
    }
  }
  return failures;
}

// 333: a matching date without a "should be placed" date before it.
RuleFailures check_333(const RuleInput& input) {
  const Table* ad1 = input.data.find("AD1");
  const Column* match = column_of(ad1, "DATE_MATCH");
  const Column* decided = column_of(ad1, "DATE_INT");
  if (!all_present(match, decided)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < ad1->row_count; ++row) {
    auto matched = parse_date(match->cells[row]);
    auto should_be_placed = parse_date(decided->cells[row]);
    if (matched && (!should_be_placed || *should_be_placed > *matched)) rows.push_back(row);
  }
  return failing_rows("AD1", rows);
}

// 334: the "should be placed for adoption" date is before the latest period of care began (the
// latest episode with RNE S).
RuleFailures check_334(const RuleInput& input) {
  const Table* ad1 = input.data.find("AD1");
  const Table* episodes = input.data.find("Episodes");
  const Column* decided = column_of(ad1, "DATE_INT");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* rne = column_of(episodes, "RNE");
  if (!all_present(decided, decom, rne, column_of(episodes, "CHILD"), column_of(ad1, "CHILD"))) {
    return {};
  }
  const auto& starts = dates_of(input, decom);
  RowsByChild ad1_rows = rows_by_child(input, *ad1);
  RuleFailures failures;
  for (auto& [child, rows] : rows_by_child(input, *episodes)) {
    rows = drop_rows(rows, [&](std::size_t row) { return !holds(rne->cells[row], "S"); });
    auto last_start = latest(rows, starts);
    auto found = ad1_rows.find(child);
    if (!last_start || found == ad1_rows.end()) continue;
    for (std::size_t ad1_row : found->second) {
      auto should_be_placed = parse_date(decided->cells[ad1_row]);
      if (should_be_placed && *should_be_placed < *starts[*last_start]) {
        add_failing_rows(failures, "Episodes", {*last_start});
        add_failing_rows(failures, "AD1", {ad1_row});
      }
    }
  }
  return failures;
}

// 335: adopted (E1, E11, E12) from a placement that contradicts whether the foster carer adopted.
RuleFailures check_335(const RuleInput& input) {
  const Table* ad1 = input.data.find("AD1");
  const Table* episodes = input.data.find("Episodes");
  const Column* foster = column_of(ad1, "FOSTER_CARE");
  const Column* place = column_of(episodes, "PLACE");
  const Column* rec = column_of(episodes, "REC");
  const Column* child = column_of(episodes, "CHILD");
  if (!all_present(foster, place, rec, child, column_of(ad1, "CHILD"))) return {};
  RowsByChild ad1_rows = rows_by_child(input, *ad1);
  RuleFailures failures;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!is_one_of(rec->cells[row], {"E1", "E11", "E12"}) || !is_present(child->cells[row])) {
      continue;
    }
    auto found = ad1_rows.find(*child->cells[row]);
    if (found == ad1_rows.end()) continue;
    bool by_carer_placement = is_one_of(place->cells[row], {"A2", "A3", "A5"});
    bool by_others_placement = is_one_of(place->cells[row], {"A1", "A4", "A6"});
    for (std::size_t ad1_row : found->second) {
      if ((by_carer_placement && holds(foster->cells[ad1_row], "0")) ||
          (by_others_placement && holds(foster->cells[ad1_row], "1"))) {
        add_failing_rows(failures, "Episodes", {row});
        add_failing_rows(failures, "AD1", {ad1_row});
      }
    }
  }
  return failures;
}

// 336: placed for adoption (A3, A4) straight from a placement that was not foster care or
// adoption.
RuleFailures check_336(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* place = column_of(episodes, "PLACE");
  if (!all_present(decom, place, column_of(episodes, "CHILD"))) return {};
  const auto& starts = dates_of(input, decom);
  std::vector<std::size_t> failing;
  for (auto& [child, rows] : rows_by_child(input, *episodes)) {
    auto first = earliest(rows, starts);
    sort_by_date(rows, starts);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::size_t row = rows[i];
      if (!is_one_of(place->cells[row], {"A3", "A4"}) || (first && row == *first)) continue;
      bool from_foster_or_adoption =
          i > 0 && is_one_of(place->cells[rows[i - 1]],
                             {"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"});
      if (!from_foster_or_adoption) failing.push_back(row);
    }
  }
  return failing_rows("Episodes", failing);
}

// 344: died or returned home (DIED, RHOM) yet activity or accommodation is given (not 0).
RuleFailures check_344(const RuleInput& input) {
  const Table* oc3 = input.data.find("OC3");
  const Column* in_touch = column_of(oc3, "IN_TOUCH");
  const Column* activity = column_of(oc3, "ACTIV");
  const Column* accommodation = column_of(oc3, "ACCOM");
  if (!all_present(in_touch, activity, accommodation)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < oc3->row_count; ++row) {
    if (is_one_of(in_touch->cells[row], {"DIED", "RHOM"}) &&
        (text_of(activity->cells[row]) != "0" || text_of(accommodation->cells[row]) != "0")) {
      rows.push_back(row);
    }
  }
  return failing_rows("OC3", rows);
}

// 345: in touch (YES) yet activity or accommodation is 0.
RuleFailures check_345(const RuleInput& input) {
  const Table* oc3 = input.data.find("OC3");
  const Column* in_touch = column_of(oc3, "IN_TOUCH");
  const Column* activity = column_of(oc3, "ACTIV");
  const Column* accommodation = column_of(oc3, "ACCOM");
  if (!all_present(in_touch, activity, accommodation)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < oc3->row_count; ++row) {
    if (holds(in_touch->cells[row], "YES") &&
        (holds(activity->cells[row], "0") || holds(accommodation->cells[row], "0"))) {
      rows.push_back(row);
    }
  }
  return failing_rows("OC3", rows);
}

// 347 (from 2023/24): a care leaver in a Foyer (ACCOM T) who was under 18 at the start of the
// year. The DfE's tool measures 18 years as 18 average Gregorian years (6574.365 days).
RuleFailures check_347(const RuleInput& input) {
  const Table* oc3 = input.data.find("OC3");
  const Column* dob = column_of(oc3, "DOB");
  const Column* accommodation = column_of(oc3, "ACCOM");
  if (!all_present(dob, accommodation)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < oc3->row_count; ++row) {
    if (!holds(accommodation->cells[row], "T")) continue;
    auto born = parse_date(dob->cells[row]);
    if (born && born->days_until(input.metadata.collection_start) * 10000LL < 65743650LL) {
      rows.push_back(row);
    }
  }
  return failing_rows("OC3", rows);
}

// 348 (from 2025/26): last year's return reported the care leaver as having died.
RuleFailures check_348(const RuleInput& input) {
  const Table* oc3 = input.data.find("OC3");
  const Table* last = input.data.find("OC3_last");
  const Column* in_touch = column_of(oc3, "IN_TOUCH");
  const Column* child = column_of(oc3, "CHILD");
  const Column* last_in_touch = column_of(last, "IN_TOUCH");
  if (!all_present(in_touch, child, last_in_touch, column_of(last, "CHILD"))) return {};
  RowsByChild last_rows = rows_by_child(input, *last);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < oc3->row_count; ++row) {
    if (!is_present(child->cells[row]) || holds(in_touch->cells[row], "DIED")) continue;
    auto found = last_rows.find(*child->cells[row]);
    if (found == last_rows.end()) continue;
    for (std::size_t last_row : found->second) {
      if (holds(last_in_touch->cells[last_row], "DIED")) rows.push_back(row);
    }
  }
  return failing_rows("OC3", rows);
}

// 351: over 25 at the start of the collection year.
RuleFailures check_351(const RuleInput& input) {
  const Column* dob = column_of(input.data.find("Header"), "DOB");
  if (!dob) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < dob->cells.size(); ++row) {
    auto born = parse_date(dob->cells[row]);
    if (born && input.metadata.collection_start > born->plus_years(25)) rows.push_back(row);
  }
  return failing_rows("Header", rows);
}

// 352: started to be looked after (RNE S) on or after the 18th birthday.
RuleFailures check_352(const RuleInput& input) {
  const Table* header = input.data.find("Header");
  const Table* episodes = input.data.find("Episodes");
  const Column* dob = column_of(header, "DOB");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* rne = column_of(episodes, "RNE");
  const Column* child = column_of(episodes, "CHILD");
  if (!all_present(dob, decom, rne, child, column_of(header, "CHILD"))) return {};
  RowsByChild header_rows = rows_by_child(input, *header);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    std::string code(text_of(rne->cells[row]));
    std::transform(code.begin(), code.end(), code.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    auto start = parse_date(decom->cells[row]);
    if (code != "S" || !start || !is_present(child->cells[row])) continue;
    auto found = header_rows.find(*child->cells[row]);
    if (found == header_rows.end()) continue;
    for (std::size_t header_row : found->second) {
      auto born = parse_date(dob->cells[header_row]);
      if (born && born->plus_years(18) <= *start) rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

// 353: an episode starting before 14 October 1991 (when the Children Act 1989 came into force).
RuleFailures check_353(const RuleInput& input) {
  const Column* decom = column_of(input.data.find("Episodes"), "DECOM");
  if (!decom) return {};
  const Date earliest_allowed = *Date::from_ymd(1991, 10, 14);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < decom->cells.size(); ++row) {
    auto start = parse_date(decom->cells[row]);
    if (start && *start < earliest_allowed) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 354: an episode starting after the end of the collection year.
RuleFailures check_354(const RuleInput& input) {
  const Column* decom = column_of(input.data.find("Episodes"), "DECOM");
  if (!decom) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < decom->cells.size(); ++row) {
    auto start = parse_date(decom->cells[row]);
    if (start && *start > input.metadata.collection_end) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 355: an episode that ends on the day it started.
RuleFailures check_355(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  if (!all_present(decom, dec)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (is_present(decom->cells[row]) && decom->cells[row] == dec->cells[row]) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 356: an episode that ends before it starts.
RuleFailures check_356(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  if (!all_present(decom, dec)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    auto start = parse_date(decom->cells[row]);
    auto end = parse_date(dec->cells[row]);
    if (start && end && *end < *start) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 357: the child's first episode, starting in this collection year, is not a new period of care
// (RNE S).
RuleFailures check_357(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* rne = column_of(episodes, "RNE");
  if (!all_present(decom, rne, column_of(episodes, "CHILD"))) return {};
  const auto& starts = dates_of(input, decom);
  std::vector<std::size_t> failing;
  for (const auto& [child, first] : earliest_by_child(input, *episodes, starts)) {
    if (*starts[first] >= input.metadata.collection_start && !holds(rne->cells[first], "S")) {
      failing.push_back(first);
    }
  }
  return failing_rows("Episodes", failing);
}

}  // namespace

void add_rules_300s(RuleRegistry& registry) {
  registry.add("301", "2022_23", check_301);
  registry.add("302", "2022_23", check_302);
  registry.add("303", "2022_23", check_303);
  registry.add("304", "2022_23", check_304);
  registry.add("331", "2022_23", check_331);
  registry.add("333", "2022_23", check_333);
  registry.add("334", "2022_23", check_334);
  registry.add("335", "2022_23", check_335);
  registry.add("336", "2022_23", check_336);
  registry.add("344", "2022_23", check_344);
  registry.add("345", "2022_23", check_345);
  registry.add("347", "2023_24", check_347);
  registry.add("348", "2025_26", check_348);
  registry.add("351", "2022_23", check_351);
  registry.add("352", "2022_23", check_352);
  registry.add("353", "2022_23", check_353);
  registry.add("354", "2022_23", check_354);
  registry.add("355", "2022_23", check_355);
  registry.add("356", "2022_23", check_356);
  registry.add("357", "2022_23", check_357);
}

}  // namespace safeguard::ssda903
