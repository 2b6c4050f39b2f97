// Placements: provider and location information not needed, the Ofsted URN and what the provider
// list (metadata provider_info) says about it, reasons for placement change, placement types
// withdrawn, and the UASC age and unknown-sex checks added from 2024/25.
#include <algorithm>
#include <cctype>

#include "ssda903_rules/part_a/rules_a.h"
#include "ssda903_rules/part_a/support_a.h"

namespace safeguard::ssda903 {

using namespace part_a;  // NOLINT: this part's own helpers

namespace {

constexpr std::string_view kNoUrn = "XXXXXXX";  // the URN for a placement that has none

bool is_temporary(const Cell& place) { return is_one_of(place, {"T0", "T1", "T2", "T3", "T4"}); }

// A URN that names a provider: given and not the "none" placeholder.
bool names_provider(const Cell& urn) { return given(urn) && *urn != kNoUrn; }

std::string upper(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return result;
}

// The split of a comma-separated code list ("PR1,PR3") contains `code`.
bool list_contains(std::string_view list, std::string_view code) {
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    if (list.substr(0, comma) == code) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

// The provider list's rows by URN, or nullopt when the collection has no provider list.
struct ProviderList {
  const Table* table;
  ChildRows by_urn;
};
std::optional<ProviderList> provider_list(const RuleInput& input) {
  if (!input.metadata.provider_info || !has_columns(&*input.metadata.provider_info, {"URN"})) {
    return std::nullopt;
  }
  const Table* table = &*input.metadata.provider_info;
  return ProviderList{table, ChildRows(table, "URN")};
}

// Each episode naming a provider, against each matching provider-list row (or none, when the URN
// is not in the list): `fails(episode_row, provider_row_or_none)`.
template <typename Fails>
RuleFailures check_against_providers(const RuleInput& input,
                                     std::initializer_list<std::string_view> episode_columns,
                                     std::string_view provider_column, Fails fails) {
  const Table* episodes = input.data.find("Episodes");
  auto providers = provider_list(input);
  if (!providers || !has_columns(episodes, episode_columns) || !has_columns(episodes, {"URN"}) ||
      !has_columns(providers->table, {provider_column})) {
    return {};
  }
  ColumnView urn(episodes, "URN");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!names_provider(urn[row])) continue;
    auto provider_rows = providers->by_urn.rows_of(*urn[row]);
    if (provider_rows.empty()) {
      if (fails(row, std::optional<std::size_t>())) failing.push_back(row);
      continue;
    }
    for (std::size_t provider_row : provider_rows) {
      if (fails(row, std::optional<std::size_t>(provider_row))) {
        failing.push_back(row);
        break;
      }
    }
  }
  return failing_rows("Episodes", std::move(failing));
}

// A date in the provider list: dd/mm/yyyy, or ISO as some exports give it.
std::optional<Date> provider_date(const Cell& cell) {
  if (auto date = parse_date(cell)) return date;
  if (!cell || cell->size() < 10) return std::nullopt;
  auto iso = Date::parse_iso(std::string_view(*cell).substr(0, 10));
  if (!iso) return std::nullopt;
  return *iso;
}

RuleFailures provider_not_required(const RuleInput& input,
                                   std::initializer_list<std::string_view> placements) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"PLACE", "PLACE_PROVIDER"})) return {};
  ColumnView place(episodes, "PLACE");
  ColumnView provider(episodes, "PLACE_PROVIDER");
  const CodeSet not_required(placements);
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (not_required.contains(place[row]) && given(provider[row])) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

