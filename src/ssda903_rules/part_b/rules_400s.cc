// Rules 408-454: legal statuses against placements, how consecutive episodes follow each other
// (reasons for a new episode), review participation by age, UPNs, freeing orders and the first
// episode of the year against last year's last one.
#include <cctype>
#include <cmath>
#include <unordered_set>

#include "ssda903_rules/part_b/support_b.h"

namespace safeguard::ssda903 {
namespace {

std::string upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

// Rows of Episodes where `fails(first, second)` holds for the two named columns.
template <typename Predicate>
RuleFailures episodes_where(const RuleInput& input, std::string_view first_column,
                            std::string_view second_column, Predicate fails) {
  const Table* episodes = input.data.find("Episodes");
  const Column* first = column_of(episodes, first_column);
  const Column* second = column_of(episodes, second_column);
  if (!all_present(first, second)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (fails(first->cells[row], second->cells[row])) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 408: placed for adoption with a placement order (A5, A6) without the placement order legal
// status (E1).
RuleFailures check_408(const RuleInput& input) {
  return episodes_where(input, "PLACE", "LS", [](const Cell& place, const Cell& ls) {
    return is_one_of(place, {"A5", "A6"}) && !holds(ls, "E1");
  });
}

// 411: placed inside the authority (PL_LOCATION IN) but the placing LA is another.
RuleFailures check_411(const RuleInput& input) {
  const std::string& authority = input.metadata.local_authority;
  if (authority.empty()) return {};  // without the council's code there is nothing to compare
  return episodes_where(input, "PL_LOCATION", "PL_LA",
                        [&authority](const Cell& location, const Cell& la) {
                          return holds(location, "IN") && !holds(la, authority);
                        });
}

// 420: an LA of placement for a short break (V3, V4).
RuleFailures check_420(const RuleInput& input) {
  return episodes_where(input, "LS", "PL_LA", [](const Cell& ls, const Cell& la) {
    return is_one_of(ls, {"V3", "V4"}) && is_present(la);
  });
}

// 445: freed for adoption (D1) in an episode starting after 2005.
RuleFailures check_445(const RuleInput& input) {
  const Date last_allowed = *Date::from_ymd(2005, 12, 31);
  return episodes_where(input, "LS", "DECOM", [&](const Cell& ls, const Cell& decom) {
    auto start = parse_date(decom);
    return holds(ls, "D1") && start && *start > last_allowed;
  });
}

// 446: a placement order (E1) in an episode starting before December 2005.
RuleFailures check_446(const RuleInput& input) {
  const Date first_allowed = *Date::from_ymd(2005, 12, 1);
  return episodes_where(input, "LS", "DECOM", [&](const Cell& ls, const Cell& decom) {
    auto start = parse_date(decom);
    return holds(ls, "E1") && start && *start < first_allowed;
  });
}

// 451: still freed for adoption (D1) in an open episode.
RuleFailures check_451(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* dec = column_of(episodes, "DEC");
  const Column* rec = column_of(episodes, "REC");
  const Column* ls = column_of(episodes, "LS");
  if (!all_present(dec, rec, ls)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (holds(ls->cells[row], "D1") && !is_present(dec->cells[row]) &&
        !is_present(rec->cells[row])) {
      rows.push_back(row);
    }
  }
  return failing_rows("Episodes", rows);
}

// 454 (from 2025/26): a placement distance over 350 miles (999.9 means not known).
RuleFailures check_454(const RuleInput& input) {
  const Column* distance = column_of(input.data.find("Episodes"), "PL_DISTANCE");
  if (!distance) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < distance->cells.size(); ++row) {
    auto miles = number_of(distance->cells[row]);
    if (miles && *miles > 350 && std::abs(*miles - 999.9) > 1e-9) rows.push_back(row);
  }
  return failing_rows("Episodes", rows);
}

// 426: a child with both kinds of short break (V3 and V4) in the year: all of them fail.
RuleFailures check_426(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* ls = column_of(episodes, "LS");
  if (!all_present(ls, column_of(episodes, "CHILD"))) return {};
  std::vector<std::size_t> failing;
  for (const auto& [child, rows] : rows_by_child(input, *episodes)) {
    bool single = false;
    bool series = false;
    for (std::size_t row : rows) {
      single = single || holds(ls->cells[row], "V3");
      series = series || holds(ls->cells[row], "V4");
    }
    if (!single || !series) continue;
    for (std::size_t row : rows) {
      if (is_one_of(ls->cells[row], {"V3", "V4"})) failing.push_back(row);
    }
  }
  return failing_rows("Episodes", failing);
}

// Calls `check(previous, row)` for each pair of a child's consecutive episodes in start-date
// order and collects the rows it says fail.
template <typename Check>
RuleFailures consecutive_episodes(const RuleInput& input, Check check) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  if (!all_present(decom, column_of(episodes, "CHILD"))) return {};
  const auto& starts = dates_of(input, decom);
  std::vector<std::size_t> failing;
  for (const auto& [child_id, rows] : children_in_date_order(input, *episodes, starts)) {
    for (std::size_t i = 1; i < rows.size(); ++i) {
      if (check(rows[i - 1], rows[i], starts)) failing.push_back(rows[i]);
    }
  }
  return failing_rows("Episodes", failing);
}

// 431: a new period of care (RNE S) starting on or before the day the previous episode ended.
RuleFailures check_431(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* rne = column_of(episodes, "RNE");
  const Column* dec = column_of(episodes, "DEC");
  if (!all_present(rne, dec)) return {};
  return consecutive_episodes(input, [&](std::size_t previous, std::size_t row,
                                         const std::vector<std::optional<Date>>& starts) {
    auto previous_end = parse_date(dec->cells[previous]);
    return holds(rne->cells[row], "S") && starts[row] && previous_end &&
           *starts[row] <= *previous_end;
  });
}

// 432: the previous episode ended care (REC E2-E48 other than continuation) but this one is not a
// new period of care (RNE S).
RuleFailures check_432(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* rne = column_of(episodes, "RNE");
  const Column* rec = column_of(episodes, "REC");
  if (!all_present(rne, rec)) return {};
  return consecutive_episodes(
      input, [&](std::size_t previous, std::size_t row, const std::vector<std::optional<Date>>&) {
        bool care_ended =
            is_one_of(rec->cells[previous],
                      {"E2",  "E3",  "E4A", "E4B", "E5",  "E6",  "E7",  "E8",  "E9",  "E11", "E12",
                       "E13", "E14", "E15", "E16", "E17", "E41", "E45", "E46", "E47", "E48"});
        return care_ended && !holds(rne->cells[row], "S");
      });
}

// 433: a continuation episode (RNE P, L, T, U, B) that does not start the day the previous one
// ended.
RuleFailures check_433(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* rne = column_of(episodes, "RNE");
  const Column* dec = column_of(episodes, "DEC");
  if (!all_present(rne, dec)) return {};
  return consecutive_episodes(input, [&](std::size_t previous, std::size_t row,
                                         const std::vector<std::optional<Date>>& starts) {
    std::string reason = upper(text_of(rne->cells[row]));
    if (reason != "P" && reason != "L" && reason != "T" && reason != "U" && reason != "B") {
      return false;
    }
    auto previous_end = parse_date(dec->cells[previous]);
    return !previous_end || !starts[row] || *previous_end != *starts[row];
  });
}

// The placement's details (type, postcode, URN, provider) as given, empty cells as "".
struct PlacementDetails {
  const Column* place;
  const Column* postcode;
  const Column* urn;
  const Column* provider;
  bool present() const { return all_present(place, postcode, urn, provider); }
  static PlacementDetails of(const Table* episodes) {
    return {column_of(episodes, "PLACE"), column_of(episodes, "PL_POST"),
            column_of(episodes, "URN"), column_of(episodes, "PLACE_PROVIDER")};
  }
  // Every detail equal, an empty cell equal only to an empty cell.
  bool same(std::size_t a, std::size_t b) const {
    return text_of(place->cells[a]) == text_of(place->cells[b]) &&
           text_of(postcode->cells[a]) == text_of(postcode->cells[b]) &&
           text_of(urn->cells[a]) == text_of(urn->cells[b]) &&
           text_of(provider->cells[a]) == text_of(provider->cells[b]);
  }
  // Every detail given in both and equal.
  bool same_and_given(std::size_t a, std::size_t b) const {
    for (const Column* column : {place, postcode, urn, provider}) {
      if (!is_present(column->cells[a]) || column->cells[a] != column->cells[b]) return false;
    }
    return true;
  }
};

// 434: legal status changed only (RNE L), yet the legal status is unchanged or the placement
// changed.
RuleFailures check_434(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* rne = column_of(episodes, "RNE");
  const Column* ls = column_of(episodes, "LS");
  PlacementDetails details = PlacementDetails::of(episodes);
  if (!all_present(rne, ls) || !details.present()) return {};
  return consecutive_episodes(
      input, [&](std::size_t previous, std::size_t row, const std::vector<std::optional<Date>>&) {
        if (!holds(rne->cells[row], "L")) return false;
        bool same_status = is_present(ls->cells[row]) && ls->cells[row] == ls->cells[previous];
        return same_status || !details.same(previous, row);
      });
}

// 435: placement changed only (RNE P, T), yet the legal status changed or the placement did not.
RuleFailures check_435(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* rne = column_of(episodes, "RNE");
  const Column* ls = column_of(episodes, "LS");
  PlacementDetails details = PlacementDetails::of(episodes);
  if (!all_present(rne, ls) || !details.present()) return {};
  return consecutive_episodes(
      input, [&](std::size_t previous, std::size_t row, const std::vector<std::optional<Date>>&) {
        if (!is_one_of(rne->cells[row], {"P", "T"})) return false;
        bool same_status = is_present(ls->cells[row]) && ls->cells[row] == ls->cells[previous];
        return !same_status || details.same_and_given(previous, row);
      });
}

// 436: both changed (RNE U, B), yet the legal status or the whole placement is unchanged.
RuleFailures check_436(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* rne = column_of(episodes, "RNE");
  const Column* ls = column_of(episodes, "LS");
  PlacementDetails details = PlacementDetails::of(episodes);
  if (!all_present(rne, ls) || !details.present()) return {};
  return consecutive_episodes(input, [&](std::size_t previous, std::size_t row,
                                         const std::vector<std::optional<Date>>&) {
    if (!is_one_of(rne->cells[row], {"U", "B"})) return false;
    return text_of(ls->cells[row]) == text_of(ls->cells[previous]) || details.same(previous, row);
  });
}

// 437: the child died (E2) or was 18 (E15) at the end of an episode, but a later episode follows.
RuleFailures check_437(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* rec = column_of(episodes, "REC");
  if (!all_present(decom, rec, column_of(episodes, "CHILD"))) return {};
  const auto& starts = dates_of(input, decom);
  std::vector<std::size_t> failing;
  for (const auto& [child_id, rows] : children_in_date_order(input, *episodes, starts)) {
    for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
      std::string reason = upper(text_of(rec->cells[rows[i]]));
      if (starts[rows[i]] && (reason == "E2" || reason == "E15")) failing.push_back(rows[i]);
    }
  }
  return failing_rows("Episodes", failing);
}

// Reviews whose participation code is one of `codes` and whose date is on the wrong side of the
// child's 4th birthday: after it (`fail_after`) or before it.
RuleFailures review_participation_by_age(const RuleInput& input,
                                         std::initializer_list<std::string_view> codes,
                                         bool fail_after) {
  const Table* reviews = input.data.find("Reviews");
  const Column* dob = column_of(reviews, "DOB");
  const Column* review = column_of(reviews, "REVIEW");
  const Column* code = column_of(reviews, "REVIEW_CODE");
  if (!all_present(dob, review, code)) return {};
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < reviews->row_count; ++row) {
    if (!is_one_of(code->cells[row], codes)) continue;
    auto born = parse_date(dob->cells[row]);
    auto held = parse_date(review->cells[row]);
    if (!born || !held) continue;
    Date fourth = born->plus_years(4);
    if (fail_after ? *held > fourth : *held < fourth) rows.push_back(row);
  }
  return failing_rows("Reviews", rows);
}

