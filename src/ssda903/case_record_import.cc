// import-903: a council's return into the case record, checked cell by cell and record by record
// before anything is kept, in one transaction.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "audit/audit_trail.h"
#include "domain/validation.h"
#include "ssda903/case_record.h"
#include "ssda903/layout.h"
#include "ssda903/return_records.h"

namespace safeguard::ssda903 {

namespace {

using domain::CareLeaverContact;
using domain::Child;
using domain::LookedAfterEpisode;
using domain::LookedAfterReview;
using domain::MissingEpisode;

constexpr std::string_view kImportTeam = "SSDA903 import";
constexpr std::string_view kNotRecorded = "Not recorded";

Date year_start(int year) { return *Date::from_ymd(year - 1, 4, 1); }
Date year_end(int year) { return *Date::from_ymd(year, 3, 31); }

std::string file_for(const std::map<std::string, std::string, std::less<>>& file_of,
                     std::string_view table) {
  auto found = file_of.find(table);
  if (found != file_of.end()) return found->second;
  const TableLayout* layout = find_layout(table);
  return layout ? std::string(layout->file_name) : std::string(table);
}

std::size_t line_of(const Table& table, std::size_t row) {
  return row < table.line_numbers.size() ? table.line_numbers[row] : row + 2;
}

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

class Importer {
 public:
  Importer(store::Transaction& tx, const Return& data, int year,
           const std::map<std::string, std::string, std::less<>>& file_of,
           const domain::CodeLists& codes, std::vector<FileProblem>& problems,
           ImportSummary& summary)
      : tx_(tx),
        data_(data),
        year_(year),
        file_of_(file_of),
        codes_(codes),
        problems_(problems),
        summary_(summary) {}

  Status run() {
    SAFEGUARD_TRY(import_children());
    SAFEGUARD_TRY(import_episodes());
    SAFEGUARD_TRY(import_reviews());
    SAFEGUARD_TRY(import_missing());
    SAFEGUARD_TRY(import_care_leavers());
    SAFEGUARD_TRY(import_health());
    SAFEGUARD_TRY(import_adoptions());
    SAFEGUARD_TRY(import_placed_for_adoption());
    SAFEGUARD_TRY(import_permanence());
    if (year_ >= 2024) SAFEGUARD_TRY(import_social_workers());
    if (year_ >= 2027) SAFEGUARD_TRY(import_dolo());
    return Status::success();
  }

 private:
  // --- reading cells (already checked by check_cells) ---------------------------------------
  std::string text(const Table& table, std::size_t row, std::string_view column) const {
    const Cell& cell = table.cell(row, column);
    return cell ? *cell : std::string();
  }
  std::optional<Date> date(const Table& table, std::size_t row, std::string_view column) const {
    const Cell& cell = table.cell(row, column);
    if (!cell) return std::nullopt;
    auto parsed = Date::parse_uk(*cell);
    return parsed ? std::optional<Date>(*parsed) : std::nullopt;
  }

  void problem(const Table& table, std::size_t row, std::string column, std::string reason) {
    problems_.push_back({file_for(file_of_, table.name), line_of(table, row), std::move(column),
                         std::move(reason)});
  }
  // The domain's problems with a record made from `row`, each named by the 903 column.
  bool refused(const Table& table, std::size_t row, const domain::Problems& found,
               const std::map<std::string, std::string>& columns = {}) {
    for (const domain::Problem& each : found) {
      auto renamed = columns.find(each.field);
      problem(table, row, renamed != columns.end() ? renamed->second : each.field, each.message);
    }
    return !found.empty();
  }

  std::optional<std::int64_t> child_id(const Table& table, std::size_t row) {
    auto found = children_.find(text(table, row, "CHILD"));
    if (found == children_.end()) return std::nullopt;  // its Header row was refused
    return found->second;
  }

  void counted(const Table& table) { summary_.rows[table.name] = table.row_count; }

