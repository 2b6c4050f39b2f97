// Rules 601 to 635: adoption details (AD1), motherhood (Header MOTHER, MC_DOB) and previous
// permanence (PrevPerm).
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ssda903_rules/part_c/support_c.h"

namespace safeguard::ssda903::part_c {
namespace {

constexpr std::array<std::string_view, 6> kAdoptionFields = {
    "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"};

// True when the episode ended in the collection year with an adoption (E11, E12).
bool adopted_in_year(const std::optional<Date>& dec, const Cell& rec, const Metadata& metadata) {
  return in_collection_year(dec, metadata) && is_one_of(rec, {"E11", "E12"});
}

// 601: a child adopted in the year (episode ended E11/E12) whose AD1 row leaves a field blank.
RuleFailures check_601(const RuleInput& input) {
  auto episodes = columns_of<3>(input.data.find("Episodes"), {"CHILD", "DEC", "REC"});
  const Table* ad1_table = input.data.find("AD1");
  auto ad1_child = columns_of<1>(ad1_table, {"CHILD"});
  auto ad1_fields = columns_of<6>(ad1_table, kAdoptionFields);
  if (!episodes || !ad1_child || !ad1_fields) return {};
  auto [child, dec, rec] = *episodes;

  ByChild<std::vector<std::size_t>> incomplete(ad1_table->row_count);  // child -> AD1 rows
  for (std::size_t row = 0; row < ad1_table->row_count; ++row) {
    const Cell& id = (*ad1_child)[0]->cells[row];
    if (!id) continue;
    bool some_absent = false;
    for (const Column* field : *ad1_fields) some_absent = some_absent || !given(field->cells[row]);
    if (some_absent) incomplete.get(*id).push_back(row);
  }
  std::vector<std::size_t> episode_rows, ad1_rows;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row] ||
        !adopted_in_year(parse_date(dec->cells[row]), rec->cells[row], input.metadata)) {
      continue;
    }
    const auto* found = incomplete.find(*child->cells[row]);
    if (found == nullptr) continue;
    episode_rows.push_back(row);
    ad1_rows.insert(ad1_rows.end(), found->begin(), found->end());
  }
  RuleFailures failures;
  add_failing_rows(failures, "AD1", std::move(ad1_rows));
  add_failing_rows(failures, "Episodes", std::move(episode_rows));
  return failures;
}

// 602: AD1 details given for a child whose episodes show no adoption in the year.
RuleFailures check_602(const RuleInput& input) {
  auto episodes = columns_of<3>(input.data.find("Episodes"), {"CHILD", "DEC", "REC"});
  const Table* ad1_table = input.data.find("AD1");
  auto ad1_child = columns_of<1>(ad1_table, {"CHILD"});
  if (!episodes || !ad1_child) return {};
  auto [child, dec, rec] = *episodes;

  ByChild<Seen> adopted;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (child->cells[row] && is_one_of(rec->cells[row], {"E11", "E12"}) &&
        adopted_in_year(parse_date(dec->cells[row]), rec->cells[row], input.metadata)) {
      adopted.get(*child->cells[row]);
    }
  }
  std::vector<const Column*> fields;
  for (std::string_view name : kAdoptionFields) {
    if (const Column* field = ad1_table->column(name)) fields.push_back(field);
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < ad1_table->row_count; ++row) {
    const Cell& id = (*ad1_child)[0]->cells[row];
    if (id && adopted.contains(*id)) continue;
    bool some_given = false;
    for (const Column* field : fields) some_given = some_given || given(field->cells[row]);
    if (some_given) failing.push_back(row);
  }
  return failing_rows("AD1", std::move(failing));
}

