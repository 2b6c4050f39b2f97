// The simulation behind build_demo_authority (internal to the synthetic module). It walks the years
// of history day by day: contacts arrive at the front door and some become referrals, each referral
// opens a child-in-need episode whose course (assessment, section 47 enquiry, conference, child
// protection plan, closure) is drawn when it opens; children come into care at a rate steered onto
// a target that rises to DemoOptions::children_in_care on the end date, and each period of care is
// drawn whole on admission (its 903 episodes, legal orders, reviews, missing episodes, leaving-care
// contacts); teams hire, workers leave, and cases are allocated, transferred and reallocated.
// Visits, supervision and case notes are derived at the end from the finished timelines.
//
// Pure: it takes a scenario and the code lists and returns a Model; no clock, no I/O, one thread.
// The member functions live in simulation.cc (the day loop), population.cc, front_door_flow.cc,
// looked_after_flow.cc (admissions), care_plan.cc (the shape of a period of care),
// care_records.cc (a period as 903 records), workforce.cc and practice.cc (visits, case notes).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <queue>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/codes.h"
#include "synthetic/calendar.h"
#include "synthetic/demo_authority.h"
#include "synthetic/model.h"
#include "synthetic/random.h"

namespace safeguard::synthetic {

using ProgressFunction = std::function<void(double, std::string_view)>;

// The options turned into dates and sizes.
struct Scenario {
  std::uint64_t seed = 1;
  int children_in_care = 612;
  Date start;  // first simulated day
  Date end;    // last simulated day ("today")
  std::int64_t population = 0;
  Date practice_from;  // visits, supervision and contacts without a referral recorded from here
};

Scenario make_scenario(const DemoOptions& options);

// Runs the whole simulation.
Model simulate(const Scenario& scenario, const domain::CodeLists& codes,
               const ProgressFunction& progress);

// The assessment factor codes of the CIN census, in the order AssessmentRecord::factors numbers
// them.
std::span<const std::string_view> assessment_factor_codes();

enum class Service : std::uint8_t {
  kFrontDoor,
  kAssessment,
  kSafeguarding,
  kDisability,
  kChildrenInCare,
  kLeavingCare,
  kManagement,
};
inline constexpr int kServiceCount = 7;

// How a period of care is heading to end, drawn when it starts.
enum class Pathway : std::uint8_t {
  kReturnHome,
  kSpecialGuardianship,
  kChildArrangements,
  kAdoption,
  kLongTerm,  // until 18
  kRemand,
  kOther,
};

// Where a child lives while looked after (each maps to PLACE codes by date and status).
enum class Setting : std::uint8_t {
  kInHouseFoster,
  kAgencyFoster,
  kKinship,
  kResidential,
  kSupported,
  kWithParents,
  kAdoptive,
  kSecure,
  kOtherPlacement,  // residential care home, residential school, NHS, mother and baby unit
};

// How long a case may wait for a worker, by why it needs one.
enum class AllocationWait : std::uint8_t { kImmediately, kNewCase, kTransfer, kWorkerLeft };

class Simulation {
 public:
  Simulation(const Scenario& scenario, const domain::CodeLists& codes,
             const ProgressFunction& progress);
  Model run();

 private:
  // --- the day loop and its events (simulation.cc) --------------------------------------------
  enum class EventKind : std::uint8_t {
    kWorkerStarts,
    kWorkerLeaves,
    kCareExit,
    kCaseClose,
    kAssessmentDone,
    kTurnSixteenInCare,
    kAllocate,
  };
  struct Event {
    std::int32_t day;
    std::uint64_t sequence;
    EventKind kind;
    Index subject;
  };
  struct EventAfter {
    bool operator()(const Event& a, const Event& b) const {
      return a.day != b.day ? a.day > b.day : a.sequence > b.sequence;
    }
  };
  void schedule(Date day, EventKind kind, Index subject);
  void process_events(Date day);
  void report(double fraction, std::string_view stage);
  void reserve();

