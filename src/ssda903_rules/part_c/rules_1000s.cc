// Rules 1000 to 1016 and 3001: care leavers (OC3) against the child's episodes, missing episodes,
// reasons for placement change, Ofsted URNs, own provision and the other tables of children with no
// episode this year.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ssda903_rules/part_c/support_c.h"

namespace safeguard::ssda903::part_c {
namespace {

std::string upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

bool upper_is_one_of(const Cell& cell, std::initializer_list<std::string_view> codes) {
  if (!cell) return false;
  std::string text = upper(*cell);
  return std::find(codes.begin(), codes.end(), std::string_view(text)) != codes.end();
}

// True when any of the care leaver fields (IN_TOUCH, ACTIV, ACCOM) of an OC3 row is given.
struct CareLeaverFields {
  const Column* in_touch;
  const Column* activ;
  const Column* accom;
  bool any_given(std::size_t row) const {
    return given(in_touch->cells[row]) || given(activ->cells[row]) || given(accom->cells[row]);
  }
};

std::optional<CareLeaverFields> care_leaver_fields(const Table* oc3) {
  auto columns = columns_of<3>(oc3, {"IN_TOUCH", "ACTIV", "ACCOM"});
  if (!columns) return std::nullopt;
  return CareLeaverFields{(*columns)[0], (*columns)[1], (*columns)[2]};
}

// The OC3 rows whose CHILD is (or, with `in` false, is not) in `children`.
std::vector<std::size_t> oc3_rows_of(const Column* oc3_child,
                                     const std::unordered_set<std::string>& children, bool in) {
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < oc3_child->cells.size(); ++row) {
    const Cell& id = oc3_child->cells[row];
    bool found = id && children.count(*id);
    if (found == in) rows.push_back(row);
  }
  return rows;
}

// The children with an episode whose REC (in capitals) is one of `codes`.
std::unordered_set<std::string> children_ending(const Table* episodes,
                                                std::initializer_list<std::string_view> codes) {
  std::unordered_set<std::string> children;
  auto columns = columns_of<2>(episodes, {"CHILD", "REC"});
  if (!columns) return children;
  auto [child, rec] = *columns;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (child->cells[row] && upper_is_one_of(rec->cells[row], codes)) {
      children.insert(*child->cells[row]);
    }
  }
  return children;
}

// 1000: care leaver details for a child who died in care (REC E2 this year or last).
RuleFailures check_1000(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  auto oc3 = columns_of<1>(input.data.find("OC3"), {"CHILD"});
  if (!oc3 || !columns_of<2>(episodes, {"CHILD", "REC"})) return {};
  std::unordered_set<std::string> died = children_ending(episodes, {"E2"});
  std::unordered_set<std::string> died_last_year =
      children_ending(input.data.find("Episodes_last"), {"E2"});
  died.insert(died_last_year.begin(), died_last_year.end());
  return failing_rows("OC3", oc3_rows_of((*oc3)[0], died, true));
}

