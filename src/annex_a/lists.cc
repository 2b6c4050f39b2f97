// Building the 11 lists from the case record (see annex_a.h and docs/annex-a.md).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "annex_a/annex_a.h"
#include "annex_a/columns.h"
#include "domain/child.h"
#include "domain/children_in_need.h"
#include "domain/front_door.h"
#include "domain/looked_after.h"
#include "domain/practice.h"
#include "domain/workforce.h"

namespace safeguard::annex_a {

namespace {

using namespace domain;

template <typename Record>
Result<std::vector<Record>> load_all(store::Transaction& transaction) {
  std::vector<Record> records;
  Status status = transaction.for_each<Record>([&](const Record& record) -> Status {
    records.push_back(record);
    return Status::success();
  });
  if (!status) return status.error();
  return records;
}

template <typename Record>
std::unordered_map<std::int64_t, std::vector<const Record*>> by_child(
    const std::vector<Record>& records) {
  std::unordered_map<std::int64_t, std::vector<const Record*>> index;
  for (const Record& record : records) index[record.child_id].push_back(&record);
  return index;
}

Cell text(std::string value) { return Cell{std::move(value), std::nullopt}; }
Cell date(std::optional<Date> value) { return Cell{"", value}; }
Cell number(long value) { return Cell{std::to_string(value), std::nullopt}; }
Cell yes_no(bool value) { return text(value ? "a) Yes" : "b) No"); }

std::string gender(std::string_view sex) {
  if (sex == "M") return "a) Male";
  if (sex == "F") return "b) Female";
  return "c) Not stated/recorded";
}

std::string ethnicity(std::string_view code) {
  static constexpr std::string_view kOrder[] = {
      "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
      "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"};
  for (std::size_t i = 0; i < std::size(kOrder); ++i) {
    if (kOrder[i] == code) return fmt::format("{}) {}", static_cast<char>('a' + i), code);
  }
  return std::string(code);
}

// A row built by column name, laid out in the list's column order at the end.
class Row {
 public:
  Row& set(std::string_view column, Cell cell) {
    cells_[std::string(column)] = std::move(cell);
    return *this;
  }
  Result<std::vector<Cell>> laid_out(const std::vector<std::string>& columns) const {
    for (const auto& [name, cell] : cells_) {
      if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
        return Error::internal("Annex A: no column named '" + name + "'");
      }
    }
    std::vector<Cell> cells;
    for (const std::string& column : columns) {
      auto found = cells_.find(column);
      cells.push_back(found == cells_.end() ? Cell{} : found->second);
    }
    return cells;
  }