// 218's shape: a URN is needed for an episode open at some time in the year, unless the placement
// type has no Ofsted registration or the placement is outside England.
template <typename OutsideEngland>
RuleFailures urn_required(const RuleInput& input,
                          std::initializer_list<std::string_view> exempt_placements,
                          OutsideEngland outside_england) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"PLACE", "DEC", "PL_LA", "URN"})) return {};
  ColumnView place(episodes, "PLACE");
  ColumnView dec_text(episodes, "DEC");
  ColumnView la(episodes, "PL_LA");
  ColumnView urn(episodes, "URN");
  auto dec = dates_of(input, episodes, "DEC");
  const CodeSet exempt(exempt_placements);
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    bool open_in_year =
        !given(dec_text[row]) || (dec[row] && *dec[row] >= input.metadata.collection_start);
    if (open_in_year && !given(urn[row]) && !exempt.contains(place[row]) &&
        !(given(la[row]) && outside_england(upper(*la[row])))) {
      failing.push_back(row);
    }
  }
  return failing_rows("Episodes", std::move(failing));
}

bool starts_with_any(const std::string& text, std::string_view letters) {
  return !text.empty() && letters.find(text.front()) != std::string_view::npos;
}

RuleFailures urn_not_expected(const RuleInput& input,
                              std::initializer_list<std::string_view> placements) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"PLACE", "URN"})) return {};
  ColumnView place(episodes, "PLACE");
  ColumnView urn(episodes, "URN");
  const CodeSet unregistered(placements);
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (unregistered.contains(place[row]) && names_provider(urn[row])) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

RuleFailures postcode_matches_urn(const RuleInput& input,
                                  std::initializer_list<std::string_view> placements) {
  const Table* episodes = input.data.find("Episodes");
  ColumnView ls(episodes, "LS");
  ColumnView place(episodes, "PLACE");
  ColumnView postcode(episodes, "PL_POST");
  const Table* providers = input.metadata.provider_info ? &*input.metadata.provider_info : nullptr;
  ColumnView provider_postcode(providers, "POSTCODE");
  const CodeSet checked(placements);
  return check_against_providers(
      input, {"LS", "PLACE", "PL_POST"}, "POSTCODE",
      [&](std::size_t row, std::optional<std::size_t> provider_row) {
        if (is_one_of(ls[row], {"V3", "V4"}) || !checked.contains(place[row]) ||
            !given(postcode[row])) {
          return false;
        }
        std::string compact(*postcode[row]);
        compact.erase(std::remove(compact.begin(), compact.end(), ' '), compact.end());
        return !provider_row || !given(provider_postcode[*provider_row]) ||
               compact != *provider_postcode[*provider_row];
      });
}

// Episodes of each child in order of start date (undated starts last, file order otherwise):
// child n's episodes are rows[offsets[n] .. offsets[n + 1]).
struct EpisodesInOrder {
  std::vector<std::size_t> rows;
  std::vector<std::size_t> offsets;
  std::size_t children() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  std::span<const std::size_t> of(std::size_t child) const {
    return {rows.data() + offsets[child], offsets[child + 1] - offsets[child]};
  }
};

EpisodesInOrder episodes_in_order(const Table* episodes,
                                  const std::vector<std::optional<Date>>& decom) {
  ChildRows by_child(episodes);
  EpisodesInOrder ordered;
  ordered.rows.reserve(episodes->row_count);
  ordered.offsets.push_back(0);
  for (std::uint32_t child = 0; child < by_child.index().size(); ++child) {
    auto rows = by_child.rows_of_number(child);
    std::size_t begin = ordered.rows.size();
    ordered.rows.insert(ordered.rows.end(), rows.begin(), rows.end());
    sort_few(ordered.rows.begin() + static_cast<std::ptrdiff_t>(begin), ordered.rows.end(),
             [&](std::size_t a, std::size_t b) {
               if (!decom[a] || !decom[b]) {
                 return decom[a].has_value() && !decom[b].has_value();
               }
               return *decom[a] < *decom[b];
             });
    ordered.offsets.push_back(ordered.rows.size());
  }
  return ordered;
}

}  // namespace

// 213: no placement provider for temporary placements (T0-T4).
RuleFailures check_213(const RuleInput& input) {
  return provider_not_required(input, {"T0", "T1", "T2", "T3", "T4"});
}

// 213 from 2025/26: nor for the Z11-Z14 "other" placements.
RuleFailures check_213_2025(const RuleInput& input) {
  return provider_not_required(input, {"T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"});
}