// 607: a girl who ceased to be looked after in the year (REC other than X1, LS not V3/V4) without
// MOTHER. `female` is how SEX writes a girl in the ruleset ("2" to 2023/24, "F" from 2024/25).
RuleFailures check_607(const RuleInput& input, std::string_view female) {
  auto episodes = columns_of<4>(input.data.find("Episodes"), {"CHILD", "DEC", "REC", "LS"});
  const Table* header_table = input.data.find("Header");
  auto header = columns_of<3>(header_table, {"CHILD", "SEX", "MOTHER"});
  if (!episodes || !header) return {};
  auto [child, dec, rec, ls] = *episodes;
  auto [header_child, sex, mother] = *header;

  ByChild<std::vector<std::size_t>> girls_without_mother;
  for (std::size_t row = 0; row < header_table->row_count; ++row) {
    if (header_child->cells[row] && cell_is(sex->cells[row], female) &&
        !given(mother->cells[row])) {
      girls_without_mother.get(*header_child->cells[row]).push_back(row);
    }
  }
  std::vector<std::size_t> episode_rows, header_rows;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    const Cell& reason = rec->cells[row];
    if (!child->cells[row] || !given(reason) || *reason == "X1") continue;
    if (is_one_of(ls->cells[row], {"V3", "V4"})) continue;
    if (!in_collection_year(parse_date(dec->cells[row]), input.metadata)) continue;
    const auto* found = girls_without_mother.find(*child->cells[row]);
    if (found == nullptr) continue;
    episode_rows.push_back(row);
    header_rows.insert(header_rows.end(), found->begin(), found->end());
  }
  RuleFailures failures;
  add_failing_rows(failures, "Episodes", std::move(episode_rows));
  add_failing_rows(failures, "Header", std::move(header_rows));
  return failures;
}

// 611: MOTHER is 1 but MC_DOB is blank.
RuleFailures check_611(const RuleInput& input) {
  auto header = columns_of<2>(input.data.find("Header"), {"MOTHER", "MC_DOB"});
  if (!header) return {};
  auto [mother, mc_dob] = *header;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < mother->cells.size(); ++row) {
    if (code_is(mother->cells[row], "1") && !given(mc_dob->cells[row])) failing.push_back(row);
  }
  return failing_rows("Header", std::move(failing));
}

// 612: a girl with MC_DOB given while MOTHER is 0 or blank.
RuleFailures check_612(const RuleInput& input, std::string_view female) {
  auto header = columns_of<3>(input.data.find("Header"), {"SEX", "MOTHER", "MC_DOB"});
  if (!header) return {};
  auto [sex, mother, mc_dob] = *header;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < sex->cells.size(); ++row) {
    bool not_mother = !given(mother->cells[row]) || code_is(mother->cells[row], "0");
    if (not_mother && code_is(sex->cells[row], female) && given(mc_dob->cells[row])) {
      failing.push_back(row);
    }
  }
  return failing_rows("Header", std::move(failing));
}

// 620: a mother who was under 11 at the start of the collection year.
RuleFailures check_620(const RuleInput& input) {
  auto header = columns_of<2>(input.data.find("Header"), {"MOTHER", "DOB"});
  if (!header) return {};
  auto [mother, dob] = *header;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < mother->cells.size(); ++row) {
    if (!code_is(mother->cells[row], "1")) continue;
    auto born = parse_date(dob->cells[row]);
    if (born && born->plus_years(11) > input.metadata.collection_start) failing.push_back(row);
  }
  return failing_rows("Header", std::move(failing));
}

// 621: the mother's first child (MC_DOB) is born on or before the mother herself (DOB).
RuleFailures check_621(const RuleInput& input) {
  auto header = columns_of<2>(input.data.find("Header"), {"DOB", "MC_DOB"});
  if (!header) return {};
  auto [dob, mc_dob] = *header;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < dob->cells.size(); ++row) {
    auto first_child_born = parse_date(mc_dob->cells[row]);
    auto mother_born = parse_date(dob->cells[row]);
    if (first_child_born && mother_born && *first_child_born <= *mother_born) {
      failing.push_back(row);
    }
  }
  return failing_rows("Header", std::move(failing));
}