// 440: participation coded for a child under 4 (PN0) at a review after the 4th birthday.
RuleFailures check_440(const RuleInput& input) {
  return review_participation_by_age(input, {"PN0"}, true);
}
// 441: participation coded for a child of 4 or over (PN1-PN7) at a review before the 4th
// birthday.
RuleFailures check_441(const RuleInput& input) {
  return review_participation_by_age(input, {"PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"},
                                     false);
}

// 442: no UPN for a child with an episode other than a short break (V3, V4).
RuleFailures check_442(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* header = input.data.find("Header");
  const Column* child = column_of(episodes, "CHILD");
  const Column* ls = column_of(episodes, "LS");
  const Column* header_child = column_of(header, "CHILD");
  const Column* upn = column_of(header, "UPN");
  if (!all_present(child, ls, header_child, upn)) return {};
  std::unordered_set<std::string> looked_after;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (is_present(child->cells[row]) && !is_one_of(ls->cells[row], {"V3", "V4"})) {
      looked_after.insert(*child->cells[row]);
    }
  }
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    if (!is_present(upn->cells[row]) && is_present(header_child->cells[row]) &&
        looked_after.contains(*header_child->cells[row])) {
      rows.push_back(row);
    }
  }
  return failing_rows("Header", rows);
}

// 444 (from 2025/26): the same UPN given for more than one child (the UN1-UN5 "not known" codes
// aside).
RuleFailures check_444(const RuleInput& input) {
  const Table* header = input.data.find("Header");
  const Column* upn = column_of(header, "UPN");
  if (!upn) return {};
  std::unordered_map<std::string, std::vector<std::size_t>> by_upn;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    if (is_present(upn->cells[row]) &&
        !is_one_of(upn->cells[row], {"UN1", "UN2", "UN3", "UN4", "UN5"})) {
      by_upn[*upn->cells[row]].push_back(row);
    }
  }
  std::vector<std::size_t> failing;
  for (const auto& [number, rows] : by_upn) {
    if (rows.size() > 1) failing.insert(failing.end(), rows.begin(), rows.end());
  }
  return failing_rows("Header", failing);
}