  // Stores `record`, replacing the child's record that `same` picks if there is one.
  template <typename Record, typename Same>
  Status upsert(Record& record, Same same) {
    auto existing = tx_.list_where<Record>("child_id", record.child_id);
    if (!existing) return existing.error();
    for (const Record& each : *existing) {
      if (same(each)) {
        record.id = each.id;
        return tx_.update(record);
      }
    }
    auto id = tx_.insert(record);
    if (!id) return id.error();
    return Status::success();
  }

  // --- the tables ------------------------------------------------------------------------------
  Status import_children() {
    const Table& header = *data_.find("Header");
    std::unordered_map<std::string, std::optional<Date>> uasc;  // child -> DUC
    if (const Table* table = data_.find("UASC")) {
      for (std::size_t row = 0; row < table->row_count; ++row) {
        uasc[text(*table, row, "CHILD")] = date(*table, row, "DUC");
      }
      counted(*table);
    }
    for (std::size_t row = 0; row < header.row_count; ++row) {
      std::string local_id = text(header, row, "CHILD");
      auto existing = tx_.find_child_by_local_id(local_id);
      if (!existing) return existing.error();
      Child child;
      if (*existing) {
        child = **existing;
      } else {
        child.local_id = local_id;
        child.first_name = std::string(kNotRecorded);  // the 903 holds no names
        child.last_name = std::string(kNotRecorded);
      }
      std::string sex = text(header, row, "SEX");
      child.sex = sex == "1" ? "M" : sex == "2" ? "F" : sex;
      child.date_of_birth = *date(header, row, "DOB");
      child.ethnicity = text(header, row, "ETHNIC");
      child.upn = text(header, row, "UPN");
      auto in_uasc = uasc.find(local_id);
      if (in_uasc != uasc.end()) child.unaccompanied_asylum_seeking = true;
      if (refused(header, row, domain::validate(child, codes_),
                  {{"local_id", "CHILD"},
                   {"sex", "SEX"},
                   {"ethnicity", "ETHNIC"},
                   {"upn", "UPN"},
                   {"first_name", "CHILD"},
                   {"last_name", "CHILD"},
                   {"date_of_death", "DOB"}})) {
        continue;
      }
      if (*existing) {
        SAFEGUARD_TRY(tx_.update(child));
        ++summary_.children_updated;
      } else {
        auto id = tx_.insert(child);
        if (!id) return id.error();
        ++summary_.children_added;
      }
      children_[local_id] = child.id;

      LookedAfterYear facts;
      facts.child_id = child.id;
      facts.collection_year = year_;
      facts.mother = text(header, row, "MOTHER");
      facts.mother_child_date_of_birth = date(header, row, "MC_DOB");
      if (in_uasc != uasc.end()) facts.uasc_ceased_date = in_uasc->second;
      if (!facts.mother.empty() || facts.mother_child_date_of_birth || facts.uasc_ceased_date) {
        SAFEGUARD_TRY(upsert(
            facts, [&](const LookedAfterYear& each) { return each.collection_year == year_; }));
      }
    }
    counted(header);
    return Status::success();
  }

  Status import_episodes() {
    const Table* table = data_.find("Episodes");
    if (table == nullptr) return Status::success();
    for (std::size_t row = 0; row < table->row_count; ++row) {
      auto child = child_id(*table, row);
      if (!child) continue;
      LookedAfterEpisode episode;
      episode.child_id = *child;
      episode.start_date = *date(*table, row, "DECOM");
      episode.reason_for_new_episode = text(*table, row, "RNE");
      episode.legal_status = text(*table, row, "LS");
      episode.category_of_need = text(*table, row, "CIN");
      episode.placement_type = text(*table, row, "PLACE");
      episode.placement_provider = text(*table, row, "PLACE_PROVIDER");
      episode.end_date = date(*table, row, "DEC");
      episode.reason_episode_ceased = text(*table, row, "REC");
      episode.reason_place_change = text(*table, row, "REASON_PLACE_CHANGE");
      episode.home_postcode = text(*table, row, "HOME_POST");
      episode.placement_postcode = text(*table, row, "PL_POST");
      episode.urn = text(*table, row, "URN");
      if (refused(*table, row, domain::validate(episode, codes_), {{"child_id", "CHILD"}})) {
        continue;
      }
      SAFEGUARD_TRY(upsert(episode, [&](const LookedAfterEpisode& each) {
        return each.start_date == episode.start_date;
      }));
    }
    counted(*table);
    return Status::success();
  }

