// The CIN episode (CINdetails), its CIN plans and the child's disabilities: dates in the census
// year and in order, closure reasons, no further action referrals, overlapping episodes and plans.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "cin_census/rule.h"
#include "cin_census/support.h"

namespace safeguard::cin_census {

namespace {

using Groups = std::map<std::string, std::vector<std::size_t>>;

Groups group(const Table& table, std::initializer_list<std::string_view> on) {
  Groups groups;
  for (std::size_t row = 0; row < table.row_count; ++row) {
    groups[key_of(table, row, on)].push_back(row);
  }
  return groups;
}

// Keys (child|episode) of CINdetails rows for which `when` holds.
std::set<std::string> episodes_where(const Table& details,
                                     const std::function<bool(std::size_t)>& when) {
  std::set<std::string> keys;
  for (std::size_t row = 0; row < details.row_count; ++row) {
    if (when(row)) keys.insert(key_of(details, row, {"LAchildID", "CINdetailsID"}));
  }
  return keys;
}

// Marks every row of `table` whose child|episode key is in `keys` and for which `counts` holds
// (by default every row), and returns the keys that had one.
std::set<std::string> mark_linked(
    const RuleInput& input, RuleFailures& out, std::string_view table_name,
    const std::set<std::string>& keys,
    const std::function<bool(const Table&, std::size_t)>& counts = nullptr) {
  std::set<std::string> hit;
  const Table* table = input.census.find(table_name);
  if (table == nullptr) return hit;
  for (std::size_t row = 0; row < table->row_count; ++row) {
    std::string key = key_of(*table, row, {"LAchildID", "CINdetailsID"});
    if (!keys.count(key) || (counts && !counts(*table, row))) continue;
    out.add(table_name, row);
    hit.insert(key);
  }
  return hit;
}

void mark_details(RuleFailures& out, const Table& details, const std::set<std::string>& keys) {
  for (std::size_t row = 0; row < details.row_count; ++row) {
    if (keys.count(key_of(details, row, {"LAchildID", "CINdetailsID"}))) {
      out.add("CINdetails", row);
    }
  }
}

bool in_year(const RuleInput& input, const std::optional<Date>& date) {
  return date && *date >= collection_start(input) && *date <= reference_date(input);
}

bool overlaps(Date a_start, std::optional<Date> a_end, Date b_start, std::optional<Date> b_end) {
  return (!b_end || a_start <= *b_end) && (!a_end || b_start <= *a_end);
}

// Rows of a table whose date pairs overlap within a group.
void overlapping(const RuleInput& input, RuleFailures& out, std::string_view table_name,
                 std::string_view start_column, std::string_view end_column) {
  const Table* table = input.census.find(table_name);
  if (table == nullptr) return;
  for (const auto& [key, rows] : group(*table, {"LAchildID"})) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto a_start = date_at(*table, rows[i], start_column);
      if (!a_start) continue;
      for (std::size_t j = i + 1; j < rows.size(); ++j) {
        auto b_start = date_at(*table, rows[j], start_column);
        if (!b_start) continue;
        if (overlaps(*a_start, date_at(*table, rows[i], end_column), *b_start,
                     date_at(*table, rows[j], end_column))) {
          out.add(table_name, rows[i]);
          out.add(table_name, rows[j]);
        }
      }
    }
  }
}

// A date compared with the episode's referral date: marks both rows when fails(date, referral).
void against_referral(const RuleInput& input, RuleFailures& out, std::string_view table_name,
                      std::string_view column) {
  each_pair(input, out, table_name, "CINdetails", {"LAchildID", "CINdetailsID"},
            [&](const Table& t, std::size_t row, const Table& details, std::size_t d) {
              return before(date_at(t, row, column), date_at(details, d, "CINreferralDate"));
            });
}

// The working day before `date` (weekends skipped; bank holidays are not known here).
Date working_day_before(Date date) {
  Date day = date.plus_days(-1);
  while (day.weekday() >= 5) day = day.plus_days(-1);
  return day;
}

}  // namespace

