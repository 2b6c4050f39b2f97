// Children looked after, in the DfE's SSDA903 terms. A period of care is a run of episodes; a new
// episode starts whenever the legal status or the placement changes (RNE says which).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/date.h"

namespace safeguard::domain {

struct LookedAfterEpisode {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  Date start_date;                     // DECOM
  std::string reason_for_new_episode;  // RNE: S, L, P, T, B, U
  std::string legal_status;            // LS: C1, C2, E1, V2 ...
  std::string category_of_need;        // CIN: N1-N8
  std::string placement_type;          // PLACE: U1-U6, K2, R1 ...
  std::string placement_provider;      // PLACE_PROVIDER: PR0-PR5 (blank for some PLACE codes)
  std::optional<Date> end_date;        // DEC
  std::string reason_episode_ceased;   // REC: E11, E4A, X1 ...
  std::string reason_place_change;     // REASON_PLACE_CHANGE: CARPL, STAND ...
  std::string home_postcode;           // HOME_POST: first half of the postcode
  std::string placement_postcode;      // PL_POST
  std::string urn;  // Ofsted unique reference number of the placement, or XXXXXXX
};

struct LookedAfterReview {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  Date date;                  // REVIEW
  std::string participation;  // REVIEW_CODE: PN0-PN7
};

struct MissingEpisode {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::string kind;  // MISSING: M (missing) or A (away without authorisation)
  Date start_date;
  std::optional<Date> end_date;
  bool return_interview_offered = false;
};

// Court orders and the permanence orders that end care.
inline constexpr const char* kLegalOrderTypes[] = {
    "interim_care_order",         "care_order",        "placement_order",
    "special_guardianship_order", "adoption_order",    "child_arrangements_order",
    "emergency_protection_order", "supervision_order",
};

struct LegalOrder {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::string type;  // one of kLegalOrderTypes
  Date made_date;
  std::optional<Date> end_date;
};

// A care leaver's circumstances around a birthday (903 OC3).
struct CareLeaverContact {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  Date date;
  std::string in_touch;       // IN_TOUCH
  std::string activity;       // ACTIV
  std::string accommodation;  // ACCOM
};

}  // namespace safeguard::domain