// 1001: care leaver details for a young person whose episodes (this year's and last year's) do not
// make them a relevant or former relevant child: at least 13 weeks (91 days) looked after since
// their 14th birthday, some of it after their 16th, and not adopted at the end.
RuleFailures check_1001(const RuleInput& input) {
  const Table* current = input.data.find("Episodes");
  const Table* previous = input.data.find("Episodes_last");
  const Table* oc3_table = input.data.find("OC3");
  const Table* header_table = input.data.find("Header");
  auto oc3 = columns_of<1>(oc3_table, {"CHILD"});
  auto header = columns_of<2>(header_table, {"CHILD", "DOB"});
  constexpr std::array<std::string_view, 5> kEpisodeColumns = {"CHILD", "LS", "DECOM", "DEC",
                                                               "REC"};
  auto current_columns = columns_of<5>(current, kEpisodeColumns);
  auto previous_columns = columns_of<5>(previous, kEpisodeColumns);
  if (!oc3 || !header || !current_columns || !previous_columns) return {};
  if (current->row_count == 0 || previous->row_count == 0 || oc3_table->row_count == 0 ||
      header_table->row_count == 0) {
    return {};
  }
  const Date end = input.metadata.collection_end;

  struct Episode {
    std::optional<Date> started;
    std::optional<Date> ended;
    bool respite;  // LS V3 or V4
    bool adopted;  // REC E11 or E12
  };
  // Both years' episodes by child; an episode given in both years (same CHILD and DECOM) counts
  // once, keeping the copy with the earliest end (an open copy only when no copy has ended).
  std::unordered_map<std::string, std::vector<Episode>> by_child;
  for (const auto* columns : {&*current_columns, &*previous_columns}) {
    auto [child, ls, decom, dec, rec] = *columns;
    for (std::size_t row = 0; row < child->cells.size(); ++row) {
      if (!child->cells[row]) continue;
      Episode episode{parse_date(decom->cells[row]), parse_date(dec->cells[row]),
                      upper_is_one_of(ls->cells[row], {"V3", "V4"}),
                      upper_is_one_of(rec->cells[row], {"E11", "E12"})};
      std::vector<Episode>& list = by_child[*child->cells[row]];
      auto same = std::find_if(list.begin(), list.end(), [&](const Episode& other) {
        return other.started == episode.started;
      });
      if (same == list.end()) {
        list.push_back(episode);
      } else if (episode.ended && (!same->ended || *episode.ended < *same->ended)) {
        *same = episode;
      }
    }
  }
  std::unordered_map<std::string, Date> born;
  for (std::size_t row = 0; row < header_table->row_count; ++row) {
    const Cell& id = (*header)[0]->cells[row];
    auto dob = parse_date((*header)[1]->cells[row]);
    // Over 20 at the year's end: two years of episodes cannot tell, so they are not judged.
    if (id && dob && dob->plus_years(20) > end) born.emplace(*id, *dob);
  }

  std::unordered_set<std::string> relevant, adopted;
  for (auto& [id, list] : by_child) {
    // The latest episode (by start) decides adoption; an open latest episode runs to the year's
    // end.
    auto latest = list.end();
    for (auto it = list.begin(); it != list.end(); ++it) {
      if (it->started && (latest == list.end() || *it->started > *latest->started)) latest = it;
    }
    if (latest != list.end()) {
      if (latest->adopted) adopted.insert(id);
      if (!latest->ended) latest->ended = end;
    }
    auto dob = born.find(id);
    if (dob == born.end()) continue;
    const Date fourteen = dob->second.plus_years(14);
    const Date sixteen = dob->second.plus_years(16);
    long long since_14 = 0, since_16 = 0;
    for (const Episode& episode : list) {
      if (episode.respite || !episode.ended) continue;
      Date from_14 = episode.started ? std::max(*episode.started, fourteen) : fourteen;
      Date from_16 = episode.started ? std::max(*episode.started, sixteen) : sixteen;
      since_14 += std::max(0, from_14.days_until(*episode.ended));
      since_16 += std::max(0, from_16.days_until(*episode.ended));
    }
    if (since_14 >= 91 && since_16 >= 1) relevant.insert(id);
  }
  std::vector<std::size_t> failing;
  const Column* oc3_child = (*oc3)[0];
  for (std::size_t row = 0; row < oc3_child->cells.size(); ++row) {
    const Cell& id = oc3_child->cells[row];
    if (!id || adopted.count(*id) || !relevant.count(*id)) failing.push_back(row);
  }
  return failing_rows("OC3", std::move(failing));
}

// 1002: care leaver details for a child with no episode this year or last.
RuleFailures check_1002(const RuleInput& input) {
  const Table* current = input.data.find("Episodes");
  const Table* previous = input.data.find("Episodes_last");
  auto oc3 = columns_of<1>(input.data.find("OC3"), {"CHILD"});
  if (!oc3 || !column_of(current, "CHILD") || !column_of(previous, "CHILD")) return {};
  std::unordered_set<std::string> looked_after = children_in(current);
  std::unordered_set<std::string> last_year = children_in(previous);
  looked_after.insert(last_year.begin(), last_year.end());
  return failing_rows("OC3", oc3_rows_of((*oc3)[0], looked_after, false));
}