// The child's first episode this year against the latest episode of last year, when that one
// was still open and began for the same reason (RNE): `differs(this_row, last_row)` says
// whether they contradict.
template <typename Differs>
RuleFailures first_against_open_last(const RuleInput& input, Differs differs) {
  const Table* episodes = input.data.find("Episodes");
  const Table* last = input.data.find("Episodes_last");
  const Column* decom = column_of(episodes, "DECOM");
  const Column* rne = column_of(episodes, "RNE");
  const Column* last_decom = column_of(last, "DECOM");
  const Column* last_dec = column_of(last, "DEC");
  const Column* last_rne = column_of(last, "RNE");
  if (!all_present(decom, rne, last_decom, last_dec, last_rne, column_of(episodes, "CHILD"),
                   column_of(last, "CHILD"))) {
    return {};
  }
  RowByChild lasts = latest_by_child(input, *last, dates_of(input, last_decom));
  std::vector<std::size_t> failing;
  for (const auto& [child, first] : earliest_by_child(input, *episodes, dates_of(input, decom))) {
    auto found = lasts.find(child);
    if (found == lasts.end()) continue;
    std::size_t latest_last = found->second;
    if (is_present(last_dec->cells[latest_last])) continue;
    if (!is_present(rne->cells[first]) || rne->cells[first] != last_rne->cells[latest_last]) {
      continue;
    }
    if (differs(first, latest_last)) failing.push_back(first);
  }
  return failing_rows("Episodes", failing);
}