  Status import_reviews() {
    const Table* table = data_.find("Reviews");
    if (table == nullptr) return Status::success();
    for (std::size_t row = 0; row < table->row_count; ++row) {
      auto child = child_id(*table, row);
      if (!child) continue;
      LookedAfterReview review;
      review.child_id = *child;
      review.date = *date(*table, row, "REVIEW");
      review.participation = text(*table, row, "REVIEW_CODE");
      if (refused(*table, row, domain::validate(review, codes_), {{"date", "REVIEW"}})) continue;
      SAFEGUARD_TRY(
          upsert(review, [&](const LookedAfterReview& each) { return each.date == review.date; }));
    }
    counted(*table);
    return Status::success();
  }

  Status import_missing() {
    const Table* table = data_.find("Missing");
    if (table == nullptr) return Status::success();
    for (std::size_t row = 0; row < table->row_count; ++row) {
      auto child = child_id(*table, row);
      if (!child) continue;
      MissingEpisode episode;
      episode.child_id = *child;
      episode.kind = text(*table, row, "MISSING");
      episode.start_date = *date(*table, row, "MIS_START");
      episode.end_date = date(*table, row, "MIS_END");
      if (refused(*table, row, domain::validate(episode, codes_),
                  {{"start_date", "MIS_START"}, {"end_date", "MIS_END"}})) {
        continue;
      }
      SAFEGUARD_TRY(upsert(episode, [&](const MissingEpisode& each) {
        return each.start_date == episode.start_date;
      }));
    }
    counted(*table);
    return Status::success();
  }

  // OC3 has no date: the record is dated the young person's birthday in the year (the OC3
  // cohort is those whose 17th to 21st birthday falls in it), else the year's last day.
  Status import_care_leavers() {
    const Table* table = data_.find("OC3");
    if (table == nullptr) return Status::success();
    for (std::size_t row = 0; row < table->row_count; ++row) {
      auto child = child_id(*table, row);
      if (!child) continue;
      CareLeaverContact contact;
      contact.child_id = *child;
      contact.date = year_end(year_);
      if (auto dob = date(*table, row, "DOB")) {
        for (int age = 16; age <= 22; ++age) {
          Date birthday = dob->plus_years(age);
          if (year_start(year_) <= birthday && birthday <= year_end(year_)) contact.date = birthday;
        }
      }
      contact.in_touch = text(*table, row, "IN_TOUCH");
      contact.activity = text(*table, row, "ACTIV");
      contact.accommodation = text(*table, row, "ACCOM");
      if (refused(*table, row, domain::validate(contact, codes_))) continue;
      SAFEGUARD_TRY(upsert(contact, [&](const CareLeaverContact& each) {
        return year_start(year_) <= each.date && each.date <= year_end(year_);
      }));
    }
    counted(*table);
    return Status::success();
  }