// 1003: the decision to place for adoption (DATE_PLACED) is before the child's first episode with
// RNE S started.
RuleFailures check_1003(const RuleInput& input) {
  auto episodes = columns_of<3>(input.data.find("Episodes"), {"CHILD", "DECOM", "RNE"});
  const Table* placed_table = input.data.find("PlacedAdoption");
  auto placed = columns_of<2>(placed_table, {"CHILD", "DATE_PLACED"});
  if (!episodes || !placed) return {};
  auto [child, decom, rne] = *episodes;
  struct First {
    std::size_t row;
    Date started;
  };
  std::unordered_map<std::string, First> first;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row] || !cell_is(rne->cells[row], "S")) continue;
    auto started = parse_date(decom->cells[row]);
    if (!started) continue;
    auto [entry, inserted] = first.try_emplace(*child->cells[row], First{row, *started});
    if (!inserted && *started < entry->second.started) entry->second = First{row, *started};
  }
  std::vector<std::size_t> failing_episodes, failing_placed;
  for (std::size_t row = 0; row < placed_table->row_count; ++row) {
    const Cell& id = (*placed)[0]->cells[row];
    if (!id) continue;
    auto found = first.find(*id);
    auto decided = parse_date((*placed)[1]->cells[row]);
    if (found != first.end() && decided && *decided < found->second.started) {
      failing_episodes.push_back(found->second.row);
      failing_placed.push_back(row);
    }
  }
  RuleFailures failures;
  add_failing_rows(failures, "Episodes", std::move(failing_episodes));
  add_failing_rows(failures, "PlacedAdoption", std::move(failing_placed));
  return failures;
}

// 1004: MIS_START missing or not a date.
RuleFailures check_1004(const RuleInput& input) {
  auto missing = columns_of<1>(input.data.find("Missing"), {"MIS_START"});
  if (!missing) return {};
  std::vector<std::size_t> failing;
  const Column* start = (*missing)[0];
  for (std::size_t row = 0; row < start->cells.size(); ++row) {
    if (!parse_date(start->cells[row])) failing.push_back(row);
  }
  return failing_rows("Missing", std::move(failing));
}

// 1005: MIS_END given but not a date.
RuleFailures check_1005(const RuleInput& input) {
  auto missing = columns_of<1>(input.data.find("Missing"), {"MIS_END"});
  if (!missing) return {};
  std::vector<std::size_t> failing;
  const Column* end = (*missing)[0];
  for (std::size_t row = 0; row < end->cells.size(); ++row) {
    if (given(end->cells[row]) && !parse_date(end->cells[row])) failing.push_back(row);
  }
  return failing_rows("Missing", std::move(failing));
}

// 1006: MISSING, where given, must be M (missing) or A (away without authorisation).
RuleFailures check_1006(const RuleInput& input) {
  auto missing = columns_of<1>(input.data.find("Missing"), {"MISSING"});
  if (!missing) return {};
  std::vector<std::size_t> failing;
  const Column* type = (*missing)[0];
  for (std::size_t row = 0; row < type->cells.size(); ++row) {
    if (given(type->cells[row]) && !is_one_of(type->cells[row], {"M", "A"})) {
      failing.push_back(row);
    }
  }
  return failing_rows("Missing", std::move(failing));
}

// 1007: care leaver details for a 17 or 18 year old who was looked after on that birthday (in
// care from before it and not ceased by it; an episode without DEC is still going on).
RuleFailures check_1007(const RuleInput& input) {
  auto episodes = columns_of<3>(input.data.find("Episodes"), {"CHILD", "DECOM", "DEC"});
  const Table* oc3_table = input.data.find("OC3");
  auto oc3 = columns_of<2>(oc3_table, {"CHILD", "DOB"});
  auto fields = care_leaver_fields(oc3_table);
  if (!episodes || !oc3 || !fields) return {};
  const Date end = input.metadata.collection_end;
  // child -> the birthday (17th or 18th) that fell in the twelve months to the year's end.
  std::unordered_map<std::string, std::vector<std::size_t>> leavers;
  std::unordered_map<std::string, Date> birthday;
  for (std::size_t row = 0; row < oc3_table->row_count; ++row) {
    const Cell& id = (*oc3)[0]->cells[row];
    auto dob = parse_date((*oc3)[1]->cells[row]);
    if (!id || !dob || !fields->any_given(row)) continue;
    if (!(dob->plus_years(17) <= end && dob->plus_years(19) > end)) continue;
    int age = dob->plus_years(18) <= end ? 18 : 17;
    leavers[*id].push_back(row);
    birthday.emplace(*id, dob->plus_years(age));
  }
  auto [child, decom, dec] = *episodes;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    auto found = birthday.find(*child->cells[row]);
    if (found == birthday.end()) continue;
    auto started = parse_date(decom->cells[row]);
    auto ended = parse_date(dec->cells[row]);
    bool still_in_care = !given(dec->cells[row]) || (ended && *ended > found->second);
    if (started && *started <= found->second && still_in_care) {
      const auto& rows = leavers[found->first];
      failing.insert(failing.end(), rows.begin(), rows.end());
    }
  }
  return failing_rows("OC3", std::move(failing));
}

