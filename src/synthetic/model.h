// The synthetic authority as the simulation leaves it, before anything is written: one vector per
// table of compact plain records. A reference to another record is its position in its vector (the
// writer stores record i with id i + 1 and checks that the store agrees), dates are Dates, and a
// code is a pointer to static text as the DfE spells it (nullptr for blank). Kept small on purpose:
// an England-sized authority holds tens of millions of these in memory before they are written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"

namespace safeguard::synthetic {

using Index = std::int32_t;
inline constexpr Index kNone = -1;

// A code from a DfE list, or a fixed phrase; nullptr when blank.
using Code = const char*;

struct HouseholdRecord {
  std::uint32_t address_hash = 0;  // picks the street address and the inward postcode
  std::uint8_t district = 1;       // NB1 .. NB18
};

struct ChildRecord {
  Date date_of_birth;
  Index household = kNone;
  Code ethnicity = nullptr;
  std::uint8_t first_name = 0;   // into boys_names() or girls_names() by sex
  std::uint8_t family_name = 0;  // into family_names()
  char sex = 'M';
  bool unaccompanied_asylum_seeking = false;
  std::uint8_t upn_unknown = 0;  // 0: has a UPN; 1-7: the unknown code UN1-UN7
  bool has_nhs_number = true;
};

enum class ContactOutcome : std::uint8_t {
  kReferral,
  kEarlyHelp,
  kAdviceAndInformation,
  kNoFurtherAction,
  kAwaitingDecision,
};

struct ContactRecord {
  Index child = kNone;
  Date date;
  std::optional<Date> decided;
  Code source = nullptr;
  ContactOutcome outcome = ContactOutcome::kAwaitingDecision;
  std::uint8_t summary = 0;  // picks a sentence for the source
};

struct ReferralRecord {
  Index child = kNone;
  Index contact = kNone;
  Date date;
  Code source = nullptr;
  bool no_further_action = false;
};

struct ChildInNeedEpisodeRecord {
  Index child = kNone;
  Index referral = kNone;
  Date start;
  std::optional<Date> end;
  Code primary_need = nullptr;
  Code reason_for_closure = nullptr;
};

struct AssessmentRecord {
  Index child = kNone;
  Index episode = kNone;
  Date start;
  std::optional<Date> authorised;
  std::uint64_t factors = 0;  // bit i set: assessment_factor_codes()[i] was identified
};

struct EnquiryRecord {
  Index child = kNone;
  Index episode = kNone;
  Date strategy_discussion;
  Date start;
  bool conference_not_required = false;
};

struct ConferenceRecord {
  Index child = kNone;
  Index episode = kNone;
  Index enquiry = kNone;
  Date date;
  bool plan_made = false;
};

struct PlanRecord {
  Index child = kNone;
  Index episode = kNone;
  Date start;
  std::optional<Date> end;
  Code initial_category = nullptr;
  Code latest_category = nullptr;
};

struct PlanReviewRecord {
  Index plan = kNone;
  Date date;
};

struct CareEpisodeRecord {
  Index child = kNone;
  Date start;
  std::optional<Date> end;
  Code reason_for_new_episode = nullptr;
  Code legal_status = nullptr;
  Code category_of_need = nullptr;
  Code placement_type = nullptr;
  Code placement_provider = nullptr;
  Code reason_episode_ceased = nullptr;
  Code reason_place_change = nullptr;
  // > 0: district of the authority's own area; < 0: -(1 + position in out_of_area_outward_codes()).
  std::int8_t placement_district = 0;
  std::uint32_t urn = 0;  // 0: none; 1: "XXXXXXX"; otherwise the 7-digit number
};

struct CareReviewRecord {
  Index child = kNone;
  Date date;
  Code participation = nullptr;
};

struct MissingRecord {
  Index child = kNone;
  Date start;
  std::optional<Date> end;
  char kind = 'M';
  bool return_interview_offered = false;
};

struct LegalOrderRecord {
  Index child = kNone;
  Code type = nullptr;
  Date made;
  std::optional<Date> end;
};

struct LeaverContactRecord {
  Index child = kNone;
  Date date;
  Code in_touch = nullptr;
  Code activity = nullptr;
  Code accommodation = nullptr;
};

struct TeamRecord {
  std::string name;
  Code service = nullptr;
};

struct WorkerRecord {
  Index team = kNone;
  Date start;
  std::optional<Date> leaving;
  Code role = nullptr;
  bool agency = false;
  double fte = 1.0;
  char sex = 'F';
  std::uint8_t first_name = 0;
  std::uint8_t family_name = 0;
};

struct AllocationRecord {
  Index child = kNone;
  Index worker = kNone;  // kNone: the case waits in the team's tray
  Index team = kNone;
  Date start;
  std::optional<Date> end;
  Code reason = nullptr;
};

struct SupervisionRecord {
  Index worker = kNone;
  Index supervisor = kNone;
  Date date;
};

enum class VisitKind : std::uint8_t { kAssessment, kChildInNeed, kChildProtection, kLookedAfter };

struct VisitRecord {
  Index child = kNone;
  Index worker = kNone;
  Date date;
  VisitKind kind = VisitKind::kChildInNeed;
  bool child_seen = true;
  bool seen_alone = false;
  std::uint8_t note = 0;
};

struct CaseNoteRecord {
  Index child = kNone;
  Index author = kNone;
  Date date;
  std::uint8_t topic = 0;
};

struct Model {
  std::int64_t child_population = 0;
  Date history_start;
  Date practice_from;  // visits, supervision and contacts without a referral recorded from here
  Date end;
  std::int64_t children_looked_after = 0;  // on `end`, as the simulation counted them

  std::vector<TeamRecord> teams;
  std::vector<WorkerRecord> workers;
  std::vector<HouseholdRecord> households;
  std::vector<ChildRecord> children;
  std::vector<ContactRecord> contacts;
  std::vector<ReferralRecord> referrals;
  std::vector<ChildInNeedEpisodeRecord> episodes;
  std::vector<AssessmentRecord> assessments;
  std::vector<EnquiryRecord> enquiries;
  std::vector<ConferenceRecord> conferences;
  std::vector<PlanRecord> plans;
  std::vector<PlanReviewRecord> plan_reviews;
  std::vector<CareEpisodeRecord> care_episodes;
  std::vector<CareReviewRecord> care_reviews;
  std::vector<MissingRecord> missing;
  std::vector<LegalOrderRecord> legal_orders;
  std::vector<LeaverContactRecord> leaver_contacts;
  std::vector<AllocationRecord> allocations;
  std::vector<SupervisionRecord> supervision;
  std::vector<VisitRecord> visits;
  std::vector<CaseNoteRecord> case_notes;
};

}  // namespace safeguard::synthetic