  // --- children and households (population.cc) -------------------------------------------------
  struct NewChild {
    Date date_of_birth;
    char sex = 'M';
    bool unaccompanied_asylum_seeking = false;
    Index household = kNone;  // kNone: a new household
  };
  // A child of the age mix seen at the front door (age in whole years drawn from the mix).
  NewChild draw_front_door_child(Date on);
  // A child aged between min_days and max_days (inclusive) on `on`.
  NewChild draw_child_aged(Date on, int min_days, int max_days);
  Index add_child(const NewChild& spec);
  Index add_household();
  // A child already known to the authority and under 18 on `on`, more often a recent one; or kNone.
  Index pick_known_child(Date on);
  Date date_of_birth(Index child) const { return model_.children[child].date_of_birth; }

  // --- the front door and child-in-need work (front_door_flow.cc) --------------------------------
  enum class Phase : std::uint8_t { kAssessment, kChildInNeed, kInCare, kLeavingCare };
  struct Case {
    Index child = kNone;
    Index referral = kNone;
    Date start;
    Date close = kNever;
    Code primary_need = nullptr;
    Code closure_reason = nullptr;
    bool no_further_action = false;
    bool open = true;
    std::uint64_t schedule_seed = 0;  // fixes the dates of the plan's review conferences
    Date assessment_start = kNever;
    Date assessment_done = kNever;
    std::uint64_t factors = 0;
    Date strategy_discussion = kNever;
    Date enquiry_start = kNever;
    Date conference = kNever;
    bool plan_made = false;
    Date plan_start = kNever;
    Date plan_end = kNever;
    Code category = nullptr;
    Code latest_category = nullptr;
    // Looked after: the period's episodes are care_episode_count records from first_care_episode.
    Date care_start = kNever;
    Date care_end = kNever;
    Index first_care_episode = kNone;
    Index care_episode_count = 0;
    // Allocation.
    Index allocation = kNone;  // the open allocation
    Index first_allocation = kNone;
    Index last_allocation = kNone;
    Index worker_slot = kNone;   // position in the worker's case list
    Index waiting_team = kNone;  // the team whose tray the case waits in
    Index tray = kNone;          // the open tray allocation (a team and no worker) while waiting
    Code pending_reason = nullptr;
    Index pool_slot = kNone;  // position in open_pool_ while open and not looked after
  };
  void contacts_for_day(Date day);
  void plan_case(Case& planned, Date date_of_birth, Code source);
  // Drops everything planned after `limit` (the episode ends there).
  static void cut_case_at(Case& planned, Date limit);
  Index add_contact(Index child, Date date, Code source, ContactOutcome outcome,
                    std::optional<Date> decided);
  // Opens an episode for `child` with a referral on `referral_date`; returns the case.
  Index open_case(Index child, Date referral_date, Code source, Index contact, bool allocate_now,
                  bool allow_no_further_action = true);
  Index open_planned_case(const Case& planned, Code source, Index contact, bool allocate_now);
  void close_case(Index case_index, Date day);
  void finalise_case(Index case_index);
  void seed_open_cases();
  static std::vector<Date> plan_review_dates(std::uint64_t schedule_seed, Date plan_start,
                                             Date until);
  void pool_remove(Index case_index);

  // --- children looked after (looked_after_flow.cc) -------------------------------------------
  // A change within a period of care: of legal status, of placement, or both on one day.
  struct Change {
    Date date;
    Code legal_status = nullptr;  // nullptr: unchanged
    bool new_placement = false;   // a new placement with new carers
    bool status_only = false;     // same carers, the placement's status changes (e.g. U6 to U4)
    Setting setting = Setting::kInHouseFoster;
    bool long_term = false;               // U4/U1 rather than U6/U3
    bool fostering_for_adoption = false;  // U5, and A5 when the same carers adopt
    Code reason = nullptr;                // REASON_PLACE_CHANGE for the episode this change ends
  };
  struct Period {
    Date start;
    Date exit;
    Date date_of_birth;
    Pathway pathway = Pathway::kReturnHome;
    bool unaccompanied_asylum_seeking = false;
    Code exit_reason = nullptr;   // REC of the last episode
    std::vector<Change> changes;  // in date order; the first is the start
  };
  void admissions_for_day(Date day);
  void seed_children_in_care();
  int admissions_wanted(Date day);
  Period plan_period(Date start, Date date_of_birth, bool unaccompanied);
  void add_long_term_matches(Period& period);
  static void merge_changes(std::vector<Change>& changes);
  static void shift(Period& period, int days);
  // An open case of a child in the entry age band (an index into the bands), or kNone.
  Index pick_case_for_care(Date day, int age_band);
  // A child new to the authority coming into care (age_band -1 for an unaccompanied child).
  NewChild draw_child_for_care(Date day, int age_band, bool unaccompanied);
  Index open_case_for_admission(const NewChild& spec, Date day, Date referral_date);
  void admit(Index case_index, const Period& period, bool live);
  void emit_period(Index case_index, const Period& period);
  void emit_care_reviews(Index child, const Period& period);
  void emit_missing(Index child, const Period& period);
  void emit_leaver_contacts(Index child, const Period& period);
  void emit_legal_orders(Index child, const Period& period);