// 1008: URN, where given and not the placeholder XXXXXXX, must be on Ofsted's provider list.
RuleFailures check_1008(const RuleInput& input) {
  auto episodes = columns_of<1>(input.data.find("Episodes"), {"URN"});
  if (!episodes || !input.metadata.provider_info) return {};
  const Column* provider_urn = input.metadata.provider_info->column("URN");
  if (provider_urn == nullptr) return {};
  std::unordered_set<std::string_view> known;
  for (const Cell& cell : provider_urn->cells) {
    if (cell) known.insert(code_text(cell));
  }
  std::vector<std::size_t> failing;
  const Column* urn = (*episodes)[0];
  for (std::size_t row = 0; row < urn->cells.size(); ++row) {
    const Cell& cell = urn->cells[row];
    if (!given(cell) || *cell == "XXXXXXX") continue;
    if (!known.count(code_text(cell))) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

// 1009: REASON_PLACE_CHANGE, where given, must be one of the DfE's codes.
RuleFailures check_1009(const RuleInput& input) {
  auto episodes = columns_of<1>(input.data.find("Episodes"), {"REASON_PLACE_CHANGE"});
  if (!episodes) return {};
  std::vector<std::size_t> failing;
  const Column* reason = (*episodes)[0];
  for (std::size_t row = 0; row < reason->cells.size(); ++row) {
    const Cell& cell = reason->cells[row];
    if (given(cell) && !is_one_of(cell, {"CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB",
                                         "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER"})) {
      failing.push_back(row);
    }
  }
  return failing_rows("Episodes", std::move(failing));
}

// 1010: care leaver details for a child with no episode this year although their last episode of
// last year was still open.
RuleFailures check_1010(const RuleInput& input) {
  const Table* current = input.data.find("Episodes");
  auto previous = columns_of<3>(input.data.find("Episodes_last"), {"CHILD", "DECOM", "DEC"});
  auto oc3 = columns_of<1>(input.data.find("OC3"), {"CHILD"});
  if (!oc3 || !previous || !column_of(current, "CHILD")) return {};
  auto [child, decom, dec] = *previous;
  struct Last {
    Date started;
    bool open;
  };
  std::unordered_map<std::string, Last> last;  // child -> their latest episode last year
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    auto started = parse_date(decom->cells[row]);
    if (!child->cells[row] || !started) continue;
    Last episode{*started, !given(dec->cells[row])};
    auto [entry, inserted] = last.try_emplace(*child->cells[row], episode);
    if (!inserted && *started >= entry->second.started) entry->second = episode;
  }
  std::unordered_set<std::string> this_year = children_in(current);
  std::vector<std::size_t> failing;
  const Column* oc3_child = (*oc3)[0];
  for (std::size_t row = 0; row < oc3_child->cells.size(); ++row) {
    const Cell& id = oc3_child->cells[row];
    if (!id || this_year.count(*id)) continue;
    auto found = last.find(*id);
    if (found != last.end() && found->second.open) failing.push_back(row);
  }
  return failing_rows("OC3", std::move(failing));
}

// 1011: care leaver details for a child whose final episode ended with a transfer to another
// local authority (REC E3).
RuleFailures check_1011(const RuleInput& input) {
  auto episodes = columns_of<3>(input.data.find("Episodes"), {"CHILD", "DECOM", "REC"});
  const Table* oc3_table = input.data.find("OC3");
  auto oc3 = columns_of<1>(oc3_table, {"CHILD"});
  auto fields = care_leaver_fields(oc3_table);
  if (!episodes || !oc3 || !fields) return {};
  auto [child, decom, rec] = *episodes;
  struct Latest {
    Date started;
    bool transferred;
  };
  std::unordered_map<std::string, Latest> latest;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    auto started = parse_date(decom->cells[row]);
    if (!child->cells[row] || !started) continue;
    Latest episode{*started, cell_is(rec->cells[row], "E3")};
    auto [entry, inserted] = latest.try_emplace(*child->cells[row], episode);
    if (!inserted && *started > entry->second.started) entry->second = episode;
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc3_table->row_count; ++row) {
    const Cell& id = (*oc3)[0]->cells[row];
    if (!id || !fields->any_given(row)) continue;
    auto found = latest.find(*id);
    if (found != latest.end() && found->second.transferred) failing.push_back(row);
  }
  return failing_rows("OC3", std::move(failing));
}

