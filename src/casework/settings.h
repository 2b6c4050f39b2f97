// The authority's safeguard settings: each a row of the store's `setting` table, with the default
// used when the row is absent. docs/safeguards.md lists them with the rules they set.
//
//   caseload.limit_per_fte                 18     weighted cases a full-time worker may hold
//   caseload.weight.child_protection       1.5    weight of a case with an open protection plan
//   caseload.weight.looked_after           1.0    weight of a case of a child looked after
//   caseload.weight.child_in_need          1.0    weight of any other open case
//   closure.visit_working_days             10     a case closes only after a visit with the child
//                                                 seen within this many working days
//   worklist.unallocated_working_days      5      a case waiting longer is on the work lists
//   calendar.closure_days                  ""     extra closure days, ISO dates, comma separated
//   timescale.<field of rules::Timescales> (see rules/timescales.h), e.g.
//   timescale.supervision_weeks            4      one-to-one supervision at least this often
//   timescale.protection_plan_flag_months  18     protection plans open this long are flagged
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "rules/calendar.h"
#include "rules/timescales.h"
#include "store/transaction.h"

namespace safeguard::casework {

struct CaseWeights {
  double child_protection = 1.5;
  double looked_after = 1.0;
  double child_in_need = 1.0;
};

struct Settings {
  rules::Timescales timescales;
  std::vector<Date> closure_days;
  double caseload_limit_per_fte = 18.0;
  CaseWeights weights;
  int closure_visit_working_days = 10;
  int unallocated_working_days = 5;

  rules::WorkingDayCalendar calendar() const { return rules::WorkingDayCalendar(closure_days); }
};

// One setting as documented: its key, its default as text, and what it does.
struct SettingInfo {
  std::string key;
  std::string default_value;
  std::string meaning;
};
std::vector<SettingInfo> setting_catalogue();

// Reads every setting (defaults for those absent). A stored value that cannot be read is an error
// naming the key, the value and what is allowed, so a bad setting never silently falls back.
Result<Settings> load_settings(store::Transaction& transaction);

// Checks a value for a key without storing it: invalid with the reason, or success.
Status check_setting(std::string_view key, std::string_view value);

}  // namespace safeguard::casework
