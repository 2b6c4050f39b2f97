// Section 47 enquiries, initial child protection conferences and child protection plans with their
// reviews: dates in the census year and in order, weekends, open and overlapping enquiries and
// plans, and plans against conferences.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "cin_census/rule.h"
#include "cin_census/support.h"

namespace safeguard::cin_census {

namespace {

bool in_year(const RuleInput& input, const std::optional<Date>& date) {
  return date && *date >= collection_start(input) && *date <= reference_date(input);
}

bool weekend(const std::optional<Date>& date) { return date && date->weekday() >= 5; }

// An enquiry still waiting for its conference: no conference date and not marked as needing none.
bool awaiting_conference(const Table& t, std::size_t row) {
  return blank(t, row, "DateOfInitialCPC") && !is_yes(t.text(row, "ICPCnotRequired"));
}

constexpr std::string_view kCategories[] = {"NEG", "PHY", "EMO", "SAB", "MUL"};
constexpr std::string_view kReferralSources[] = {"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B",
                                                 "3C", "3D", "3E", "3F", "4",  "5A", "5B", "5C",
                                                 "5D", "6",  "7",  "8",  "9",  "10"};

// Marks pairs of a child's rows whose [start, end] periods meet (an absent end is open).
void overlapping(RuleFailures& out, const Table& table, std::string_view table_name,
                 const std::function<std::optional<Date>(std::size_t)>& start,
                 const std::function<std::optional<Date>(std::size_t)>& end) {
  for (const auto& [child, rows] : group_rows(table, {"LAchildID"})) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto a_start = start(rows[i]);
      if (!a_start) continue;
      auto a_end = end(rows[i]);
      for (std::size_t j = i + 1; j < rows.size(); ++j) {
        auto b_start = start(rows[j]);
        if (!b_start) continue;
        auto b_end = end(rows[j]);
        if ((!b_end || *a_start <= *b_end) && (!a_end || *b_start <= *a_end)) {
          out.add(table_name, rows[i]);
          out.add(table_name, rows[j]);
        }
      }
    }
  }
}

}  // namespace

