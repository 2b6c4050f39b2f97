// Children and households: who the synthetic authority's records are about. Ages follow the mix
// seen at the front door, ethnicity roughly England's children in care, names come from the
// built-in lists; siblings share a household and usually a family name. Unaccompanied
// asylum-seeking children arrive alone, mostly boys of 16 and 17.
#include <cmath>

#include "synthetic/names.h"
#include "synthetic/simulation.h"

namespace safeguard::synthetic {
namespace {

struct AgeBand {
  int min_years;
  int max_years;
};

// Ages of children contacts and referrals are about (CIN census: teenagers the largest group).
const Weighted<AgeBand> kFrontDoorAges{
    {{0, 0}, 0.07}, {{1, 4}, 0.20}, {{5, 9}, 0.27}, {{10, 15}, 0.35}, {{16, 17}, 0.11}};

// England's children looked after, 2024: White 71%, Mixed 11%, Black 7%, Asian 5%, other 5%.
const Weighted<Code> kEthnicity{{"WBRI", 62.0}, {"WIRI", 0.5}, {"WOTH", 6.0}, {"WIRT", 0.6},
                                {"WROM", 1.4},  {"MWBC", 4.0}, {"MWBA", 1.5}, {"MWAS", 2.0},
                                {"MOTH", 3.5},  {"AIND", 0.7}, {"APKN", 1.5}, {"ABAN", 0.6},
                                {"AOTH", 2.2},  {"BCRB", 1.5}, {"BAFR", 4.0}, {"BOTH", 1.5},
                                {"CHNE", 0.4},  {"OOTH", 4.3}, {"REFU", 0.3}, {"NOBT", 0.7}};

// Unaccompanied children: mostly from Afghanistan, Eritrea, Sudan, Iran, Albania, Vietnam.
const Weighted<Code> kUnaccompaniedEthnicity{{"AOTH", 30.0}, {"BAFR", 28.0}, {"OOTH", 22.0},
                                             {"WOTH", 10.0}, {"BOTH", 6.0},  {"NOBT", 4.0}};

// More families in the districts with most deprivation.
const Weighted<int> kDistricts{{1, 1.0},  {2, 2.2},  {3, 2.0},  {4, 1.0},  {5, 0.8},  {6, 1.8},
                               {7, 2.4},  {8, 1.0},  {9, 0.6},  {10, 0.7}, {11, 1.5}, {12, 1.2},
                               {13, 0.9}, {14, 0.5}, {15, 1.6}, {16, 0.8}, {17, 0.6}, {18, 0.4}};

constexpr double kDaysPerYear = 365.25;
constexpr int kEighteenYearsInDays = 6574;

}  // namespace

Simulation::NewChild Simulation::draw_child_aged(Date on, int min_days, int max_days) {
  NewChild spec;
  spec.date_of_birth = on.plus_days(-rng_.uniform_int(min_days, max_days));
  spec.sex = rng_.bernoulli(0.52) ? 'M' : 'F';
  return spec;
}

Simulation::NewChild Simulation::draw_front_door_child(Date on) {
  const AgeBand& band = kFrontDoorAges.draw(rng_);
  int min_days = static_cast<int>(band.min_years * kDaysPerYear);
  int max_days = static_cast<int>((band.max_years + 1) * kDaysPerYear) - 2;
  NewChild spec = draw_child_aged(on, min_days, max_days);
  // Some babies are born into families the authority already knows.
  if (band.max_years == 0 && rng_.bernoulli(0.35)) {
    Index sibling = pick_known_child(on);
    if (sibling != kNone) spec.household = model_.children[sibling].household;
  }
  return spec;
}

Index Simulation::add_household() {
  HouseholdRecord household;
  household.address_hash = static_cast<std::uint32_t>(rng_.next() >> 32);
  household.district = static_cast<std::uint8_t>(kDistricts.draw(rng_));
  model_.households.push_back(household);
  household_first_child_.push_back(kNone);
  return static_cast<Index>(model_.households.size() - 1);
}

Index Simulation::add_child(const NewChild& spec) {
  const auto index = static_cast<Index>(model_.children.size());
  ChildRecord child;
  child.date_of_birth = spec.date_of_birth;
  child.sex = spec.sex;
  child.unaccompanied_asylum_seeking = spec.unaccompanied_asylum_seeking;
  child.household = spec.household;
  if (child.household == kNone && !spec.unaccompanied_asylum_seeking) {
    child.household = add_household();
  }
  Index sibling = child.household == kNone
                      ? kNone
                      : household_first_child_[static_cast<std::size_t>(child.household)];
  const auto& names = spec.sex == 'M' ? boys_names() : girls_names();
  child.first_name =
      static_cast<std::uint8_t>(rng_.uniform_int(0, static_cast<int>(names.size()) - 1));
  if (sibling != kNone && rng_.bernoulli(0.85)) {
    child.family_name = model_.children[static_cast<std::size_t>(sibling)].family_name;
  } else {
    child.family_name =
        static_cast<std::uint8_t>(rng_.uniform_int(0, static_cast<int>(family_names().size()) - 1));
  }
  if (spec.unaccompanied_asylum_seeking) {
    child.ethnicity = kUnaccompaniedEthnicity.draw(rng_);
    child.upn_unknown = rng_.bernoulli(0.2) ? 0 : (rng_.bernoulli(0.75) ? 2 : 3);
    child.has_nhs_number = rng_.bernoulli(0.7);
  } else {
    child.ethnicity = sibling != kNone && rng_.bernoulli(0.9)
                          ? model_.children[static_cast<std::size_t>(sibling)].ethnicity
                          : kEthnicity.draw(rng_);
    // Children not yet of school age have no UPN (UN1); a few others have none that matches.
    if (child.date_of_birth.age_on(scenario_.end) < 4) {
      child.upn_unknown = 1;
    } else if (rng_.bernoulli(0.03)) {
      child.upn_unknown = rng_.bernoulli(0.5) ? 5 : 3;
    }
    child.has_nhs_number = rng_.bernoulli(0.97);
  }
  model_.children.push_back(child);
  open_case_of_child_.push_back(kNone);
  next_sibling_.push_back(sibling);
  if (child.household != kNone) {
    household_first_child_[static_cast<std::size_t>(child.household)] = index;
  }
  known_children_.push_back(index);
  return index;
}

Index Simulation::pick_known_child(Date on) {
  if (known_children_.empty()) return kNone;
  const auto size = static_cast<double>(known_children_.size());
  for (int attempt = 0; attempt < 4; ++attempt) {
    // sqrt of a uniform leans towards the end of the list: children known recently are contacted
    // again more often than children known long ago.
    auto position = static_cast<std::size_t>(std::sqrt(rng_.uniform()) * size);
    if (position >= known_children_.size()) position = known_children_.size() - 1;
    Index child = known_children_[position];
    // Under 18 (to within a day: this only picks who a contact is about).
    int age_days = date_of_birth(child).days_until(on);
    if (age_days >= 0 && age_days < kEighteenYearsInDays) return child;
  }
  return kNone;
}

}  // namespace safeguard::synthetic
