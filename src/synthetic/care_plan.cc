// The shape of a period of care, drawn whole on admission: a pathway by age (return home, special
// guardianship, child arrangements order, adoption, care until 18, remand), a legal status and its
// changes (police protection or an EPO for days, interim care order, care order at about 26 weeks,
// placement order on the way to adoption), placements and moves (moves weighted as England's
// reasons for placement changes; foster placements that last confirmed as long-term; many 16 and 17
// year olds moving to supported accommodation), and the reason it ends. care_records.cc turns a
// period into 903 records.
#include <algorithm>
#include <cmath>

#include "synthetic/simulation.h"

namespace safeguard::synthetic {
namespace {

constexpr double kDaysPerYear = 365.25;

using enum Pathway;
using enum Setting;

const Weighted<Pathway> kPathwayBaby{{kAdoption, 28},   {kSpecialGuardianship, 26},
                                     {kReturnHome, 30}, {kChildArrangements, 5},
                                     {kLongTerm, 8},    {kOther, 3}};
const Weighted<Pathway> kPathwayYoung{{kAdoption, 14},   {kSpecialGuardianship, 26},
                                      {kReturnHome, 40}, {kChildArrangements, 7},
                                      {kLongTerm, 10},   {kOther, 3}};
const Weighted<Pathway> kPathwayChild{{kAdoption, 2},    {kSpecialGuardianship, 18},
                                      {kReturnHome, 42}, {kChildArrangements, 6},
                                      {kLongTerm, 28},   {kOther, 4}};
const Weighted<Pathway> kPathwayTeen{
    {kSpecialGuardianship, 6}, {kReturnHome, 47}, {kChildArrangements, 3},
    {kLongTerm, 35},           {kOther, 6},       {kRemand, 3}};
const Weighted<Pathway> kPathwayOlder{
    {kReturnHome, 30}, {kLongTerm, 60}, {kOther, 6}, {kRemand, 4}};

const Weighted<Setting> kFirstBaby{{kInHouseFoster, 40},
                                   {kAgencyFoster, 14},
                                   {kKinship, 26},
                                   {kWithParents, 12},
                                   {kOtherPlacement, 8}};
const Weighted<Setting> kFirstYoung{
    {kInHouseFoster, 38}, {kAgencyFoster, 20}, {kKinship, 30}, {kWithParents, 12}};
const Weighted<Setting> kFirstChild{{kInHouseFoster, 34},
                                    {kAgencyFoster, 24},
                                    {kKinship, 30},
                                    {kWithParents, 10},
                                    {kResidential, 2}};
const Weighted<Setting> kFirstTeen{{kInHouseFoster, 29},  {kAgencyFoster, 25}, {kKinship, 17},
                                   {kWithParents, 6},     {kResidential, 18},  {kSecure, 0.5},
                                   {kOtherPlacement, 2.5}};
const Weighted<Setting> kFirstOlder{{kInHouseFoster, 13}, {kAgencyFoster, 16}, {kKinship, 9},
                                    {kWithParents, 4},    {kResidential, 13},  {kSupported, 42},
                                    {kOtherPlacement, 3}};
const Weighted<Setting> kUnaccompaniedOlder{
    {kSupported, 65}, {kAgencyFoster, 25}, {kInHouseFoster, 10}};
const Weighted<Setting> kUnaccompaniedYounger{
    {kAgencyFoster, 55}, {kInHouseFoster, 30}, {kResidential, 15}};
const Weighted<Setting> kMoveChild{{kInHouseFoster, 38},
                                   {kAgencyFoster, 31},
                                   {kKinship, 22},
                                   {kResidential, 3},
                                   {kWithParents, 6}};
const Weighted<Setting> kMoveTeen{{kInHouseFoster, 26}, {kAgencyFoster, 28}, {kKinship, 11},
                                  {kResidential, 27},   {kSecure, 1},        {kOtherPlacement, 2},
                                  {kWithParents, 5}};
const Weighted<Setting> kMoveOlder{{kInHouseFoster, 9}, {kAgencyFoster, 14}, {kKinship, 5},
                                   {kResidential, 18},  {kSupported, 50},    {kOtherPlacement, 2},
                                   {kWithParents, 2}};

// Why placements end (England 2024, placements ending by REASON_PLACE_CHANGE; "PLACE", a change of
// status only, comes mostly from foster placements becoming long-term and from re-registrations).
const Weighted<Code> kMoveReason{{"CARPL", 31.0}, {"OTHER", 22.0}, {"CREQB", 8.0},  {"CREQO", 6.0},
                                 {"CHILD", 3.0},  {"LAREQ", 1.4},  {"STAND", 1.0},  {"CLOSE", 0.8},
                                 {"ALLEG", 0.7},  {"APPRR", 0.3},  {"CUSTOD", 0.2}, {"PLACE", 3.0}};

bool is_family_based(Setting setting) {
  return setting == kInHouseFoster || setting == kAgencyFoster || setting == kKinship;
}

int days_between(Random& rng, int low, int high) { return rng.uniform_int(low, high); }

Date clamp_days(Date start, double days, int low, int high) {
  return start.plus_days(std::clamp(static_cast<int>(std::lround(days)), low, high));
}

const Weighted<Pathway>& pathway_table(int age) {
  if (age < 1) return kPathwayBaby;
  if (age < 5) return kPathwayYoung;
  if (age < 10) return kPathwayChild;
  if (age < 16) return kPathwayTeen;
  return kPathwayOlder;
}

Setting first_setting(Random& rng, int age, bool unaccompanied, Pathway pathway) {
  if (unaccompanied) return (age >= 16 ? kUnaccompaniedOlder : kUnaccompaniedYounger).draw(rng);
  switch (pathway) {
    case kAdoption:
      return rng.bernoulli(0.62) ? kInHouseFoster
                                 : (rng.bernoulli(0.75) ? kAgencyFoster : kKinship);
    case kSpecialGuardianship:
      return rng.bernoulli(0.62) ? kKinship : (rng.bernoulli(0.6) ? kInHouseFoster : kAgencyFoster);
    case kChildArrangements:
      return rng.bernoulli(0.45) ? kKinship : (rng.bernoulli(0.6) ? kInHouseFoster : kAgencyFoster);
    case kRemand:
      return rng.bernoulli(0.55) ? kResidential : (rng.bernoulli(0.7) ? kAgencyFoster : kSecure);
    default:
      break;
  }
  if (age < 1) return kFirstBaby.draw(rng);
  if (age < 5) return kFirstYoung.draw(rng);
  if (age < 10) return kFirstChild.draw(rng);
  if (age < 16) return kFirstTeen.draw(rng);
  return kFirstOlder.draw(rng);
}

Setting move_setting(Random& rng, int age, bool unaccompanied) {
  if (unaccompanied && age >= 16) return kUnaccompaniedOlder.draw(rng);
  if (age < 10) return kMoveChild.draw(rng);
  if (age < 16) return kMoveTeen.draw(rng);
  return kMoveOlder.draw(rng);
}

Code first_legal_status(Random& rng, int age, bool unaccompanied, Pathway pathway) {
  if (unaccompanied) return "V2";
  auto pick = [&](std::initializer_list<std::pair<Code, double>> weights) {
    return Weighted<Code>(weights).draw(rng);
  };
  switch (pathway) {
    case kRemand:
      return "J1";
    case kAdoption:
      if (age < 1 && rng.bernoulli(0.12)) return "V2";  // relinquished: placed with consent
      return rng.bernoulli(0.85) ? "C1" : "L2";
    case kSpecialGuardianship:
    case kChildArrangements:
      return pick({{"C1", 75}, {"V2", 15}, {"L1", 10}});
    case kLongTerm:
      return age < 10 ? pick({{"C1", 60}, {"V2", 25}, {"L1", 10}, {"L2", 5}})
                      : pick({{"V2", 45}, {"C1", 42}, {"L1", 11}, {"L2", 2}});
    case kReturnHome:
      return age < 10 ? pick({{"V2", 45}, {"C1", 35}, {"L1", 14}, {"L2", 6}})
                      : pick({{"V2", 70}, {"C1", 15}, {"L1", 13}, {"L2", 2}});
    case kOther:
      break;
  }
  return pick({{"V2", 70}, {"C1", 20}, {"L1", 10}});
}

Code exit_reason(Random& rng, Pathway pathway, Setting last, bool at_eighteen, bool unaccompanied) {
  auto pick = [&](std::initializer_list<std::pair<Code, double>> weights) {
    return Weighted<Code>(weights).draw(rng);
  };
  if (at_eighteen) {
    if (is_family_based(last)) return pick({{"E17", 55}, {"E5", 30}, {"E6", 13}, {"E7", 2}});
    if (last == kSupported || last == kResidential) {
      return pick({{"E5", 65}, {"E6", 25}, {"E17", 8}, {"E7", 2}});
    }
    return pick({{"E5", 50}, {"E6", 40}, {"E17", 10}});
  }
  switch (pathway) {
    case kReturnHome:
      return pick({{"E4A", 90}, {"E4B", 6}, {"E13", 4}});
    case kSpecialGuardianship:
      if (last == kKinship) return rng.bernoulli(0.8) ? "E45" : "E47";
      if (is_family_based(last)) return rng.bernoulli(0.8) ? "E46" : "E48";
      return rng.bernoulli(0.6) ? "E47" : "E48";
    case kChildArrangements:
      return "E41";
    case kAdoption:
      return rng.bernoulli(0.65) ? "E11" : "E12";
    case kRemand:
      return "E14";
    default:
      break;
  }
  if (unaccompanied) return pick({{"E15", 40}, {"E8", 40}, {"E3", 20}});
  return pick({{"E8", 45}, {"E3", 20}, {"E13", 15}, {"E16", 5}, {"E9", 10}, {"E4B", 5}});
}

}  // namespace

void Simulation::shift(Period& period, int days) {
  period.start = period.start.plus_days(days);
  period.exit = period.exit.plus_days(days);
  period.date_of_birth = period.date_of_birth.plus_days(days);
  for (Change& change : period.changes) change.date = change.date.plus_days(days);
}

void Simulation::merge_changes(std::vector<Change>& changes) {
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.date < b.date; });
  std::vector<Change> merged;
  for (const Change& change : changes) {
    if (!merged.empty() && merged.back().date == change.date) {
      Change& into = merged.back();
      if (change.legal_status) into.legal_status = change.legal_status;
      if (change.new_placement || change.status_only) {
        into.new_placement = into.new_placement || change.new_placement;
        into.status_only = !into.new_placement && change.status_only;
        into.setting = change.setting;
        into.long_term = change.long_term;
        into.fostering_for_adoption = change.fostering_for_adoption;
        into.reason = change.reason;
      }
    } else {
      merged.push_back(change);
    }
  }
  changes = std::move(merged);
}

