// The timescales a local authority works to, with the statutory defaults for England (Working
// Together to Safeguard Children; the Care Planning, Placement and Case Review (England)
// Regulations 2010; the Care Leavers (England) Regulations 2010). An authority may set stricter
// ones; every field here is one such setting, and nothing else in `rules` hard-codes a timescale.
//
// Working days are counted with a WorkingDayCalendar (weekends, bank holidays and the authority's
// closure days do not count); weeks and days are calendar days; months are calendar months,
// clamped to the month's end (31 January + 1 month = 28 or 29 February).
#pragma once

namespace safeguard::rules {

struct Timescales {
  // Front door: a decision on what happens to a contact.
  int contact_decision_working_days = 1;

  // Assessment completed (authorised by a manager), counted from the referral.
  int assessment_working_days = 45;

  // Initial child protection conference, counted from the strategy discussion.
  int initial_conference_working_days = 15;

  // Child protection review conferences: the first after the plan starts, then each after the last.
  int protection_first_review_months = 3;
  int protection_later_review_months = 6;
  // Child protection visits: the child seen at least this often while a plan is open.
  int protection_visit_working_days = 10;
  // A plan open this long is flagged for the managers to look at again.
  int protection_plan_flag_months = 18;

  // Looked-after reviews: the first after the child enters care, the second after the first, then
  // each after the last.
  int looked_after_first_review_working_days = 20;
  int looked_after_second_review_months = 3;
  int looked_after_later_review_months = 6;

  // Looked-after visits: within this many days of each new placement ...
  int looked_after_new_placement_visit_days = 7;
  // ... then at most this many weeks apart during the placement's first year ...
  int looked_after_visit_weeks = 6;
  // ... and at most this many months apart once a long-term placement has lasted a year.
  int looked_after_long_term_visit_months = 3;

  // Pathway plans reviewed at least this often (children in care aged 16 and over, care leavers).
  int pathway_plan_review_months = 6;

  // An obligation is "due soon" when its due date is at most this many working days from today.
  int due_soon_days = 5;

  // One-to-one supervision for each social worker at least this many weeks apart.
  int supervision_weeks = 4;
};

}  // namespace safeguard::rules