// 624: MC_DOB differs from the one recorded last year.
RuleFailures check_624(const RuleInput& input) {
  const Table* header_table = input.data.find("Header");
  auto header = columns_of<2>(header_table, {"CHILD", "MC_DOB"});
  auto last = columns_of<2>(input.data.find("Header_last"), {"CHILD", "MC_DOB"});
  if (!header || !last) return {};
  ByChild<std::vector<std::string_view>> last_dates;  // child -> MC_DOBs given last year
  for (std::size_t row = 0; row < (*last)[0]->cells.size(); ++row) {
    const Cell& id = (*last)[0]->cells[row];
    const Cell& date = (*last)[1]->cells[row];
    if (id && given(date)) last_dates.get(*id).push_back(*date);
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < header_table->row_count; ++row) {
    const Cell& id = (*header)[0]->cells[row];
    if (!id) continue;
    const auto* found = last_dates.find(*id);
    if (found == nullptr) continue;
    const Cell& date = (*header)[1]->cells[row];
    for (std::string_view before : *found) {
      if (!date || *date != before) failing.push_back(row);
    }
  }
  return failing_rows("Header", std::move(failing));
}

// 625: MC_DOB after the collection year's end or after the end (DEC) of the child's latest episode.
RuleFailures check_625(const RuleInput& input) {
  auto episodes = columns_of<2>(input.data.find("Episodes"), {"CHILD", "DEC"});
  const Table* header_table = input.data.find("Header");
  auto header = columns_of<2>(header_table, {"CHILD", "MC_DOB"});
  if (!episodes || !header) return {};
  auto [child, dec] = *episodes;

  struct Latest {
    std::size_t row;
    Date ended;
  };
  struct Mother {
    std::vector<std::size_t> header_rows;  // with MC_DOB given
    std::optional<Latest> latest;          // the episode with the latest DEC (the first such)
  };
  ByChild<Mother> mothers;
  for (std::size_t row = 0; row < header_table->row_count; ++row) {
    const Cell& id = (*header)[0]->cells[row];
    if (id && given((*header)[1]->cells[row])) mothers.get(*id).header_rows.push_back(row);
  }
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    Mother* mother = mothers.find(*child->cells[row]);
    auto ended = mother ? parse_date(dec->cells[row]) : std::nullopt;
    if (!ended) continue;
    if (!mother->latest || *ended > mother->latest->ended) mother->latest = Latest{row, *ended};
  }
  std::vector<std::size_t> failing_episodes, failing_header;
  for (const auto& [id, mother] : mothers) {
    if (!mother.latest) continue;
    const Latest& episode = *mother.latest;
    for (std::size_t header_row : mother.header_rows) {
      auto born = parse_date((*header)[1]->cells[header_row]);
      if (born && (*born > input.metadata.collection_end || *born > episode.ended)) {
        failing_episodes.push_back(episode.row);
        failing_header.push_back(header_row);
      }
    }
  }
  RuleFailures failures;
  add_failing_rows(failures, "Header", std::move(failing_header));
  add_failing_rows(failures, "Episodes", std::move(failing_episodes));
  return failures;
}

// 626: a mother whose first child was born before this year though last year she was not a mother.
RuleFailures check_626(const RuleInput& input) {
  const Table* header_table = input.data.find("Header");
  auto header = columns_of<3>(header_table, {"CHILD", "MOTHER", "MC_DOB"});
  auto last = columns_of<2>(input.data.find("Header_last"), {"CHILD", "MOTHER"});
  if (!header || !last) return {};
  ByChild<Seen> not_mother_last_year;
  for (std::size_t row = 0; row < (*last)[0]->cells.size(); ++row) {
    const Cell& id = (*last)[0]->cells[row];
    if (id && number_of((*last)[1]->cells[row]) == 0.0) not_mother_last_year.get(*id);
  }
  auto [child, mother, mc_dob] = *header;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < header_table->row_count; ++row) {
    if (!child->cells[row] || !not_mother_last_year.contains(*child->cells[row])) continue;
    auto born = parse_date(mc_dob->cells[row]);
    if (born && number_of(mother->cells[row]) == 1.0 && *born < input.metadata.collection_start) {
      failing.push_back(row);
    }
  }
  return failing_rows("Header", std::move(failing));
}

