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

// The rows whose CHILD is (or, with `in` false, is not) one of `children`.
template <typename Children>
std::vector<std::size_t> rows_of_children(const Column* child_column, Children& children, bool in) {
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < child_column->cells.size(); ++row) {
    const Cell& id = child_column->cells[row];
    bool found = id && children.contains(*id);
    if (found == in) rows.push_back(row);
  }
  return rows;
}

// Adds to `children` those with an episode whose REC (in capitals) is one of `codes`.
void add_children_ending(const Table* episodes, std::initializer_list<std::string_view> codes,
                         ByChild<Seen>& children) {
  auto columns = columns_of<2>(episodes, {"CHILD", "REC"});
  if (!columns) return;
  auto [child, rec] = *columns;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (child->cells[row] && upper_is_one_of(rec->cells[row], codes)) {
      children.get(*child->cells[row]);
    }
  }
}

// Adds to `children` every child of `table`.
void add_children(const Table* table, ByChild<Seen>& children) {
  const Column* child = column_of(table, "CHILD");
  if (child == nullptr) return;
  for (const Cell& id : child->cells) {
    if (id) children.get(*id);
  }
}

// 1000: care leaver details for a child who died in care (REC E2 this year or last).
RuleFailures check_1000(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  auto oc3 = columns_of<1>(input.data.find("OC3"), {"CHILD"});
  if (!oc3 || !columns_of<2>(episodes, {"CHILD", "REC"})) return {};
  ByChild<Seen> died;
  add_children_ending(episodes, {"E2"}, died);
  add_children_ending(input.data.find("Episodes_last"), {"E2"}, died);
  return failing_rows("OC3", rows_of_children((*oc3)[0], died, true));
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
  struct Leaver {
    std::vector<Episode> episodes;
    std::optional<Date> born;  // from the Header, when under 20 at the year's end
    bool relevant = false;
    bool adopted = false;
  };
  // Only the care leavers (OC3) are judged.
  ByChild<Leaver> leavers(oc3_table->row_count);
  for (const Cell& id : (*oc3)[0]->cells) {
    if (id) leavers.get(*id);
  }
  // Both years' episodes by child; an episode given in both years (same CHILD and DECOM) counts
  // once, keeping the copy with the earliest end (an open copy only when no copy has ended).
  for (const auto* columns : {&*current_columns, &*previous_columns}) {
    auto [child, ls, decom, dec, rec] = *columns;
    for (std::size_t row = 0; row < child->cells.size(); ++row) {
      if (!child->cells[row]) continue;
      Leaver* leaver = leavers.find(*child->cells[row]);
      if (leaver == nullptr) continue;
      Episode episode{parse_date(decom->cells[row]), parse_date(dec->cells[row]),
                      upper_is_one_of(ls->cells[row], {"V3", "V4"}),
                      upper_is_one_of(rec->cells[row], {"E11", "E12"})};
      std::vector<Episode>& list = leaver->episodes;
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
  for (std::size_t row = 0; row < header_table->row_count; ++row) {
    const Cell& id = (*header)[0]->cells[row];
    Leaver* leaver = id ? leavers.find(*id) : nullptr;
    if (leaver == nullptr || leaver->born) continue;
    auto dob = parse_date((*header)[1]->cells[row]);
    // Over 20 at the year's end: two years of episodes cannot tell, so they are not judged.
    if (dob && dob->plus_years(20) > end) leaver->born = dob;
  }

  for (auto& [id, leaver] : leavers) {
    std::vector<Episode>& list = leaver.episodes;
    // The latest episode (by start) decides adoption; an open latest episode runs to the year's
    // end.
    auto latest = list.end();
    for (auto it = list.begin(); it != list.end(); ++it) {
      if (it->started && (latest == list.end() || *it->started > *latest->started)) latest = it;
    }
    if (latest != list.end()) {
      leaver.adopted = latest->adopted;
      if (!latest->ended) latest->ended = end;
    }
    if (!leaver.born) continue;
    const Date fourteen = leaver.born->plus_years(14);
    const Date sixteen = leaver.born->plus_years(16);
    long long since_14 = 0, since_16 = 0;
    for (const Episode& episode : list) {
      if (episode.respite || !episode.ended) continue;
      Date from_14 = episode.started ? std::max(*episode.started, fourteen) : fourteen;
      Date from_16 = episode.started ? std::max(*episode.started, sixteen) : sixteen;
      since_14 += std::max(0, from_14.days_until(*episode.ended));
      since_16 += std::max(0, from_16.days_until(*episode.ended));
    }
    leaver.relevant = since_14 >= 91 && since_16 >= 1;
  }
  std::vector<std::size_t> failing;
  const Column* oc3_child = (*oc3)[0];
  for (std::size_t row = 0; row < oc3_child->cells.size(); ++row) {
    const Cell& id = oc3_child->cells[row];
    const Leaver* leaver = id ? leavers.find(*id) : nullptr;
    if (!leaver || leaver->adopted || !leaver->relevant) failing.push_back(row);
  }
  return failing_rows("OC3", std::move(failing));
}

// 1002: care leaver details for a child with no episode this year or last.
RuleFailures check_1002(const RuleInput& input) {
  const Table* current = input.data.find("Episodes");
  const Table* previous = input.data.find("Episodes_last");
  auto oc3 = columns_of<1>(input.data.find("OC3"), {"CHILD"});
  if (!oc3 || !column_of(current, "CHILD") || !column_of(previous, "CHILD")) return {};
  ByChild<Seen> looked_after(current->row_count);
  add_children(current, looked_after);
  add_children(previous, looked_after);
  return failing_rows("OC3", rows_of_children((*oc3)[0], looked_after, false));
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
  ByChild<std::optional<First>> first(child->cells.size() / 2);
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row] || !cell_is(rne->cells[row], "S")) continue;
    auto started = parse_date(decom->cells[row]);
    if (!started) continue;
    std::optional<First>& entry = first.get(*child->cells[row]);
    if (!entry || *started < entry->started) entry = First{row, *started};
  }
  std::vector<std::size_t> failing_episodes, failing_placed;
  for (std::size_t row = 0; row < placed_table->row_count; ++row) {
    const Cell& id = (*placed)[0]->cells[row];
    if (!id) continue;
    const std::optional<First>* found = first.find(*id);
    auto decided = parse_date((*placed)[1]->cells[row]);
    if (found && *found && decided && *decided < (*found)->started) {
      failing_episodes.push_back((*found)->row);
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
  struct Leaver {
    std::vector<std::size_t> rows;
    Date birthday;
  };
  ByChild<Leaver> leavers(oc3_table->row_count);
  for (std::size_t row = 0; row < oc3_table->row_count; ++row) {
    const Cell& id = (*oc3)[0]->cells[row];
    auto dob = parse_date((*oc3)[1]->cells[row]);
    if (!id || !dob || !fields->any_given(row)) continue;
    if (!(dob->plus_years(17) <= end && dob->plus_years(19) > end)) continue;
    int age = dob->plus_years(18) <= end ? 18 : 17;
    bool inserted = false;
    Leaver& leaver = leavers.get(*id, &inserted);
    leaver.rows.push_back(row);
    if (inserted) leaver.birthday = dob->plus_years(age);
  }
  auto [child, decom, dec] = *episodes;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    const Leaver* found = leavers.find(*child->cells[row]);
    if (found == nullptr) continue;
    auto started = parse_date(decom->cells[row]);
    auto ended = parse_date(dec->cells[row]);
    bool still_in_care = !given(dec->cells[row]) || (ended && *ended > found->birthday);
    if (started && *started <= found->birthday && still_in_care) {
      failing.insert(failing.end(), found->rows.begin(), found->rows.end());
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
  // child -> their latest episode last year, for the care leavers only.
  const Column* oc3_child = (*oc3)[0];
  ByChild<std::optional<Last>> last(oc3_child->cells.size());
  for (const Cell& id : oc3_child->cells) {
    if (id) last.get(*id);
  }
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    std::optional<Last>* entry = last.find(*child->cells[row]);
    auto started = entry ? parse_date(decom->cells[row]) : std::nullopt;
    if (!started) continue;
    if (!*entry || *started >= (*entry)->started) *entry = Last{*started, !given(dec->cells[row])};
  }
  ChildrenIn this_year(input, current);
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc3_child->cells.size(); ++row) {
    const Cell& id = oc3_child->cells[row];
    if (!id || this_year.contains(*id)) continue;
    const std::optional<Last>* found = last.find(*id);
    if (found && *found && (*found)->open) failing.push_back(row);
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
  ByChild<std::optional<Latest>> latest(oc3_table->row_count);
  for (const Cell& id : (*oc3)[0]->cells) {
    if (id) latest.get(*id);
  }
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    std::optional<Latest>* entry = latest.find(*child->cells[row]);
    auto started = entry ? parse_date(decom->cells[row]) : std::nullopt;
    if (!started) continue;
    if (!*entry || *started > (*entry)->started) {
      *entry = Latest{*started, cell_is(rec->cells[row], "E3")};
    }
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc3_table->row_count; ++row) {
    const Cell& id = (*oc3)[0]->cells[row];
    if (!id || !fields->any_given(row)) continue;
    const std::optional<Latest>* found = latest.find(*id);
    if (found && *found && (*found)->transferred) failing.push_back(row);
  }
  return failing_rows("OC3", std::move(failing));
}