// 214: no placement postcode or URN for short-break care (V3/V4).
RuleFailures check_214(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"LS", "PL_POST", "URN"})) return {};
  ColumnView ls(episodes, "LS");
  ColumnView postcode(episodes, "PL_POST");
  ColumnView urn(episodes, "URN");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (is_one_of(ls[row], {"V3", "V4"}) && (given(postcode[row]) || given(urn[row]))) {
      failing.push_back(row);
    }
  }
  return failing_rows("Episodes", std::move(failing));
}

// 215: a care leaver (any OC3 item) has none of the 12-month items (OC2): both rows reported.
RuleFailures check_215(const RuleInput& input) {
  const Table* oc3 = input.data.find("OC3");
  const Table* oc2 = input.data.find("OC2");
  if (!has_columns(oc3, {"CHILD", "IN_TOUCH", "ACTIV", "ACCOM"}) ||
      !has_columns(oc2, {"CHILD", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
                         "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
                         "INTERVENTION_OFFERED"})) {
    return {};
  }
  std::vector<ColumnView> leaving_care = {ColumnView(oc3, "IN_TOUCH"), ColumnView(oc3, "ACTIV"),
                                          ColumnView(oc3, "ACCOM")};
  std::vector<ColumnView> twelve_months;
  for (std::string_view name :
       {"CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"}) {
    twelve_months.emplace_back(oc2, name);
  }
  auto any_of_row = [](const std::vector<ColumnView>& items, std::size_t row) {
    return std::any_of(items.begin(), items.end(),
                       [&](const ColumnView& item) { return given(item[row]); });
  };
  ChildRows oc2_rows(oc2);
  ColumnView child(oc3, "CHILD");
  std::vector<std::size_t> failing_oc3;
  std::vector<std::size_t> failing_oc2;
  for (std::size_t row = 0; row < oc3->row_count; ++row) {
    if (!child[row] || !any_of_row(leaving_care, row)) continue;
    for (std::size_t oc2_row : oc2_rows.rows_of(*child[row])) {
      if (any_of_row(twelve_months, oc2_row)) {
        failing_oc3.push_back(row);
        failing_oc2.push_back(oc2_row);
      }
    }
  }
  RuleFailures failures = failing_rows("OC3", std::move(failing_oc3));
  add_failing_rows(failures, "OC2", std::move(failing_oc2));
  return failures;
}

// 217: placed for adoption with current foster carers (A3/A5) from 1 April 2015 needs a reason for
// new episode of S, T or U.
RuleFailures check_217(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"PLACE", "DECOM", "RNE"})) return {};
  const Date from = *Date::from_ymd(2015, 4, 1);
  ColumnView place(episodes, "PLACE");
  ColumnView rne(episodes, "RNE");
  auto decom = dates_of(input, episodes, "DECOM");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (is_one_of(place[row], {"A3", "A5"}) && decom[row] && *decom[row] >= from &&
        !is_one_of(rne[row], {"S", "T", "U"})) {
      failing.push_back(row);
    }
  }
  return failing_rows("Episodes", std::move(failing));
}

// 217t (2023/24): placement type P2 ended on 28 October 2023; an episode still open after it fails.
RuleFailures check_217t(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"PLACE", "DEC"})) return {};
  const Date last_day = *Date::from_ymd(2023, 10, 28);
  ColumnView place(episodes, "PLACE");
  auto dec = dates_of(input, episodes, "DEC");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (text_of(place[row]) == "P2" && (!dec[row] || *dec[row] > last_day)) {
      failing.push_back(row);
    }
  }
  return failing_rows("Episodes", std::move(failing));
}

// 218: an Ofsted URN is needed (placing authority codes beginning N, W, S or C are outside
// England).
RuleFailures check_218(const RuleInput& input) {
  return urn_required(
      input, {"H5", "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"},
      [](const std::string& la) { return starts_with_any(la, "NWSC"); });
}