 private:
  std::map<std::string, Cell> cells_;
};

struct Records {
  std::vector<Child> children;
  std::vector<Contact> contacts;
  std::vector<Referral> referrals;
  std::vector<ChildInNeedEpisode> episodes;
  std::vector<Assessment> assessments;
  std::vector<Section47Enquiry> enquiries;
  std::vector<InitialChildProtectionConference> conferences;
  std::vector<ChildProtectionPlan> plans;
  std::vector<ChildProtectionReview> plan_reviews;
  std::vector<LookedAfterEpisode> care_episodes;
  std::vector<LookedAfterReview> care_reviews;
  std::vector<MissingEpisode> missing;
  std::vector<LegalOrder> orders;
  std::vector<CareLeaverContact> leaver_contacts;
  std::vector<Visit> visits;
  std::vector<Allocation> allocations;
  std::vector<Worker> workers;
  std::vector<Team> teams;
};

Status load(store::Transaction& tx, Records& r) {
#define SAFEGUARD_LOAD(field, Type)     \
  {                                     \
    auto loaded = load_all<Type>(tx);   \
    if (!loaded) return loaded.error(); \
    r.field = std::move(*loaded);       \
  }
  SAFEGUARD_LOAD(children, Child)
  SAFEGUARD_LOAD(contacts, Contact)
  SAFEGUARD_LOAD(referrals, Referral)
  SAFEGUARD_LOAD(episodes, ChildInNeedEpisode)
  SAFEGUARD_LOAD(assessments, Assessment)
  SAFEGUARD_LOAD(enquiries, Section47Enquiry)
  SAFEGUARD_LOAD(conferences, InitialChildProtectionConference)
  SAFEGUARD_LOAD(plans, ChildProtectionPlan)
  SAFEGUARD_LOAD(plan_reviews, ChildProtectionReview)
  SAFEGUARD_LOAD(care_episodes, LookedAfterEpisode)
  SAFEGUARD_LOAD(care_reviews, LookedAfterReview)
  SAFEGUARD_LOAD(missing, MissingEpisode)
  SAFEGUARD_LOAD(orders, LegalOrder)
  SAFEGUARD_LOAD(leaver_contacts, CareLeaverContact)
  SAFEGUARD_LOAD(visits, Visit)
  SAFEGUARD_LOAD(allocations, Allocation)
  SAFEGUARD_LOAD(workers, Worker)
  SAFEGUARD_LOAD(teams, Team)
#undef SAFEGUARD_LOAD
  return Status::success();
}

class Builder {
 public:
  Builder(const Records& records, Date as_of)
      : r_(records),
        as_of_(as_of),
        from_(as_of.plus_months(-6)),
        year_ago_(as_of.plus_months(-12)) {
    for (const Child& child : r_.children) children_[child.id] = &child;
    for (const Worker& worker : r_.workers) workers_[worker.id] = &worker;
    for (const Team& team : r_.teams) teams_[team.id] = &team;
    referrals_ = by_child(r_.referrals);
    enquiries_ = by_child(r_.enquiries);
    conferences_ = by_child(r_.conferences);
    plans_ = by_child(r_.plans);
    visits_ = by_child(r_.visits);
    allocations_ = by_child(r_.allocations);
    care_ = by_child(r_.care_episodes);
    care_reviews_ = by_child(r_.care_reviews);
    missing_ = by_child(r_.missing);
    orders_ = by_child(r_.orders);
    leaver_ = by_child(r_.leaver_contacts);
    for (auto& [child, episodes] : care_) {
      std::sort(episodes.begin(), episodes.end(), [](const auto* a, const auto* b) {
        return std::tie(a->start_date, a->id) < std::tie(b->start_date, b->id);
      });
    }
  }

  Date from() const { return from_; }

  bool in_period(Date date) const { return date >= from_ && date <= as_of_; }
  bool open_in_period(Date start, const std::optional<Date>& end) const {
    return start <= as_of_ && (!end || *end >= from_);
  }

  // The columns every list about a child starts with; false when the child is unknown.
  bool child_columns(Row& row, std::int64_t child_id, bool allocation) const {
    auto found = children_.find(child_id);
    if (found == children_.end()) return false;
    const Child& child = *found->second;
    row.set("Child Unique ID", text(child.local_id))
        .set("Gender", text(gender(child.sex)))
        .set("Ethnicity", text(ethnicity(child.ethnicity)))
        .set("Date of Birth", date(child.date_of_birth))
        .set("Age of Child (Years)",
             number(child.date_of_birth <= as_of_ ? child.date_of_birth.age_on(as_of_) : 0));
    if (allocation) {
      for (const Allocation* held : list_of(allocations_, child_id)) {
        if (held->start_date > as_of_ || (held->end_date && *held->end_date < as_of_)) continue;
        if (auto team = teams_.find(held->team_id); team != teams_.end()) {
          row.set("Allocated Team", text(team->second->name));
        }
        if (!held->worker_id) continue;
        if (auto worker = workers_.find(*held->worker_id); worker != workers_.end()) {
          row.set("Allocated Worker", text(worker->second->name));
        }
      }
    }
    return true;
  }

  template <typename Record>
  static const std::vector<const Record*>& list_of(
      const std::unordered_map<std::int64_t, std::vector<const Record*>>& index,
      std::int64_t child_id) {
    static const std::vector<const Record*> kNone;
    auto found = index.find(child_id);
    return found == index.end() ? kNone : found->second;
  }

  // The latest visit on or before `until` (where the child was seen, when asked).
  const Visit* last_visit(std::int64_t child_id, Date until, bool seen) const {
    const Visit* latest = nullptr;
    for (const Visit* visit : list_of(visits_, child_id)) {
      if (visit->date > until || (seen && !visit->child_seen)) continue;
      if (!latest || visit->date > latest->date) latest = visit;
    }
    return latest;
  }