// 452: the LA of placement differs from last year's open episode.
RuleFailures check_452(const RuleInput& input) {
  const Column* la = column_of(input.data.find("Episodes"), "PL_LA");
  const Column* last_la = column_of(input.data.find("Episodes_last"), "PL_LA");
  if (!all_present(la, last_la)) return {};
  return first_against_open_last(input, [&](std::size_t row, std::size_t last_row) {
    return la->cells[row] != last_la->cells[last_row];
  });
}

// 453: the placement distance differs (by 0.2 miles or more, or given in only one year) from last
// year's open episode.
RuleFailures check_453(const RuleInput& input) {
  const Column* distance = column_of(input.data.find("Episodes"), "PL_DISTANCE");
  const Column* last_distance = column_of(input.data.find("Episodes_last"), "PL_DISTANCE");
  if (!all_present(distance, last_distance)) return {};
  return first_against_open_last(input, [&](std::size_t row, std::size_t last_row) {
    auto now = number_of(distance->cells[row]);
    auto before = number_of(last_distance->cells[last_row]);
    if (!now || !before) return now.has_value() != before.has_value();
    return std::abs(*now - *before) >= 0.2 - 1e-9;
  });
}

}  // namespace

void add_rules_400s(RuleRegistry& registry) {
  registry.add("408", "2022_23", check_408);
  registry.add("411", "2022_23", check_411);
  registry.add("420", "2022_23", check_420);
  registry.add("426", "2022_23", check_426);
  registry.add("431", "2022_23", check_431);
  registry.add("432", "2022_23", check_432);
  registry.add("433", "2022_23", check_433);
  registry.add("434", "2022_23", check_434);
  registry.add("435", "2022_23", check_435);
  registry.add("436", "2022_23", check_436);
  registry.add("437", "2022_23", check_437);
  registry.add("440", "2022_23", check_440);
  registry.add("441", "2022_23", check_441);
  registry.add("442", "2022_23", check_442);
  registry.add("444", "2025_26", check_444);
  registry.add("445", "2022_23", check_445);
  registry.add("446", "2022_23", check_446);
  registry.add("451", "2022_23", check_451);
  registry.add("452", "2022_23", check_452);
  registry.add("453", "2022_23", check_453);
  registry.add("454", "2025_26", check_454);
}

}  // namespace safeguard::ssda903
