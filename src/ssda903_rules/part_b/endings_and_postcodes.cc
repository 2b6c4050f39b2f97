// Rules 385-399: how episodes end (reasons that need an age, continuation episodes, adoption),
// care leavers' ages, postcodes and distance (392a-d, 398), the mother field (393) and items that
// short breaks (V3, V4) do not report (399).
#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "ssda903_rules/part_b/support_b.h"

namespace safeguard::ssda903 {
namespace {

std::string upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

// 385: an episode ceasing after the end of the collection year.
RuleFailures check_385(const RuleInput& input) {
  const Column* dec = column_of(input.data.find("Episodes"), "DEC");
  if (!dec) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < dec->cells.size(); ++row) {
    auto end = parse_date(dec->cells[row]);
    if (end && *end > input.metadata.collection_end) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// How an age limit on the reason an episode ceased is tested.
struct AgeLimit {
  int age = 0;
  bool fail_if_older = false;            // fail at `age` or over (else under `age`)
  bool birthday_counts_as_older = true;  // whether ceasing on the birthday itself is "older"
  bool report_header = false;            // whether the child's header row fails too
};

// Episodes ending for one of `reasons` (upper-cased) on the wrong side of an age limit, by the
// date the episode ceased.
RuleFailures ceased_at_age(const RuleInput& input, std::initializer_list<std::string_view> reasons,
                           AgeLimit limit) {
  const Table* episodes = input.data.find("Episodes");
  const Table* header = input.data.find("Header");
  const Column* rec = column_of(episodes, "REC");
  const Column* dec = column_of(episodes, "DEC");
  const Column* child = column_of(episodes, "CHILD");
  const Column* dob = column_of(header, "DOB");
  if (!all_present(rec, dec, child, dob, column_of(header, "CHILD"))) return {};
  RowsByChild header_rows = rows_by_child(input, *header);
  RuleFailures failures;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    std::string reason = upper(text_of(rec->cells[row]));
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) continue;
    auto end = parse_date(dec->cells[row]);
    if (!end || !is_present(child->cells[row])) continue;
    auto found = header_rows.find(*child->cells[row]);
    if (found == header_rows.end()) continue;
    for (std::size_t header_row : found->second) {
      auto born = parse_date(dob->cells[header_row]);
      if (!born) continue;
      Date birthday = born->plus_years(limit.age);
      bool older = limit.birthday_counts_as_older ? birthday <= *end : birthday < *end;
      if (older != limit.fail_if_older) continue;
      add_failing_rows(failures, "Episodes", {row});
      if (limit.report_header) add_failing_rows(failures, "Header", {header_row});
    }
  }
  return failures;
}

// 386: adopted (E11, E12) at 18 or over.
RuleFailures check_386(const RuleInput& input) {
  return ceased_at_age(input, {"E11", "E12"}, {.age = 18, .fail_if_older = true});
}
// 387: moved to independent living (E5, E6) under 14.
RuleFailures check_387(const RuleInput& input) {
  return ceased_at_age(input, {"E5", "E6"}, {.age = 14});
}
// 389: transferred to adult social care (E7) under 16.
RuleFailures check_389(const RuleInput& input) { return ceased_at_age(input, {"E7"}, {.age = 16}); }
// 407: a special guardianship order (E45-E48) after the 18th birthday.
RuleFailures check_407(const RuleInput& input) {
  return ceased_at_age(
      input, {"E45", "E46", "E47", "E48"},
      {.age = 18, .fail_if_older = true, .birthday_counts_as_older = false, .report_header = true});
}
// 460: stayed with current carers at 18 (E17) but under 18.
RuleFailures check_460(const RuleInput& input) {
  return ceased_at_age(input, {"E17"}, {.age = 18});
}

// 388: a continuation (X1) must be followed the same day by the child's next episode; an episode
// followed the same day must end X1; the child's last episode cannot end X1.
RuleFailures check_388(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* dec = column_of(episodes, "DEC");
  const Column* rec = column_of(episodes, "REC");
  if (!all_present(decom, dec, rec, column_of(episodes, "CHILD"))) return {};
  const auto& starts = dates_of(input, decom);
  std::vector<std::size_t> failing;
  for (auto& [id, rows] : rows_by_child(input, *episodes)) {
    // Episodes without a start date sort first, as the DfE's tool does.
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
      if (!starts[b]) return false;
      if (!starts[a]) return true;
      return *starts[a] < *starts[b];
    });
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::size_t row = rows[i];
      auto end = parse_date(dec->cells[row]);
      if (!end) continue;
      bool continued = holds(rec->cells[row], "X1");
      if (i + 1 == rows.size()) {
        if (continued) failing.push_back(row);
        continue;
      }
      const auto& next_start = starts[rows[i + 1]];
      if (!next_start) continue;
      bool next_same_day = *next_start == *end;
      if (continued && !next_same_day) failing.push_back(row);
      if (!continued && is_present(rec->cells[row]) && next_same_day) failing.push_back(row);
    }
  }
  return failing_rows("Episodes", failing);
}