  // --- the workforce and allocations (workforce.cc) ---------------------------------------------
  struct Staff {
    Index team = kNone;
    bool holds_cases = false;
    bool active = false;
    bool pending = false;   // hired, start date still to come
    double capacity = 1.0;  // how many cases, relative to the team's norm, this worker carries
    std::vector<Index> cases;
  };
  struct TeamState {
    Service service = Service::kFrontDoor;
    double cases_per_fte = 16.5;
    std::vector<Index> holders;   // active case-holding workers
    std::vector<Index> managers;  // every team manager the team has had
    double pending_fte = 0.0;     // hired, not yet started
    int waiting = 0;              // cases waiting for a worker in this team
  };
  void create_teams();
  void seed_workforce();
  Index add_team(std::string name, Service service);
  Index hire(Index team, Code role, Date start, bool already_working);
  void worker_starts(Index worker);
  void worker_leaves(Index worker, Date day);
  void staffing_review(Date day);
  Index team_for(const Case& record, Date day) const;
  Index pick_worker(Index team);
  // Allocates to a worker in the case's team now (the allocation dated from `since`), or waits.
  void allocate(Index case_index, Date day, Code reason, Date since);
  void end_allocation(Index case_index, Date day);
  // Ends the current allocation and asks for one in the team the case now belongs to, after a wait.
  void transfer(Index case_index, Date day, Code reason);
  using WaitKind = AllocationWait;
  void request_allocation(Index case_index, Date day, Code reason, WaitKind wait);
  // Puts the case in `team`'s tray from `day` (a tray allocation), leaving any other team's tray.
  void start_waiting(Case& record, Index team, Date day);
  // Takes the case out of its tray on `day`, ending the tray allocation.
  void stop_waiting(Case& record, Date day);
  Index supervisor_on(Index team, Date day) const;
  void record_supervision();

  // --- visits and case notes (practice.cc) ------------------------------------------------------
  void record_visits(Index case_index);
  void record_case_notes(Index case_index);

  const Scenario& scenario_;
  const domain::CodeLists& codes_;
  const ProgressFunction& progress_;
  Random rng_;
  Random practice_rng_;
  Model model_;
  Date today_;

  std::priority_queue<Event, std::vector<Event>, EventAfter> events_;
  std::uint64_t next_sequence_ = 0;

  // Population.
  std::vector<Index> open_case_of_child_;  // per child: the open case, or kNone
  std::vector<Index> household_first_child_;
  std::vector<Index> next_sibling_;  // per child
  std::vector<Index> known_children_;

  // Cases.
  std::vector<Case> cases_;
  std::vector<Index> open_pool_;        // open cases of children not looked after
  std::vector<Index> allocation_next_;  // per allocation: the case's next allocation

  // Looked after.
  std::int64_t in_care_ = 0;
  std::int64_t open_at_end_ = 0;  // periods admitted so far that are still open on the end date
  double exit_rate_ = 0.0;        // smoothed exits per day
  int exits_today_ = 0;
  std::optional<Date> supported_registered_from_;  // K3's first valid day, when the list has one

  // Workforce.
  std::vector<Staff> staff_;
  std::vector<TeamState> teams_;
  std::vector<Index> teams_by_service_[kServiceCount];
  std::vector<Index> heads_of_service_;
  std::int64_t active_holders_ = 0;
  std::int64_t active_agency_holders_ = 0;
};

}  // namespace safeguard::synthetic
