// Children looked after for 12 months (OC2): the health, offending and substance misuse items,
// the Strengths and Difficulties Questionnaire (SDQ) score and reason, and who should have them.
#include "ssda903_rules/part_a/rules_a.h"
#include "ssda903_rules/part_a/support_a.h"

namespace safeguard::ssda903 {

using namespace part_a;  // NOLINT: this part's own helpers

namespace {

constexpr std::string_view kTwelveMonthItems[] = {
    "CONVICTED",         "HEALTH_CHECK",     "IMMUNISATIONS",         "TEETH_CHECK",
    "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"};

std::vector<ColumnView> columns(const Table* table, std::initializer_list<std::string_view> names) {
  std::vector<ColumnView> views;
  for (std::string_view name : names) views.emplace_back(table, name);
  return views;
}

bool any_given(const std::vector<ColumnView>& items, std::size_t row) {
  for (const ColumnView& item : items) {
    if (given(item[row])) return true;
  }
  return false;
}

bool any_blank(const std::vector<ColumnView>& items, std::size_t row) {
  for (const ColumnView& item : items) {
    if (!given(item[row])) return true;
  }
  return false;
}

// The OC2 rows for which `fails(row, looked_after_continuously)` holds.
template <typename Predicate>
RuleFailures oc2_rows_where_cla(const RuleInput& input,
                                std::initializer_list<std::string_view> needed, Predicate fails) {
  const Table* oc2 = input.data.find("OC2");
  if (input.data.find("Episodes") == nullptr || !has_columns(oc2, needed) ||
      !has_columns(oc2, {"CHILD"})) {
    return {};
  }
  auto cohort = continuously_looked_after(input);
  ColumnView child(oc2, "CHILD");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    bool looked_after = child[row] && cohort.contains(*child[row]);
    if (fails(row, looked_after)) failing.push_back(row);
  }
  return failing_rows("OC2", std::move(failing));
}

}  // namespace

// 157: SDQ1 (no score because the child is too young or too old) cannot be the reason for a child
// aged 4 at the start of the year and still 16 at the end who was looked after all year.
RuleFailures check_157(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (oc2 == nullptr) return {};
  auto dob = dates_of(input, oc2, "DOB");
  ColumnView score(oc2, "SDQ_SCORE");
  ColumnView reason(oc2, "SDQ_REASON");
  const Date start = input.metadata.collection_start;
  const Date end = input.metadata.collection_end;
  return oc2_rows_where_cla(input, {"DOB", "SDQ_SCORE", "SDQ_REASON"},
                            [&](std::size_t row, bool looked_after) {
                              return looked_after && dob[row] && dob[row]->plus_years(4) <= start &&
                                     dob[row]->plus_years(16) >= end && !given(score[row]) &&
                                     text_of(reason[row]) == "SDQ1";
                            });
}

// 158: a child who received an intervention for substance misuse needs no "intervention offered".
RuleFailures check_158(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (!has_columns(oc2, {"INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"})) return {};
  ColumnView received(oc2, "INTERVENTION_RECEIVED");
  ColumnView offered(oc2, "INTERVENTION_OFFERED");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (text_of(received[row]) == "1" && given(offered[row])) failing.push_back(row);
  }
  return failing_rows("OC2", std::move(failing));
}

// 159: a child with a substance misuse problem who received no intervention needs "intervention
// offered" completed.
RuleFailures check_159(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (!has_columns(oc2, {"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"})) {
    return {};
  }
  ColumnView misuse(oc2, "SUBSTANCE_MISUSE");
  ColumnView received(oc2, "INTERVENTION_RECEIVED");
  ColumnView offered(oc2, "INTERVENTION_OFFERED");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (text_of(misuse[row]) == "1" && text_of(received[row]) == "0" && !given(offered[row])) {
      failing.push_back(row);
    }
  }
  return failing_rows("OC2", std::move(failing));
}

// 180: the SDQ score, when given, is a whole number from 0 to 40.
RuleFailures check_180(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (!has_columns(oc2, {"SDQ_SCORE"})) return {};
  ColumnView score(oc2, "SDQ_SCORE");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (!given(score[row])) continue;
    auto value = to_number(score[row]);
    bool valid = value && *value >= 0 && *value <= 40 &&
                 *value == static_cast<double>(static_cast<int>(*value));
    if (!valid) failing.push_back(row);
  }
  return failing_rows("OC2", std::move(failing));
}

// 181: the 12-month items, when given, are 0 or 1.
RuleFailures check_181(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (oc2 == nullptr) return {};
  for (std::string_view name : kTwelveMonthItems) {
    if (oc2->column(name) == nullptr) return {};
  }
  std::vector<ColumnView> items;
  for (std::string_view name : kTwelveMonthItems) items.emplace_back(oc2, name);
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    for (const ColumnView& item : items) {
      if (given(item[row]) && !is_one_of(item[row], {"0", "1"})) {
        failing.push_back(row);
        break;
      }
    }
  }
  return failing_rows("OC2", std::move(failing));
}