// 218 from 2024/25: H5 and P2 placements need a URN too.
RuleFailures check_218_2024(const RuleInput& input) {
  return urn_required(input, {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"},
                      [](const std::string& la) { return starts_with_any(la, "NWSC"); });
}

// 218 from 2025/26: Z1 is split into Z11-Z14; outside England is the codes CON, NIR, SCO, WAL, NUK.
RuleFailures check_218_2025(const RuleInput& input) {
  return urn_required(
      input,
      {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"},
      [](const std::string& la) {
        return la == "CON" || la == "NIR" || la == "SCO" || la == "WAL" || la == "NUK";
      });
}

// 219: the placement type is one the provider list gives for the URN.
RuleFailures check_219(const RuleInput& input) {
  ColumnView place(input.data.find("Episodes"), "PLACE");
  const Table* providers = input.metadata.provider_info ? &*input.metadata.provider_info : nullptr;
  ColumnView codes(providers, "PLACE_CODES");
  return check_against_providers(input, {"PLACE"}, "PLACE_CODES",
                                 [&](std::size_t row, std::optional<std::size_t> provider_row) {
                                   return !provider_row || !given(place[row]) ||
                                          !given(codes[*provider_row]) ||
                                          !list_contains(*codes[*provider_row], *place[row]);
                                 });
}

// 221: the placement postcode is the provider's (K1, K2, R3, S1 placements; not short breaks).
RuleFailures check_221(const RuleInput& input) {
  return postcode_matches_urn(input, {"K1", "K2", "R3", "S1"});
}

// 221 in 2023/24: H5 placements too.
RuleFailures check_221_2023(const RuleInput& input) {
  return postcode_matches_urn(input, {"H5", "K1", "K2", "R3", "S1"});
}

// 221 from 2024/25: H5 is dropped again.
RuleFailures check_221_2024(const RuleInput& input) {
  return postcode_matches_urn(input, {"K1", "K2", "R3", "S1"});
}

// 222: no URN for placement types without Ofsted registration.
RuleFailures check_222(const RuleInput& input) {
  return urn_not_expected(
      input, {"H5", "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"});
}

// 222 in 2023/24: H5 (supported accommodation) is registered from then on.
RuleFailures check_222_2023(const RuleInput& input) {
  return urn_not_expected(input,
                          {"P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"});
}

// 222 from 2024/25: P2 withdrawn.
RuleFailures check_222_2024(const RuleInput& input) {
  return urn_not_expected(input,
                          {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"});
}

// 222 from 2025/26: Z1 split into Z11-Z14.
RuleFailures check_222_2025(const RuleInput& input) {
  return urn_not_expected(input, {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11",
                                  "Z12", "Z13", "Z14"});
}

// 224: the placement provider is one the provider list gives for the URN.
RuleFailures check_224(const RuleInput& input) {
  ColumnView provider(input.data.find("Episodes"), "PLACE_PROVIDER");
  const Table* providers = input.metadata.provider_info ? &*input.metadata.provider_info : nullptr;
  ColumnView codes(providers, "PROVIDER_CODES");
  return check_against_providers(input, {"PLACE_PROVIDER"}, "PROVIDER_CODES",
                                 [&](std::size_t row, std::optional<std::size_t> provider_row) {
                                   return !provider_row || !given(provider[row]) ||
                                          !given(codes[*provider_row]) ||
                                          !list_contains(*codes[*provider_row], *provider[row]);
                                 });
}

// 225: an episode ending in a change of placement (X1) followed by a new placement (reason P, B, T
// or U), neither temporary, needs the reason for the placement change.
RuleFailures check_225(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"CHILD", "DECOM", "RNE", "REC", "PLACE", "REASON_PLACE_CHANGE"})) {
    return {};
  }
  auto decom = dates_of(input, episodes, "DECOM");
  ColumnView rec(episodes, "REC");
  ColumnView rne(episodes, "RNE");
  ColumnView place(episodes, "PLACE");
  ColumnView reason(episodes, "REASON_PLACE_CHANGE");
  std::vector<std::size_t> failing;
  auto ordered = episodes_in_order(episodes, decom);
  for (std::size_t child = 0; child < ordered.children(); ++child) {
    auto rows = ordered.of(child);
    for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
      std::size_t row = rows[i];
      std::size_t next = rows[i + 1];
      if (text_of(rec[row]) == "X1" && !given(reason[row]) && !is_temporary(place[row]) &&
          is_one_of(rne[next], {"P", "B", "T", "U"}) && !is_temporary(place[next])) {
        failing.push_back(row);
      }
    }
  }
  return failing_rows("Episodes", std::move(failing));
}