void add_episode_rules(RuleRegistry& registry) {
  registry.add("1103", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    against_referral(input, out, "Assessments", "AssessmentActualStartDate");
  });
  registry.add("1104", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    against_referral(input, out, "Section47", "DateOfInitialCPC");
  });
  registry.add("1105", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    against_referral(input, out, "ChildProtectionPlans", "CPPstartDate");
  });
  registry.add("2889", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    against_referral(input, out, "Section47", "S47ActualStartDate");
  });
  registry.add("4015", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    against_referral(input, out, "CINplanDates", "CINPlanStartDate");
  });
  registry.add("2884", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "CINdetails", "Section47", {"LAchildID"},
              [](const Table& details, std::size_t d, const Table& enquiries, std::size_t s) {
                auto at_episode = date_at(details, d, "DateOfInitialCPC");
                auto at_enquiry = date_at(enquiries, s, "DateOfInitialCPC");
                return at_episode && at_enquiry && *at_episode == *at_enquiry;
              });
  });
  registry.add("2990", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* details = input.census.find("CINdetails");
    if (details == nullptr) return;
    auto closed_after_assessment = episodes_where(*details, [&](std::size_t row) {
      return in_list(details->text(row, "ReasonForClosure"), {"RC8", "RC9"});
    });
    std::set<std::string> active;
    for (const char* table : {"CINplanDates", "Section47", "ChildProtectionPlans"}) {
      auto hit = mark_linked(input, out, table, closed_after_assessment);
      active.insert(hit.begin(), hit.end());
    }
    for (std::size_t row = 0; row < details->row_count; ++row) {
      std::string key = key_of(*details, row, {"LAchildID", "CINdetailsID"});
      if (closed_after_assessment.count(key) &&
          (active.count(key) || !blank(*details, row, "DateOfInitialCPC"))) {
        out.add("CINdetails", row);
      }
    }
  });
  registry.add("4000", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* details = input.census.find("CINdetails");
    if (details == nullptr) return;
    auto no_further_action = episodes_where(
        *details, [&](std::size_t row) { return is_yes(details->text(row, "ReferralNFA")); });
    mark_details(out, *details, mark_linked(input, out, "CINplanDates", no_further_action));
  });
  registry.add("4001", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "ChildProtectionPlans", "CINplanDates", {"LAchildID", "CINdetailsID"},
              [](const Table& plans, std::size_t p, const Table& cin_plans, std::size_t c) {
                return blank(plans, p, "CPPendDate") && blank(cin_plans, c, "CINPlanEndDate");
              });
  });
  registry.add("4004", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* plans = input.census.find("CINplanDates");
    if (plans == nullptr) return;
    for (const auto& [key, rows] : group(*plans, {"LAchildID", "CINdetailsID"})) {
      std::vector<std::size_t> open;
      for (std::size_t row : rows) {
        if (blank(*plans, row, "CINPlanEndDate")) open.push_back(row);
      }
      if (open.size() > 1) {
        for (std::size_t row : open) out.add("CINplanDates", row);
      }
    }
  });
  registry.add("4008", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "CINplanDates", "ChildIdentifiers", {"LAchildID"},
              [](const Table& plans, std::size_t p, const Table& children, std::size_t c) {
                return before(date_at(children, c, "PersonDeathDate"),
                              date_at(plans, p, "CINPlanStartDate"));
              });
  });
  registry.add("4009Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "CINplanDates", "ChildIdentifiers", {"LAchildID"},
              [](const Table& plans, std::size_t p, const Table& children, std::size_t c) {
                return before(date_at(children, c, "PersonDeathDate"),
                              date_at(plans, p, "CINPlanEndDate"));
              });
  });
  registry.add("4010", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    Date reference = reference_date(input);
    each_row(input, out, "CINplanDates", [&](const Table& t, std::size_t row) {
      auto start = date_at(t, row, "CINPlanStartDate");
      return !start || *start > reference;
    });
  });
  registry.add("4011", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINplanDates", [](const Table& t, std::size_t row) {
      return before(date_at(t, row, "CINPlanEndDate"), date_at(t, row, "CINPlanStartDate"));
    });
  });
  registry.add("4012Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINplanDates", [](const Table& t, std::size_t row) {
      auto start = date_at(t, row, "CINPlanStartDate");
      auto end = date_at(t, row, "CINPlanEndDate");
      return start && end && *start == *end;
    });
  });
  registry.add("4013", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINplanDates", [&](const Table& t, std::size_t row) {
      auto end = date_at(t, row, "CINPlanEndDate");
      return end && !in_year(input, end);
    });
  });
  registry.add("4014", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    overlapping(input, out, "CINplanDates", "CINPlanStartDate", "CINPlanEndDate");
  });
  registry.add("8565", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* details = input.census.find("CINdetails");
    if (details == nullptr) return;
    std::unordered_map<std::string, Date> closed_on;
    for (std::size_t row = 0; row < details->row_count; ++row) {
      if (auto closed = date_at(*details, row, "CINclosureDate")) {
        closed_on[key_of(*details, row, {"LAchildID", "CINdetailsID"})] = *closed;
      }
    }
    std::set<std::string> active_after;
    auto check = [&](std::string_view table_name, std::initializer_list<std::string_view> dates) {
      const Table* table = input.census.find(table_name);
      if (table == nullptr) return;
      for (std::size_t row = 0; row < table->row_count; ++row) {
        std::string key = key_of(*table, row, {"LAchildID", "CINdetailsID"});
        auto closed = closed_on.find(key);
        if (closed == closed_on.end()) continue;
        for (std::string_view column : dates) {
          auto date = date_at(*table, row, column);
          if (date && *date > closed->second) {
            out.add(table_name, row);
            active_after.insert(key);
            break;
          }
        }
      }
    };
    check("Assessments", {"AssessmentActualStartDate", "AssessmentAuthorisationDate"});
    check("Section47", {"S47ActualStartDate", "DateOfInitialCPC"});
    check("ChildProtectionPlans", {"CPPstartDate", "CPPendDate"});
    check("CINplanDates", {"CINPlanStartDate", "CINPlanEndDate"});
    for (std::size_t row = 0; row < details->row_count; ++row) {
      std::string key = key_of(*details, row, {"LAchildID", "CINdetailsID"});
      auto closed = date_at(*details, row, "CINclosureDate");
      auto conference = date_at(*details, row, "DateOfInitialCPC");
      if (active_after.count(key) || (closed && conference && *conference > *closed)) {
        out.add("CINdetails", row);
      }
    }
  });
  registry.add("8568", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINdetails", [](const Table& t, std::size_t row) {
      return !is_valid_yes_no(t.text(row, "ReferralNFA"));
    });
  });
  registry.add("8569Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    Date cutoff = working_day_before(collection_start(input));
    each_row(input, out, "CINdetails", [&](const Table& t, std::size_t row) {
      auto referred = date_at(t, row, "CINreferralDate");
      return referred && *referred < cutoff && is_yes(t.text(row, "ReferralNFA"));
    });
  });
  registry.add("8600", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    Date reference = reference_date(input);
    each_row(input, out, "CINdetails", [&](const Table& t, std::size_t row) {
      auto referred = date_at(t, row, "CINreferralDate");
      return !referred || *referred > reference;
    });
  });
  registry.add("8610", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINdetails", [](const Table& t, std::size_t row) {
      std::string flag = upper(t.text(row, "ReferralNFA"));
      return (flag == "0" || flag == "FALSE") && blank(t, row, "PrimaryNeedCode");
    });
  });
  registry.add("8620", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINdetails", [&](const Table& t, std::size_t row) {
      auto closed = date_at(t, row, "CINclosureDate");
      return closed && !in_year(input, closed);
    });
  });
  registry.add("8630", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINdetails", [](const Table& t, std::size_t row) {
      return before(date_at(t, row, "CINclosureDate"), date_at(t, row, "CINreferralDate"));
    });
  });
  registry.add("8640", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINdetails", [](const Table& t, std::size_t row) {
      return !blank(t, row, "ReasonForClosure") &&
             !in_list(t.text(row, "ReasonForClosure"),
                      {"RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"});
    });
  });
  registry.add("8650", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINdetails", [](const Table& t, std::size_t row) {
      return !blank(t, row, "PrimaryNeedCode") &&
             !in_list(t.text(row, "PrimaryNeedCode"),
                      {"N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"});
    });
  });
  registry.add("8772", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "CINdetails", "ChildIdentifiers", {"LAchildID"},
              [](const Table& details, std::size_t d, const Table& children, std::size_t c) {
                return children.text(c, "UPNunknown") == "UN7" &&
                       !is_yes(details.text(d, "ReferralNFA"));
              });
  });
  registry.add("8775Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    Date reference = reference_date(input);
    each_pair(input, out, "CINdetails", "ChildIdentifiers", {"LAchildID"},
              [&](const Table& details, std::size_t d, const Table& children, std::size_t c) {
                auto born = date_at(children, c, "PersonBirthDate");
                if (!born) return false;
                Date until = date_at(details, d, "CINclosureDate").value_or(reference);
                return born->age_on(until) > 25;
              });
  });
  registry.add("8790", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* disabilities = input.census.find("Disabilities");
    if (disabilities == nullptr) return;
    for (const auto& [child, rows] : group(*disabilities, {"LAchildID"})) {
      bool none = std::any_of(rows.begin(), rows.end(), [&](std::size_t row) {
        return upper(disabilities->text(row, "Disability")) == "NONE";
      });
      if (!none) continue;
      for (std::size_t row : rows) {
        if (!blank(*disabilities, row, "Disability") &&
            upper(disabilities->text(row, "Disability")) != "NONE") {
          out.add("Disabilities", row);
        }
      }
    }
  });
  registry.add("8794", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* disabilities = input.census.find("Disabilities");
    if (disabilities == nullptr) return;
    for (const auto& [key, rows] : group(*disabilities, {"LAchildID", "Disability"})) {
      if (rows.size() > 1 && !blank(*disabilities, rows.front(), "Disability")) {
        for (std::size_t row : rows) out.add("Disabilities", row);
      }
    }
  });
  registry.add("8805", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINdetails", [](const Table& t, std::size_t row) {
      return !blank(t, row, "CINclosureDate") && blank(t, row, "ReasonForClosure");
    });
  });
  registry.add("8810", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINdetails", [](const Table& t, std::size_t row) {
      return blank(t, row, "CINclosureDate") && !blank(t, row, "ReasonForClosure");
    });
  });
  registry.add("8815", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* details = input.census.find("CINdetails");
    if (details == nullptr) return;
    for (const auto& [child, rows] : group(*details, {"LAchildID"})) {
      std::vector<std::size_t> open;
      for (std::size_t row : rows) {
        if (blank(*details, row, "CINclosureDate") && !is_yes(details->text(row, "ReferralNFA"))) {
          open.push_back(row);
        }
      }
      if (open.size() > 1) {
        for (std::size_t row : open) out.add("CINdetails", row);
      }
    }
  });
  registry.add("8816", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* details = input.census.find("CINdetails");
    if (details == nullptr) return;
    for (const auto& [child, rows] : group(*details, {"LAchildID"})) {
      std::optional<Date> latest;
      std::vector<std::size_t> open;
      for (std::size_t row : rows) {
        auto referred = date_at(*details, row, "CINreferralDate");
        if (!referred) continue;
        if (!latest || *referred > *latest) latest = referred;
        if (blank(*details, row, "CINclosureDate") && !is_yes(details->text(row, "ReferralNFA"))) {
          open.push_back(row);
        }
      }
      if (open.size() > 1) {
        for (std::size_t row : open) out.add("CINdetails", row);
      } else if (open.size() == 1 &&
                 *date_at(*details, open.front(), "CINreferralDate") < *latest) {
        out.add("CINdetails", open.front());
      }
    }
  });
  registry.add("8820", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* details = input.census.find("CINdetails");
    if (details == nullptr) return;
    for (auto [child, rows] : group(*details, {"LAchildID"})) {
      std::erase_if(rows,
                    [&](std::size_t row) { return !date_at(*details, row, "CINreferralDate"); });
      std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
        return *date_at(*details, a, "CINreferralDate") < *date_at(*details, b, "CINreferralDate");
      });
      for (std::size_t i = 1; i < rows.size(); ++i) {
        auto previous_end = date_at(*details, rows[i - 1], "CINclosureDate");
        if (previous_end && *date_at(*details, rows[i], "CINreferralDate") < *previous_end) {
          out.add("CINdetails", rows[i - 1]);
          out.add("CINdetails", rows[i]);
        }
      }
    }
  });
  registry.add("8825Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* details = input.census.find("CINdetails");
    if (details == nullptr) return;
    std::set<std::string> assessed;
    if (const Table* assessments = input.census.find("Assessments")) {
      for (std::size_t row = 0; row < assessments->row_count; ++row) {
        assessed.insert(key_of(*assessments, row, {"LAchildID", "CINdetailsID"}));
      }
    }
    for (std::size_t row = 0; row < details->row_count; ++row) {
      if (in_list(details->text(row, "ReasonForClosure"), {"RC8", "RC9"}) &&
          !assessed.count(key_of(*details, row, {"LAchildID", "CINdetailsID"}))) {
        out.add("CINdetails", row);
      }
    }
  });
  registry.add("8831", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* details = input.census.find("CINdetails");
    if (details == nullptr) return;
    auto no_further_action = episodes_where(
        *details, [&](std::size_t row) { return is_yes(details->text(row, "ReferralNFA")); });
    std::set<std::string> active;
    auto hit = mark_linked(input, out, "Assessments", no_further_action,
                           [](const Table& t, std::size_t row) {
                             return !blank(t, row, "AssessmentActualStartDate") ||
                                    !blank(t, row, "AssessmentAuthorisationDate");
                           });
    active.insert(hit.begin(), hit.end());
    hit = mark_linked(
        input, out, "Section47", no_further_action, [](const Table& t, std::size_t row) {
          return !blank(t, row, "S47ActualStartDate") || !blank(t, row, "DateOfInitialCPC");
        });
    active.insert(hit.begin(), hit.end());
    for (std::size_t row = 0; row < details->row_count; ++row) {
      std::string key = key_of(*details, row, {"LAchildID", "CINdetailsID"});
      if (no_further_action.count(key) &&
          (active.count(key) || !blank(*details, row, "DateOfInitialCPC"))) {
        out.add("CINdetails", row);
      }
    }
  });
  registry.add("8832", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* details = input.census.find("CINdetails");
    if (details == nullptr) return;
    auto no_further_action = episodes_where(
        *details, [&](std::size_t row) { return is_yes(details->text(row, "ReferralNFA")); });
    mark_details(out, *details, mark_linked(input, out, "ChildProtectionPlans", no_further_action));
  });
}

}  // namespace safeguard::cin_census
