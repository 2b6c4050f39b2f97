// The front door and the child-in-need work behind it. Contacts arrive every day at England-like
// rates (about 2,080 per 10,000 children a year, four for each referral; police, schools and health
// the main sources) and are decided, mostly within a working day. (Large authorities keep contacts
// that led to no referral only from Scenario::practice_from; see demo_authority.h.) A referral
// opens a child-in-need episode whose course is drawn when it opens: an assessment (most authorised
// within 45 working days), for about a third a section 47 enquiry after a strategy discussion, for
// some of those an initial child protection conference and a plan (neglect and emotional abuse the
// commonest categories; plans end at a review, a few after more than 18 months), and a closure. The
// episode's records are written when it closes (or at the end date, still open), so that a child
// coming into care can still change its course.
#include <algorithm>
#include <cmath>

#include "synthetic/simulation.h"

namespace safeguard::synthetic {
namespace {

constexpr double kContactsPer10000 = 2080.0;  // a year
constexpr double kReferralsPer10000 = 520.0;  // a year
constexpr double kMeanContactGroup = 1.3;     // children per contact event (siblings together)
constexpr double kReferralNoFurtherAction = 0.08;

constexpr std::string_view kAssessmentFactors[] = {
    "1A",  "1B",  "1C",  "2A",  "2B",  "2C",  "3A",  "3B",  "3C",  "4A", "4B", "4C",  "5A",  "5B",
    "5C",  "6A",  "6B",  "6C",  "7A",  "8B",  "8C",  "8D",  "8E",  "8F", "9A", "10A", "11A", "12A",
    "13A", "14A", "15A", "16A", "17A", "18B", "18C", "19B", "19C", "20", "21", "22A", "23A", "24A"};

// How often each factor is identified at assessment (CIN census 2024, roughly), by position above.
const Weighted<int> kFactorWeights{
    {1, 14}, {4, 16}, {7, 29}, {6, 10}, {10, 33}, {9, 17}, {31, 17},  {32, 19},  {34, 10}, {36, 4},
    {30, 6}, {12, 7}, {17, 5}, {29, 5}, {25, 3},  {26, 3}, {41, 4},   {3, 3},    {0, 2},   {18, 4},
    {37, 5}, {15, 3}, {13, 2}, {33, 2}, {27, 1},  {28, 1}, {39, 0.3}, {40, 0.3}, {11, 3},  {2, 2}};

const Weighted<Code> kSources{{"6", 29.0}, {"2A", 19.0}, {"2B", 1.5}, {"3A", 3.0}, {"3B", 2.0},
                              {"3C", 1.0}, {"3D", 1.5},  {"3E", 2.5}, {"3F", 4.0}, {"5A", 5.0},
                              {"5B", 4.0}, {"5C", 2.0},  {"5D", 3.0}, {"1A", 4.0}, {"1B", 1.0},
                              {"1C", 0.5}, {"1D", 1.5},  {"4", 1.5},  {"7", 2.0},  {"8", 5.0},
                              {"9", 1.0},  {"10", 2.0}};

const Weighted<Code> kPrimaryNeed{{"N1", 57.0}, {"N2", 9.0}, {"N3", 3.0}, {"N4", 9.0}, {"N5", 14.0},
                                  {"N6", 2.0},  {"N7", 0.5}, {"N8", 3.0}, {"N9", 1.5}, {"N0", 1.0}};

const Weighted<Code> kCategory{
    {"NEG", 48.0}, {"EMO", 36.0}, {"PHY", 8.0}, {"SAB", 4.0}, {"MUL", 4.0}};

// Contacts about children without an open case.
const Weighted<ContactOutcome> kOutcome{{ContactOutcome::kReferral, 27.0},
                                        {ContactOutcome::kEarlyHelp, 22.0},
                                        {ContactOutcome::kAdviceAndInformation, 26.0},
                                        {ContactOutcome::kNoFurtherAction, 22.0}};

// Working days from contact to decision: most the same day.
const Weighted<int> kDecisionDelay{{0, 62.0}, {1, 25.0}, {2, 4.0}, {3, 3.0},
                                   {4, 2.0},  {5, 1.0},  {8, 2.0}, {12, 1.0}};

// Conferences at review 1 (3 months), 2 (9), 3 (15), 4 (21), 5 (27) and 6 (33).
const Weighted<int> kPlanEndsAtReview{{1, 18.0}, {2, 41.0}, {3, 26.0},
                                      {4, 9.0},  {5, 4.0},  {6, 2.0}};

int assessment_working_days(Random& rng) {
  double u = rng.uniform();
  if (u < 0.10) return rng.uniform_int(3, 10);
  if (u < 0.50) return rng.uniform_int(11, 30);
  if (u < 0.86) return rng.uniform_int(31, 45);
  if (u < 0.97) return rng.uniform_int(46, 70);
  return rng.uniform_int(71, 120);
}

std::uint64_t draw_factors(Random& rng) {
  std::uint64_t factors = 0;
  int count = 1 + rng.poisson(1.3);
  for (int i = 0; i < count; ++i) factors |= std::uint64_t{1} << kFactorWeights.draw(rng);
  return factors;
}

}  // namespace

std::span<const std::string_view> assessment_factor_codes() { return kAssessmentFactors; }

Index Simulation::add_contact(Index child, Date date, Code source, ContactOutcome outcome,
                              std::optional<Date> decided) {
  ContactRecord contact;
  contact.child = child;
  contact.date = date;
  contact.source = source;
  contact.outcome = outcome;
  contact.decided = decided;
  contact.summary = static_cast<std::uint8_t>(rng_.uniform_int(0, 255));
  model_.contacts.push_back(contact);
  return static_cast<Index>(model_.contacts.size() - 1);
}

void Simulation::contacts_for_day(Date day) {
  const double weekday_factor = is_working_day(day) ? 1.15 : 0.625;
  const double per_day = static_cast<double>(scenario_.population) * kContactsPer10000 / 10000.0 /
                         365.25 * weekday_factor;
  // Most contacts are about children the authority already knows (once it has been running a
  // while).
  const double known_share =
      0.8 * std::min(1.0, static_cast<double>(known_children_.size()) /
                              (0.2 * static_cast<double>(scenario_.population)));
  // Before Scenario::practice_from (large authorities only) a contact is kept only when one of
  // the children it is about is referred: the referrals, and their contacts, cover every year.
  const bool keep_every_contact = day >= scenario_.practice_from;
  const int events = rng_.poisson(per_day / kMeanContactGroup);
  struct Member {
    Index child = kNone;  // kNone: new to the authority, described by `spec`
    NewChild spec;
    ContactOutcome outcome = ContactOutcome::kAwaitingDecision;
  };
  std::vector<Member> group;
  for (int e = 0; e < events; ++e) {
    group.clear();
    Code source = kSources.draw(rng_);
    Index known = rng_.bernoulli(known_share) ? pick_known_child(day) : kNone;
    if (known != kNone) {
      group.push_back(Member{known, {}, {}});
      // A police notification or a school's worry often concerns brothers and sisters too.
      Index household = model_.children[static_cast<std::size_t>(known)].household;
      if (household != kNone && rng_.bernoulli(0.3)) {
        for (Index sibling = household_first_child_[static_cast<std::size_t>(household)];
             sibling != kNone && group.size() < 3;
             sibling = next_sibling_[static_cast<std::size_t>(sibling)]) {
          Date born = date_of_birth(sibling);
          if (sibling != known && born <= day && day < born.plus_years(18)) {
            group.push_back(Member{sibling, {}, {}});
          }
        }
      }
    } else {
      int brothers_and_sisters = rng_.bernoulli(0.35) ? (rng_.bernoulli(0.7) ? 1 : 2) : 0;
      for (int s = 0; s <= brothers_and_sisters; ++s) {
        group.push_back(Member{kNone, draw_front_door_child(day), {}});
      }
    }

    Date decided = add_working_days(day, kDecisionDelay.draw(rng_));
    ContactOutcome shared = kOutcome.draw(rng_);
    bool referred = false;
    for (Member& member : group) {
      if (decided > scenario_.end) continue;  // awaiting a decision on the end date
      member.outcome = rng_.bernoulli(0.7) ? shared : kOutcome.draw(rng_);
      bool open = member.child != kNone &&
                  open_case_of_child_[static_cast<std::size_t>(member.child)] != kNone;
      Date born = member.child != kNone ? date_of_birth(member.child) : member.spec.date_of_birth;
      bool nearly_adult = born.plus_years(18) <= decided.plus_days(30);
      if ((open || nearly_adult) && member.outcome == ContactOutcome::kReferral) {
        // Known to an allocated worker (or about to turn 18): information passed on.
        member.outcome = ContactOutcome::kAdviceAndInformation;
      }
      referred = referred || member.outcome == ContactOutcome::kReferral;
    }
    if (!keep_every_contact && !referred) continue;

    Index household = kNone;
    for (Member& member : group) {
      if (member.child == kNone) {
        // Brothers and sisters new to the authority share the first one's household.
        if (household != kNone) member.spec.household = household;
        member.child = add_child(member.spec);
        household = model_.children[static_cast<std::size_t>(member.child)].household;
      }
      if (member.outcome == ContactOutcome::kAwaitingDecision) {
        add_contact(member.child, day, source, member.outcome, std::nullopt);
        continue;
      }
      Index contact = add_contact(member.child, day, source, member.outcome, decided);
      if (member.outcome == ContactOutcome::kReferral) {
        open_case(member.child, decided, source, contact, true);
      }
    }
  }
}

void Simulation::plan_case(Case& planned, Date born, Code source) {
  const Date referral = planned.start;
  planned.schedule_seed = rng_.next();
  planned.primary_need = kPrimaryNeed.draw(rng_);
  if (rng_.bernoulli(kReferralNoFurtherAction)) {
    planned.no_further_action = true;
    planned.close = rng_.bernoulli(0.6) ? referral : add_working_days(referral.plus_days(1), 0);
    planned.closure_reason = "RC8";
    return;
  }
  planned.assessment_start =
      add_working_days(referral, rng_.bernoulli(0.5) ? 0 : rng_.uniform_int(1, 3));
  planned.assessment_done =
      add_working_days(planned.assessment_start, assessment_working_days(rng_));
  planned.factors = draw_factors(rng_);

  double enquiry_chance = 0.26;
  if (std::string_view(source) == "6") enquiry_chance = 0.40;
  if (std::string_view(planned.primary_need) == "N1") enquiry_chance += 0.10;
  if (std::string_view(planned.primary_need) == "N2") enquiry_chance = 0.05;
  if (rng_.bernoulli(enquiry_chance)) {
    planned.strategy_discussion = add_working_days(referral, rng_.uniform_int(0, 2));
    planned.enquiry_start = planned.strategy_discussion.plus_days(rng_.bernoulli(0.7) ? 0 : 1);
    if (rng_.bernoulli(0.40)) {
      int within = rng_.bernoulli(0.85) ? rng_.uniform_int(6, 15) : rng_.uniform_int(16, 30);
      planned.conference = add_working_days(planned.strategy_discussion, within);
      if (rng_.bernoulli(0.86)) {
        planned.plan_made = true;
        planned.plan_start = planned.conference;
        planned.category = kCategory.draw(rng_);
        planned.latest_category = rng_.bernoulli(0.88) ? planned.category : kCategory.draw(rng_);
        // The plan ends at a review conference.
        std::vector<Date> reviews =
            plan_review_dates(planned.schedule_seed, planned.plan_start, kNever);
        planned.plan_end = reviews[static_cast<std::size_t>(kPlanEndsAtReview.draw(rng_) - 1)];
      }
    }
  }

  if (planned.plan_made) {
    planned.close = planned.plan_end.plus_days(rng_.bernoulli(0.4) ? rng_.uniform_int(0, 28)
                                                                   : rng_.uniform_int(60, 270));
    planned.closure_reason = "RC7";
  } else if (planned.strategy_discussion != kNever) {
    Date after = later(planned.assessment_done, planned.enquiry_start);
    if (rng_.bernoulli(0.45)) {
      planned.close = after.plus_days(rng_.uniform_int(0, 10));
      planned.closure_reason = "RC8";
    } else {
      planned.close = after.plus_days(rng_.uniform_int(75, 300));
      planned.closure_reason = "RC7";
    }
    // A conference that would make no plan and fall on or after the closure is not held: the
    // enquiry says none was needed (CIN rule 8868: a closed episode's enquiry ends at its
    // conference, or says none was needed).
    if (planned.conference >= planned.close) planned.conference = kNever;
  } else {
    double u = rng_.uniform();
    if (u < 0.42) {
      planned.close = planned.assessment_done;
      planned.closure_reason = "RC8";
    } else if (u < 0.55) {
      planned.close = planned.assessment_done;
      planned.closure_reason = "RC9";
    } else {
      bool disabled = std::string_view(planned.primary_need) == "N2";
      planned.close = planned.assessment_done.plus_days(disabled ? rng_.uniform_int(180, 900)
                                                                 : rng_.uniform_int(120, 480));
      planned.closure_reason = "RC7";
    }
  }

  const Date eighteen = birthday(born, 18);
  if (planned.close >= eighteen) {
    // Children's services end at 18: the episode closes on the birthday and nothing follows.
    planned.close = later(eighteen, planned.start);
    planned.closure_reason = std::string_view(planned.primary_need) == "N2" ? "RC6" : "RC7";
    cut_case_at(planned, planned.close);
  }
}

void Simulation::cut_case_at(Case& planned, Date limit) {
  if (planned.assessment_start > limit) {
    planned.assessment_start = kNever;
    planned.assessment_done = kNever;
  } else if (planned.assessment_done > limit) {
    planned.assessment_done = limit;
  }
  if (planned.strategy_discussion > limit) {
    planned.strategy_discussion = kNever;
    planned.enquiry_start = kNever;
  } else if (planned.enquiry_start > limit) {
    planned.enquiry_start = limit;
  }
  if (planned.conference >= limit) {  // none on the closing day (CIN rule 8868)
    planned.conference = kNever;
    planned.plan_made = false;
    planned.plan_start = kNever;
    planned.plan_end = kNever;
  } else if (planned.plan_end > limit) {
    planned.plan_end = limit;
  }
}

std::vector<Date> Simulation::plan_review_dates(std::uint64_t schedule_seed, Date plan_start,
                                                Date until) {
  // Review conferences: the first within three months of the initial conference, then every six
  // months; a few late. A pure function of the case's seed, so it can be recomputed when recording.
  std::vector<Date> dates;
  Date previous = plan_start;
  for (std::uint64_t k = 1; k <= 12; ++k) {
    std::uint64_t h = mix(schedule_seed, k);
    int jitter = static_cast<int>(h % 18) - 12;                       // up to 12 days early, 5 late
    if (h % 100 < 5) jitter = 10 + static_cast<int>((h / 100) % 30);  // late
    Date due = k == 1 ? plan_start.plus_months(3) : previous.plus_months(6);
    Date review = due.plus_days(jitter);
    if (review <= previous) review = due;
    if (review > until) break;
    dates.push_back(review);
    previous = review;
  }
  return dates;
}

Index Simulation::open_case(Index child, Date referral_date, Code source, Index contact,
                            bool allocate_now, bool allow_no_further_action) {
  Case planned;
  do {
    planned = Case{};
    planned.child = child;
    planned.start = referral_date;
    plan_case(planned, date_of_birth(child), source);
  } while (planned.no_further_action && !allow_no_further_action);
  return open_planned_case(planned, source, contact, allocate_now);
}

Index Simulation::open_planned_case(const Case& planned, Code source, Index contact,
                                    bool allocate_now) {
  const auto index = static_cast<Index>(cases_.size());
  ReferralRecord referral;
  referral.child = planned.child;
  referral.contact = contact;
  referral.date = planned.start;
  referral.source = source;
  referral.no_further_action = planned.no_further_action;
  model_.referrals.push_back(referral);

  cases_.push_back(planned);
  Case& record = cases_.back();
  record.referral = static_cast<Index>(model_.referrals.size() - 1);
  open_case_of_child_[static_cast<std::size_t>(record.child)] = index;
  if (!record.no_further_action) {
    record.pool_slot = static_cast<Index>(open_pool_.size());
    open_pool_.push_back(index);
  }
  schedule(record.close, EventKind::kCaseClose, index);
  if (record.assessment_done < record.close) {
    schedule(record.assessment_done, EventKind::kAssessmentDone, index);
  }
  if (allocate_now && !record.no_further_action) {
    request_allocation(index, record.start, "new case", WaitKind::kNewCase);
  }
  return index;
}

void Simulation::pool_remove(Index case_index) {
  Case& record = cases_[static_cast<std::size_t>(case_index)];
  if (record.pool_slot == kNone) return;
  Index moved = open_pool_.back();
  open_pool_[static_cast<std::size_t>(record.pool_slot)] = moved;
  cases_[static_cast<std::size_t>(moved)].pool_slot = record.pool_slot;
  open_pool_.pop_back();
  record.pool_slot = kNone;
}

void Simulation::close_case(Index case_index, Date day) {
  Case& record = cases_[static_cast<std::size_t>(case_index)];
  end_allocation(case_index, day);
  stop_waiting(record, day);
  pool_remove(case_index);
  if (open_case_of_child_[static_cast<std::size_t>(record.child)] == case_index) {
    open_case_of_child_[static_cast<std::size_t>(record.child)] = kNone;
  }
  record.open = false;
  finalise_case(case_index);
}

void Simulation::finalise_case(Index case_index) {
  const Case& record = cases_[static_cast<std::size_t>(case_index)];
  const Date end = scenario_.end;
  const auto episode = static_cast<Index>(model_.episodes.size());

  ChildInNeedEpisodeRecord out;
  out.child = record.child;
  out.referral = record.referral;
  out.start = record.start;
  out.primary_need = record.primary_need;
  if (record.close <= end) {
    out.end = record.close;
    out.reason_for_closure = record.closure_reason;
  }
  model_.episodes.push_back(out);

  if (record.assessment_start <= end) {
    AssessmentRecord assessment;
    assessment.child = record.child;
    assessment.episode = episode;
    assessment.start = record.assessment_start;
    if (record.assessment_done <= end) assessment.authorised = record.assessment_done;
    assessment.factors = record.factors;
    model_.assessments.push_back(assessment);
  }
  Index enquiry = kNone;
  if (record.strategy_discussion <= end) {
    EnquiryRecord out_enquiry;
    out_enquiry.child = record.child;
    out_enquiry.episode = episode;
    out_enquiry.strategy_discussion = record.strategy_discussion;
    out_enquiry.start =
        record.enquiry_start <= end ? record.enquiry_start : record.strategy_discussion;
    out_enquiry.conference_not_required = record.conference == kNever;
    model_.enquiries.push_back(out_enquiry);
    enquiry = static_cast<Index>(model_.enquiries.size() - 1);
  }
  if (record.conference <= end) {
    ConferenceRecord conference;
    conference.child = record.child;
    conference.episode = episode;
    conference.enquiry = enquiry;
    conference.date = record.conference;
    conference.plan_made = record.plan_made;
    model_.conferences.push_back(conference);
  }
  if (record.plan_made && record.plan_start <= end) {
    PlanRecord plan;
    plan.child = record.child;
    plan.episode = episode;
    plan.start = record.plan_start;
    if (record.plan_end <= end) plan.end = record.plan_end;
    plan.initial_category = record.category;
    plan.latest_category = record.latest_category;
    model_.plans.push_back(plan);
    const auto plan_index = static_cast<Index>(model_.plans.size() - 1);
    for (Date review : plan_review_dates(record.schedule_seed, record.plan_start,
                                         earlier(record.plan_end, end))) {
      model_.plan_reviews.push_back(PlanReviewRecord{plan_index, review});
    }
  }
  record_visits(case_index);
  if (record.open) record_case_notes(case_index);
}

void Simulation::seed_open_cases() {
  // Episodes that were already open when the history begins: referrals from the three years before,
  // kept only when still open on the first day (their earlier dates are on record, as in any
  // system that was running before the period shown).
  const double per_working_day = static_cast<double>(scenario_.population) * kReferralsPer10000 /
                                 10000.0 / (365.25 * 5.0 / 7.0);
  for (Date day = scenario_.start.plus_years(-3); day < scenario_.start; day = day.plus_days(1)) {
    if (!is_working_day(day)) continue;
    int referrals = rng_.poisson(per_working_day);
    for (int r = 0; r < referrals; ++r) {
      NewChild spec = draw_front_door_child(day);
      Code source = kSources.draw(rng_);
      Case planned;
      planned.start = day;
      plan_case(planned, spec.date_of_birth, source);
      if (planned.no_further_action || planned.close <= scenario_.start) continue;
      Index child = add_child(spec);
      planned.child = child;
      Index contact = add_contact(child, day, source, ContactOutcome::kReferral, day);
      open_planned_case(planned, source, contact, false);
    }
  }
}

}  // namespace safeguard::synthetic