// 1012: rows in the other tables for children with no episode this year.
RuleFailures check_1012(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!column_of(episodes, "CHILD")) return {};
  ChildrenIn looked_after(input, episodes);
  RuleFailures failures;
  for (std::string_view name : {"PlacedAdoption", "Missing", "Reviews", "AD1", "PrevPerm", "OC2"}) {
    const Column* child = column_of(input.data.find(name), "CHILD");
    if (child == nullptr) continue;
    add_failing_rows(failures, name, rows_of_children(child, looked_after, false));
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
  struct Child {
    bool has_episode = false;
    bool in_year = false;  // some episode open during the year
    std::vector<std::size_t> leaver_rows;
  };
  // Only the children in UASC matter.
  ByChild<Child> children(uasc_table->row_count);
  for (const Cell& id : (*uasc)[0]->cells) {
    if (id) children.get(*id);
  }
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    Child* entry = children.find(*child->cells[row]);
    if (entry == nullptr) continue;
    auto started = parse_date(decom->cells[row]);
    auto ended = parse_date(dec->cells[row]);
    bool during = started && *started <= metadata.collection_end &&
                  (!ended || *ended >= metadata.collection_start);
    entry->has_episode = true;
    entry->in_year = entry->in_year || during;
  }
  for (std::size_t row = 0; row < oc3_table->row_count; ++row) {
    const Cell& id = (*oc3)[0]->cells[row];
    Child* entry = id && fields->any_given(row) ? children.find(*id) : nullptr;
    if (entry) entry->leaver_rows.push_back(row);
  }
  std::vector<std::size_t> failing_uasc, failing_oc3;
  for (std::size_t row = 0; row < uasc_table->row_count; ++row) {
    const Cell& id = (*uasc)[0]->cells[row];
    if (!id) continue;
    const Child* entry = children.find(*id);
    if (!entry->has_episode || entry->in_year || entry->leaver_rows.empty()) continue;
    failing_uasc.push_back(row);
    failing_oc3.insert(failing_oc3.end(), entry->leaver_rows.begin(), entry->leaver_rows.end());
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
  // child -> latest DEC, for the care leavers only.
  ByChild<std::optional<Date>> latest_end(oc3_table->row_count);
  for (const Cell& id : (*oc3)[0]->cells) {
    if (id) latest_end.get(*id);
  }
  auto [child, dec] = *episodes;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    std::optional<Date>* entry = latest_end.find(*child->cells[row]);
    auto ended = entry ? parse_date(dec->cells[row]) : std::nullopt;
    if (ended && (!*entry || *ended > **entry)) *entry = ended;
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc3_table->row_count; ++row) {
    const Cell& id = (*oc3)[0]->cells[row];
    auto dob = parse_date((*oc3)[1]->cells[row]);
    if (!id || !dob || !fields->any_given(row)) continue;
    if (!(dob->plus_years(17) <= end && dob->plus_years(19) > end)) continue;
    Date birthday = dob->plus_years(dob->plus_years(18) <= end ? 18 : 17);
    const std::optional<Date>* found = latest_end.find(*id);
    if (found && *found && **found >= birthday) failing.push_back(row);
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
  ByChild<std::optional<Date>> born((*header)[0]->cells.size());
  for (std::size_t row = 0; row < (*header)[0]->cells.size(); ++row) {
    const Cell& id = (*header)[0]->cells[row];
    if (!id) continue;
    std::optional<Date>& entry = born.get(*id);
    if (!entry) entry = parse_date((*header)[1]->cells[row]);
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc3_table->row_count; ++row) {
    const Cell& id = (*oc3)[0]->cells[row];
    if (!id || !upper_is_one_of((*oc3)[1]->cells[row], {"Z1", "Z2"})) continue;
    const std::optional<Date>* found = born.find(*id);
    if (found && *found && in_collection_year((*found)->plus_years(17), input.metadata)) {
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