// 1012: rows in the other tables for children with no episode this year.
RuleFailures check_1012(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!column_of(episodes, "CHILD")) return {};
  std::unordered_set<std::string> looked_after = children_in(episodes);
  RuleFailures failures;
  for (std::string_view name : {"PlacedAdoption", "Missing", "Reviews", "AD1", "PrevPerm", "OC2"}) {
    const Column* child = column_of(input.data.find(name), "CHILD");
    if (child == nullptr) continue;
    add_failing_rows(failures, name, oc3_rows_of(child, looked_after, false));
  }
  return failures;
}

// 1014: UASC details and care leaver details for a child none of whose episodes fall in the year.
RuleFailures check_1014(const RuleInput& input) {
  auto episodes = columns_of<3>(input.data.find("Episodes"), {"CHILD", "DECOM", "DEC"});
  const Table* uasc_table = input.data.find("UASC");
  auto uasc = columns_of<1>(uasc_table, {"CHILD"});
  const Table* oc3_table = input.data.find("OC3");
  auto oc3 = columns_of<1>(oc3_table, {"CHILD"});
  auto fields = care_leaver_fields(oc3_table);
  if (!episodes || !uasc || !oc3 || !fields) return {};
  const Metadata& metadata = input.metadata;
  auto [child, decom, dec] = *episodes;
  std::unordered_map<std::string, bool> in_year;  // child -> some episode open during the year
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    auto started = parse_date(decom->cells[row]);
    auto ended = parse_date(dec->cells[row]);
    bool during = started && *started <= metadata.collection_end &&
                  (!ended || *ended >= metadata.collection_start);
    bool& flag = in_year[*child->cells[row]];
    flag = flag || during;
  }
  std::unordered_map<std::string, std::vector<std::size_t>> leaver_rows;
  for (std::size_t row = 0; row < oc3_table->row_count; ++row) {
    const Cell& id = (*oc3)[0]->cells[row];
    if (id && fields->any_given(row)) leaver_rows[*id].push_back(row);
  }
  std::vector<std::size_t> failing_uasc, failing_oc3;
  for (std::size_t row = 0; row < uasc_table->row_count; ++row) {
    const Cell& id = (*uasc)[0]->cells[row];
    if (!id) continue;
    auto episode = in_year.find(*id);
    auto leaver = leaver_rows.find(*id);
    if (episode == in_year.end() || episode->second || leaver == leaver_rows.end()) continue;
    failing_uasc.push_back(row);
    failing_oc3.insert(failing_oc3.end(), leaver->second.begin(), leaver->second.end());
  }
  RuleFailures failures;
  add_failing_rows(failures, "UASC", std::move(failing_uasc));
  add_failing_rows(failures, "OC3", std::move(failing_oc3));
  return failures;
}