  const Records& r_;
  Date as_of_;
  Date from_;
  Date year_ago_;
  std::unordered_map<std::int64_t, const Child*> children_;
  std::unordered_map<std::int64_t, const Worker*> workers_;
  std::unordered_map<std::int64_t, const Team*> teams_;
  std::unordered_map<std::int64_t, std::vector<const Referral*>> referrals_;
  std::unordered_map<std::int64_t, std::vector<const Section47Enquiry*>> enquiries_;
  std::unordered_map<std::int64_t, std::vector<const InitialChildProtectionConference*>>
      conferences_;
  std::unordered_map<std::int64_t, std::vector<const ChildProtectionPlan*>> plans_;
  std::unordered_map<std::int64_t, std::vector<const Visit*>> visits_;
  std::unordered_map<std::int64_t, std::vector<const Allocation*>> allocations_;
  std::unordered_map<std::int64_t, std::vector<const LookedAfterEpisode*>> care_;
  std::unordered_map<std::int64_t, std::vector<const LookedAfterReview*>> care_reviews_;
  std::unordered_map<std::int64_t, std::vector<const MissingEpisode*>> missing_;
  std::unordered_map<std::int64_t, std::vector<const LegalOrder*>> orders_;
  std::unordered_map<std::int64_t, std::vector<const CareLeaverContact*>> leaver_;
};

Status add(List& list, const Row& row) {
  auto cells = row.laid_out(list.columns);
  if (!cells) return cells.error();
  list.rows.push_back(std::move(*cells));
  return Status::success();
}

Status list_1_contacts(const Builder& b, List& list) {
  for (const Contact& contact : b.r_.contacts) {
    if (!b.in_period(contact.date)) continue;
    Row row;
    if (!b.child_columns(row, contact.child_id, false)) continue;
    row.set("Date of Contact", date(contact.date)).set("Contact Source", text(contact.source));
    SAFEGUARD_TRY(add(list, row));
  }
  return Status::success();
}

Status list_3_referrals(const Builder& b, List& list) {
  for (const Referral& referral : b.r_.referrals) {
    if (!b.in_period(referral.date)) continue;
    Row row;
    if (!b.child_columns(row, referral.child_id, true)) continue;
    long in_year = 0;
    for (const Referral* other : Builder::list_of(b.referrals_, referral.child_id)) {
      if (other->date <= referral.date && other->date > referral.date.plus_months(-12)) ++in_year;
    }
    row.set("Date of referral", date(referral.date))
        .set("Referral Source", text(referral.source))
        .set("Referral NFA?", yes_no(referral.no_further_action))
        .set("Number of Referrals in Last 12 Months", number(in_year));
    SAFEGUARD_TRY(add(list, row));
  }
  return Status::success();
}

Status list_4_assessments(const Builder& b, List& list) {
  for (const Assessment& assessment : b.r_.assessments) {
    if (!b.open_in_period(assessment.start_date, assessment.authorised_date)) continue;
    Row row;
    if (!b.child_columns(row, assessment.child_id, true)) continue;
    std::optional<Date> authorised;
    if (assessment.authorised_date && *assessment.authorised_date <= b.as_of_) {
      authorised = assessment.authorised_date;
    }
    Date until = authorised.value_or(b.as_of_);
    bool seen = false;
    for (const Visit* visit : Builder::list_of(b.visits_, assessment.child_id)) {
      seen = seen ||
             (visit->child_seen && visit->date >= assessment.start_date && visit->date <= until);
    }
    row.set("Continuous Assessment Start Date", date(assessment.start_date))
        .set("Child Seen During Continuous Assessment", yes_no(seen))
        .set("Continuous Assessment Date of Authorisation", date(authorised));
    SAFEGUARD_TRY(add(list, row));
  }
  return Status::success();
}

Status list_5_enquiries(const Builder& b, List& list) {
  for (const Section47Enquiry& enquiry : b.r_.enquiries) {
    if (!b.in_period(enquiry.strategy_discussion_date)) continue;
    Row row;
    if (!b.child_columns(row, enquiry.child_id, true)) continue;
    const InitialChildProtectionConference* conference = nullptr;
    for (const auto* each : Builder::list_of(b.conferences_, enquiry.child_id)) {
      if (each->enquiry_id == enquiry.id && each->date <= b.as_of_) conference = each;
    }
    long enquiries = 0, conferences = 0;
    Date year_before = enquiry.strategy_discussion_date.plus_months(-12);
    for (const auto* each : Builder::list_of(b.enquiries_, enquiry.child_id)) {
      enquiries += each->strategy_discussion_date > year_before &&
                   each->strategy_discussion_date <= enquiry.strategy_discussion_date;
    }
    for (const auto* each : Builder::list_of(b.conferences_, enquiry.child_id)) {
      conferences += each->date > year_before && each->date <= enquiry.strategy_discussion_date;
    }
    row.set("Strategy discussion initiating Section 47 Enquiry Start Date",
            date(enquiry.strategy_discussion_date))
        .set("Was an Initial Child Protection Conference deemed unnecessary?",
             yes_no(enquiry.conference_not_required))
        .set("Date of Initial Child Protection Conference",
             date(conference ? std::optional<Date>(conference->date) : std::nullopt))
        .set("Number of Section 47 Enquiries in the last 12 months", number(enquiries))
        .set("Number of ICPCs in the last 12 months", number(conferences));
    if (conference) {
      row.set("Did the Initial Child Protection Conference Result in a Child Protection Plan",
              yes_no(conference->plan_made));
    }
    SAFEGUARD_TRY(add(list, row));
  }
  return Status::success();
}

bool looked_after_on(const Builder& b, std::int64_t child_id, Date day) {
  for (const auto* episode : Builder::list_of(b.care_, child_id)) {
    if (episode->start_date <= day && (!episode->end_date || *episode->end_date > day)) {
      return true;
    }
  }
  return false;
}

Status list_6_children_in_need(const Builder& b, List& list) {
  for (const ChildInNeedEpisode& episode : b.r_.episodes) {
    if (!b.open_in_period(episode.start_date, episode.end_date)) continue;
    Row row;
    if (!b.child_columns(row, episode.child_id, true)) continue;
    bool closed = episode.end_date && *episode.end_date <= b.as_of_;
    bool on_plan = false;
    for (const auto* plan : Builder::list_of(b.plans_, episode.child_id)) {
      on_plan = on_plan || (plan->episode_id == episode.id && plan->start_date <= b.as_of_ &&
                            (!plan->end_date || *plan->end_date > b.as_of_));
    }
    std::string status = closed                                           ? "e) Closed episode"
                         : looked_after_on(b, episode.child_id, b.as_of_) ? "a) Looked after child"
                         : on_plan ? "b) Child Protection plan"
                                   : "c) Child in need plan";
    const Visit* seen = b.last_visit(episode.child_id, b.as_of_, true);
    row.set("CIN Start Date", date(episode.start_date))
        .set("Primary Need Code", text(episode.primary_need))
        .set("Date Child Was Last Seen",
             date(seen ? std::optional<Date>(seen->date) : std::nullopt))
        .set("CIN Closure Date", date(closed ? episode.end_date : std::nullopt))
        .set("Reason for Closure", text(closed ? episode.reason_for_closure : ""))
        .set("Case Status", text(status));
    SAFEGUARD_TRY(add(list, row));
  }
  return Status::success();
}

Status list_7_protection_plans(const Builder& b, List& list) {
  std::unordered_map<std::int64_t, std::vector<const ChildProtectionReview*>> reviews;
  for (const auto& review : b.r_.plan_reviews) reviews[review.plan_id].push_back(&review);
  for (const ChildProtectionPlan& plan : b.r_.plans) {
    if (!b.open_in_period(plan.start_date, plan.end_date)) continue;
    Row row;
    if (!b.child_columns(row, plan.child_id, true)) continue;
    std::optional<Date> ended;
    if (plan.end_date && *plan.end_date <= b.as_of_) ended = plan.end_date;
    const Visit* visit = b.last_visit(plan.child_id, ended.value_or(b.as_of_), false);
    std::optional<Date> latest_review;
    for (const auto* review : reviews[plan.id]) {
      if (review->date <= b.as_of_ && (!latest_review || review->date > *latest_review)) {
        latest_review = review->date;
      }
    }
    bool emergency = false;
    for (const auto* order : Builder::list_of(b.orders_, plan.child_id)) {
      emergency = emergency ||
                  (order->type == "emergency_protection_order" && b.in_period(order->made_date));
    }
    long previous = 0;
    for (const auto* other : Builder::list_of(b.plans_, plan.child_id)) {
      previous += std::tie(other->start_date, other->id) < std::tie(plan.start_date, plan.id);
    }
    row.set("Child Protection Plan Start Date", date(plan.start_date))
        .set("Initial Category of Abuse", text(plan.initial_category))
        .set("Latest Category of Abuse", text(plan.latest_category))
        .set("Date of the Last Statutory Visit",
             date(visit ? std::optional<Date>(visit->date) : std::nullopt))
        .set("Date of latest review conference", date(latest_review))
        .set("Child Protection Plan End Date", date(ended))
        .set(
            "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
            "Months (Y/N)",
            yes_no(emergency))
        .set("Number of Previous Child Protection Plans", number(previous));
    if (visit) row.set("Was the Child Seen Alone?", yes_no(visit->seen_alone));
    SAFEGUARD_TRY(add(list, row));
  }
  return Status::success();
}

Status list_8_looked_after(const Builder& b, List& list) {
  for (const auto& [child_id, episodes] : b.care_) {
    // The child's latest episode that was open in the period.
    const LookedAfterEpisode* latest = nullptr;
    for (const auto* episode : episodes) {
      if (b.open_in_period(episode->start_date, episode->end_date)) latest = episode;
    }
    if (latest == nullptr) continue;
    Row row;
    if (!b.child_columns(row, child_id, true)) continue;
    // Walk back through episodes that follow on without a gap to the start of this period of
    // care, and to the start of the current legal status and placement.
    std::size_t at = static_cast<std::size_t>(std::find(episodes.begin(), episodes.end(), latest) -
                                              episodes.begin());
    std::size_t first = at;
    while (first > 0 && episodes[first - 1]->end_date &&
           *episodes[first - 1]->end_date == episodes[first]->start_date) {
      --first;
    }
    Date legal_status_from = latest->start_date;
    Date placement_from = latest->start_date;
    for (std::size_t i = at; i > first; --i) {
      if (episodes[i - 1]->legal_status != latest->legal_status) break;
      legal_status_from = episodes[i - 1]->start_date;
    }
    for (std::size_t i = at; i > first; --i) {
      if (episodes[i]->reason_for_new_episode != "L") break;
      placement_from = episodes[i - 1]->start_date;
    }
    bool earlier_period = false;
    long placements = 0;
    for (std::size_t i = 0; i < episodes.size(); ++i) {
      const auto* episode = episodes[i];
      if (i < first && episode->end_date && *episode->end_date > b.year_ago_) {
        earlier_period = true;
      }
      if (episode->start_date > b.year_ago_ && episode->start_date <= b.as_of_ &&
          episode->reason_for_new_episode != "L") {
        ++placements;
      }
    }
    std::optional<Date> ceased;
    if (latest->end_date && *latest->end_date <= b.as_of_) ceased = latest->end_date;
    std::optional<Date> latest_review;
    for (const auto* review : Builder::list_of(b.care_reviews_, child_id)) {
      if (review->date <= b.as_of_ && (!latest_review || review->date > *latest_review)) {
        latest_review = review->date;
      }
    }
    const Visit* visit = b.last_visit(child_id, ceased.value_or(b.as_of_), false);
    long missing = 0, absent = 0;
    const MissingEpisode* last_missing = nullptr;
    for (const auto* episode : Builder::list_of(b.missing_, child_id)) {
      if (episode->start_date <= b.year_ago_ || episode->start_date > b.as_of_) continue;
      (episode->kind == "M" ? missing : absent) += 1;
      if (episode->kind == "M" &&
          (!last_missing || episode->start_date > last_missing->start_date)) {
        last_missing = episode;
      }
    }
    const Child* child = b.children_.at(child_id);
    row.set("Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
            yes_no(child->unaccompanied_asylum_seeking))
        .set("Date Started to be Looked After", date(episodes[first]->start_date))
        .set("Child's Category of Need", text(latest->category_of_need))
        .set(
            "Is this a second or subsequent period of being a Looked After Child within the last "
            "12 months (Y/N)",
            yes_no(earlier_period))
        .set("Start date of current legal status", date(legal_status_from))
        .set("Child's Legal Status", text(latest->legal_status))
        .set("Date of Latest Statutory Review", date(latest_review))
        .set("Date of Last Social Work Visit",
             date(visit ? std::optional<Date>(visit->date) : std::nullopt))
        .set("Number of Placements in the Last 12 months", number(placements))
        .set("Date Ceased to be Looked After", date(ceased))
        .set("Reason Ceased to be Looked After", text(ceased ? latest->reason_episode_ceased : ""))
        .set("Start Date of Most Recent Placement", date(placement_from))
        .set("Placement Type", text(latest->placement_type))
        .set("Placement Provider", text(latest->placement_provider))
        .set("Placement postcode", text(latest->placement_postcode))
        .set("URN of Placement", text(latest->urn))
        .set(
            "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 "
            "months",
            number(missing))
        .set(
            "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 "
            "months",
            number(absent));
    if (last_missing) {
      row.set("Was the child offered a Return Interview after their last missing episode (Y/N)?",
              yes_no(last_missing->return_interview_offered));
    }
    SAFEGUARD_TRY(add(list, row));
  }
  std::sort(list.rows.begin(), list.rows.end(),
            [](const auto& x, const auto& y) { return x[0].text < y[0].text; });
  return Status::success();
}

Status list_9_care_leavers(const Builder& b, List& list) {
  for (const auto& [child_id, contacts] : b.leaver_) {
    const CareLeaverContact* latest = nullptr;
    for (const auto* contact : contacts) {
      if (contact->date <= b.as_of_ && (!latest || contact->date > latest->date)) latest = contact;
    }
    if (latest == nullptr || latest->date < b.year_ago_) continue;
    Row row;
    if (!b.child_columns(row, child_id, true)) continue;
    row.set("Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
            yes_no(b.children_.at(child_id)->unaccompanied_asylum_seeking))
        .set("LA in Touch", text(latest->in_touch))
        .set("Latest Date of Contact", date(latest->date))
        .set("Type of Accommodation", text(latest->accommodation))
        .set("Activity Status", text(latest->activity));
    SAFEGUARD_TRY(add(list, row));
  }
  std::sort(list.rows.begin(), list.rows.end(),
            [](const auto& x, const auto& y) { return x[0].text < y[0].text; });
  return Status::success();
}

Status list_10_adoption(const Builder& b, List& list) {
  for (const auto& [child_id, orders] : b.orders_) {
    std::optional<Date> placement_order, adoption_order;
    for (const auto* order : orders) {
      if (order->made_date > b.as_of_) continue;
      if (order->type == "placement_order") placement_order = order->made_date;
      if (order->type == "adoption_order") adoption_order = order->made_date;
    }
    if (!placement_order) continue;
    // Children with a placement order in force during the period, or adopted in it.
    if (adoption_order && *adoption_order < b.from()) continue;
    Row row;
    if (!b.child_columns(row, child_id, false)) continue;
    std::optional<Date> entered_care;
    for (const auto* episode : Builder::list_of(b.care_, child_id)) {
      if (episode->start_date <= *placement_order) entered_care = episode->start_date;
    }
    std::optional<Date> placed;
    for (const auto* episode : Builder::list_of(b.care_, child_id)) {
      if ((episode->placement_type == "A5" || episode->placement_type == "A6") &&
          episode->start_date <= b.as_of_ && !placed) {
        placed = episode->start_date;
      }
    }
    row.set("Date the Child Entered Care", date(entered_care))
        .set("Date of Placement Order", date(placement_order))
        .set("Date Placed for Adoption", date(placed))
        .set("Date of Adoption Order", date(adoption_order));
    SAFEGUARD_TRY(add(list, row));
  }
  std::sort(list.rows.begin(), list.rows.end(),
            [](const auto& x, const auto& y) { return x[0].text < y[0].text; });
  return Status::success();
}

}  // namespace

