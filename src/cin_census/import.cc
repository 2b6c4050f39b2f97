#include "cin_census/import.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "audit/audit_trail.h"
#include "cin_census/export.h"
#include "cin_census/support.h"
#include "domain/validation.h"
#include "store/mapping.h"

namespace safeguard::cin_census {

namespace {

using domain::Assessment;
using domain::Child;
using domain::ChildInNeedEpisode;
using domain::ChildProtectionPlan;
using domain::ChildProtectionReview;
using domain::InitialChildProtectionConference;
using domain::Referral;
using domain::Section47Enquiry;

constexpr const char* kNotRecorded = "Not recorded";

bool yes(std::string_view value) { return value == "1" || value == "true"; }

int line_at(const Table& table, std::size_t row) { return static_cast<int>(table.line_of(row)); }

// The census's rows below one CIN episode, by CINdetailsID.
std::unordered_map<std::string, std::vector<std::size_t>> rows_by(const Table& table,
                                                                  std::string_view column) {
  std::unordered_map<std::string, std::vector<std::size_t>> index;
  for (std::size_t row = 0; row < table.row_count; ++row) {
    index[std::string(table.text(row, column))].push_back(row);
  }
  return index;
}

class Importer {
 public:
  Importer(store::Transaction& transaction, const domain::CodeLists& codes, const Clock& clock,
           const Census& census, int year, const std::string& actor)
      : transaction_(transaction),
        codes_(codes),
        clock_(clock),
        census_(census),
        year_(year),
        actor_(actor) {}

  std::vector<XmlProblem> problems;
  ImportCounts counts;

  Status run() {
    const Table& identifiers = table("ChildIdentifiers");
    const Table& characteristics = table("ChildCharacteristics");
    const Table& details = table("CINdetails");
    auto characteristics_by_child = rows_by(characteristics, "LAchildID");
    auto details_by_child = rows_by(details, "LAchildID");
    assessments_by_cin_ = rows_by(table("Assessments"), "CINdetailsID");
    enquiries_by_cin_ = rows_by(table("Section47"), "CINdetailsID");
    plans_by_cin_ = rows_by(table("ChildProtectionPlans"), "CINdetailsID");
    reviews_by_plan_ = rows_by(table("Reviews"), "CPPID");
    SAFEGUARD_TRY(check_header());
    for (std::size_t row = 0; row < identifiers.row_count; ++row) {
      std::string local_id(identifiers.text(row, "LAchildID"));
      std::optional<std::size_t> characteristics_row;
      if (auto found = characteristics_by_child.find(local_id);
          found != characteristics_by_child.end()) {
        characteristics_row = found->second.front();
      }
      auto child_id = add_child(row, characteristics_row);
      if (!child_id) return child_id.error();
      if (*child_id == 0) continue;
      for (std::size_t detail : details_by_child[local_id]) {
        SAFEGUARD_TRY(add_episode(*child_id, local_id, detail));
      }
    }
    return Status::success();
  }

 private:
  const Table& table(std::string_view name) {
    const Table* found = census_.find(name);
    if (found) return *found;
    static const Table kEmpty;
    return kEmpty;
  }

  void problem(const Table& source, std::size_t row, std::string element, std::string reason) {
    problems.push_back(XmlProblem{line_at(source, row), std::move(element), std::move(reason)});
  }

  // Checks a record with the case record's rules; each problem names the census element.
  template <typename Record>
  bool valid(const Record& record, const Table& source, std::size_t row,
             const std::map<std::string, std::string>& elements) {
    domain::Problems found = domain::validate(record, codes_);
    for (const domain::Problem& each : found) {
      auto element = elements.find(each.field);
      problem(source, row, element == elements.end() ? source.name : element->second, each.message);
    }
    return found.empty();
  }