// 1015: the council's own provision (PR1) outside fostering and adoption, for a child not on
// short breaks, must be in the council's own area. PL_LA is the council the placement's postcode
// lies in; it is read only when the Episodes table carries it (it is derived, not in the file).
RuleFailures check_1015(const RuleInput& input) {
  auto episodes =
      columns_of<4>(input.data.find("Episodes"), {"PLACE", "LS", "PLACE_PROVIDER", "PL_LA"});
  if (!episodes) return {};
  auto [place, ls, provider, pl_la] = *episodes;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < place->cells.size(); ++row) {
    if (!given(place->cells[row]) || !given(ls->cells[row])) continue;
    if (is_one_of(place->cells[row],
                  {"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"})) {
      continue;
    }
    if (is_one_of(ls->cells[row], {"V3", "V4"}) || !cell_is(provider->cells[row], "PR1")) continue;
    if (!cell_is(pl_la->cells[row], input.metadata.local_authority)) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

// 1016 (from 2023/24): care leaver details for a 17 or 18 year old whose episode ended on or after
// that birthday.
RuleFailures check_1016(const RuleInput& input) {
  auto episodes = columns_of<2>(input.data.find("Episodes"), {"CHILD", "DEC"});
  const Table* oc3_table = input.data.find("OC3");
  auto oc3 = columns_of<2>(oc3_table, {"CHILD", "DOB"});
  auto fields = care_leaver_fields(oc3_table);
  if (!episodes || !oc3 || !fields) return {};
  const Date end = input.metadata.collection_end;
  std::unordered_map<std::string, Date> latest_end;  // child -> latest DEC
  auto [child, dec] = *episodes;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    auto ended = parse_date(dec->cells[row]);
    if (!child->cells[row] || !ended) continue;
    auto [entry, inserted] = latest_end.try_emplace(*child->cells[row], *ended);
    if (!inserted && *ended > entry->second) entry->second = *ended;
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc3_table->row_count; ++row) {
    const Cell& id = (*oc3)[0]->cells[row];
    auto dob = parse_date((*oc3)[1]->cells[row]);
    if (!id || !dob || !fields->any_given(row)) continue;
    if (!(dob->plus_years(17) <= end && dob->plus_years(19) > end)) continue;
    Date birthday = dob->plus_years(dob->plus_years(18) <= end ? 18 : 17);
    auto found = latest_end.find(*id);
    if (found != latest_end.end() && found->second >= birthday) failing.push_back(row);
  }
  return failing_rows("OC3", std::move(failing));
}

// 3001: a young person who turned 17 in the year cannot be living with former foster carers
// (ACCOM Z1, Z2).
RuleFailures check_3001(const RuleInput& input) {
  const Table* oc3_table = input.data.find("OC3");
  auto oc3 = columns_of<2>(oc3_table, {"CHILD", "ACCOM"});
  auto header = columns_of<2>(input.data.find("Header"), {"CHILD", "DOB"});
  if (!oc3 || !header) return {};
  std::unordered_map<std::string, Date> born;
  for (std::size_t row = 0; row < (*header)[0]->cells.size(); ++row) {
    const Cell& id = (*header)[0]->cells[row];
    auto dob = parse_date((*header)[1]->cells[row]);
    if (id && dob) born.emplace(*id, *dob);
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc3_table->row_count; ++row) {
    const Cell& id = (*oc3)[0]->cells[row];
    if (!id || !upper_is_one_of((*oc3)[1]->cells[row], {"Z1", "Z2"})) continue;
    auto found = born.find(*id);
    if (found != born.end() && in_collection_year(found->second.plus_years(17), input.metadata)) {
      failing.push_back(row);
    }
  }
  return failing_rows("OC3", std::move(failing));
}

}  // namespace

void add_rules_1000s(RuleRegistry& registry) {
  registry.add("1000", "2022_23", check_1000);
  registry.add("1001", "2022_23", check_1001);
  registry.add("1002", "2022_23", check_1002);
  registry.add("1003", "2022_23", check_1003);
  registry.add("1004", "2022_23", check_1004);
  registry.add("1005", "2022_23", check_1005);
  registry.add("1006", "2022_23", check_1006);
  registry.add("1007", "2022_23", check_1007);
  registry.add("1008", "2022_23", check_1008);
  registry.add("1009", "2022_23", check_1009);
  registry.add("1010", "2022_23", check_1010);
  registry.add("1011", "2022_23", check_1011);
  registry.add("1012", "2022_23", check_1012);
  registry.add("1014", "2022_23", check_1014);
  registry.add("1015", "2022_23", check_1015);
  registry.add("1016", "2023_24", check_1016);
  registry.add("3001", "2022_23", check_3001);
}

}  // namespace safeguard::ssda903::part_c
