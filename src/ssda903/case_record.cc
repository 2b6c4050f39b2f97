#include "ssda903/case_record.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "audit/audit_trail.h"
#include "domain/validation.h"
#include "ssda903/layout.h"
#include "ssda903/return_records.h"
#include "store/mapping.h"

namespace safeguard::ssda903 {

namespace {

using domain::CareLeaverContact;
using domain::Child;
using domain::LookedAfterEpisode;
using domain::LookedAfterReview;
using domain::MissingEpisode;

Date year_start(int year) { return *Date::from_ymd(year - 1, 4, 1); }
Date year_end(int year) { return *Date::from_ymd(year, 3, 31); }

bool overlaps(Date start, const std::optional<Date>& end, int year) {
  return start <= year_end(year) && (!end || *end >= year_start(year));
}
bool within(Date date, int year) { return year_start(year) <= date && date <= year_end(year); }

Cell text_cell(const std::string& value) { return value.empty() ? Cell() : Cell(value); }
Cell date_cell(const std::optional<Date>& value) { return value ? Cell(value->uk()) : Cell(); }

std::string sex_for_year(const std::string& sex, int year) {
  if (year >= 2025) return sex;
  if (sex == "M") return "1";
  if (sex == "F") return "2";
  return sex;
}

// Appends rows to a table whose columns are the layout's, in order.
class TableWriter {
 public:
  TableWriter(Return& data, std::string_view name) : table_(data.table(name)) {
    const TableLayout* layout = find_layout(name);
    for (const ColumnLayout& column : layout->columns) table_.add_column(column.name);
  }
  void add(std::initializer_list<std::pair<std::string_view, Cell>> cells) {
    std::size_t row = table_.add_row();
    for (const auto& [name, value] : cells) {
      if (Column* column = table_.column(name)) column->cells[row] = value;
    }
  }