// 628: motherhood recorded for a care leaver (OC3 filled in) with no episode this year.
RuleFailures check_628(const RuleInput& input) {
  const Table* header_table = input.data.find("Header");
  auto header = columns_of<2>(header_table, {"CHILD", "MOTHER"});
  const Table* episodes = input.data.find("Episodes");
  auto oc3 = columns_of<4>(input.data.find("OC3"), {"CHILD", "IN_TOUCH", "ACTIV", "ACCOM"});
  if (!header || !episodes || !episodes->column("CHILD") || !oc3) return {};
  ChildrenIn in_episodes(input, episodes);
  ByChild<Seen> care_leavers;
  for (std::size_t row = 0; row < (*oc3)[0]->cells.size(); ++row) {
    const Cell& id = (*oc3)[0]->cells[row];
    if (id && (given((*oc3)[1]->cells[row]) || given((*oc3)[2]->cells[row]) ||
               given((*oc3)[3]->cells[row]))) {
      care_leavers.get(*id);
    }
  }
  auto [child, mother] = *header;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < header_table->row_count; ++row) {
    const Cell& id = child->cells[row];
    if (id && given(mother->cells[row]) && care_leavers.contains(*id) &&
        !in_episodes.contains(*id)) {
      failing.push_back(row);
    }
  }
  return failing_rows("Header", std::move(failing));
}

// 630: a child who started this year with RNE S needs a complete PrevPerm record.
RuleFailures check_630(const RuleInput& input) {
  auto episodes = columns_of<3>(input.data.find("Episodes"), {"CHILD", "DECOM", "RNE"});
  const Table* prev_table = input.data.find("PrevPerm");
  auto prev = columns_of<4>(prev_table, {"CHILD", "PREV_PERM", "LA_PERM", "DATE_PERM"});
  if (!episodes || !prev) return {};
  auto [child, decom, rne] = *episodes;
  auto [prev_child, prev_perm, la_perm, date_perm] = *prev;

  // child -> whether some PrevPerm row of theirs is incomplete; children absent have no record.
  ByChild<bool> incomplete(prev_table->row_count);
  for (std::size_t row = 0; row < prev_table->row_count; ++row) {
    if (!prev_child->cells[row]) continue;
    const Cell& option = prev_perm->cells[row];
    bool missing_details =
        !cell_is(option, "Z1") && (!given(la_perm->cells[row]) || !given(date_perm->cells[row]));
    bool& flag = incomplete.get(*prev_child->cells[row]);
    flag = flag || missing_details || !given(option);
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!cell_is(rne->cells[row], "S")) continue;
    auto started = parse_date(decom->cells[row]);
    if (!started || *started < input.metadata.collection_start) continue;
    if (!child->cells[row]) {
      failing.push_back(row);
      continue;
    }
    const bool* found = incomplete.find(*child->cells[row]);
    if (found == nullptr || *found) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

// 631: PREV_PERM, where given, must be P1, P2, P3, P4 or Z1.
RuleFailures check_631(const RuleInput& input) {
  auto prev = columns_of<1>(input.data.find("PrevPerm"), {"PREV_PERM"});
  if (!prev) return {};
  std::vector<std::size_t> failing;
  const Column* option = (*prev)[0];
  for (std::size_t row = 0; row < option->cells.size(); ++row) {
    const Cell& cell = option->cells[row];
    if (given(cell) && !is_one_of(cell, {"P1", "P2", "P3", "P4", "Z1"})) failing.push_back(row);
  }
  return failing_rows("PrevPerm", std::move(failing));
}

// 632: DATE_PERM must be a date (parts may be ZZ) before the start of the child's first episode.
RuleFailures check_632(const RuleInput& input) {
  auto episodes = columns_of<2>(input.data.find("Episodes"), {"CHILD", "DECOM"});
  const Table* prev_table = input.data.find("PrevPerm");
  auto prev = columns_of<2>(prev_table, {"CHILD", "DATE_PERM"});
  if (!episodes || !prev) return {};
  auto [child, decom] = *episodes;

  struct First {
    std::size_t row;
    Date started;
  };
  struct Child {
    std::vector<std::size_t> prev_rows;  // with DATE_PERM given
    std::optional<First> first;          // the episode that started first
  };
  ByChild<Child> children(prev_table->row_count);
  for (std::size_t row = 0; row < prev_table->row_count; ++row) {
    const Cell& id = (*prev)[0]->cells[row];
    if (id && given((*prev)[1]->cells[row])) children.get(*id).prev_rows.push_back(row);
  }
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    Child* entry = children.find(*child->cells[row]);
    auto started = entry ? parse_date(decom->cells[row]) : std::nullopt;
    if (!started) continue;
    if (!entry->first || *started < entry->first->started) entry->first = First{row, *started};
  }
  std::vector<std::size_t> failing_episodes, failing_prev;
  for (const auto& [id, entry] : children) {
    if (!entry.first) continue;
    const First& episode = *entry.first;
    for (std::size_t prev_row : entry.prev_rows) {
      const Cell& text = (*prev)[1]->cells[prev_row];
      if (!given(text)) continue;
      auto order_date = date_with_unknowns(text);
      if (!order_date || *order_date >= episode.started) {
        failing_episodes.push_back(episode.row);
        failing_prev.push_back(prev_row);
      }
    }
  }
  RuleFailures failures;
  add_failing_rows(failures, "Episodes", std::move(failing_episodes));
  add_failing_rows(failures, "PrevPerm", std::move(failing_prev));
  return failures;
}