// 226: a temporary placement (T0-T4) has no reason for placement change, nor does the episode
// before it.
RuleFailures check_226(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"CHILD", "DECOM", "PLACE", "REASON_PLACE_CHANGE"})) return {};
  auto decom = dates_of(input, episodes, "DECOM");
  ColumnView place(episodes, "PLACE");
  ColumnView reason(episodes, "REASON_PLACE_CHANGE");
  std::vector<std::size_t> failing;
  auto ordered = episodes_in_order(episodes, decom);
  for (std::size_t child = 0; child < ordered.children(); ++child) {
    auto rows = ordered.of(child);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::size_t row = rows[i];
      bool previous_reason = i > 0 && given(reason[rows[i - 1]]);
      if (is_temporary(place[row]) && (given(reason[row]) || previous_reason)) {
        failing.push_back(row);
      }
    }
  }
  return failing_rows("Episodes", std::move(failing));
}

// 227: the episode starts before the provider's registration ended.
RuleFailures check_227(const RuleInput& input) {
  auto decom = dates_of(input.data.find("Episodes"), "DECOM");
  const Table* providers = input.metadata.provider_info ? &*input.metadata.provider_info : nullptr;
  ColumnView reg_end(providers, "REG_END");
  return check_against_providers(input, {"DECOM"}, "REG_END",
                                 [&](std::size_t row, std::optional<std::size_t> provider_row) {
                                   if (!provider_row) return false;
                                   auto ended = provider_date(reg_end[*provider_row]);
                                   return ended && decom[row] && *decom[row] >= *ended;
                                 });
}

// 228: the episode ends (or, when open, the collection year ends) no later than the provider's
// registration ended.
RuleFailures check_228(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  auto dec = dates_of(input, episodes, "DEC");
  const Table* providers = input.metadata.provider_info ? &*input.metadata.provider_info : nullptr;
  ColumnView reg_end(providers, "REG_END");
  return check_against_providers(
      input, {"DEC"}, "REG_END", [&](std::size_t row, std::optional<std::size_t> provider_row) {
        if (!provider_row) return false;
        auto ended = provider_date(reg_end[*provider_row]);
        if (!ended) return false;
        return dec[row] ? *dec[row] > *ended : input.metadata.collection_end > *ended;
      });
}

// 229: a provider run by the placing authority itself (PR1) is in the authority's area, and one of
// another authority (PR2) is not (the provider's authority inferred from its postcode).
RuleFailures check_229(const RuleInput& input) {
  ColumnView provider(input.data.find("Episodes"), "PLACE_PROVIDER");
  const Table* providers = input.metadata.provider_info ? &*input.metadata.provider_info : nullptr;
  ColumnView la(providers, "LA_CODE_INFERRED");
  const std::string& own = input.metadata.local_authority;
  return check_against_providers(input, {"PLACE_PROVIDER"}, "LA_CODE_INFERRED",
                                 [&](std::size_t row, std::optional<std::size_t> provider_row) {
                                   Cell provider_la = provider_row ? la[*provider_row] : Cell();
                                   bool same = given(provider_la) && *provider_la == own;
                                   return (text_of(provider[row]) == "PR1" && !same) ||
                                          (text_of(provider[row]) == "PR2" && same);
                                 });
}

