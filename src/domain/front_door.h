// How a child comes to children's services: a contact from someone worried (often a partner
// agency), which may become a referral, which opens a child-in-need episode.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/date.h"

namespace safeguard::domain {

// What happened to a contact once the front door decided.
inline constexpr const char* kContactOutcomes[] = {
    "referral",    // accepted as a referral to children's social care
    "early_help",  // passed to early help
    "advice_and_information",
    "no_further_action",
};

struct Contact {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  Date date;
  std::string source;   // who made it: a ReferralSource code (2A schools, 3A GP, 6 police ...)
  std::string outcome;  // one of kContactOutcomes; blank while awaiting a decision
  std::optional<Date> decision_date;
  std::string summary;  // what the contact said
};

struct Referral {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::optional<std::int64_t> contact_id;
  Date date;
  std::string source;              // ReferralSource code
  bool no_further_action = false;  // CIN census ReferralNFA
};

}  // namespace safeguard::domain
