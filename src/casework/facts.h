// rules::ChildFacts, the statutory clocks' view of a child, built from what the other modules
// already hold: one child's app::ChildRecord, or the store's CaseFacts for many children at once.
// No third copy of the case record.
#pragma once

#include <vector>

#include "app/case_record.h"
#include "casework/casework.h"
#include "rules/statutory_clocks.h"
#include "store/records.h"

namespace safeguard::casework {

rules::ChildFacts facts_from_record(app::ChildRecord record);

// Each child's facts, in child id order (CaseFacts lists are ordered by child).
std::vector<rules::ChildFacts> facts_by_child(store::CaseFacts records);

// The case's type on a date, for weighting caseloads.
CaseType case_type_on(const std::vector<domain::ChildProtectionPlan>& plans,
                      const std::vector<domain::LookedAfterEpisode>& episodes, Date as_of);

// Whether a dated record with an optional end is open on a date (started, not yet ended).
inline bool open_on(Date start, const std::optional<Date>& end, Date as_of) {
  return start <= as_of && (!end || *end > as_of);
}

}  // namespace safeguard::casework