// 182: once any of convicted, health check or the intervention items is given, immunisations,
// teeth check, health assessment and substance misuse must all be given too.
RuleFailures check_182(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (oc2 == nullptr) return {};
  for (std::string_view name : kTwelveMonthItems) {
    if (oc2->column(name) == nullptr) return {};
  }
  auto core =
      columns(oc2, {"IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"});
  auto others =
      columns(oc2, {"CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"});
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (any_blank(core, row) && any_given(others, row)) failing.push_back(row);
  }
  return failing_rows("OC2", std::move(failing));
}

// 185: an SDQ score only for a child looked after continuously for 12 months.
RuleFailures check_185(const RuleInput& input) {
  ColumnView score(input.data.find("OC2"), "SDQ_SCORE");
  return oc2_rows_where_cla(input, {"SDQ_SCORE"}, [&](std::size_t row, bool looked_after) {
    return given(score[row]) && !looked_after;
  });
}

// 186: a child looked after all year, aged 4 or over at its start and under 17 at its end, needs
// an SDQ score or a reason for having none.
RuleFailures check_186(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  auto dob = dates_of(input, oc2, "DOB");
  ColumnView score(oc2, "SDQ_SCORE");
  ColumnView reason(oc2, "SDQ_REASON");
  const Date start = input.metadata.collection_start;
  const Date end = input.metadata.collection_end;
  return oc2_rows_where_cla(
      input, {"DOB", "SDQ_SCORE", "SDQ_REASON"}, [&](std::size_t row, bool looked_after) {
        return looked_after && dob[row] && dob[row]->plus_years(4) <= start &&
               dob[row]->plus_years(17) > end && !given(score[row]) && !given(reason[row]);
      });
}

// 187: a child looked after continuously for 12 months has no adoption (AD1) or care leaver
// (OC3) information.
RuleFailures check_187(const RuleInput& input) {
  const Table* oc3 = input.data.find("OC3");
  const Table* ad1 = input.data.find("AD1");
  if (input.data.find("Episodes") == nullptr ||
      !has_columns(oc3, {"CHILD", "IN_TOUCH", "ACTIV", "ACCOM"}) ||
      !has_columns(ad1, {"CHILD", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR",
                         "SEX_ADOPTR", "LS_ADOPTR"})) {
    return {};
  }
  auto cohort = continuously_looked_after(input);
  RuleFailures failures;
  auto check = [&](const Table* table, std::string_view name,
                   std::initializer_list<std::string_view> items) {
    ColumnView child(table, "CHILD");
    auto views = columns(table, items);
    std::vector<std::size_t> failing;
    for (std::size_t row = 0; row < table->row_count; ++row) {
      if (child[row] && cohort.contains(*child[row]) && any_given(views, row)) {
        failing.push_back(row);
      }
    }
    add_failing_rows(failures, name, std::move(failing));
  };
  check(oc3, "OC3", {"IN_TOUCH", "ACTIV", "ACCOM"});
  check(ad1, "AD1",
        {"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"});
  return failures;
}

// 188: no SDQ score or reason for a child under 4 at the end of the year.
RuleFailures check_188(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (!has_columns(oc2, {"DOB", "SDQ_SCORE", "SDQ_REASON"})) return {};
  auto dob = dates_of(input, oc2, "DOB");
  auto sdq = columns(oc2, {"SDQ_SCORE", "SDQ_REASON"});
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (dob[row] && dob[row]->plus_years(4) > input.metadata.collection_end &&
        any_given(sdq, row)) {
      failing.push_back(row);
    }
  }
  return failing_rows("OC2", std::move(failing));
}

// 189: no SDQ score or reason for a child 17 or over at the start of the year.
RuleFailures check_189(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (!has_columns(oc2, {"DOB", "SDQ_SCORE", "SDQ_REASON"})) return {};
  auto dob = dates_of(input, oc2, "DOB");
  auto sdq = columns(oc2, {"SDQ_SCORE", "SDQ_REASON"});
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (dob[row] && dob[row]->plus_years(17) <= input.metadata.collection_start &&
        any_given(sdq, row)) {
      failing.push_back(row);
    }
  }
  return failing_rows("OC2", std::move(failing));
}

// 190: the 12-month items only for a child looked after continuously for 12 months.
RuleFailures check_190(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (oc2 == nullptr) return {};
  for (std::string_view name : kTwelveMonthItems) {
    if (oc2->column(name) == nullptr) return {};
  }
  std::vector<ColumnView> items;
  for (std::string_view name : kTwelveMonthItems) items.emplace_back(oc2, name);
  return oc2_rows_where_cla(input, {}, [&](std::size_t row, bool looked_after) {
    return !looked_after && any_given(items, row);
  });
}