// 230 (from 2023/24): supported accommodation (H5) in England open on or after 29 October 2023
// needs a URN.
RuleFailures check_230(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"PLACE", "DEC", "PL_LA", "URN"})) return {};
  const Date from = *Date::from_ymd(2023, 10, 29);
  ColumnView place(episodes, "PLACE");
  ColumnView la(episodes, "PL_LA");
  ColumnView urn(episodes, "URN");
  auto dec = dates_of(input, episodes, "DEC");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    bool outside_england = given(la[row]) && starts_with_any(upper(*la[row]), "NWS");
    if (text_of(place[row]) == "H5" && (!dec[row] || *dec[row] >= from) &&
        !names_provider(urn[row]) && !outside_england) {
      failing.push_back(row);
    }
  }
  return failing_rows("Episodes", std::move(failing));
}

// 231 (from 2024/25): a UASC child is expected to be 11 or over at the end of the year. UASC status
// is the Header's UASC flag (the DfE tool reads a UASC_STATUS column no table has), or, where the
// Header has no flag, an entry in the UASC table.
RuleFailures check_231(const RuleInput& input) {
  const Table* header = input.data.find("Header");
  if (!has_columns(header, {"DOB"})) return {};
  ColumnView child(header, "CHILD");
  ColumnView flag(header, "UASC");
  ChildIndex in_uasc_table;
  if (!flag.exists()) {
    const Table* uasc = input.data.find("UASC");
    if (!has_columns(uasc, {"CHILD"}) || !child.exists()) return {};
    ColumnView uasc_child(uasc, "CHILD");
    for (std::size_t row = 0; row < uasc->row_count; ++row) {
      if (uasc_child[row]) in_uasc_table.add(*uasc_child[row]);
    }
  }
  const Date eleventh_birthday_by = input.metadata.collection_end.plus_years(-11);
  auto dob = dates_of(input, header, "DOB");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    bool uasc = flag.exists()
                    ? text_of(flag[row]) == "1"
                    : (child[row] && in_uasc_table.find(*child[row]) != ChildIndex::kNone);
    if (uasc && dob[row] && *dob[row] > eleventh_birthday_by) failing.push_back(row);
  }
  return failing_rows("Header", std::move(failing));
}

// 232 (from 2024/25): sex reported as unknown (U).
RuleFailures check_232(const RuleInput& input) {
  const Table* header = input.data.find("Header");
  if (!has_columns(header, {"SEX"})) return {};
  ColumnView sex(header, "SEX");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    if (is_one_of(sex[row], {"U", "u"})) failing.push_back(row);
  }
  return failing_rows("Header", std::move(failing));
}

// 233 (from 2025/26): no reason for placement change on an episode that has not ended (no DEC).
// The DfE tool reads a DATE_EPISODE_CEASED column no table has; the date episode ceased is DEC.
RuleFailures check_233(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"DEC", "REASON_PLACE_CHANGE"})) return {};
  ColumnView dec(episodes, "DEC");
  ColumnView reason(episodes, "REASON_PLACE_CHANGE");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!given(dec[row]) && given(reason[row])) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

// 234 (from 2025/26): a child under 10 when the episode began cannot have custody as the reason
// for placement change; the episode and the child's Header row are reported.
RuleFailures check_234(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  const Table* header = input.data.find("Header");
  if (!has_columns(episodes, {"CHILD", "DECOM", "REASON_PLACE_CHANGE"}) ||
      !has_columns(header, {"CHILD", "DOB"})) {
    return {};
  }
  ChildRows header_rows(header);
  auto dob = dates_of(input, header, "DOB");
  ColumnView child(episodes, "CHILD");
  ColumnView reason(episodes, "REASON_PLACE_CHANGE");
  auto decom = dates_of(input, episodes, "DECOM");
  std::vector<std::size_t> failing_episodes;
  std::vector<std::size_t> failing_header;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!child[row] || text_of(reason[row]) != "CUSTOD" || !decom[row]) continue;
    for (std::size_t header_row : header_rows.rows_of(*child[row])) {
      if (dob[header_row] && dob[header_row]->plus_years(10) > *decom[row]) {
        failing_episodes.push_back(row);
        failing_header.push_back(header_row);
      }
    }
  }
  RuleFailures failures = failing_rows("Episodes", std::move(failing_episodes));
  add_failing_rows(failures, "Header", std::move(failing_header));
  return failures;
}

}  // namespace safeguard::ssda903