Result<AnnexA> build_annex_a(store::Transaction& transaction, Date as_of) {
  Records records;
  SAFEGUARD_TRY(load(transaction, records));
  Builder builder(records, as_of);
  AnnexA annex;
  annex.as_of = as_of;
  annex.period_start = builder.from();
  const auto& columns = list_columns();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    List list;
    list.name = fmt::format("List {}", i + 1);
    for (std::string_view column : columns[i]) list.columns.emplace_back(column);
    annex.lists.push_back(std::move(list));
  }
  SAFEGUARD_TRY(list_1_contacts(builder, annex.lists[0]));
  // List 2 (early help assessments) and list 11 (adopters): the case record holds neither yet.
  SAFEGUARD_TRY(list_3_referrals(builder, annex.lists[2]));
  SAFEGUARD_TRY(list_4_assessments(builder, annex.lists[3]));
  SAFEGUARD_TRY(list_5_enquiries(builder, annex.lists[4]));
  SAFEGUARD_TRY(list_6_children_in_need(builder, annex.lists[5]));
  SAFEGUARD_TRY(list_7_protection_plans(builder, annex.lists[6]));
  SAFEGUARD_TRY(list_8_looked_after(builder, annex.lists[7]));
  SAFEGUARD_TRY(list_9_care_leavers(builder, annex.lists[8]));
  SAFEGUARD_TRY(list_10_adoption(builder, annex.lists[9]));
  return annex;
}

}  // namespace safeguard::annex_a
