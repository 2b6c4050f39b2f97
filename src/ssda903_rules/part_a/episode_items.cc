// Episode items: start and end dates, reason for new episode, legal status, category of need,
// placement type and reason episode ceased, and an earlier episode left open.
#include <algorithm>

#include "ssda903_rules/part_a/rules_a.h"
#include "ssda903_rules/part_a/support_a.h"

namespace safeguard::ssda903 {

using namespace part_a;  // NOLINT: this part's own helpers

// 141: every episode needs a valid start date.
RuleFailures check_141(const RuleInput& input) {
  return rows_without_date(input, "Episodes", "DECOM", true);
}

// 142: every episode but a child's latest must have ended (a date and a reason). An episode with
// no valid start date counts as the latest, as nothing can be said about its order.
RuleFailures check_142(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"CHILD", "DECOM", "DEC", "REC"})) return {};
  ColumnView rec(episodes, "REC");
  auto decom = dates_of(input, episodes, "DECOM");
  auto dec = dates_of(input, episodes, "DEC");
  // Latest by start date, undated starts after every dated one; the last row wins a tie.
  auto later_or_same = [&](std::size_t row, std::size_t than) {
    if (!decom[row]) return true;
    if (!decom[than]) return false;
    return *decom[row] >= *decom[than];
  };
  ChildIndex children(episodes->row_count);
  auto numbers = child_numbers(episodes, children, true);
  std::vector<std::size_t> latest(children.size(), 0);
  std::vector<char> seen(children.size(), 0);
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    std::uint32_t number = numbers[row];
    if (number == ChildIndex::kNone) continue;
    if (!seen[number] || later_or_same(row, latest[number])) latest[number] = row;
    seen[number] = 1;
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (numbers[row] == ChildIndex::kNone || !decom[row] || latest[numbers[row]] == row) continue;
    if (!dec[row] || !given(rec[row])) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

// 143: the reason for a new episode, when given, is S, P, L, T, U or B.
RuleFailures check_143(const RuleInput& input) {
  return rows_without_code(input, "Episodes", "RNE", {"S", "P", "L", "T", "U", "B"}, true);
}

// 144: the legal status, when given, is one of the DfE's codes.
RuleFailures check_144(const RuleInput& input) {
  return rows_without_code(
      input, "Episodes", "LS",
      {"C1", "C2", "D1", "E1", "V2", "V3", "V4", "J1", "J2", "J3", "L1", "L2", "L3"}, true);
}

// 145: the category of need, when given, is N1-N8.
RuleFailures check_145(const RuleInput& input) {
  return rows_without_code(input, "Episodes", "CIN",
                           {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"}, true);
}

// 146: the placement type, when given, is one of the year's codes.
RuleFailures check_146(const RuleInput& input) {
  return rows_without_code(
      input, "Episodes", "PLACE",
      {"A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5",
       "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"},
      true);
}

// 146 from 2024/25: K3 joins the placement types. (The DfE tool's list spells it "k3", which no
// file would use; the code is K3.)
RuleFailures check_146_2024(const RuleInput& input) {
  return rows_without_code(
      input, "Episodes", "PLACE",
      {"A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3",
       "R5", "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"},
      true);
}

// 146 from 2025/26: H5 and P2 go; Z1 is split into Z11-Z14.
RuleFailures check_146_2025(const RuleInput& input) {
  return rows_without_code(
      input, "Episodes", "PLACE",
      {"A3", "A4", "A5", "A6", "K1", "K2", "K3", "P1", "P3", "R1", "R2",  "R3",  "R5",  "S1", "T0",
       "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z11", "Z12", "Z13", "Z14"},
      true);
}

// 147: the date an episode ceased, when given, is a valid date.
RuleFailures check_147(const RuleInput& input) {
  return rows_without_date(input, "Episodes", "DEC", true);
}

// 148: the date and the reason an episode ceased are both given or both blank.
RuleFailures check_148(const RuleInput& input) {
  const Table* episodes = input.data.find("Episodes");
  if (!has_columns(episodes, {"DEC", "REC"})) return {};
  ColumnView dec(episodes, "DEC");
  ColumnView rec(episodes, "REC");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < episodes->row_count; ++row) {
    if (given(dec[row]) != given(rec[row])) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

// 149: the reason an episode ceased, when given, is one of the DfE's codes.
RuleFailures check_149(const RuleInput& input) {
  return rows_without_code(
      input, "Episodes", "REC",
      {"E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47",
       "E48", "E5",  "E6", "E7", "E8",  "E9",  "E14", "E15", "E16", "E17", "X1"},
      true);
}

}  // namespace safeguard::ssda903