namespace {

// Marks a CIN plan and a child protection plan of the same episode when `date` (taken from one)
// falls in [start, end) of the other (an absent end is open).
void within(const RuleInput& input, RuleFailures& out, bool cin_plan_inside) {
  each_pair(input, out, "CINplanDates", "ChildProtectionPlans", {"LAchildID", "CINdetailsID"},
            [&](const Table& cin, std::size_t c, const Table& cpp, std::size_t p) {
              auto cin_start = date_at(cin, c, "CINPlanStartDate");
              auto cpp_start = date_at(cpp, p, "CPPstartDate");
              if (!cin_start || !cpp_start) return false;
              if (cin_plan_inside) {
                auto cpp_end = date_at(cpp, p, "CPPendDate");
                return *cpp_start <= *cin_start && (!cpp_end || *cin_start < *cpp_end);
              }
              auto cin_end = date_at(cin, c, "CINPlanEndDate");
              return *cin_start <= *cpp_start && (!cin_end || *cpp_start < *cin_end);
            });
}

void plan_starts_at_conference(const RuleInput& input, RuleFailures& out) {
  const Table* plans = input.census.find("ChildProtectionPlans");
  if (plans == nullptr) return;
  const Table* enquiries = input.census.find("Section47");
  const Table* details = input.census.find("CINdetails");
  std::unordered_map<std::string, std::vector<std::size_t>> enquiry_rows, detail_rows;
  if (enquiries) {
    for (std::size_t row = 0; row < enquiries->row_count; ++row) {
      enquiry_rows[key_of(*enquiries, row, {"LAchildID", "CINdetailsID"})].push_back(row);
    }
  }
  if (details) {
    for (std::size_t row = 0; row < details->row_count; ++row) {
      detail_rows[key_of(*details, row, {"LAchildID", "CINdetailsID"})].push_back(row);
    }
  }
  // Plan start dates by episode, so a conference that made some plan is not blamed for another.
  std::unordered_map<std::string, std::vector<Date>> plan_starts;
  for (std::size_t p = 0; p < plans->row_count; ++p) {
    if (auto start = date_at(*plans, p, "CPPstartDate")) {
      plan_starts[key_of(*plans, p, {"LAchildID", "CINdetailsID"})].push_back(*start);
    }
  }
  auto made_a_plan = [&](const std::string& key, std::optional<Date> held) {
    const auto& starts = plan_starts[key];
    return held && std::find(starts.begin(), starts.end(), *held) != starts.end();
  };
  for (std::size_t p = 0; p < plans->row_count; ++p) {
    auto start = date_at(*plans, p, "CPPstartDate");
    if (!in_year(input, start)) continue;
    std::string key = key_of(*plans, p, {"LAchildID", "CINdetailsID"});
    // The conference that made the plan is the one its episode's section 47 enquiries held; an
    // enquiry still awaiting its conference cannot have made it; with neither, the episode's own
    // conference date.
    std::vector<std::size_t> held, awaiting;
    for (std::size_t s : enquiry_rows[key]) {
      if (!blank(*enquiries, s, "DateOfInitialCPC")) {
        held.push_back(s);
      } else if (!is_yes(enquiries->text(s, "ICPCnotRequired"))) {
        awaiting.push_back(s);
      }
    }
    if (!held.empty()) {
      bool matched = std::any_of(held.begin(), held.end(), [&](std::size_t s) {
        return date_at(*enquiries, s, "DateOfInitialCPC") == start;
      });
      if (matched) continue;
      out.add("ChildProtectionPlans", p);
      for (std::size_t s : held) {
        if (!made_a_plan(key, date_at(*enquiries, s, "DateOfInitialCPC"))) {
          out.add("Section47", s);
        }
      }
      continue;
    }
    if (!awaiting.empty()) {
      out.add("ChildProtectionPlans", p);
      for (std::size_t s : awaiting) out.add("Section47", s);
      continue;
    }
    bool matched = false;
    for (std::size_t d : detail_rows[key]) {
      matched = matched || date_at(*details, d, "DateOfInitialCPC") == start;
    }
    if (matched) continue;
    out.add("ChildProtectionPlans", p);
    for (std::size_t d : detail_rows[key]) {
      auto date = date_at(*details, d, "DateOfInitialCPC");
      if (date && !made_a_plan(key, date)) out.add("CINdetails", d);
    }
  }
}

}  // namespace

