// Checks a record before it is stored: required fields, dates in order, and every code against the
// DfE lists for the date it applies to. Each problem names the field, the value and the rule, so
// the person entering it can put it right.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "domain/child.h"
#include "domain/children_in_need.h"
#include "domain/codes.h"
#include "domain/front_door.h"
#include "domain/looked_after.h"
#include "domain/practice.h"
#include "domain/safeguards.h"
#include "domain/workforce.h"

namespace safeguard::domain {

struct Problem {
  std::string field;
  std::string message;
};

using Problems = std::vector<Problem>;

Problems validate(const Household& household, const CodeLists& codes);
Problems validate(const Child& child, const CodeLists& codes);
Problems validate(const Contact& contact, const CodeLists& codes);
Problems validate(const Referral& referral, const CodeLists& codes);
Problems validate(const ChildInNeedEpisode& episode, const CodeLists& codes);
Problems validate(const Assessment& assessment, const CodeLists& codes);
Problems validate(const Section47Enquiry& enquiry, const CodeLists& codes);
Problems validate(const InitialChildProtectionConference& conference, const CodeLists& codes);
Problems validate(const ChildProtectionPlan& plan, const CodeLists& codes);
Problems validate(const ChildProtectionReview& review, const CodeLists& codes);
Problems validate(const LookedAfterEpisode& episode, const CodeLists& codes);
Problems validate(const LookedAfterReview& review, const CodeLists& codes);
Problems validate(const MissingEpisode& episode, const CodeLists& codes);
Problems validate(const LegalOrder& order, const CodeLists& codes);
Problems validate(const CareLeaverContact& contact, const CodeLists& codes);
Problems validate(const Visit& visit, const CodeLists& codes);
Problems validate(const CaseNote& note, const CodeLists& codes);
Problems validate(const Team& team, const CodeLists& codes);
Problems validate(const Worker& worker, const CodeLists& codes);
Problems validate(const Allocation& allocation, const CodeLists& codes);
Problems validate(const SupervisionSession& session, const CodeLists& codes);
Problems validate(const ClosureRequest& request, const CodeLists& codes);
Problems validate(const PlacementEndAssessment& assessment, const CodeLists& codes);
Problems validate(const CaseloadOverride& override_record, const CodeLists& codes);

// One Error listing every problem ("record: field: message; ..."), or success when there are none.
Status to_status(std::string_view record, const Problems& problems);

// Checks that `record` is valid; the usual entry point.
template <typename Record>
Status check(std::string_view record_name, const Record& record, const CodeLists& codes) {
  return to_status(record_name, validate(record, codes));
}

}  // namespace safeguard::domain