Simulation::Period Simulation::plan_period(Date start, Date born, bool unaccompanied) {
  Period period;
  period.start = start;
  period.date_of_birth = born;
  period.unaccompanied_asylum_seeking = unaccompanied;
  const int age = born.age_on(start);
  const Date sixteen = birthday(born, 16);
  const Date eighteen = birthday(born, 18);
  Pathway pathway =
      unaccompanied ? (rng_.bernoulli(0.9) ? kLongTerm : kOther) : pathway_table(age).draw(rng_);
  Code legal = first_legal_status(rng_, age, unaccompanied, pathway);

  Date exit = start;
  Date placement_order = kNever;
  Date adoption_placement = kNever;
  switch (pathway) {
    case kReturnHome:
      exit = clamp_days(start, rng_.lognormal(140.0, 1.15), 1, 2190);
      break;
    case kSpecialGuardianship:
      exit = clamp_days(start, rng_.normal(430.0, 130.0), 120, 1100);
      break;
    case kChildArrangements:
      exit = clamp_days(start, rng_.normal(330.0, 110.0), 90, 900);
      break;
    case kAdoption:
      if (std::string_view(legal) == "V2") {
        adoption_placement = start.plus_days(days_between(rng_, 40, 150));
      } else {
        placement_order = start.plus_days(days_between(rng_, 200, 330));
        adoption_placement = placement_order.plus_days(days_between(rng_, 60, 200));
      }
      exit = adoption_placement.plus_days(days_between(rng_, 150, 300));
      break;
    case kLongTerm:
      exit = eighteen;
      break;
    case kRemand:
      exit = clamp_days(start, rng_.lognormal(30.0, 0.8), 2, 200);
      break;
    case kOther:
      exit = clamp_days(start, rng_.lognormal(220.0, 1.0), 7, 1460);
      break;
  }
  exit = later(earlier(exit, eighteen), start.plus_days(1));
  period.exit = exit;
  // A pathway cut short by the 18th birthday ends as care until 18 does.
  if (exit == eighteen) pathway = kLongTerm;
  period.pathway = pathway;

  std::vector<Change>& changes = period.changes;
  Change first;
  first.date = start;
  first.legal_status = legal;
  first.new_placement = true;
  first.setting = first_setting(rng_, age, unaccompanied, pathway);
  first.fostering_for_adoption =
      pathway == kAdoption && first.setting == kInHouseFoster && rng_.bernoulli(0.25);
  changes.push_back(first);

  auto legal_change = [&](Date date, Code status) {
    if (date <= start || date >= exit) return false;
    Change change;
    change.date = date;
    change.legal_status = status;
    changes.push_back(change);
    return true;
  };
  auto placement_change = [&](Date date, Setting setting, Code reason) {
    if (date <= start || date >= exit) return;
    Change change;
    change.date = date;
    change.new_placement = true;
    change.setting = setting;
    change.reason = reason;
    changes.push_back(change);
  };

  // Legal status: short emergency statuses, then an interim care order and a full care order at
  // about 26 weeks, or a placement order on the way to adoption.
  Date interim_from = std::string_view(legal) == "C1" ? start : kNever;
  bool heading_to_court = pathway == kAdoption || pathway == kSpecialGuardianship ||
                          pathway == kChildArrangements ||
                          (pathway == kLongTerm && rng_.bernoulli(0.5));
  if (std::string_view(legal) == "L1") {
    Date next = start.plus_days(days_between(rng_, 1, 3));
    if (legal_change(next, heading_to_court ? "C1" : "V2") && heading_to_court) interim_from = next;
  } else if (std::string_view(legal) == "L2") {
    Date next = start.plus_days(days_between(rng_, 3, 8));
    if (legal_change(next, "C1")) interim_from = next;
  } else if (std::string_view(legal) == "V2" && pathway != kAdoption &&
             (pathway == kLongTerm || pathway == kSpecialGuardianship ||
              pathway == kChildArrangements) &&
             rng_.bernoulli(0.45)) {
    Date next = start.plus_days(days_between(rng_, 45, 300));
    if (legal_change(next, "C1")) interim_from = next;
  }
  Date care_order_from = kNever;
  if (interim_from != kNever) {
    if (pathway == kAdoption && placement_order != kNever) {
      legal_change(placement_order, "E1");
    } else {
      int proceedings = interim_from.days_until(exit);
      bool full_order = pathway == kLongTerm || pathway == kOther ||
                        (pathway == kReturnHome && proceedings > 200) || proceedings > 420;
      Date order = interim_from.plus_days(days_between(rng_, 150, 300));
      if (full_order && legal_change(order, "C2")) care_order_from = order;
    }
  }

  // Placements: moves as a Poisson process, more often for teenagers and in the first months.
  const double pathway_factor =
      (pathway == kAdoption || pathway == kSpecialGuardianship || pathway == kChildArrangements)
          ? 0.5
          : 1.0;
  Date last_move_allowed = exit.plus_days(-7);
  if (adoption_placement != kNever) last_move_allowed = adoption_placement.plus_days(-14);
  for (Date at = start;;) {
    int age_then = born.age_on(at);
    double per_year = age_then < 5 ? 0.30 : age_then < 10 ? 0.35 : age_then < 16 ? 0.65 : 0.80;
    if (start.days_until(at) < 180) per_year *= 1.8;
    per_year *= pathway_factor;
    at = at.plus_days(std::max(14, static_cast<int>(rng_.exponential(kDaysPerYear / per_year))));
    if (at >= last_move_allowed) break;
    placement_change(at, move_setting(rng_, born.age_on(at), unaccompanied),
                     kMoveReason.draw(rng_));
  }
  if (adoption_placement != kNever) {
    Change change;
    change.date = adoption_placement;
    change.setting = kAdoptive;
    change.reason = "CARPL";
    // Foster carers approved as adopters (fostering for adoption) keep the child: same carers.
    bool moved = std::any_of(changes.begin() + 1, changes.end(),
                             [](const Change& c) { return c.new_placement; });
    bool same_carers = first.fostering_for_adoption && !moved;
    change.status_only = same_carers;
    change.new_placement = !same_carers;
    change.fostering_for_adoption = same_carers;
    if (adoption_placement > start && adoption_placement < exit) changes.push_back(change);
  }
  if (pathway == kLongTerm && !unaccompanied && sixteen > start && rng_.bernoulli(0.45)) {
    // Many move to supported accommodation after their 16th birthday, as the care plan says.
    placement_change(sixteen.plus_days(days_between(rng_, 0, 240)), kSupported, "CARPL");
  }
  if (pathway == kReturnHome && care_order_from != kNever && rng_.bernoulli(0.4)) {
    Date home = exit.plus_days(-days_between(rng_, 30, 180));
    if (home > care_order_from) placement_change(home, kWithParents, "CARPL");
  }
  merge_changes(changes);
  if (pathway == kLongTerm || pathway == kSpecialGuardianship) add_long_term_matches(period);

  Setting last = first.setting;
  for (const Change& change : changes) {
    if (change.new_placement || change.status_only) last = change.setting;
  }
  period.exit_reason = exit_reason(rng_, pathway, last, exit == eighteen, unaccompanied);
  return period;
}

void Simulation::add_long_term_matches(Period& period) {
  // A foster or family-and-friends placement that lasts is confirmed as long-term: same carers, a
  // change of the placement's status only (U6 to U4, U3 to U1).
  std::vector<Change> added;
  const std::vector<Change>& changes = period.changes;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const Change& change = changes[i];
    if (!change.new_placement || !is_family_based(change.setting) ||
        change.fostering_for_adoption) {
      continue;
    }
    Date until = period.exit;
    for (std::size_t j = i + 1; j < changes.size(); ++j) {
      if (changes[j].new_placement || changes[j].status_only) {
        until = changes[j].date;
        break;
      }
    }
    int span = change.date.days_until(until);
    if (span < 300) continue;
    Date confirmed = change.date.plus_days(days_between(rng_, 150, std::min(400, span - 30)));
    Change status;
    status.date = confirmed;
    status.status_only = true;
    status.setting = change.setting;
    status.long_term = true;
    status.reason = "PLACE";
    added.push_back(status);
  }
  if (added.empty()) return;
  period.changes.insert(period.changes.end(), added.begin(), added.end());
  merge_changes(period.changes);
}

}  // namespace safeguard::synthetic