// 633: LA_PERM, where given, must be an English council's code or WAL, SCO, NUK, NIR.
RuleFailures check_633(const RuleInput& input) {
  static const std::unordered_set<std::string_view> kValid = {
      "800", "889", "822", "301", "304", "303", "330", "825", "837", "302", "846", "370", "350",
      "890", "867", "380", "305", "801", "351", "873", "823", "895", "896", "381", "909", "202",
      "908", "331", "306", "841", "830", "831", "878", "371", "835", "332", "840", "307", "308",
      "811", "881", "845", "390", "916", "203", "876", "850", "311", "204", "884", "312", "205",
      "313", "805", "919", "310", "309", "420", "921", "206", "207", "886", "810", "382", "314",
      "340", "888", "208", "856", "383", "855", "209", "925", "341", "201", "821", "352", "806",
      "887", "826", "315", "929", "812", "391", "926", "892", "813", "802", "928", "891", "392",
      "316", "815", "353", "931", "879", "836", "851", "874", "807", "354", "317", "870", "318",
      "372", "857", "333", "935", "343", "803", "373", "342", "893", "356", "355", "871", "394",
      "334", "933", "882", "936", "861", "852", "319", "860", "808", "393", "866", "210", "357",
      "894", "883", "880", "358", "211", "937", "869", "320", "359", "865", "384", "335", "336",
      "212", "868", "872", "885", "344", "877", "213", "938", "816", "999", "WAL", "SCO", "NUK",
      "NIR"};
  auto prev = columns_of<1>(input.data.find("PrevPerm"), {"LA_PERM"});
  if (!prev) return {};
  std::vector<std::size_t> failing;
  const Column* la = (*prev)[0];
  for (std::size_t row = 0; row < la->cells.size(); ++row) {
    const Cell& cell = la->cells[row];
    if (given(cell) && !kValid.count(code_text(cell))) failing.push_back(row);
  }
  return failing_rows("PrevPerm", std::move(failing));
}