  template <typename Record>
  Result<std::int64_t> insert(Record& record) {
    auto id = transaction_.insert(record);
    if (!id) return id.error();
    audit::Event event;
    event.actor = actor_;
    event.action = "import";
    event.entity = std::string(store::Mapping<Record>::table);
    event.entity_id = std::to_string(*id);
    if constexpr (store::BelongsToChild<Record>) {
      event.child_id = record.child_id;
    } else if constexpr (std::is_same_v<Record, Child>) {
      event.child_id = record.id;
    }
    event.reason = fmt::format("CIN census {}", CollectionYear{year_}.label());
    event.after = store::to_json(record).dump();
    auto appended = audit::append(transaction_, clock_, event);
    if (!appended) return appended.error();
    return *id;
  }

  Status check_header() {
    const Table& header = table("Header");
    Date expected = CollectionYear{year_}.last_day();
    for (std::size_t row = 0; row < header.row_count; ++row) {
      auto date = date_at(header, row, "ReferenceDate");
      if (date && *date != expected) {
        problem(header, row, "ReferenceDate",
                fmt::format("the census date is {}, but collection year {} ({}) has its census on "
                            "{}; check --year",
                            date->iso(), year_, CollectionYear{year_}.label(), expected.iso()));
      }
      std::string_view lea = header.text(row, "LEA");
      if (lea.empty()) continue;
      auto held = transaction_.setting(kLaCodeSetting);
      if (!held) return held.error();
      if (*held && **held != lea) {
        problem(header, row, "LEA",
                fmt::format("the file is from local authority {}, but this database holds "
                            "authority {}",
                            lea, **held));
      } else if (!*held) {
        SAFEGUARD_TRY(transaction_.put_setting(kLaCodeSetting, lea));
      }
    }
    return Status::success();
  }

  // The child's id (matched or added), or 0 when the row has problems.
  Result<std::int64_t> add_child(std::size_t row, std::optional<std::size_t> characteristics_row) {
    const Table& identifiers = table("ChildIdentifiers");
    std::size_t before = problems.size();
    Child child;
    child.local_id = std::string(identifiers.text(row, "LAchildID"));
    std::string_view upn = identifiers.text(row, "UPN");
    child.upn = std::string(upn.empty() ? identifiers.text(row, "UPNunknown") : upn);
    if (!identifiers.text(row, "FormerUPN").empty()) {
      problem(identifiers, row, "FormerUPN", "the case record has no place for a former UPN yet");
    }
    auto born = date_at(identifiers, row, "PersonBirthDate");
    auto expected = date_at(identifiers, row, "ExpectedPersonBirthDate");
    if (born && expected) {
      problem(identifiers, row, "ExpectedPersonBirthDate",
              "both a birth date and an expected birth date are given; the case record keeps one");
    }
    if (!born && !expected) {
      problem(identifiers, row, "PersonBirthDate", "a birth date or expected birth date is needed");
    }
    child.date_of_birth = born ? *born : expected.value_or(Date());
    if (identifiers.column("Sex")) {
      child.sex = std::string(identifiers.text(row, "Sex"));
    } else {
      std::string_view gender = identifiers.text(row, "GenderCurrent");
      if (gender == "1") {
        child.sex = "M";
      } else if (gender == "2") {
        child.sex = "F";
      } else if (gender == "0") {
        child.sex = "U";
      } else {
        problem(identifiers, row, "GenderCurrent",
                fmt::format("GenderCurrent '{}' has no equivalent in the case record (M, F, U)",
                            gender));
      }
    }
    child.date_of_death = date_at(identifiers, row, "PersonDeathDate");
    if (characteristics_row) {
      child.ethnicity =
          std::string(table("ChildCharacteristics").text(*characteristics_row, "Ethnicity"));
    }
    const Table& disabilities = table("Disabilities");
    for (std::size_t d = 0; d < disabilities.row_count; ++d) {
      if (disabilities.text(d, "LAchildID") != child.local_id) continue;
      if (disabilities.text(d, "Disability") != "NONE") {
        problem(disabilities, d, "Disability",
                "the case record has no place for disabilities yet, so this file cannot be loaded "
                "without losing them");
      }
    }

    auto existing = transaction_.find_child_by_local_id(child.local_id);
    if (!existing) return existing.error();
    if (*existing) {
      const Child& held = **existing;
      if (held.date_of_birth != child.date_of_birth || held.sex != child.sex) {
        problem(identifiers, row, "LAchildID",
                fmt::format("child {} is already on the record with a different birth date or sex "
                            "({} {}, the file says {} {})",
                            child.local_id, held.date_of_birth.iso(), held.sex,
                            child.date_of_birth.iso(), child.sex));
        return 0;
      }
      ++counts.children_matched;
      return problems.size() == before ? held.id : 0;
    }
    child.first_name = kNotRecorded;
    child.last_name = kNotRecorded;
    if (!valid(child, identifiers, row,
               {{"local_id", "LAchildID"},
                {"sex", identifiers.column("Sex") ? "Sex" : "GenderCurrent"},
                {"ethnicity", "Ethnicity"},
                {"upn", "UPN"},
                {"date_of_death", "PersonDeathDate"}}) ||
        problems.size() != before) {
      return 0;
    }
    auto id = insert(child);
    if (!id) return id.error();
    ++counts.children_added;
    return *id;
  }