// 390: adopted (E11, E12) from a placement other than an adoption placement (A3-A6).
RuleFailures check_390(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* rec = column_of(episodes, "REC");
  const Column* place = column_of(episodes, "PLACE");
  if (!all_present(rec, place)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (is_one_of(rec->cells[row], {"E11", "E12"}) &&
        !is_one_of(place->cells[row], {"A3", "A4", "A5", "A6"})) {
      rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

// 391: care leaver information for a young person not yet 17 at the end of the year.
RuleFailures check_391(const RuleInput& input) {
  const Table* oc3 = input.data.find("OC3");
  const Column* dob = column_of(oc3, "DOB");
  const Column* in_touch = column_of(oc3, "IN_TOUCH");
  const Column* activity = column_of(oc3, "ACTIV");
  const Column* accommodation = column_of(oc3, "ACCOM");
  if (!all_present(dob, in_touch, activity, accommodation)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < oc3->row_count; ++row) {
    auto born = parse_date(dob->cells[row]);
    if (!born || born->plus_years(17) <= input.metadata.collection_end) continue;
    if (is_present(in_touch->cells[row]) || is_present(activity->cells[row]) ||
        is_present(accommodation->cells[row])) {
      rows.push_back(row);
    }
  }
  return failing_rows("OC3", rows);
}

// Children known to be, or to have been, unaccompanied asylum seekers: UASC coded 1 in this or
// last year's header, or (where a year's header has no UASC column) any detail in that year's
// UASC table. `known` is false when neither year says anything about UASC status.
struct FormerUasc {
  std::unordered_set<std::string> children;
  bool known = false;
};

void add_uasc_children(const Return& data, std::string_view header_name, std::string_view uasc_name,
                       FormerUasc& result) {
  // The header's UASC flag where the header has one (older layouts, or the DfE's tool deriving
  // it at load); otherwise the UASC table itself.
  const Table* header = data.find(header_name);
  if (const Column* uasc = column_of(header, "UASC")) {
    result.known = true;
    const Column* child = column_of(header, "CHILD");
    if (child == nullptr) return;
    for (std::size_t row = 0; row < header->row_count; ++row) {
      if (holds(uasc->cells[row], "1") && is_present(child->cells[row])) {
        result.children.insert(*child->cells[row]);
      }
    }
    return;
  }
  const Table* uasc = data.find(uasc_name);
  const Column* child = column_of(uasc, "CHILD");
  if (child == nullptr) return;
  result.known = true;
  for (std::size_t row = 0; row < uasc->row_count; ++row) {
    if (!is_present(child->cells[row])) continue;
    for (const Column& column : uasc->columns) {
      if (column.name != "CHILD" && row < column.cells.size() && is_present(column.cells[row])) {
        result.children.insert(*child->cells[row]);
        break;
      }
    }
  }
}

FormerUasc former_uasc_children(const Return& data) {
  FormerUasc result;
  add_uasc_children(data, "Header", "UASC", result);
  add_uasc_children(data, "Header_last", "UASC_last", result);
  return result;
}

// 392a: no placement distance for a child who is not on a short break and not known as UASC now
// or last year. Needs UASC status from the header or the UASC table to run.
RuleFailures check_392a(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* child = column_of(episodes, "CHILD");
  const Column* ls = column_of(episodes, "LS");
  const Column* distance = column_of(episodes, "PL_DISTANCE");
  if (!all_present(child, ls, distance)) return {};
  FormerUasc uasc = former_uasc_children(input.data);
  if (!uasc.known) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (is_present(child->cells[row]) && uasc.children.contains(*child->cells[row])) continue;
    if (!is_one_of(ls->cells[row], {"V3", "V4"}) && !is_present(distance->cells[row])) {
      rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

// 406: a placement distance for a child known as UASC now or last year.
RuleFailures check_406(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* child = column_of(episodes, "CHILD");
  const Column* distance = column_of(episodes, "PL_DISTANCE");
  if (!all_present(child, distance)) return {};
  FormerUasc uasc = former_uasc_children(input.data);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (is_present(child->cells[row]) && uasc.children.contains(*child->cells[row]) &&
        is_present(distance->cells[row])) {
      rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

// 392b: a home or placement postcode missing for a child who is not on a short break and not
// known as UASC now or last year.
RuleFailures check_392b(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* child = column_of(episodes, "CHILD");
  const Column* ls = column_of(episodes, "LS");
  const Column* home = column_of(episodes, "HOME_POST");
  const Column* placement = column_of(episodes, "PL_POST");
  if (!all_present(child, ls, home, placement)) return {};
  FormerUasc uasc = former_uasc_children(input.data);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (is_present(child->cells[row]) && uasc.children.contains(*child->cells[row])) continue;
    if (is_one_of(ls->cells[row], {"V3", "V4"})) continue;
    if (!is_present(home->cells[row]) || !is_present(placement->cells[row])) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// A full UK postcode in the Royal Mail's shape: an outward code (A9, A99, AA9, AA99, A9A, AA9A)
// and an inward code (9AA), with or without the space, in either case. The project holds no
// postcode directory, so a well-formed postcode that does not exist is not caught.
bool is_postcode(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c != ' ') compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (compact.size() < 5 || compact.size() > 7) return false;
  auto alpha = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::string_view inward = std::string_view(compact).substr(compact.size() - 3);
  if (!digit(inward[0]) || !alpha(inward[1]) || !alpha(inward[2])) return false;
  std::string_view outward = std::string_view(compact).substr(0, compact.size() - 3);
  // Letter(s), then a digit, then an optional digit or letter.
  std::size_t i = 0;
  if (!alpha(outward[i])) return false;
  ++i;
  if (i < outward.size() && alpha(outward[i])) ++i;
  if (i >= outward.size() || !digit(outward[i])) return false;
  ++i;
  if (i < outward.size() && (digit(outward[i]) || alpha(outward[i]))) ++i;
  return i == outward.size();
}

// 392c: a home or placement postcode that is not a valid postcode.
RuleFailures check_392c(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* home = column_of(episodes, "HOME_POST");
  const Column* placement = column_of(episodes, "PL_POST");
  if (!all_present(home, placement)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    bool home_bad = is_present(home->cells[row]) && !is_postcode(*home->cells[row]);
    bool placement_bad = is_present(placement->cells[row]) && !is_postcode(*placement->cells[row]);
    if (home_bad || placement_bad) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 392d: the same home and placement postcode for a placement other than with parents (P1).
RuleFailures check_392d(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* place = column_of(episodes, "PLACE");
  const Column* home = column_of(episodes, "HOME_POST");
  const Column* placement = column_of(episodes, "PL_POST");
  if (!all_present(place, home, placement)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!holds(place->cells[row], "P1") && is_present(home->cells[row]) &&
        home->cells[row] == placement->cells[row]) {
      rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

// 393: a girl (SEX `female_code`) looked after other than on short breaks, with the mother field
// blank.
RuleFailures mother_field_missing(const RuleInput& input, std::string_view female_code) {
  const Table* header = input.data.find("Header");
  const Table* episodes = input.data.find("Episodes");
  const Column* sex = column_of(header, "SEX");
  const Column* mother = column_of(header, "MOTHER");
  const Column* header_child = column_of(header, "CHILD");
  const Column* child = column_of(episodes, "CHILD");
  const Column* ls = column_of(episodes, "LS");
  if (!all_present(sex, mother, header_child, child, ls)) return {};
  std::unordered_set<std::string> looked_after;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    std::string status = upper(text_of(ls->cells[row]));
    if (status != "V3" && status != "V4" && is_present(child->cells[row])) {
      looked_after.insert(*child->cells[row]);
    }
  }
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    if (holds(sex->cells[row], female_code) && !is_present(mother->cells[row]) &&
        is_present(header_child->cells[row]) && looked_after.contains(*header_child->cells[row])) {
      rows.push_back(row);
    }
  }
  return failing_rows("Header", rows);
}
RuleFailures check_393(const RuleInput& input) { return mother_field_missing(input, "2"); }
RuleFailures check_393_2024(const RuleInput& input) { return mother_field_missing(input, "F"); }

// 398: postcodes given for a short break (V3, V4).
RuleFailures check_398(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* ls = column_of(episodes, "LS");
  const Column* home = column_of(episodes, "HOME_POST");
  const Column* placement = column_of(episodes, "PL_POST");
  if (!all_present(ls, home, placement)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (is_one_of(ls->cells[row], {"V3", "V4"}) &&
        (is_present(home->cells[row]) || is_present(placement->cells[row]))) {
      rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

// 399: a child whose every episode is a short break (V3, V4) with the mother, review or
// participation fields completed.
RuleFailures check_399(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* header = input.data.find("Header");
  const Table* reviews = input.data.find("Reviews");
  const Column* ls = column_of(episodes, "LS");
  const Column* mother = column_of(header, "MOTHER");
  const Column* review = column_of(reviews, "REVIEW");
  const Column* code = column_of(reviews, "REVIEW_CODE");
  if (!all_present(ls, mother, review, code, column_of(episodes, "CHILD"),
                   column_of(header, "CHILD"), column_of(reviews, "CHILD"))) {
    return {};
  }
  RowsByChild header_rows = rows_by_child(input, *header);
  RowsByChild review_rows = rows_by_child(input, *reviews);
  RuleFailures failures;
  for (const auto& [child, rows] : rows_by_child(input, *episodes)) {
    bool only_short_breaks = std::all_of(rows.begin(), rows.end(), [&](std::size_t row) {
      return is_one_of(ls->cells[row], {"V3", "V4"});
    });
    if (!only_short_breaks) continue;
    std::vector<std::size_t> mothers;
    std::vector<std::size_t> reviewed;
    if (auto found = header_rows.find(child); found != header_rows.end()) {
      for (std::size_t row : found->second) {
        if (is_present(mother->cells[row])) mothers.push_back(row);
      }
    }
    if (auto found = review_rows.find(child); found != review_rows.end()) {
      for (std::size_t row : found->second) {
        if (is_present(review->cells[row]) || is_present(code->cells[row])) reviewed.push_back(row);
      }
    }
    if (mothers.empty() && reviewed.empty()) continue;
    add_failing_rows(failures, "Episodes", {rows.begin(), rows.end()});
    // Every header and review row of the child is paired with the completed item.
    if (auto found = header_rows.find(child); found != header_rows.end()) {
      add_failing_rows(failures, "Header",
                       reviewed.empty()
                           ? mothers
                           : std::vector<std::size_t>(found->second.begin(), found->second.end()));
    }
    if (auto found = review_rows.find(child); found != review_rows.end()) {
      add_failing_rows(failures, "Reviews",
                       mothers.empty()
                           ? reviewed
                           : std::vector<std::size_t>(found->second.begin(), found->second.end()));
    }
  }
  return failures;
}

}  // namespace

void add_rules_postcodes_and_distance(RuleRegistry& registry) {
  registry.add("385", "2022_23", check_385);
  registry.add("386", "2022_23", check_386);
  registry.add("387", "2022_23", check_387);
  registry.add("388", "2022_23", check_388);
  registry.add("389", "2022_23", check_389);
  registry.add("390", "2022_23", check_390);
  registry.add("391", "2022_23", check_391);
  registry.add("392a", "2022_23", check_392a);
  registry.add("392b", "2022_23", check_392b);
  registry.add("392c", "2022_23", check_392c);
  registry.add("392d", "2022_23", check_392d);
  registry.add("393", "2022_23", check_393);
  registry.add("393", "2024_25", check_393_2024);
  registry.add("398", "2022_23", check_398);
  registry.add("399", "2022_23", check_399);
  registry.add("406", "2022_23", check_406);
  registry.add("407", "2022_23", check_407);
  registry.add("460", "2022_23", check_460);
}

}  // namespace safeguard::ssda903