// 634: previous permanence given for a child none of whose episodes started this year or later.
RuleFailures check_634(const RuleInput& input) {
  const Table* episode_table = input.data.find("Episodes");
  auto episodes = columns_of<2>(episode_table, {"CHILD", "DECOM"});
  const Table* prev_table = input.data.find("PrevPerm");
  auto prev = columns_of<4>(prev_table, {"CHILD", "PREV_PERM", "LA_PERM", "DATE_PERM"});
  if (!episodes || !prev) return {};
  auto [child, decom] = *episodes;
  if (child->cells.size() != episode_table->row_count ||
      decom->cells.size() != episode_table->row_count) {
    return {};
  }
  // Each child's episodes from the run's shared grouping; only the children in PrevPerm matter.
  const ChildGroups& grouped = child_groups(input, *episode_table);
  const auto& starts = dates_of(input, decom);
  auto [prev_child, prev_perm, la_perm, date_perm] = *prev;
  std::vector<std::size_t> failing_episodes, failing_prev;
  for (std::size_t row = 0; row < prev_table->row_count; ++row) {
    if (!prev_child->cells[row]) continue;
    if (!given(prev_perm->cells[row]) && !given(la_perm->cells[row]) &&
        !given(date_perm->cells[row])) {
      continue;
    }
    auto found = grouped.index.find(*prev_child->cells[row]);
    if (found == grouped.index.end()) continue;
    const ChildGroups::Group& group = grouped.groups[found->second];
    auto rows = std::span(grouped.rows).subspan(group.first, group.count);
    std::optional<Date> latest;
    for (std::size_t episode : rows) {
      if (starts[episode] && (!latest || *starts[episode] > *latest)) latest = starts[episode];
    }
    if (latest && *latest < input.metadata.collection_start) {
      failing_prev.push_back(row);
      failing_episodes.insert(failing_episodes.end(), rows.begin(), rows.end());
    }
  }
  RuleFailures failures;
  add_failing_rows(failures, "Episodes", std::move(failing_episodes));
  add_failing_rows(failures, "PrevPerm", std::move(failing_prev));
  return failures;
}

// 635: LA_PERM or DATE_PERM given without PREV_PERM.
RuleFailures check_635(const RuleInput& input) {
  auto prev = columns_of<3>(input.data.find("PrevPerm"), {"PREV_PERM", "LA_PERM", "DATE_PERM"});
  if (!prev) return {};
  auto [prev_perm, la_perm, date_perm] = *prev;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < prev_perm->cells.size(); ++row) {
    if ((given(la_perm->cells[row]) || given(date_perm->cells[row])) &&
        !given(prev_perm->cells[row])) {
      failing.push_back(row);
    }
  }
  return failing_rows("PrevPerm", std::move(failing));
}

}  // namespace

void add_rules_600s(RuleRegistry& registry) {
  registry.add("601", "2022_23", check_601);
  registry.add("602", "2022_23", check_602);
  registry.add("607", "2022_23", [](const RuleInput& input) { return check_607(input, "2"); });
  registry.add("607", "2024_25", [](const RuleInput& input) { return check_607(input, "F"); });
  registry.add("611", "2022_23", check_611);
  registry.add("612", "2022_23", [](const RuleInput& input) { return check_612(input, "2"); });
  registry.add("612", "2024_25", [](const RuleInput& input) { return check_612(input, "F"); });
  registry.add("620", "2022_23", check_620);
  registry.add("621", "2022_23", check_621);
  registry.add("624", "2022_23", check_624);
  registry.add("625", "2022_23", check_625);
  registry.add("626", "2022_23", check_626);
  registry.add("628", "2022_23", check_628);
  registry.add("630", "2022_23", check_630);
  registry.add("631", "2022_23", check_631);
  registry.add("632", "2022_23", check_632);
  registry.add("633", "2022_23", check_633);
  registry.add("634", "2022_23", check_634);
  registry.add("635", "2022_23", check_635);
}

}  // namespace safeguard::ssda903::part_c