void add_protection_rules(RuleRegistry& registry) {
  registry.add("2885", "2022_23", plan_starts_at_conference);
  registry.add("4016", "2022_23",
               [](const RuleInput& input, RuleFailures& out) { within(input, out, true); });
  registry.add("4017", "2022_23",
               [](const RuleInput& input, RuleFailures& out) { within(input, out, false); });
  registry.add("4003", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* plans = input.census.find("ChildProtectionPlans");
    const Table* reviews = input.census.find("Reviews");
    const Table* cin_plans = input.census.find("CINplanDates");
    if (!plans || !reviews || !cin_plans) return;
    std::unordered_map<std::string, std::vector<std::size_t>> plan_rows, cin_plan_rows;
    for (std::size_t row = 0; row < plans->row_count; ++row) {
      plan_rows[key_of(*plans, row, {"LAchildID", "CPPID"})].push_back(row);
    }
    for (std::size_t row = 0; row < cin_plans->row_count; ++row) {
      cin_plan_rows[key_of(*cin_plans, row, {"LAchildID", "CINdetailsID"})].push_back(row);
    }
    for (std::size_t r = 0; r < reviews->row_count; ++r) {
      auto held = date_at(*reviews, r, "CPPreviewDate");
      if (!held) continue;
      for (std::size_t p : plan_rows[key_of(*reviews, r, {"LAchildID", "CPPID"})]) {
        auto ended = date_at(*plans, p, "CPPendDate");
        if (ended && *held >= *ended) continue;
        for (std::size_t c : cin_plan_rows[key_of(*reviews, r, {"LAchildID", "CINdetailsID"})]) {
          auto start = date_at(*cin_plans, c, "CINPlanStartDate");
          auto end = date_at(*cin_plans, c, "CINPlanEndDate");
          if (start && *start <= *held && (!end || *held <= *end)) {
            out.add("Reviews", r);
            out.add("ChildProtectionPlans", p);
            out.add("CINplanDates", c);
          }
        }
      }
    }
  });
  registry.add("8615", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Section47", [](const Table& t, std::size_t row) {
      auto held = date_at(t, row, "DateOfInitialCPC");
      if (!held) return false;
      auto start = date_at(t, row, "S47ActualStartDate");
      return !start || *start > *held;
    });
  });
  registry.add("2883", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    long plans = 0, conferences = 0;
    if (const Table* t = input.census.find("ChildProtectionPlans")) {
      for (std::size_t row = 0; row < t->row_count; ++row) {
        plans += in_year(input, date_at(*t, row, "CPPstartDate")) ? 1 : 0;
      }
    }
    for (const char* name : {"Section47", "CINdetails"}) {
      if (const Table* t = input.census.find(name)) {
        for (std::size_t row = 0; row < t->row_count; ++row) {
          conferences += in_year(input, date_at(*t, row, "DateOfInitialCPC")) ? 1 : 0;
        }
      }
    }
    if (plans > conferences) out.authority_level = true;
  });
  registry.add("2991Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    std::unordered_set<std::string> assessed;
    if (const Table* assessments = input.census.find("Assessments")) {
      for (std::size_t row = 0; row < assessments->row_count; ++row) {
        assessed.insert(key_of(*assessments, row, {"LAchildID", "CINdetailsID"}));
      }
    }
    each_row(input, out, "Section47", [&](const Table& t, std::size_t row) {
      return !assessed.count(key_of(t, row, {"LAchildID", "CINdetailsID"}));
    });
  });
  registry.add("8675Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    Date reference = reference_date(input);
    each_row(input, out, "Section47", [&](const Table& t, std::size_t row) {
      auto start = date_at(t, row, "S47ActualStartDate");
      return start && awaiting_conference(t, row) && weekdays_between(*start, reference) > 15;
    });
  });
  registry.add("8715", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Section47", [&](const Table& t, std::size_t row) {
      auto held = date_at(t, row, "DateOfInitialCPC");
      return held && !in_year(input, held);
    });
  });
  registry.add("8720", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    Date reference = reference_date(input);
    each_row(input, out, "ChildProtectionPlans", [&](const Table& t, std::size_t row) {
      if (blank(t, row, "CPPID")) return false;
      auto start = date_at(t, row, "CPPstartDate");
      return !start || *start > reference;
    });
  });
  registry.add("8730", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildProtectionPlans", [](const Table& t, std::size_t row) {
      std::string_view count = t.text(row, "NumberOfPreviousCPP");
      if (count.empty()) return true;
      for (char c : count) {
        if (c < '0' || c > '9') return true;
      }
      return false;
    });
  });
  registry.add("8740", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Section47", [&](const Table& t, std::size_t row) {
      auto start = date_at(t, row, "S47ActualStartDate");
      return start && awaiting_conference(t, row) && !in_year(input, start);
    });
  });
  registry.add("8839", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* enquiries = input.census.find("Section47");
    if (enquiries == nullptr) return;
    for (const auto& [key, rows] : group_rows(*enquiries, {"LAchildID", "CINdetailsID"})) {
      std::vector<std::size_t> open;
      for (std::size_t row : rows) {
        if (awaiting_conference(*enquiries, row)) open.push_back(row);
      }
      if (open.size() > 1) {
        for (std::size_t row : open) out.add("Section47", row);
      }
    }
  });
  registry.add("8840", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildProtectionPlans", [](const Table& t, std::size_t row) {
      auto start = date_at(t, row, "CPPstartDate");
      auto end = date_at(t, row, "CPPendDate");
      return start && end && *start == *end;
    });
  });
  registry.add("8841", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "ChildProtectionPlans", "Reviews", {"LAchildID", "CPPID"},
              [](const Table& plans, std::size_t p, const Table& reviews, std::size_t r) {
                auto start = date_at(plans, p, "CPPstartDate");
                auto review = date_at(reviews, r, "CPPreviewDate");
                return start && review && *review <= *start;
              });
  });
  registry.add("8842Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Reviews",
             [](const Table& t, std::size_t row) { return blank(t, row, "CPPreviewDate"); });
  });
  registry.add("8866", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "CINdetails", [](const Table& t, std::size_t row) {
      return !in_list(upper(t.text(row, "ReferralSource")), kReferralSources);
    });
  });
  registry.add("8867", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "CINdetails", "Assessments", {"LAchildID", "CINdetailsID"},
              [](const Table& details, std::size_t d, const Table& assessments, std::size_t a) {
                return !blank(details, d, "CINclosureDate") &&
                       blank(assessments, a, "AssessmentAuthorisationDate");
              });
  });
  registry.add("8868", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "CINdetails", "Section47", {"LAchildID", "CINdetailsID"},
              [](const Table& details, std::size_t d, const Table& enquiries, std::size_t s) {
                auto closed = date_at(details, d, "CINclosureDate");
                if (!closed) return false;
                auto held = date_at(enquiries, s, "DateOfInitialCPC");
                if (held) return *held >= *closed;
                return !is_yes(enquiries.text(s, "ICPCnotRequired"));
              });
  });
  registry.add("8870Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Section47", [](const Table& t, std::size_t row) {
      return weekend(date_at(t, row, "InitialCPCtarget"));
    });
  });
  registry.add("8875", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Section47", [](const Table& t, std::size_t row) {
      return weekend(date_at(t, row, "DateOfInitialCPC"));
    });
  });
  registry.add("8890", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* enquiries = input.census.find("Section47");
    if (enquiries == nullptr) return;
    auto start = [&](std::size_t row) { return date_at(*enquiries, row, "S47ActualStartDate"); };
    auto end = [&](std::size_t row) -> std::optional<Date> {
      if (auto held = date_at(*enquiries, row, "DateOfInitialCPC")) return held;
      if (is_yes(enquiries->text(row, "ICPCnotRequired"))) return start(row);
      return std::nullopt;
    };
    overlapping(out, *enquiries, "Section47", start, end);
  });
  registry.add("8905", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildProtectionPlans", [](const Table& t, std::size_t row) {
      return !in_list(t.text(row, "InitialCategoryOfAbuse"), kCategories);
    });
  });
  registry.add("8910", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildProtectionPlans", [](const Table& t, std::size_t row) {
      return !in_list(t.text(row, "LatestCategoryOfAbuse"), kCategories);
    });
  });
  registry.add("8915", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "ChildProtectionPlans", "ChildIdentifiers", {"LAchildID"},
              [](const Table& plans, std::size_t p, const Table& children, std::size_t c) {
                return before(date_at(children, c, "PersonDeathDate"),
                              date_at(plans, p, "CPPstartDate"));
              });
  });
  registry.add("8920", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_pair(input, out, "ChildProtectionPlans", "ChildIdentifiers", {"LAchildID"},
              [](const Table& plans, std::size_t p, const Table& children, std::size_t c) {
                return before(date_at(children, c, "PersonDeathDate"),
                              date_at(plans, p, "CPPendDate"));
              });
  });
  registry.add("8925", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildProtectionPlans", [](const Table& t, std::size_t row) {
      return before(date_at(t, row, "CPPendDate"), date_at(t, row, "CPPstartDate"));
    });
  });
  registry.add("8930", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "ChildProtectionPlans", [&](const Table& t, std::size_t row) {
      auto end = date_at(t, row, "CPPendDate");
      return end && !in_year(input, end);
    });
  });
  registry.add("8935", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* plans = input.census.find("ChildProtectionPlans");
    if (plans == nullptr) return;
    for (const auto& [child, rows] : group_rows(*plans, {"LAchildID"})) {
      std::vector<std::size_t> open;
      for (std::size_t row : rows) {
        if (blank(*plans, row, "CPPendDate")) open.push_back(row);
      }
      if (open.size() > 1) {
        for (std::size_t row : open) out.add("ChildProtectionPlans", row);
      }
    }
  });
  registry.add("8940", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* plans = input.census.find("ChildProtectionPlans");
    if (plans == nullptr) return;
    overlapping(
        out, *plans, "ChildProtectionPlans",
        [&](std::size_t row) { return date_at(*plans, row, "CPPstartDate"); },
        [&](std::size_t row) { return date_at(*plans, row, "CPPendDate"); });
  });
}

}  // namespace safeguard::cin_census
