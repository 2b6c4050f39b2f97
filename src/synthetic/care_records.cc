// A period of care as 903 records: one episode per change (RNE S at the start, then L, P, T, B or
// U; REC X1 where a new episode follows on the same day), PLACE and PLACE_PROVIDER by setting and
// date (H5 until 31 March 2025 and K3 from 1 April 2025, as the code lists say: placements open
// then continue under K3), HOME_POST and PL_POST as outward codes, a URN for children's homes; the
// legal orders behind the legal statuses; looked-after reviews (within 20 working days, then three
// months, then six-monthly); missing episodes for some adolescents; and leaving-care contacts (OC3)
// around the 19th, 20th and 21st birthdays of those who left at 18. Nothing after the end date is
// recorded, and what is still open then has no end.
#include <algorithm>

#include "synthetic/names.h"
#include "synthetic/simulation.h"

namespace safeguard::synthetic {
namespace {

using enum Setting;

const Weighted<Code> kParticipation{{"PN1", 45}, {"PN2", 6},  {"PN3", 3}, {"PN4", 8},
                                    {"PN5", 12}, {"PN6", 14}, {"PN7", 12}};
const Weighted<Code> kInTouch{{"YES", 86.0}, {"NO", 5.0},   {"REFU", 3.0},
                              {"NREQ", 4.0}, {"RHOM", 1.8}, {"DIED", 0.2}};
const Weighted<Code> kActivity{{"F1", 7},  {"P1", 1}, {"F2", 18}, {"P2", 3},  {"F4", 4}, {"P4", 1},
                               {"F5", 22}, {"P5", 7}, {"G4", 8},  {"G5", 25}, {"G6", 4}};
const Weighted<Code> kAccommodation{{"D1", 18}, {"D2", 1},  {"E1", 6}, {"U1", 30}, {"U2", 2},
                                    {"Z1", 10}, {"B1", 12}, {"B2", 1}, {"T1", 6},  {"C1", 3},
                                    {"K1", 3},  {"S2", 1},  {"X2", 1}, {"V2", 1}};
const Weighted<Code> kOtherPlacementCode{{"R1", 50}, {"S1", 35}, {"R2", 15}};

// URNs are required for supported accommodation from 28 October 2023 (rule 230).
const Date kSupportedUrnFrom = *Date::from_ymd(2023, 10, 28);

// How often a setting is within the authority's own area.
double in_area_share(Setting setting) {
  switch (setting) {
    case kInHouseFoster:
      return 0.85;
    case kAgencyFoster:
      return 0.55;
    case kKinship:
      return 0.70;
    case kResidential:
      return 0.35;
    case kSupported:
      return 0.60;
    case kWithParents:
      return 1.0;
    case kAdoptive:
      return 0.40;
    case kSecure:
      return 0.10;
    case kOtherPlacement:
      break;
  }
  return 0.40;
}

// The placement as the episode records it; kept across status-only changes (same carers).
struct Placement {
  Setting setting = kInHouseFoster;
  Code other_code = nullptr;  // for kOtherPlacement: R1, S1, R2 or R3
  Code provider = nullptr;
  std::int8_t district = 0;
  std::uint32_t urn = 0;
};

}  // namespace

void Simulation::emit_period(Index case_index, const Period& period) {
  Case& record = cases_[static_cast<std::size_t>(case_index)];
  const Index child = record.child;
  const ChildRecord& person = model_.children[static_cast<std::size_t>(child)];
  std::string_view need = record.primary_need;
  Code category = period.unaccompanied_asylum_seeking                  ? "N8"
                  : (need.size() == 2 && need >= "N1" && need <= "N8") ? record.primary_need
                                                                       : "N1";
  const int home = person.household == kNone
                       ? 1
                       : model_.households[static_cast<std::size_t>(person.household)].district;

  std::vector<Change> changes = period.changes;
  if (supported_registered_from_ && period.start < *supported_registered_from_ &&
      *supported_registered_from_ < period.exit) {
    // Semi-independent accommodation (H5) became registered supported accommodation (K3): the
    // placements open that day continue under the new code, a change of status only.
    const Date registered = *supported_registered_from_;
    Setting setting = kInHouseFoster;
    bool changes_that_day = false;
    for (const Change& change : changes) {
      if (change.date > registered) break;
      if (change.date == registered) changes_that_day = true;
      if (change.new_placement || change.status_only) setting = change.setting;
    }
    if (setting == kSupported && !changes_that_day) {
      Change status;
      status.date = registered;
      status.status_only = true;
      status.setting = kSupported;
      status.reason = "PLACE";
      changes.push_back(status);
      merge_changes(changes);
    }
  }

  const int pool = std::max(20, scenario_.children_in_care / 3);
  auto draw_urn = [&]() -> std::uint32_t {
    if (rng_.bernoulli(0.03))
      return 1;  // XXXXXXX: not registered with Ofsted (e.g. outside England)
    auto home_number = static_cast<std::uint64_t>(rng_.uniform_int(0, pool - 1));
    return 1'000'000 +
           static_cast<std::uint32_t>(mix(scenario_.seed, 0x55524e, home_number) % 9'000'000);
  };
  auto needs_urn = [&](Code place, Date on) {
    std::string_view code = place;
    return code == "K1" || code == "K2" || code == "K3" ||
           (code == "H5" && on >= kSupportedUrnFrom);
  };

  Placement placement;
  Code legal = nullptr;
  bool long_term = false;
  bool fostering_for_adoption = false;
  const auto first_episode = static_cast<Index>(model_.care_episodes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const Change& change = changes[i];
    if (change.date > scenario_.end) break;
    bool legal_change = i > 0 && change.legal_status != nullptr;
    Code rne = "S";
    if (i > 0) {
      if (change.new_placement) {
        rne = legal_change ? "B" : "P";
      } else if (change.status_only) {
        rne = legal_change ? "U" : "T";
      } else {
        rne = "L";
      }
    }
    if (change.legal_status) legal = change.legal_status;
    bool same_carers = change.status_only;
    if (i == 0 || change.new_placement) {
      placement = Placement{};
      placement.setting = change.setting;
      switch (change.setting) {
        case kInHouseFoster:
        case kKinship:
          placement.provider = "PR1";
          break;
        case kAgencyFoster:
          placement.provider = rng_.bernoulli(0.75) ? "PR4" : "PR5";
          break;
        case kResidential:
          placement.provider = rng_.bernoulli(0.72) ? "PR4" : (rng_.bernoulli(0.8) ? "PR1" : "PR5");
          break;
        case kSupported:
          placement.provider = rng_.bernoulli(0.8) ? "PR4" : "PR1";
          break;
        case kWithParents:
          placement.provider = "PR0";
          break;
        case kAdoptive:
          placement.provider = rng_.bernoulli(0.65) ? "PR1" : "PR5";
          break;
        case kSecure:
          placement.provider = rng_.bernoulli(0.6) ? "PR1" : "PR2";
          break;
        case kOtherPlacement:
          placement.other_code =
              period.date_of_birth.age_on(change.date) < 1 ? "R3" : kOtherPlacementCode.draw(rng_);
          placement.provider = std::string_view(placement.other_code) == "R2"   ? "PR3"
                               : std::string_view(placement.other_code) == "R3" ? "PR1"
                                                                                : "PR4";
          break;
      }
      if (change.setting == kWithParents) {
        placement.district = static_cast<std::int8_t>(home);
      } else if (rng_.bernoulli(in_area_share(change.setting))) {
        placement.district = static_cast<std::int8_t>(
            rng_.bernoulli(0.5) ? home : rng_.uniform_int(1, kPostcodeDistricts));
      } else {
        placement.district = static_cast<std::int8_t>(
            -1 - rng_.uniform_int(0, static_cast<int>(out_of_area_outward_codes().size()) - 1));
      }
      long_term = change.long_term;
      fostering_for_adoption = change.fostering_for_adoption;
    } else if (change.status_only) {
      placement.setting = change.setting;
      long_term = change.long_term;
      fostering_for_adoption = change.fostering_for_adoption;
    }

    Code place = nullptr;
    switch (placement.setting) {
      case kInHouseFoster:
        place = fostering_for_adoption ? "U5" : (long_term ? "U4" : "U6");
        break;
      case kAgencyFoster:
        place = long_term ? "U4" : "U6";
        break;
      case kKinship:
        place = long_term ? "U1" : "U3";
        break;
      case kResidential:
        place = "K2";
        break;
      case kSupported:
        place =
            supported_registered_from_ && change.date >= *supported_registered_from_ ? "K3" : "H5";
        break;
      case kWithParents:
        place = "P1";
        break;
      case kAdoptive:
        if (std::string_view(legal) == "V2") {
          place = same_carers ? "A3" : "A4";
        } else {
          place = same_carers ? "A5" : "A6";
        }
        break;
      case kSecure:
        place = "K1";
        break;
      case kOtherPlacement:
        place = placement.other_code;
        break;
    }
    if (needs_urn(place, change.date)) {
      if (placement.urn == 0) placement.urn = draw_urn();
    } else if (!same_carers) {
      placement.urn = 0;
    }

    CareEpisodeRecord episode;
    episode.child = child;
    episode.start = change.date;
    episode.reason_for_new_episode = rne;
    episode.legal_status = legal;
    episode.category_of_need = category;
    episode.placement_type = place;
    episode.placement_provider = placement.provider;
    episode.placement_district = placement.district;
    episode.urn = needs_urn(place, change.date) ? placement.urn : 0;
    const bool last = i + 1 == changes.size();
    Date ends = last ? period.exit : changes[i + 1].date;
    if (ends <= scenario_.end) {
      episode.end = ends;
      episode.reason_episode_ceased = last ? period.exit_reason : "X1";
      if (!last && (changes[i + 1].new_placement || changes[i + 1].status_only)) {
        episode.reason_place_change = changes[i + 1].reason ? changes[i + 1].reason : "OTHER";
      }
    }
    model_.care_episodes.push_back(episode);
  }
  record.first_care_episode = first_episode;
  record.care_episode_count = static_cast<Index>(model_.care_episodes.size()) - first_episode;

  emit_legal_orders(child, period);
  emit_care_reviews(child, period);
  emit_missing(child, period);
  emit_leaver_contacts(child, period);
}

void Simulation::emit_legal_orders(Index child, const Period& period) {
  const Date end = scenario_.end;
  auto order = [&](Code type, Date made, Date until) {
    if (made > end) return;
    LegalOrderRecord record;
    record.child = child;
    record.type = type;
    record.made = made;
    if (until <= end) record.end = until;
    model_.legal_orders.push_back(record);
  };
  // Runs of legal status, each with the order behind it.
  std::string_view previous;
  for (std::size_t i = 0; i < period.changes.size(); ++i) {
    const Change& change = period.changes[i];
    if (!change.legal_status) continue;
    Date until = period.exit;
    for (std::size_t j = i + 1; j < period.changes.size(); ++j) {
      if (period.changes[j].legal_status) {
        until = period.changes[j].date;
        break;
      }
    }
    std::string_view status = change.legal_status;
    if (status == "C1") order("interim_care_order", change.date, until);
    if (status == "L2") order("emergency_protection_order", change.date, until);
    if (status == "C2") order("care_order", change.date, period.exit);
    if (status == "E1") {
      // The final hearing makes the care order and the placement order together.
      if (previous == "C1") order("care_order", change.date, period.exit);
      order("placement_order", change.date, period.exit);
    }
    previous = status;
  }
  std::string_view ceased = period.exit_reason;
  if (ceased == "E11" || ceased == "E12") order("adoption_order", period.exit, kNever);
  if (ceased == "E45" || ceased == "E46" || ceased == "E47" || ceased == "E48") {
    order("special_guardianship_order", period.exit, kNever);
  }
  if (ceased == "E41") order("child_arrangements_order", period.exit, kNever);
  if (ceased == "E4A" && (previous == "C1" || previous == "C2") && rng_.bernoulli(0.3)) {
    order("supervision_order", period.exit, period.exit.plus_years(1));
  }
}

void Simulation::emit_care_reviews(Index child, const Period& period) {
  // First review within 20 working days, the second within three months of it, then six-monthly.
  const Date last = earlier(period.exit.plus_days(-1), scenario_.end);
  Date review = period.start.plus_days(rng_.bernoulli(0.94) ? rng_.uniform_int(7, 27)
                                                            : rng_.uniform_int(28, 50));
  for (int k = 0; review <= last; ++k) {
    CareReviewRecord record;
    record.child = child;
    record.date = review;
    record.participation =
        period.date_of_birth.age_on(review) < 4 ? "PN0" : kParticipation.draw(rng_);
    model_.care_reviews.push_back(record);
    int gap =
        k == 0 ? (rng_.bernoulli(0.95) ? rng_.uniform_int(60, 91) : rng_.uniform_int(92, 130))
               : (rng_.bernoulli(0.95) ? rng_.uniform_int(140, 182) : rng_.uniform_int(183, 240));
    review = next_working_day(review.plus_days(gap));
  }
}

void Simulation::emit_missing(Index child, const Period& period) {
  const Date from = later(period.start, birthday(period.date_of_birth, 11));
  const Date until = earlier(period.exit, scenario_.end);
  if (from >= until) return;
  if (!rng_.bernoulli(period.unaccompanied_asylum_seeking ? 0.15 : 0.30)) return;
  const double per_year = rng_.uniform(2.0, 9.0);
  Date at = from.plus_days(static_cast<int>(rng_.exponential(365.25 / per_year)));
  while (at < until) {
    double u = rng_.uniform();
    int days = u < 0.35   ? 0
               : u < 0.70 ? 1
               : u < 0.90 ? rng_.uniform_int(2, 4)
                          : rng_.uniform_int(5, 14);
    Date back = earlier(at.plus_days(days), period.exit);
    MissingRecord record;
    record.child = child;
    record.start = at;
    record.kind = rng_.bernoulli(0.75) ? 'M' : 'A';
    if (back <= scenario_.end) {
      record.end = back;
      record.return_interview_offered = rng_.bernoulli(0.72);
    }
    model_.missing.push_back(record);
    at = back.plus_days(std::max(1, static_cast<int>(rng_.exponential(365.25 / per_year))));
  }
}

void Simulation::emit_leaver_contacts(Index child, const Period& period) {
  if (period.exit != birthday(period.date_of_birth, 18) || period.exit > scenario_.end) return;
  for (int age = 19; age <= 21; ++age) {
    Date on = birthday(period.date_of_birth, age).plus_days(rng_.uniform_int(-28, 28));
    if (on > scenario_.end) return;
    LeaverContactRecord record;
    record.child = child;
    record.date = on;
    record.in_touch = kInTouch.draw(rng_);
    bool in_touch = std::string_view(record.in_touch) == "YES";
    record.activity = in_touch ? kActivity.draw(rng_) : "0";
    record.accommodation = in_touch ? kAccommodation.draw(rng_) : "0";
    model_.leaver_contacts.push_back(record);
    if (std::string_view(record.in_touch) == "DIED") return;
  }
}

}  // namespace safeguard::synthetic
