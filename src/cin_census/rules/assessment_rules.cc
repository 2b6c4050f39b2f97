// Assessments and the factors identified at them: dates in order and in the census year, open
// and overlapping assessments, and the factor codes.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "cin_census/rule.h"
#include "cin_census/support.h"

namespace safeguard::cin_census {

namespace {

constexpr std::string_view kFactors[] = {
    "1A",  "1B",  "1C",  "2A",  "2B",  "2C",  "3A",  "3B",  "3C",  "4A",  "4B",
    "4C",  "5A",  "5B",  "5C",  "6A",  "6B",  "6C",  "7A",  "8B",  "8C",  "8D",
    "8E",  "8F",  "9A",  "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A",
    "18A", "18B", "18C", "19A", "19B", "19C", "20",  "21",  "22A", "23A", "24A"};

bool in_year(const RuleInput& input, const std::optional<Date>& date) {
  return date && *date >= collection_start(input) && *date <= reference_date(input);
}

std::vector<std::string> factors_at(const Table& t, std::size_t row) {
  return codes_in(t.text(row, "AssessmentFactors"));
}

// Rows whose factor list holds `code` in any case: the DfE has withdrawn it.
RuleCheck withdrawn_factor(std::string code) {
  return [code](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Assessments", [&](const Table& t, std::size_t row) {
      auto codes = factors_at(t, row);
      return std::any_of(codes.begin(), codes.end(),
                         [&](const std::string& each) { return upper(each) == code; });
    });
  };
}

}  // namespace

void add_assessment_rules(RuleRegistry& registry) {
  registry.add("8608", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Assessments", [](const Table& t, std::size_t row) {
      return before(date_at(t, row, "AssessmentAuthorisationDate"),
                    date_at(t, row, "AssessmentActualStartDate"));
    });
  });
  registry.add("8614", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Assessments", [](const Table& t, std::size_t row) {
      return !blank(t, row, "AssessmentFactors") && blank(t, row, "AssessmentAuthorisationDate");
    });
  });
  registry.add("8670Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    Date reference = reference_date(input);
    each_row(input, out, "Assessments", [&](const Table& t, std::size_t row) {
      auto start = date_at(t, row, "AssessmentActualStartDate");
      return start && blank(t, row, "AssessmentAuthorisationDate") &&
             weekdays_between(*start, reference) >= 45;
    });
  });
  registry.add("8696", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Assessments", [&](const Table& t, std::size_t row) {
      auto end = date_at(t, row, "AssessmentAuthorisationDate");
      return end && !in_year(input, end);
    });
  });
  registry.add("8736", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Assessments", [&](const Table& t, std::size_t row) {
      auto start = date_at(t, row, "AssessmentActualStartDate");
      return start && blank(t, row, "AssessmentAuthorisationDate") && !in_year(input, start);
    });
  });
  registry.add("8863Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* assessments = input.census.find("Assessments");
    if (assessments == nullptr) return;
    for (const auto& [child, rows] : group_rows(*assessments, {"LAchildID"})) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        auto a_start = date_at(*assessments, rows[i], "AssessmentActualStartDate");
        auto a_end = date_at(*assessments, rows[i], "AssessmentAuthorisationDate");
        if (!a_start) continue;
        for (std::size_t j = i + 1; j < rows.size(); ++j) {
          auto b_start = date_at(*assessments, rows[j], "AssessmentActualStartDate");
          auto b_end = date_at(*assessments, rows[j], "AssessmentAuthorisationDate");
          if (!b_start) continue;
          if ((!b_end || *a_start <= *b_end) && (!a_end || *b_start <= *a_end)) {
            out.add("Assessments", rows[i]);
            out.add("Assessments", rows[j]);
          }
        }
      }
    }
  });
  registry.add("8869", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* assessments = input.census.find("Assessments");
    if (assessments == nullptr) return;
    auto groups = group_rows(
        *assessments, {"LAchildID", "CINdetailsID", "AssessmentID", "AssessmentAuthorisationDate"});
    for (const auto& [key, rows] : groups) {
      bool has_21 = false;
      for (std::size_t row : rows) {
        for (const auto& code : factors_at(*assessments, row)) has_21 = has_21 || code == "21";
      }
      if (!has_21) continue;
      for (std::size_t row : rows) {
        auto codes = factors_at(*assessments, row);
        if (std::any_of(codes.begin(), codes.end(), [](const auto& c) { return c != "21"; })) {
          out.add("Assessments", row);
        }
      }
    }
  });
  registry.add("8873Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* assessments = input.census.find("Assessments");
    const Table* details = input.census.find("CINdetails");
    if (assessments == nullptr || details == nullptr) return;
    std::unordered_map<std::string, std::vector<std::size_t>> episode_rows;
    for (std::size_t row = 0; row < details->row_count; ++row) {
      episode_rows[key_of(*details, row, {"LAchildID", "CINdetailsID"})].push_back(row);
    }
    for (const auto& [key, rows] : group_rows(*assessments, {"LAchildID", "CINdetailsID"})) {
      std::set<std::string> assessment_ids;
      for (std::size_t row : rows) {
        assessment_ids.insert(std::string(assessments->text(row, "AssessmentID")));
      }
      if (assessment_ids.size() != 1) continue;
      bool only_21 = false;
      for (std::size_t row : rows) {
        for (const auto& code : factors_at(*assessments, row)) only_21 = only_21 || code == "21";
      }
      if (!only_21) continue;
      for (std::size_t detail : episode_rows[key]) {
        if (in_list(details->text(detail, "ReasonForClosure"), {"RC8", "RC9"})) continue;
        out.add("CINdetails", detail);
        for (std::size_t row : rows) out.add("Assessments", row);
      }
    }
  });
  registry.add("8896", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    const Table* assessments = input.census.find("Assessments");
    if (assessments == nullptr) return;
    for (const auto& [key, rows] : group_rows(*assessments, {"LAchildID", "CINdetailsID"})) {
      std::vector<std::size_t> open;
      for (std::size_t row : rows) {
        if (blank(*assessments, row, "AssessmentAuthorisationDate")) open.push_back(row);
      }
      if (open.size() > 1) {
        for (std::size_t row : open) out.add("Assessments", row);
      }
    }
  });
  registry.add("8897Q", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Assessments", [&](const Table& t, std::size_t row) {
      auto completed = date_at(t, row, "AssessmentAuthorisationDate");
      if (!in_year(input, completed)) return false;
      auto codes = factors_at(t, row);
      if (codes.empty()) return true;
      return std::any_of(codes.begin(), codes.end(),
                         [](const auto& code) { return !in_list(upper(code), kFactors); });
    });
  });
  registry.add("8898", "2022_23", [](const RuleInput& input, RuleFailures& out) {
    each_row(input, out, "Assessments", [](const Table& t, std::size_t row) {
      auto codes = factors_at(t, row);
      std::set<std::string> unique(codes.begin(), codes.end());
      return unique.size() != codes.size();
    });
  });
  registry.add("8945Q", "2024_25", withdrawn_factor("18A"));
  registry.add("8950Q", "2024_25", withdrawn_factor("19A"));
}

}  // namespace safeguard::cin_census