  Status add_episode(std::int64_t child_id, const std::string& local_id, std::size_t row) {
    const Table& details = table("CINdetails");
    std::string cin_id(details.text(row, "CINdetailsID"));
    auto start = date_at(details, row, "CINreferralDate");
    if (!start) {
      problem(details, row, "CINreferralDate", "the referral date is missing or not a date");
      return Status::success();
    }
    auto held = transaction_.list_where<ChildInNeedEpisode>("child_id", child_id);
    if (!held) return held.error();
    for (const ChildInNeedEpisode& episode : *held) {
      if (episode.start_date == *start) {
        problem(details, row, "CINreferralDate",
                fmt::format("child {} already has a child-in-need episode referred on {}: this "
                            "census (or part of it) is already loaded",
                            local_id, start->iso()));
        return Status::success();
      }
    }
    Referral referral;
    referral.child_id = child_id;
    referral.date = *start;
    referral.source = std::string(details.text(row, "ReferralSource"));
    referral.no_further_action = yes(details.text(row, "ReferralNFA"));
    if (!valid(referral, details, row, {{"source", "ReferralSource"}})) return Status::success();
    auto referral_id = insert(referral);
    if (!referral_id) return referral_id.error();

    ChildInNeedEpisode episode;
    episode.child_id = child_id;
    episode.referral_id = *referral_id;
    episode.start_date = *start;
    episode.primary_need = std::string(details.text(row, "PrimaryNeedCode"));
    episode.end_date = date_at(details, row, "CINclosureDate");
    episode.reason_for_closure = std::string(details.text(row, "ReasonForClosure"));
    if (!valid(episode, details, row,
               {{"primary_need", "PrimaryNeedCode"},
                {"end_date", "CINclosureDate"},
                {"reason_for_closure", "ReasonForClosure"}})) {
      return Status::success();
    }
    auto episode_id = insert(episode);
    if (!episode_id) return episode_id.error();
    ++counts.episodes;

    const Table& plan_dates = table("CINplanDates");
    for (std::size_t p = 0; p < plan_dates.row_count; ++p) {
      if (plan_dates.text(p, "CINdetailsID") == cin_id) {
        problem(plan_dates, p, "CINPlanDates", "the case record has no place for CIN plans yet");
      }
    }
    // Plans first, so a conference knows whether it led to one.
    std::vector<Date> plan_starts;
    const Table& plans = table("ChildProtectionPlans");
    for (std::size_t p : plans_by_cin_[cin_id]) {
      if (auto date = date_at(plans, p, "CPPstartDate")) plan_starts.push_back(*date);
    }
    auto add_conference = [&](const Table& source, std::size_t at,
                              std::optional<std::int64_t> enquiry_id) -> Status {
      auto date = date_at(source, at, "DateOfInitialCPC");
      if (!date) return Status::success();
      InitialChildProtectionConference conference;
      conference.child_id = child_id;
      conference.episode_id = *episode_id;
      conference.enquiry_id = enquiry_id;
      conference.date = *date;
      conference.plan_made =
          std::find(plan_starts.begin(), plan_starts.end(), *date) != plan_starts.end();
      if (!valid(conference, source, at, {})) return Status::success();
      auto id = insert(conference);
      if (!id) return id.error();
      ++counts.conferences;
      return Status::success();
    };
    SAFEGUARD_TRY(add_conference(details, row, std::nullopt));

    const Table& assessments = table("Assessments");
    for (std::size_t a : assessments_by_cin_[cin_id]) {
      if (!assessments.text(a, "AssessmentInternalReviewDate").empty()) {
        problem(assessments, a, "AssessmentInternalReviewDate",
                "the case record has no place for an assessment's internal review date yet");
      }
      Assessment assessment;
      assessment.child_id = child_id;
      assessment.episode_id = *episode_id;
      auto started = date_at(assessments, a, "AssessmentActualStartDate");
      if (!started) {
        problem(assessments, a, "AssessmentActualStartDate", "missing or not a date");
        continue;
      }
      assessment.start_date = *started;
      assessment.authorised_date = date_at(assessments, a, "AssessmentAuthorisationDate");
      assessment.factors = std::string(assessments.text(a, "AssessmentFactors"));
      if (!valid(assessment, assessments, a,
                 {{"authorised_date", "AssessmentAuthorisationDate"}})) {
        continue;
      }
      auto id = insert(assessment);
      if (!id) return id.error();
      ++counts.assessments;
    }

    const Table& enquiries = table("Section47");
    for (std::size_t s : enquiries_by_cin_[cin_id]) {
      auto started = date_at(enquiries, s, "S47ActualStartDate");
      if (!started) {
        problem(enquiries, s, "S47ActualStartDate", "missing or not a date");
        continue;
      }
      Section47Enquiry enquiry;
      enquiry.child_id = child_id;
      enquiry.episode_id = *episode_id;
      enquiry.strategy_discussion_date = *started;  // the census does not give it
      enquiry.start_date = *started;
      enquiry.conference_not_required = yes(enquiries.text(s, "ICPCnotRequired"));
      if (!valid(enquiry, enquiries, s, {})) continue;
      auto id = insert(enquiry);
      if (!id) return id.error();
      ++counts.enquiries;
      SAFEGUARD_TRY(add_conference(enquiries, s, *id));
    }

    const Table& reviews = table("Reviews");
    for (std::size_t p : plans_by_cin_[cin_id]) {
      auto started = date_at(plans, p, "CPPstartDate");
      if (!started) {
        problem(plans, p, "CPPstartDate", "missing or not a date");
        continue;
      }
      ChildProtectionPlan plan;
      plan.child_id = child_id;
      plan.episode_id = *episode_id;
      plan.start_date = *started;
      plan.end_date = date_at(plans, p, "CPPendDate");
      plan.initial_category = std::string(plans.text(p, "InitialCategoryOfAbuse"));
      plan.latest_category = std::string(plans.text(p, "LatestCategoryOfAbuse"));
      if (!valid(plan, plans, p,
                 {{"initial_category", "InitialCategoryOfAbuse"},
                  {"latest_category", "LatestCategoryOfAbuse"},
                  {"end_date", "CPPendDate"}})) {
        continue;
      }
      auto plan_id = insert(plan);
      if (!plan_id) return plan_id.error();
      ++counts.plans;
      std::string_view previous = plans.text(p, "NumberOfPreviousCPP");
      if (!previous.empty() && previous != "0") {
        pending_previous_.push_back(
            {child_id, local_id, plan.start_date, *plan_id, std::string(previous)});
      }
      for (std::size_t r : reviews_by_plan_[std::string(plans.text(p, "CPPID"))]) {
        auto date = date_at(reviews, r, "CPPreviewDate");
        if (!date) continue;
        ChildProtectionReview review;
        review.plan_id = *plan_id;
        review.date = *date;
        if (!valid(review, reviews, r, {})) continue;
        auto id = insert(review);
        if (!id) return id.error();
        ++counts.reviews;
      }
    }
    return Status::success();
  }

