// Care leavers (OC3) items: in touch, activity and accommodation codes, completeness, and no
// adoption data for a care leaver.
#include "ssda903_rules/part_a/rules_a.h"
#include "ssda903_rules/part_a/support_a.h"

namespace safeguard::ssda903 {

using namespace part_a;  // NOLINT: this part's own helpers

// 131: whether the authority is in touch with the care leaver, as one of the DfE's codes.
RuleFailures check_131(const RuleInput& input) {
  return rows_without_code(input, "OC3", "IN_TOUCH", {"YES", "NO", "DIED", "REFU", "NREQ", "RHOM"},
                           false);
}

// 132: the care leaver's activity, as one of the DfE's codes (0 when not known).
RuleFailures check_132(const RuleInput& input) {
  return rows_without_code(input, "OC3", "ACTIV",
                           {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"},
                           false);
}

// 133: the care leaver's accommodation, as one of the DfE's codes (0 when not known).
RuleFailures check_133(const RuleInput& input) {
  return rows_without_code(input, "OC3", "ACCOM",
                           {"B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1",
                            "H2", "K1", "K2", "R1", "R2", "S2", "T1", "T2", "U1", "U2", "V1",
                            "V2", "W1", "W2", "X2", "Y1", "Y2", "Z1", "Z2", "0"},
                           false);
}

// 134: a child with care leaver information (OC3) should have no adoption information (AD1).
RuleFailures check_134(const RuleInput& input) {
  const Table* oc3 = input.data.find("OC3");
  const Table* ad1 = input.data.find("AD1");
  if (!has_columns(oc3, {"CHILD", "IN_TOUCH", "ACTIV", "ACCOM"}) ||
      !has_columns(ad1, {"CHILD", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR",
                         "SEX_ADOPTR", "LS_ADOPTR"})) {
    return {};
  }
  ColumnView oc3_child(oc3, "CHILD");
  ColumnView in_touch(oc3, "IN_TOUCH");
  ColumnView activity(oc3, "ACTIV");
  ColumnView accommodation(oc3, "ACCOM");
  ChildIndex care_leavers(oc3->row_count);
  for (std::size_t row = 0; row < oc3->row_count; ++row) {
    if (oc3_child[row] &&
        (given(in_touch[row]) || given(activity[row]) || given(accommodation[row]))) {
      care_leavers.add(*oc3_child[row]);
    }
  }
  ColumnView child(ad1, "CHILD");
  std::vector<ColumnView> items;
  for (std::string_view name :
       {"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}) {
    items.emplace_back(ad1, name);
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < ad1->row_count; ++row) {
    if (!child[row] || care_leavers.find(*child[row]) == ChildIndex::kNone) continue;
    for (const ColumnView& item : items) {
      if (given(item[row])) {
        failing.push_back(row);
        break;
      }
    }
  }
  return failing_rows("AD1", std::move(failing));
}

// 153: in touch, activity and accommodation are all given or all left blank.
RuleFailures check_153(const RuleInput& input) {
  const Table* oc3 = input.data.find("OC3");
  if (!has_columns(oc3, {"IN_TOUCH", "ACTIV", "ACCOM"})) return {};
  ColumnView in_touch(oc3, "IN_TOUCH");
  ColumnView activity(oc3, "ACTIV");
  ColumnView accommodation(oc3, "ACCOM");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < oc3->row_count; ++row) {
    int count =
        int{given(in_touch[row])} + int{given(activity[row])} + int{given(accommodation[row])};
    if (count != 0 && count != 3) failing.push_back(row);
  }
  return failing_rows("OC3", std::move(failing));
}

// 151: the adoption items (AD1) are all given or all left blank.
RuleFailures check_151(const RuleInput& input) {
  const Table* ad1 = input.data.find("AD1");
  if (!has_columns(
          ad1, {"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"})) {
    return {};
  }
  std::vector<ColumnView> items;
  for (std::string_view name :
       {"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}) {
    items.emplace_back(ad1, name);
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < ad1->row_count; ++row) {
    std::size_t count = 0;
    for (const ColumnView& item : items) count += given(item[row]) ? 1 : 0;
    if (count != 0 && count != items.size()) failing.push_back(row);
  }
  return failing_rows("AD1", std::move(failing));
}

}  // namespace safeguard::ssda903
