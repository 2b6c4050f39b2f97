// The tables migration 0004 added for what the SSDA903 states and the rest of the case record does
// not hold, with their store mappings (private to the ssda903 store code).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/date.h"
#include "store/mapping.h"

namespace safeguard::ssda903 {

// What the 903 states that the rest of the case record does not hold (migration 0004).
struct LookedAfterYear {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t collection_year = 0;
  std::string mother;                              // MOTHER: 0, 1 or blank
  std::optional<Date> mother_child_date_of_birth;  // MC_DOB
  std::optional<Date> uasc_ceased_date;            // UASC DUC
};

struct HealthOutcome {  // OC2
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t collection_year = 0;
  std::string sdq_score, sdq_reason, convicted, health_check, immunisations, teeth_check,
      health_assessment, substance_misuse, intervention_received, intervention_offered;
};

struct Adoption {  // AD1
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t collection_year = 0;
  Date decision_date;  // DATE_INT
  Date matched_date;   // DATE_MATCH
  std::string foster_carer, number_of_adopters, adopter_sex, adopter_legal_status;
};

struct PlacedForAdoption {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t collection_year = 0;
  Date date_placed;
  std::optional<Date> date_ceased;
  std::string reason_ceased;
};

struct PreviousPermanence {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::int64_t collection_year = 0;
  std::string prev_perm, la_perm, date_perm;
};

struct DeprivationOfLiberty {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  Date start_date;
  std::optional<Date> end_date;
};

}  // namespace safeguard::ssda903

namespace safeguard::store {

#define SAFEGUARD_903_MAPPING(Type, table_name, ...)              \
  template <>                                                     \
  struct Mapping<Type> {                                          \
    using Record = Type;                                          \
    static constexpr std::string_view table = table_name;         \
    static constexpr auto columns = std::make_tuple(__VA_ARGS__); \
  }

using ssda903::Adoption;
using ssda903::DeprivationOfLiberty;
using ssda903::HealthOutcome;
using ssda903::LookedAfterYear;
using ssda903::PlacedForAdoption;
using ssda903::PreviousPermanence;

SAFEGUARD_903_MAPPING(LookedAfterYear, "looked_after_year",
                      column("child_id", &LookedAfterYear::child_id),
                      column("collection_year", &LookedAfterYear::collection_year),
                      column("mother", &LookedAfterYear::mother),
                      column("mother_child_date_of_birth",
                             &LookedAfterYear::mother_child_date_of_birth),
                      column("uasc_ceased_date", &LookedAfterYear::uasc_ceased_date));
SAFEGUARD_903_MAPPING(HealthOutcome, "health_outcome", column("child_id", &HealthOutcome::child_id),
                      column("collection_year", &HealthOutcome::collection_year),
                      column("sdq_score", &HealthOutcome::sdq_score),
                      column("sdq_reason", &HealthOutcome::sdq_reason),
                      column("convicted", &HealthOutcome::convicted),
                      column("health_check", &HealthOutcome::health_check),
                      column("immunisations", &HealthOutcome::immunisations),
                      column("teeth_check", &HealthOutcome::teeth_check),
                      column("health_assessment", &HealthOutcome::health_assessment),
                      column("substance_misuse", &HealthOutcome::substance_misuse),
                      column("intervention_received", &HealthOutcome::intervention_received),
                      column("intervention_offered", &HealthOutcome::intervention_offered));
SAFEGUARD_903_MAPPING(Adoption, "adoption", column("child_id", &Adoption::child_id),
                      column("collection_year", &Adoption::collection_year),
                      column("decision_date", &Adoption::decision_date),
                      column("matched_date", &Adoption::matched_date),
                      column("foster_carer", &Adoption::foster_carer),
                      column("number_of_adopters", &Adoption::number_of_adopters),
                      column("adopter_sex", &Adoption::adopter_sex),
                      column("adopter_legal_status", &Adoption::adopter_legal_status));
SAFEGUARD_903_MAPPING(PlacedForAdoption, "placed_for_adoption",
                      column("child_id", &PlacedForAdoption::child_id),
                      column("collection_year", &PlacedForAdoption::collection_year),
                      column("date_placed", &PlacedForAdoption::date_placed),
                      column("date_ceased", &PlacedForAdoption::date_ceased),
                      column("reason_ceased", &PlacedForAdoption::reason_ceased));
SAFEGUARD_903_MAPPING(PreviousPermanence, "previous_permanence",
                      column("child_id", &PreviousPermanence::child_id),
                      column("collection_year", &PreviousPermanence::collection_year),
                      column("prev_perm", &PreviousPermanence::prev_perm),
                      column("la_perm", &PreviousPermanence::la_perm),
                      column("date_perm", &PreviousPermanence::date_perm));
SAFEGUARD_903_MAPPING(DeprivationOfLiberty, "deprivation_of_liberty",
                      column("child_id", &DeprivationOfLiberty::child_id),
                      column("start_date", &DeprivationOfLiberty::start_date),
                      column("end_date", &DeprivationOfLiberty::end_date));

#undef SAFEGUARD_903_MAPPING

}  // namespace safeguard::store