 public:
  // Keeps each census count of earlier plans that the record cannot show (plans before the years
  // loaded), so the next export gives the same number.
  Status keep_previous_plan_counts() {
    for (const auto& pending : pending_previous_) {
      auto plans = transaction_.list_where<ChildProtectionPlan>("child_id", pending.child_id);
      if (!plans) return plans.error();
      long earlier = 0;
      for (const auto& plan : *plans) {
        if (std::tie(plan.start_date, plan.id) < std::tie(pending.start, pending.plan_id)) {
          ++earlier;
        }
      }
      if (std::to_string(earlier) != pending.value) {
        SAFEGUARD_TRY(transaction_.put_setting(
            previous_plans_setting(pending.local_id, pending.start), pending.value));
      }
    }
    return Status::success();
  }

 private:
  struct PendingCount {
    std::int64_t child_id;
    std::string local_id;
    Date start;
    std::int64_t plan_id;
    std::string value;
  };

  store::Transaction& transaction_;
  const domain::CodeLists& codes_;
  const Clock& clock_;
  const Census& census_;
  int year_;
  const std::string& actor_;
  std::unordered_map<std::string, std::vector<std::size_t>> assessments_by_cin_;
  std::unordered_map<std::string, std::vector<std::size_t>> enquiries_by_cin_;
  std::unordered_map<std::string, std::vector<std::size_t>> plans_by_cin_;
  std::unordered_map<std::string, std::vector<std::size_t>> reviews_by_plan_;
  std::vector<PendingCount> pending_previous_;
};

}  // namespace

Result<ImportOutcome> import_census(store::Store& store, const domain::CodeLists& codes,
                                    const Clock& clock, std::string_view xml, int year,
                                    const std::string& actor) {
  ImportOutcome outcome;
  auto schema_problems = check_against_schema(xml, year);
  if (!schema_problems) {
    if (schema_problems.error().kind != ErrorKind::kInvalid) return schema_problems.error();
    outcome.problems.push_back(XmlProblem{0, "", schema_problems.error().message});
    return outcome;
  }
  if (!schema_problems->empty()) {
    outcome.problems = std::move(*schema_problems);
    return outcome;
  }
  auto census = read_census_xml(xml);
  if (!census) {
    outcome.problems.push_back(XmlProblem{0, "", census.error().message});
    return outcome;
  }
  const Error refused = Error::invalid("the file was refused");
  Status status = store.write([&](store::Transaction& transaction) -> Status {
    Importer importer(transaction, codes, clock, *census, year, actor);
    SAFEGUARD_TRY(importer.run());
    if (importer.problems.empty()) SAFEGUARD_TRY(importer.keep_previous_plan_counts());
    outcome.problems = std::move(importer.problems);
    outcome.counts = importer.counts;
    if (!outcome.problems.empty()) return refused;  // rolls everything back
    return Status::success();
  });
  if (!status && outcome.problems.empty()) return status.error();
  if (!outcome.problems.empty()) {
    std::stable_sort(outcome.problems.begin(), outcome.problems.end(),
                     [](const XmlProblem& a, const XmlProblem& b) { return a.line < b.line; });
    outcome.counts = ImportCounts{};
    return outcome;
  }
  outcome.imported = true;
  return outcome;
}

}  // namespace safeguard::cin_census
