// The child's details against last year's return (Header_last, UASC_last): sex, date of birth,
// ethnicity, mother status and UPN should not change; UASC status and the date it ceased should
// follow on; and the unknown-UPN codes UN1 and UN4 where they cannot apply.
#include <algorithm>
#include <cctype>

#include "ssda903_rules/part_a/rules_a.h"
#include "ssda903_rules/part_a/support_a.h"

namespace safeguard::ssda903 {

using namespace part_a;  // NOLINT: this part's own helpers

namespace {

std::string upper(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return result;
}

// The Header rows of children also in last year's Header for which `differs(this_row, last_row)`
// holds against any of their rows last year.
template <typename Differs>
RuleFailures changed_since_last_year(const RuleInput& input, std::string_view column,
                                     Differs differs) {
  const Table* header = input.data.find("Header");
  const Table* last = input.data.find("Header_last");
  if (!has_columns(header, {"CHILD", column}) || !has_columns(last, {"CHILD", column})) return {};
  ChildRows last_rows(last);
  ColumnView child(header, "CHILD");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    if (!child[row]) continue;
    for (std::size_t last_row : last_rows.rows_of(*child[row])) {
      if (differs(row, last_row)) {
        failing.push_back(row);
        break;
      }
    }
  }
  return failing_rows("Header", std::move(failing));
}

}  // namespace

// 202: sex as recorded last year.
RuleFailures check_202(const RuleInput& input) {
  ColumnView now(input.data.find("Header"), "SEX");
  ColumnView before(input.data.find("Header_last"), "SEX");
  return changed_since_last_year(input, "SEX", [&](std::size_t row, std::size_t last_row) {
    return now[row] != before[last_row];
  });
}

// 203: date of birth as recorded last year (two unreadable dates count as the same).
RuleFailures check_203(const RuleInput& input) {
  auto now = dates_of(input.data.find("Header"), "DOB");
  auto before = dates_of(input.data.find("Header_last"), "DOB");
  return changed_since_last_year(input, "DOB", [&](std::size_t row, std::size_t last_row) {
    return now[row] != before[last_row];
  });
}

// 204: ethnicity as recorded last year, ignoring letter case.
RuleFailures check_204(const RuleInput& input) {
  ColumnView now(input.data.find("Header"), "ETHNIC");
  ColumnView before(input.data.find("Header_last"), "ETHNIC");
  return changed_since_last_year(input, "ETHNIC", [&](std::size_t row, std::size_t last_row) {
    if (given(now[row]) != given(before[last_row])) return true;
    return upper(text_of(now[row])) != upper(text_of(before[last_row]));
  });
}

// 207: a child who was a mother last year is still recorded as one (children with no episode
// this year are left out).
RuleFailures check_207(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"CHILD"})) return {};
  ChildIndex with_episodes(episodes->row_count);
  child_numbers(episodes, with_episodes, true);
  ColumnView child(input.data.find("Header"), "CHILD");
  ColumnView now(input.data.find("Header"), "MOTHER");
  ColumnView before(input.data.find("Header_last"), "MOTHER");
  return changed_since_last_year(input, "MOTHER", [&](std::size_t row, std::size_t last_row) {
    return with_episodes.find(*child[row]) != ChildIndex::kNone &&
           text_of(before[last_row]) == "1" && now[row] != before[last_row];
  });
}

// 208: the UPN as recorded last year, except a change from unknown (blank or UN1) to UN2-UN5, or
// from blank or any unknown code to a real UPN.
RuleFailures check_208(const RuleInput& input) {
  ColumnView now(input.data.find("Header"), "UPN");
  ColumnView before(input.data.find("Header_last"), "UPN");
  return changed_since_last_year(input, "UPN", [&](std::size_t row, std::size_t last_row) {
    const bool null_now = !given(now[row]);
    const bool null_before = !given(before[last_row]);
    if (null_now && null_before) return false;
    const std::string upn = null_now ? std::string() : upper(*now[row]);
    const std::string upn_last = null_before ? std::string() : upper(*before[last_row]);
    if (null_now != null_before || upn != upn_last) {
      auto unknown_later = [](const std::string& code) {
        return code == "UN2" || code == "UN3" || code == "UN4" || code == "UN5";
      };
      auto unknown = [&](const std::string& code) { return code == "UN1" || unknown_later(code); };
      bool valid_unknown_change =
          (null_before || upn_last == "UN1") && !null_now && unknown_later(upn);
      bool unknown_to_known = (null_before || unknown(upn_last)) && !null_now && !unknown(upn);
      return !valid_unknown_change && !unknown_to_known;
    }
    return false;
  });
}

// 209: a child of school age (4 by 31 August before the collection year) cannot have UPN UN1.
RuleFailures check_209(const RuleInput& input) {
  const Table* header = input.data.find("Header");
  if (!has_columns(header, {"UPN", "DOB"})) return {};
  auto reference = Date::from_ymd(input.metadata.collection_start.year() - 1, 8, 31);
  if (!reference) return {};
  ColumnView upn(header, "UPN");
  auto dob = dates_of(input, header, "DOB");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < header->row_count; ++row) {
    if (text_of(upn[row]) == "UN1" && dob[row] && dob[row]->plus_years(4) <= *reference) {
      failing.push_back(row);
    }
  }
  return failing_rows("Header", std::move(failing));
}

// 210: UN4 (UPN not yet obtained, child new to care) cannot stand for a child with an episode
// starting on or after 24 March of the collection year's end: reports the episode and the child.
RuleFailures check_210(const RuleInput& input) {
  const Table* header = input.data.find("Header");
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(header, {"CHILD", "UPN"}) || !has_columns(episodes, {"CHILD", "DECOM"})) {
    return {};
  }
  auto reference = Date::from_ymd(input.metadata.collection_end.year(), 3, 24);
  if (!reference) return {};
  ChildRows header_rows(header);
  ColumnView upn(header, "UPN");
  ColumnView child(episodes, "CHILD");
  auto decom = dates_of(input, episodes, "DECOM");
  std::vector<std::size_t> failing_header;
  std::vector<std::size_t> failing_episodes;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (!child[row] || !decom[row] || *decom[row] < *reference) continue;
    for (std::size_t header_row : header_rows.rows_of(*child[row])) {
      if (text_of(upn[header_row]) == "UN4") {
        failing_header.push_back(header_row);
        failing_episodes.push_back(row);
      }
    }
  }
  RuleFailures failures = failing_rows("Episodes", std::move(failing_episodes));
  add_failing_rows(failures, "Header", std::move(failing_header));
  return failures;
}

}  // namespace safeguard::ssda903