  Status import_health() {
    const Table* table = data_.find("OC2");
    if (table == nullptr) return Status::success();
    for (std::size_t row = 0; row < table->row_count; ++row) {
      auto child = child_id(*table, row);
      if (!child) continue;
      HealthOutcome outcome;
      outcome.child_id = *child;
      outcome.collection_year = year_;
      outcome.sdq_score = text(*table, row, "SDQ_SCORE");
      outcome.sdq_reason = text(*table, row, "SDQ_REASON");
      outcome.convicted = text(*table, row, "CONVICTED");
      outcome.health_check = text(*table, row, "HEALTH_CHECK");
      outcome.immunisations = text(*table, row, "IMMUNISATIONS");
      outcome.teeth_check = text(*table, row, "TEETH_CHECK");
      outcome.health_assessment = text(*table, row, "HEALTH_ASSESSMENT");
      outcome.substance_misuse = text(*table, row, "SUBSTANCE_MISUSE");
      outcome.intervention_received = text(*table, row, "INTERVENTION_RECEIVED");
      outcome.intervention_offered = text(*table, row, "INTERVENTION_OFFERED");
      SAFEGUARD_TRY(upsert(
          outcome, [&](const HealthOutcome& each) { return each.collection_year == year_; }));
    }
    counted(*table);
    return Status::success();
  }

  Status import_adoptions() {
    const Table* table = data_.find("AD1");
    if (table == nullptr) return Status::success();
    for (std::size_t row = 0; row < table->row_count; ++row) {
      auto child = child_id(*table, row);
      if (!child) continue;
      Adoption adoption;
      adoption.child_id = *child;
      adoption.collection_year = year_;
      adoption.decision_date = *date(*table, row, "DATE_INT");
      adoption.matched_date = *date(*table, row, "DATE_MATCH");
      adoption.foster_carer = text(*table, row, "FOSTER_CARE");
      adoption.number_of_adopters = text(*table, row, "NB_ADOPTR");
      adoption.adopter_sex = text(*table, row, "SEX_ADOPTR");
      adoption.adopter_legal_status = text(*table, row, "LS_ADOPTR");
      SAFEGUARD_TRY(upsert(adoption, [&](const Adoption& each) {
        return each.collection_year == year_ && each.decision_date == adoption.decision_date;
      }));
    }
    counted(*table);
    return Status::success();
  }

  Status import_placed_for_adoption() {
    const Table* table = data_.find("PlacedAdoption");
    if (table == nullptr) return Status::success();
    for (std::size_t row = 0; row < table->row_count; ++row) {
      auto child = child_id(*table, row);
      if (!child) continue;
      PlacedForAdoption placed;
      placed.child_id = *child;
      placed.collection_year = year_;
      placed.date_placed = *date(*table, row, "DATE_PLACED");
      placed.date_ceased = date(*table, row, "DATE_PLACED_CEASED");
      placed.reason_ceased = text(*table, row, "REASON_PLACED_CEASED");
      SAFEGUARD_TRY(upsert(placed, [&](const PlacedForAdoption& each) {
        return each.collection_year == year_ && each.date_placed == placed.date_placed;
      }));
    }
    counted(*table);
    return Status::success();
  }

  Status import_permanence() {
    const Table* table = data_.find("PrevPerm");
    if (table == nullptr) return Status::success();
    for (std::size_t row = 0; row < table->row_count; ++row) {
      auto child = child_id(*table, row);
      if (!child) continue;
      PreviousPermanence permanence;
      permanence.child_id = *child;
      permanence.collection_year = year_;
      permanence.prev_perm = text(*table, row, "PREV_PERM");
      permanence.la_perm = text(*table, row, "LA_PERM");
      permanence.date_perm = text(*table, row, "DATE_PERM");
      SAFEGUARD_TRY(upsert(permanence, [&](const PreviousPermanence& each) {
        return each.collection_year == year_;
      }));
    }
    counted(*table);
    return Status::success();
  }

  Result<std::int64_t> import_team() {
    if (team_id_) return *team_id_;
    SAFEGUARD_TRY(tx_.for_each<domain::Team>([&](const domain::Team& team) -> Status {
      if (team.name == kImportTeam) team_id_ = team.id;
      return Status::success();
    }));
    if (team_id_) return *team_id_;
    domain::Team team;
    team.name = std::string(kImportTeam);
    team.service = "children_in_care";
    auto id = tx_.insert(team);
    if (!id) return id.error();
    team_id_ = *id;
    return *id;
  }