// 191: a child looked after continuously for 12 months needs immunisations, teeth check, health
// assessment and substance misuse completed; one with no OC2 row at all is reported on their
// first episode.
RuleFailures check_191(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(oc2, {"CHILD", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
                         "SUBSTANCE_MISUSE"}) ||
      !has_columns(episodes, {"CHILD", "DECOM"})) {
    return {};
  }
  auto cohort = continuously_looked_after(input);
  auto core =
      columns(oc2, {"IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"});
  ColumnView child(oc2, "CHILD");
  ChildIndex in_oc2(oc2->row_count);
  std::vector<std::size_t> failing_oc2;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (!child[row]) continue;
    in_oc2.add(*child[row]);
    if (cohort.contains(*child[row]) && any_blank(core, row)) failing_oc2.push_back(row);
  }
  ColumnView episode_child(episodes, "CHILD");
  auto decom = dates_of(input, episodes, "DECOM");
  ChildIndex children(episodes->row_count);
  std::vector<std::size_t> first;  // per child number: their earliest dated episode
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!episode_child[row] || !decom[row]) continue;
    std::uint32_t number = children.add(*episode_child[row]);
    if (number == first.size()) {
      first.push_back(row);
    } else if (*decom[row] < *decom[first[number]]) {
      first[number] = row;
    }
  }
  std::vector<std::size_t> failing_episodes;
  for (std::size_t row : first) {
    std::string_view id = *episode_child[row];
    if (cohort.contains(id) && in_oc2.find(id) == ChildIndex::kNone)
      failing_episodes.push_back(row);
  }
  RuleFailures failures = failing_rows("OC2", std::move(failing_oc2));
  add_failing_rows(failures, "Episodes", std::move(failing_episodes));
  return failures;
}

// 192: a substance misuse problem needs "intervention received" completed.
RuleFailures check_192(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (!has_columns(oc2, {"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED"})) return {};
  ColumnView misuse(oc2, "SUBSTANCE_MISUSE");
  ColumnView received(oc2, "INTERVENTION_RECEIVED");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (text_of(misuse[row]) == "1" && !given(received[row])) failing.push_back(row);
  }
  return failing_rows("OC2", std::move(failing));
}

// 193: with no substance misuse problem, neither intervention item is completed.
RuleFailures check_193(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (!has_columns(oc2, {"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"})) {
    return {};
  }
  ColumnView misuse(oc2, "SUBSTANCE_MISUSE");
  auto interventions = columns(oc2, {"INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"});
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    bool no_problem = !given(misuse[row]) || text_of(misuse[row]) == "0";
    if (no_problem && any_given(interventions, row)) failing.push_back(row);
  }
  return failing_rows("OC2", std::move(failing));
}

// 196: the reason for no SDQ score, when given, is SDQ1-SDQ5.
RuleFailures check_196(const RuleInput& input) {
  return rows_without_code(input, "OC2", "SDQ_REASON", {"SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"},
                           true);
}

// 197a: no reason for a missing SDQ score when the score is given.
RuleFailures check_197a(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  if (!has_columns(oc2, {"SDQ_SCORE", "SDQ_REASON"})) return {};
  ColumnView score(oc2, "SDQ_SCORE");
  ColumnView reason(oc2, "SDQ_REASON");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc2->row_count; ++row) {
    if (given(score[row]) && given(reason[row])) failing.push_back(row);
  }
  return failing_rows("OC2", std::move(failing));
}

// 197B: a child looked after all year who turns 4 or 17 during it needs an SDQ score or a reason.
RuleFailures check_197B(const RuleInput& input) {
  const Table* oc2 = input.data.find("OC2");
  auto dob = dates_of(input, oc2, "DOB");
  ColumnView score(oc2, "SDQ_SCORE");
  ColumnView reason(oc2, "SDQ_REASON");
  const Date start = input.metadata.collection_start;
  const Date end = input.metadata.collection_end;
  auto within_year = [&](Date date) { return date >= start && date <= end; };
  return oc2_rows_where_cla(
      input, {"DOB", "SDQ_SCORE", "SDQ_REASON"}, [&](std::size_t row, bool looked_after) {
        return looked_after && dob[row] &&
               (within_year(dob[row]->plus_years(4)) || within_year(dob[row]->plus_years(17))) &&
               !given(score[row]) && !given(reason[row]);
      });
}

// 198: a reason for no SDQ score only for a child looked after continuously for 12 months.
RuleFailures check_198(const RuleInput& input) {
  ColumnView reason(input.data.find("OC2"), "SDQ_REASON");
  return oc2_rows_where_cla(input, {"SDQ_REASON"}, [&](std::size_t row, bool looked_after) {
    return given(reason[row]) && !looked_after;
  });
}

}  // namespace safeguard::ssda903