 private:
  Table& table_;
};

template <typename Record>
Result<std::vector<Record>> load_all(store::Transaction& tx,
                                     const std::function<bool(const Record&)>& keep) {
  std::vector<Record> records;
  Status status = tx.for_each<Record>([&](const Record& record) -> Status {
    if (keep(record)) records.push_back(record);
    return Status::success();
  });
  if (!status) return status.error();
  return records;
}

template <typename Record>
std::unordered_map<std::int64_t, std::vector<const Record*>> by_child(
    const std::vector<Record>& records) {
  std::unordered_map<std::int64_t, std::vector<const Record*>> grouped;
  for (const Record& record : records) grouped[record.child_id].push_back(&record);
  return grouped;
}

template <typename Record, typename Key>
void sort_by(std::vector<const Record*>& records, Key key) {
  std::stable_sort(records.begin(), records.end(), [&](const Record* a, const Record* b) {
    auto ka = key(*a);
    auto kb = key(*b);
    return ka != kb ? ka < kb : a->id < b->id;
  });
}

}  // namespace

Result<Return> export_return(store::Store& store, int year, const Clock& clock,
                             std::string_view actor) {
  if (!supported_year(year)) {
    return Error::invalid(fmt::format("no SSDA903 layout for the collection year ending {}", year));
  }
  auto codes = domain::CodeLists::load_standard();
  if (!codes) return codes.error();
  Return data;
  std::size_t children_in_return = 0;
  Status status = store.write([&](store::Transaction& tx) -> Status {
    auto episodes = load_all<LookedAfterEpisode>(
        tx, [&](const auto& e) { return overlaps(e.start_date, e.end_date, year); });
    if (!episodes) return episodes.error();
    auto contacts =
        load_all<CareLeaverContact>(tx, [&](const auto& c) { return within(c.date, year); });
    if (!contacts) return contacts.error();
    auto same_year = [&](const auto& r) { return r.collection_year == year; };
    auto years = load_all<LookedAfterYear>(tx, same_year);
    if (!years) return years.error();
    auto health = load_all<HealthOutcome>(tx, same_year);
    if (!health) return health.error();
    auto adoptions = load_all<Adoption>(tx, same_year);
    if (!adoptions) return adoptions.error();
    auto placed = load_all<PlacedForAdoption>(tx, same_year);
    if (!placed) return placed.error();
    auto permanence = load_all<PreviousPermanence>(tx, same_year);
    if (!permanence) return permanence.error();
    auto dolo = load_all<DeprivationOfLiberty>(tx, [&](const auto& d) {
      return year >= 2027 && overlaps(d.start_date, d.end_date, year);
    });
    if (!dolo) return dolo.error();

    std::set<std::int64_t> ids;
    for (const auto& e : *episodes) ids.insert(e.child_id);
    for (const auto& c : *contacts) ids.insert(c.child_id);
    for (const auto& r : *health) ids.insert(r.child_id);
    for (const auto& r : *adoptions) ids.insert(r.child_id);
    for (const auto& r : *placed) ids.insert(r.child_id);
    for (const auto& r : *permanence) ids.insert(r.child_id);
    for (const auto& r : *dolo) ids.insert(r.child_id);
    for (const auto& r : *years) ids.insert(r.child_id);

    auto children = load_all<Child>(tx, [&](const Child& c) { return ids.count(c.id) > 0; });
    if (!children) return children.error();
    std::sort(children->begin(), children->end(),
              [](const Child& a, const Child& b) { return a.local_id < b.local_id; });
    auto reviews = load_all<LookedAfterReview>(
        tx, [&](const auto& r) { return ids.count(r.child_id) && within(r.date, year); });
    if (!reviews) return reviews.error();
    auto missing = load_all<MissingEpisode>(tx, [&](const auto& m) {
      return ids.count(m.child_id) && overlaps(m.start_date, m.end_date, year);
    });
    if (!missing) return missing.error();
    std::vector<domain::Allocation> allocations;
    std::unordered_map<std::int64_t, std::string> staff_ids;
    if (year >= 2024) {
      auto loaded = load_all<domain::Allocation>(tx, [&](const auto& a) {
        return a.worker_id && ids.count(a.child_id) && overlaps(a.start_date, a.end_date, year);
      });
      if (!loaded) return loaded.error();
      allocations = std::move(*loaded);
      SAFEGUARD_TRY(tx.for_each<domain::Worker>([&](const domain::Worker& worker) -> Status {
        staff_ids[worker.id] = worker.staff_id;
        return Status::success();
      }));
    }

    auto episodes_of = by_child(*episodes);
    auto reviews_of = by_child(*reviews);
    auto missing_of = by_child(*missing);
    auto contacts_of = by_child(*contacts);
    auto years_of = by_child(*years);
    auto health_of = by_child(*health);
    auto adoptions_of = by_child(*adoptions);
    auto placed_of = by_child(*placed);
    auto permanence_of = by_child(*permanence);
    auto dolo_of = by_child(*dolo);
    auto allocations_of = by_child(allocations);

    TableWriter header(data, "Header");
    TableWriter episode_table(data, "Episodes");
    TableWriter review_table(data, "Reviews");
    TableWriter uasc_table(data, "UASC");
    TableWriter oc2_table(data, "OC2");
    TableWriter oc3_table(data, "OC3");
    TableWriter ad1_table(data, "AD1");
    TableWriter placed_table(data, "PlacedAdoption");
    TableWriter permanence_table(data, "PrevPerm");
    TableWriter missing_table(data, "Missing");
    std::optional<TableWriter> sw_table;
    if (year >= 2024) sw_table.emplace(data, "SWEpisodes");
    std::optional<TableWriter> dolo_table;
    if (year >= 2027) dolo_table.emplace(data, "DoLo");

    for (const Child& child : *children) {
      Cell id = child.local_id;
      Cell dob = child.date_of_birth.uk();
      const LookedAfterYear* facts =
          years_of.count(child.id) ? years_of[child.id].front() : nullptr;
      header.add({{"CHILD", id},
                  {"SEX", text_cell(sex_for_year(child.sex, year))},
                  {"DOB", dob},
                  {"ETHNIC", text_cell(child.ethnicity)},
                  {"UPN", text_cell(child.upn)},
                  {"MOTHER", facts ? text_cell(facts->mother) : Cell()},
                  {"MC_DOB", facts ? date_cell(facts->mother_child_date_of_birth) : Cell()}});
      if (child.unaccompanied_asylum_seeking) {
        // The DfE's date a UASC ceases to be one is their 18th birthday unless the return said
        // otherwise.
        std::optional<Date> ceased = facts && facts->uasc_ceased_date
                                         ? facts->uasc_ceased_date
                                         : std::optional<Date>(child.date_of_birth.plus_years(18));
        uasc_table.add({{"CHILD", id},
                        {"SEX", text_cell(sex_for_year(child.sex, year))},
                        {"DOB", dob},
                        {"DUC", date_cell(ceased)}});
      }
      auto& child_episodes = episodes_of[child.id];
      sort_by(child_episodes, [](const LookedAfterEpisode& e) { return e.start_date; });
      for (const LookedAfterEpisode* e : child_episodes) {
        episode_table.add({{"CHILD", id},
                           {"DECOM", e->start_date.uk()},
                           {"RNE", text_cell(e->reason_for_new_episode)},
                           {"LS", text_cell(e->legal_status)},
                           {"CIN", text_cell(e->category_of_need)},
                           {"PLACE", text_cell(e->placement_type)},
                           {"PLACE_PROVIDER", text_cell(e->placement_provider)},
                           {"DEC", date_cell(e->end_date)},
                           {"REC", text_cell(e->reason_episode_ceased)},
                           {"REASON_PLACE_CHANGE", text_cell(e->reason_place_change)},
                           {"HOME_POST", text_cell(e->home_postcode)},
                           {"PL_POST", text_cell(e->placement_postcode)},
                           {"URN", text_cell(e->urn)}});
      }
      auto& child_reviews = reviews_of[child.id];
      sort_by(child_reviews, [](const LookedAfterReview& r) { return r.date; });
      for (const LookedAfterReview* r : child_reviews) {
        review_table.add({{"CHILD", id},
                          {"DOB", dob},
                          {"REVIEW", r->date.uk()},
                          {"REVIEW_CODE", text_cell(r->participation)}});
      }
      for (const HealthOutcome* h : health_of[child.id]) {
        oc2_table.add({{"CHILD", id},
                       {"DOB", dob},
                       {"SDQ_SCORE", text_cell(h->sdq_score)},
                       {"SDQ_REASON", text_cell(h->sdq_reason)},
                       {"CONVICTED", text_cell(h->convicted)},
                       {"HEALTH_CHECK", text_cell(h->health_check)},
                       {"IMMUNISATIONS", text_cell(h->immunisations)},
                       {"TEETH_CHECK", text_cell(h->teeth_check)},
                       {"HEALTH_ASSESSMENT", text_cell(h->health_assessment)},
                       {"SUBSTANCE_MISUSE", text_cell(h->substance_misuse)},
                       {"INTERVENTION_RECEIVED", text_cell(h->intervention_received)},
                       {"INTERVENTION_OFFERED", text_cell(h->intervention_offered)}});
      }
      auto& child_contacts = contacts_of[child.id];
      sort_by(child_contacts, [](const CareLeaverContact& c) { return c.date; });
      // OC3 is one row per young person: the year's latest contact.
      if (child_contacts.size() > 1)
        child_contacts.erase(child_contacts.begin(), child_contacts.end() - 1);
      for (const CareLeaverContact* c : child_contacts) {
        oc3_table.add({{"CHILD", id},
                       {"DOB", dob},
                       {"IN_TOUCH", text_cell(c->in_touch)},
                       {"ACTIV", text_cell(c->activity)},
                       {"ACCOM", text_cell(c->accommodation)}});
      }
      auto& child_adoptions = adoptions_of[child.id];
      sort_by(child_adoptions, [](const Adoption& a) { return a.decision_date; });
      for (const Adoption* a : child_adoptions) {
        ad1_table.add({{"CHILD", id},
                       {"DOB", dob},
                       {"DATE_INT", a->decision_date.uk()},
                       {"DATE_MATCH", a->matched_date.uk()},
                       {"FOSTER_CARE", text_cell(a->foster_carer)},
                       {"NB_ADOPTR", text_cell(a->number_of_adopters)},
                       {"SEX_ADOPTR", text_cell(a->adopter_sex)},
                       {"LS_ADOPTR", text_cell(a->adopter_legal_status)}});
      }
      auto& child_placed = placed_of[child.id];
      sort_by(child_placed, [](const PlacedForAdoption& p) { return p.date_placed; });
      for (const PlacedForAdoption* p : child_placed) {
        placed_table.add({{"CHILD", id},
                          {"DOB", dob},
                          {"DATE_PLACED", p->date_placed.uk()},
                          {"DATE_PLACED_CEASED", date_cell(p->date_ceased)},
                          {"REASON_PLACED_CEASED", text_cell(p->reason_ceased)}});
      }
      for (const PreviousPermanence* p : permanence_of[child.id]) {
        permanence_table.add({{"CHILD", id},
                              {"DOB", dob},
                              {"PREV_PERM", text_cell(p->prev_perm)},
                              {"LA_PERM", text_cell(p->la_perm)},
                              {"DATE_PERM", text_cell(p->date_perm)}});
      }
      auto& child_missing = missing_of[child.id];
      sort_by(child_missing, [](const MissingEpisode& m) { return m.start_date; });
      for (const MissingEpisode* m : child_missing) {
        missing_table.add({{"CHILD", id},
                           {"DOB", dob},
                           {"MISSING", text_cell(m->kind)},
                           {"MIS_START", m->start_date.uk()},
                           {"MIS_END", date_cell(m->end_date)}});
      }
      if (sw_table) {
        auto& child_allocations = allocations_of[child.id];
        sort_by(child_allocations, [](const domain::Allocation& a) { return a.start_date; });
        for (const domain::Allocation* a : child_allocations) {
          // SW_REASON is why the worker stopped holding the case; reasons recorded in other
          // words are left blank.
          std::string reason = codes->contains("SW_REASON", a->reason) ? a->reason : "";
          sw_table->add({{"CHILD", id},
                         {"DOB", dob},
                         {"SW_ID", text_cell(staff_ids[*a->worker_id])},
                         {"SW_DECOM", a->start_date.uk()},
                         {"SW_DEC", date_cell(a->end_date)},
                         {"SW_REASON", text_cell(reason)}});
        }
      }
      if (dolo_table) {
        auto& child_dolo = dolo_of[child.id];
        sort_by(child_dolo, [](const DeprivationOfLiberty& d) { return d.start_date; });
        for (const DeprivationOfLiberty* d : child_dolo) {
          dolo_table->add({{"CHILD", id},
                           {"DOB", dob},
                           {"DOLO_START", d->start_date.uk()},
                           {"DOLO_END", date_cell(d->end_date)}});
        }
      }
    }
    children_in_return = children->size();

    audit::Event event;
    event.actor = std::string(actor);
    event.action = "export";
    event.entity = "ssda903_return";
    event.entity_id = std::to_string(year);
    event.reason = fmt::format(
        "SSDA903 return for {}/{:02} exported: a read of the records of every child in it, "
        "recorded as this one event",
        year - 1, year % 100);
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [name, table] : data.tables) counts[name] = table.row_count;
    event.after = nlohmann::json{{"children", children_in_return}, {"rows", counts}}.dump();
    auto appended = audit::append(tx, clock, event);
    if (!appended) return appended.error();
    return Status::success();
  });
  if (!status) return status.error();
  return data;
}

}  // namespace safeguard::ssda903
