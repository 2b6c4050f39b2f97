// A child-in-need episode and the work inside it: assessment, section 47 enquiry, initial child
// protection conference, child protection plan and its reviews (the CIN census's building blocks).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/date.h"

namespace safeguard::domain {

struct ChildInNeedEpisode {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t referral_id = 0;
  Date start_date;                 // the referral date (CINreferralDate)
  std::string primary_need;        // PrimaryNeedCode N0-N9
  std::optional<Date> end_date;    // CINclosureDate
  std::string reason_for_closure;  // ReasonForClosure RC1-RC9, set with end_date
};

struct Assessment {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t episode_id = 0;  // the child-in-need episode
  Date start_date;
  std::optional<Date> authorised_date;  // completed and signed off by a manager
  std::string factors;                  // assessment factor codes, comma separated (e.g. "2A,3A")
};

struct Section47Enquiry {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t episode_id = 0;
  Date strategy_discussion_date;
  Date start_date;
  bool conference_not_required = false;  // ICPCnotRequired
};

struct InitialChildProtectionConference {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t episode_id = 0;
  std::optional<std::int64_t> enquiry_id;  // the section 47 enquiry that led to it
  Date date;
  bool plan_made = false;
};

struct ChildProtectionPlan {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t episode_id = 0;
  Date start_date;
  std::string initial_category;  // NEG, PHY, EMO, SAB, MUL
  std::string latest_category;
  std::optional<Date> end_date;
};

struct ChildProtectionReview {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  Date date;
};

}  // namespace safeguard::domain