  Status import_social_workers() {
    const Table* table = data_.find("SWEpisodes");
    if (table == nullptr) return Status::success();
    std::unordered_map<std::string, domain::Worker> workers;
    SAFEGUARD_TRY(tx_.for_each<domain::Worker>([&](const domain::Worker& worker) -> Status {
      workers[worker.staff_id] = worker;
      return Status::success();
    }));
    for (std::size_t row = 0; row < table->row_count; ++row) {
      auto child = child_id(*table, row);
      if (!child) continue;
      std::string staff_id = text(*table, row, "SW_ID");
      Date start = *date(*table, row, "SW_DECOM");
      auto known = workers.find(staff_id);
      if (known == workers.end()) {
        domain::Worker worker;
        worker.staff_id = staff_id;
        worker.name = "Social worker " + staff_id;  // the 903 holds no names
        worker.role = "social_worker";
        auto team = import_team();
        if (!team) return team.error();
        worker.team_id = *team;
        worker.start_date = start;
        if (refused(*table, row, domain::validate(worker, codes_), {{"staff_id", "SW_ID"}})) {
          continue;
        }
        auto id = tx_.insert(worker);
        if (!id) return id.error();
        known = workers.emplace(staff_id, worker).first;
      }
      domain::Allocation allocation;
      allocation.child_id = *child;
      allocation.worker_id = known->second.id;
      if (known->second.team_id) {
        allocation.team_id = *known->second.team_id;
      } else {
        auto team = import_team();
        if (!team) return team.error();
        allocation.team_id = *team;
      }
      allocation.start_date = start;
      allocation.end_date = date(*table, row, "SW_DEC");
      allocation.reason = text(*table, row, "SW_REASON");
      if (refused(*table, row, domain::validate(allocation, codes_),
                  {{"start_date", "SW_DECOM"}, {"end_date", "SW_DEC"}})) {
        continue;
      }
      SAFEGUARD_TRY(upsert(allocation, [&](const domain::Allocation& each) {
        return each.worker_id == allocation.worker_id && each.start_date == allocation.start_date;
      }));
    }
    counted(*table);
    return Status::success();
  }

  Status import_dolo() {
    const Table* table = data_.find("DoLo");
    if (table == nullptr) return Status::success();
    for (std::size_t row = 0; row < table->row_count; ++row) {
      auto child = child_id(*table, row);
      if (!child) continue;
      DeprivationOfLiberty order;
      order.child_id = *child;
      order.start_date = *date(*table, row, "DOLO_START");
      order.end_date = date(*table, row, "DOLO_END");
      if (order.end_date && *order.end_date < order.start_date) {
        problem(*table, row, "DOLO_END", "the order ends before it starts (DOLO_START)");
        continue;
      }
      SAFEGUARD_TRY(upsert(order, [&](const DeprivationOfLiberty& each) {
        return each.start_date == order.start_date;
      }));
    }
    counted(*table);
    return Status::success();
  }

  store::Transaction& tx_;
  const Return& data_;
  int year_;
  const std::map<std::string, std::string, std::less<>>& file_of_;
  const domain::CodeLists& codes_;
  std::vector<FileProblem>& problems_;
  ImportSummary& summary_;
  std::unordered_map<std::string, std::int64_t> children_;  // CHILD -> child id
  std::optional<std::int64_t> team_id_;
};

}  // namespace

std::vector<FileProblem> check_cells(
    const Return& data, int year, const domain::CodeLists& codes,
    const std::map<std::string, std::string, std::less<>>& file_of) {
  std::vector<FileProblem> problems;
  const Table* header = data.find("Header");
  if (header == nullptr) {
    problems.push_back({"header.csv", 0, "",
                        "no Header table: a return is loaded child by child, so it needs the "
                        "Header file (CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB)"});
    return problems;
  }
  std::set<std::string> children;
  if (const Column* ids = header->column("CHILD")) {
    for (std::size_t row = 0; row < header->row_count; ++row) {
      const Cell& id = ids->cells[row];
      if (id && !children.insert(*id).second) {
        problems.push_back({file_for(file_of, "Header"), line_of(*header, row), "CHILD",
                            fmt::format("child {} is in the Header table twice", *id)});
      }
    }
  }
  Date last_day = year_end(year);
  for (const TableLayout* layout : layouts_for_year(year)) {
    const Table* table = data.find(layout->name);
    if (table == nullptr) continue;
    std::string file = file_for(file_of, layout->name);
    for (const ColumnLayout& column : layout->columns) {
      const Column* cells = table->column(column.name);
      for (std::size_t row = 0; row < table->row_count; ++row) {
        const Cell* cell = cells ? &cells->cells[row] : nullptr;
        auto add = [&](std::string reason) {
          problems.push_back(
              {file, line_of(*table, row), std::string(column.name), std::move(reason)});
        };
        if (cell == nullptr || !*cell) {
          if (column.required) add("is blank: the DfE requires a value");
          continue;
        }
        const std::string& value = **cell;
        switch (column.kind) {
          case CellKind::kDate:
            if (!Date::parse_uk(value)) {
              add(fmt::format("'{}' is not a date in the DfE's layout dd/mm/yyyy", value));
            }
            break;
          case CellKind::kInteger:
            if (!all_digits(value)) add(fmt::format("'{}' is not a whole number", value));
            break;
          case CellKind::kCode: {
            // SEX changed codes in 2024/25, so it is checked on the year's last day; other codes
            // are checked against the date of their record when it is stored.
            bool known = column.name == "SEX" ? codes.contains(column.code_list, value, last_day)
                                              : codes.contains(column.code_list, value);
            if (!known) {
              add(fmt::format("'{}' is not a {} code for {}/{:02} (allowed: {})", value,
                              column.code_list, year - 1, year % 100,
                              joined(codes.allowed(column.code_list, last_day))));
            }
            break;
          }
          case CellKind::kText:
            if (column.name == "CHILD" && layout->name != "Header" && !children.count(value)) {
              add(fmt::format("child {} is not in the Header table", value));
            }
            break;
        }
      }
    }
  }
  return problems;
}

Result<ImportSummary> import_return(store::Store& store, const Return& data, int year,
                                    const std::map<std::string, std::string, std::less<>>& file_of,
                                    const domain::CodeLists& codes, const Clock& clock,
                                    std::string_view actor, std::vector<FileProblem>& problems) {
  if (!supported_year(year)) {
    return Error::invalid(fmt::format("no SSDA903 layout for the collection year ending {}", year));
  }
  problems = check_cells(data, year, codes, file_of);
  if (!problems.empty()) {
    return Error::invalid(fmt::format("the return was refused: {} problems", problems.size()));
  }
  ImportSummary summary;
  Status status = store.write([&](store::Transaction& tx) -> Status {
    Importer importer(tx, data, year, file_of, codes, problems, summary);
    SAFEGUARD_TRY(importer.run());
    if (!problems.empty()) {
      return Error::invalid(fmt::format("the return was refused: {} problems", problems.size()));
    }
    audit::Event event;
    event.actor = std::string(actor);
    event.action = "import";
    event.entity = "ssda903_return";
    event.entity_id = std::to_string(year);
    event.reason = fmt::format(
        "SSDA903 return for {}/{:02} imported: every record it added or updated is recorded as "
        "this one event",
        year - 1, year % 100);
    nlohmann::json rows = nlohmann::json::object();
    for (const auto& [name, count] : summary.rows) rows[name] = count;
    event.after = nlohmann::json{
        {"children_added", summary.children_added},
        {"children_updated", summary.children_updated},
        {"rows",
         rows}}.dump();
    auto appended = audit::append(tx, clock, event);
    if (!appended) return appended.error();
    return Status::success();
  });
  if (!status) return status.error();
  return summary;
}

}  // namespace safeguard::ssda903
