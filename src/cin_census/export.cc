#include "cin_census/export.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>
#include <unordered_map>

#include "audit/audit_trail.h"
#include "cin_census/support.h"
#include "domain/child.h"
#include "domain/children_in_need.h"
#include "domain/front_door.h"

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

bool is_upn(std::string_view text) {
  static const std::regex pattern("[A-Za-z][0-9]{11}[0-9A-Za-z]");
  return std::regex_match(text.begin(), text.end(), pattern);
}

bool is_unknown_upn_code(std::string_view text) {
  return text.size() == 3 && text.substr(0, 2) == "UN" && text[2] >= '1' && text[2] <= '7';
}

std::string gender_code(std::string_view sex) {
  if (sex == "M") return "1";
  if (sex == "F") return "2";
  return "0";
}

bool open_in(Date start, const std::optional<Date>& end, Date first, Date last) {
  return start <= last && (!end || *end >= first);
}

}  // namespace

std::string previous_plans_setting(std::string_view child, Date plan_start) {
  return fmt::format("cin_census.previous_cpp.{}.{}", child, plan_start.iso());
}

Result<Census> census_from_store(store::Transaction& transaction, int year) {
  const Date first = CollectionYear{year}.first_day();
  const Date last = CollectionYear{year}.last_day();
  auto la_code = transaction.setting(kLaCodeSetting);
  if (!la_code) return la_code.error();

  auto children = load_all<Child>(transaction);
  if (!children) return children.error();
  auto referrals = load_all<Referral>(transaction);
  if (!referrals) return referrals.error();
  auto episodes = load_all<ChildInNeedEpisode>(transaction);
  if (!episodes) return episodes.error();
  auto assessments = load_all<Assessment>(transaction);
  if (!assessments) return assessments.error();
  auto enquiries = load_all<Section47Enquiry>(transaction);
  if (!enquiries) return enquiries.error();
  auto conferences = load_all<InitialChildProtectionConference>(transaction);
  if (!conferences) return conferences.error();
  auto plans = load_all<ChildProtectionPlan>(transaction);
  if (!plans) return plans.error();
  auto reviews = load_all<ChildProtectionReview>(transaction);
  if (!reviews) return reviews.error();

  std::unordered_map<std::int64_t, const Child*> child_by_id;
  for (const Child& child : *children) child_by_id[child.id] = &child;
  std::unordered_map<std::int64_t, const Referral*> referral_by_id;
  for (const Referral& referral : *referrals) referral_by_id[referral.id] = &referral;
  std::unordered_map<std::int64_t, std::vector<const Assessment*>> assessments_by_episode;
  for (const Assessment& each : *assessments)
    assessments_by_episode[each.episode_id].push_back(&each);
  std::unordered_map<std::int64_t, std::vector<const Section47Enquiry*>> enquiries_by_episode;
  for (const auto& each : *enquiries) enquiries_by_episode[each.episode_id].push_back(&each);
  std::unordered_map<std::int64_t, std::vector<const InitialChildProtectionConference*>>
      conferences_by_episode;
  for (const auto& each : *conferences) conferences_by_episode[each.episode_id].push_back(&each);
  std::unordered_map<std::int64_t, std::vector<const ChildProtectionPlan*>> plans_by_episode,
      plans_by_child;
  for (const auto& each : *plans) {
    plans_by_episode[each.episode_id].push_back(&each);
    plans_by_child[each.child_id].push_back(&each);
  }
  std::unordered_map<std::int64_t, std::vector<const ChildProtectionReview*>> reviews_by_plan;
  for (const auto& each : *reviews) reviews_by_plan[each.plan_id].push_back(&each);

  // The episodes open in the year, by child (in LAchildID order), then by start date.
  std::map<std::string, std::vector<const ChildInNeedEpisode*>> census_episodes;
  for (const ChildInNeedEpisode& episode : *episodes) {
    if (!open_in(episode.start_date, episode.end_date, first, last)) continue;
    auto child = child_by_id.find(episode.child_id);
    if (child == child_by_id.end()) continue;
    census_episodes[child->second->local_id].push_back(&episode);
  }

  Census census;
  for (const char* name : kTableNames) census.table(name);
  Table& header = census.table("Header");
  std::size_t header_row = header.add_row();
  header.set(header_row, "Collection", "CIN");
  header.set(header_row, "Year", std::to_string(year));
  header.set(header_row, "ReferenceDate", last.iso());
  header.set(header_row, "SourceLevel", "L");
  header.set(header_row, "LEA", la_code->value_or("000"));
  header.set(header_row, "SoftwareCode", "Safeguard");
  header.set(header_row, "Release", "1");
  header.set(header_row, "SerialNo", "001");

  Table& identifiers = census.table("ChildIdentifiers");
  Table& characteristics = census.table("ChildCharacteristics");
  Table& details = census.table("CINdetails");
  Table& assessment_table = census.table("Assessments");
  Table& factor_list = census.table("AssessmentFactorsList");
  Table& enquiry_table = census.table("Section47");
  Table& plan_table = census.table("ChildProtectionPlans");
  Table& review_table = census.table("Reviews");
  long cin_ids = 0, assessment_ids = 0, plan_ids = 0;

  for (auto& [local_id, child_episodes] : census_episodes) {
    const Child& child = *child_by_id.at(child_episodes.front()->child_id);
    std::sort(child_episodes.begin(), child_episodes.end(), [](const auto* a, const auto* b) {
      return std::tie(a->start_date, a->id) < std::tie(b->start_date, b->id);
    });
    std::size_t row = identifiers.add_row();
    identifiers.set(row, "LAchildID", child.local_id);
    if (is_upn(child.upn)) identifiers.set(row, "UPN", child.upn);
    if (is_unknown_upn_code(child.upn)) identifiers.set(row, "UPNunknown", child.upn);
    if (child.date_of_birth <= last) {
      identifiers.set(row, "PersonBirthDate", child.date_of_birth.iso());
    } else {
      identifiers.set(row, "ExpectedPersonBirthDate", child.date_of_birth.iso());
    }
    if (year >= 2025) {
      identifiers.set(row, "Sex", child.sex.empty() ? "U" : child.sex);
    } else {
      identifiers.set(row, "GenderCurrent", gender_code(child.sex));
    }
    if (child.date_of_death) identifiers.set(row, "PersonDeathDate", child.date_of_death->iso());
    std::size_t characteristics_row = characteristics.add_row();
    characteristics.set(characteristics_row, "LAchildID", child.local_id);
    characteristics.set(characteristics_row, "Ethnicity", child.ethnicity);

    for (const ChildInNeedEpisode* episode : child_episodes) {
      std::string cin_id = std::to_string(++cin_ids);
      std::size_t detail = details.add_row();
      details.set(detail, "LAchildID", child.local_id);
      details.set(detail, "CINdetailsID", cin_id);
      details.set(detail, "CINreferralDate", episode->start_date.iso());
      auto referral = referral_by_id.find(episode->referral_id);
      bool no_further_action = false;
      if (referral != referral_by_id.end()) {
        details.set(detail, "ReferralSource", referral->second->source);
        no_further_action = referral->second->no_further_action;
      }
      if (!episode->primary_need.empty()) {
        details.set(detail, "PrimaryNeedCode", episode->primary_need);
      }
      if (episode->end_date && *episode->end_date <= last) {
        details.set(detail, "CINclosureDate", episode->end_date->iso());
        if (!episode->reason_for_closure.empty()) {
          details.set(detail, "ReasonForClosure", episode->reason_for_closure);
        }
      }
      auto episode_conferences = conferences_by_episode[episode->id];
      std::sort(episode_conferences.begin(), episode_conferences.end(),
                [](const auto* a, const auto* b) {
                  return std::tie(a->date, a->id) < std::tie(b->date, b->id);
                });
      for (const auto* conference : episode_conferences) {
        if (!conference->enquiry_id && conference->date <= last) {
          details.set(detail, "DateOfInitialCPC", conference->date.iso());
          break;
        }
      }
      details.set(detail, "ReferralNFA", no_further_action ? "1" : "0");

      auto episode_assessments = assessments_by_episode[episode->id];
      std::sort(episode_assessments.begin(), episode_assessments.end(),
                [](const auto* a, const auto* b) {
                  return std::tie(a->start_date, a->id) < std::tie(b->start_date, b->id);
                });
      for (const Assessment* assessment : episode_assessments) {
        if (!open_in(assessment->start_date, assessment->authorised_date, first, last)) continue;
        std::string assessment_id = std::to_string(++assessment_ids);
        std::size_t a = assessment_table.add_row();
        assessment_table.set(a, "LAchildID", child.local_id);
        assessment_table.set(a, "CINdetailsID", cin_id);
        assessment_table.set(a, "AssessmentID", assessment_id);
        assessment_table.set(a, "AssessmentActualStartDate", assessment->start_date.iso());
        if (assessment->authorised_date && *assessment->authorised_date <= last) {
          assessment_table.set(a, "AssessmentAuthorisationDate",
                               assessment->authorised_date->iso());
          std::vector<std::string> codes = codes_in(assessment->factors);
          std::string joined;
          for (const std::string& code : codes) {
            std::size_t f = factor_list.add_row();
            factor_list.set(f, "LAchildID", child.local_id);
            factor_list.set(f, "CINdetailsID", cin_id);
            factor_list.set(f, "AssessmentID", assessment_id);
            factor_list.set(f, "AssessmentActualStartDate", assessment->start_date.iso());
            factor_list.set(f, "AssessmentAuthorisationDate", assessment->authorised_date->iso());
            factor_list.set(f, "AssessmentFactor", code);
            joined += (joined.empty() ? "" : ",") + code;
          }
          if (!joined.empty()) assessment_table.set(a, "AssessmentFactors", joined);
        }
      }

      auto episode_enquiries = enquiries_by_episode[episode->id];
      std::sort(episode_enquiries.begin(), episode_enquiries.end(),
                [](const auto* a, const auto* b) {
                  return std::tie(a->start_date, a->id) < std::tie(b->start_date, b->id);
                });
      for (const Section47Enquiry* enquiry : episode_enquiries) {
        if (enquiry->start_date < first || enquiry->start_date > last) continue;
        std::size_t s = enquiry_table.add_row();
        enquiry_table.set(s, "LAchildID", child.local_id);
        enquiry_table.set(s, "CINdetailsID", cin_id);
        enquiry_table.set(s, "S47ActualStartDate", enquiry->start_date.iso());
        for (const auto* conference : episode_conferences) {
          if (conference->enquiry_id == enquiry->id && conference->date <= last) {
            enquiry_table.set(s, "DateOfInitialCPC", conference->date.iso());
            break;
          }
        }
        enquiry_table.set(s, "ICPCnotRequired", enquiry->conference_not_required ? "1" : "0");
      }

      auto episode_plans = plans_by_episode[episode->id];
      std::sort(episode_plans.begin(), episode_plans.end(), [](const auto* a, const auto* b) {
        return std::tie(a->start_date, a->id) < std::tie(b->start_date, b->id);
      });
      for (const ChildProtectionPlan* plan : episode_plans) {
        if (!open_in(plan->start_date, plan->end_date, first, last)) continue;
        std::string plan_id = std::to_string(++plan_ids);
        std::size_t p = plan_table.add_row();
        plan_table.set(p, "LAchildID", child.local_id);
        plan_table.set(p, "CINdetailsID", cin_id);
        plan_table.set(p, "CPPID", plan_id);
        plan_table.set(p, "CPPstartDate", plan->start_date.iso());
        if (plan->end_date && *plan->end_date <= last) {
          plan_table.set(p, "CPPendDate", plan->end_date->iso());
        }
        plan_table.set(p, "InitialCategoryOfAbuse", plan->initial_category);
        plan_table.set(p, "LatestCategoryOfAbuse", plan->latest_category);
        long previous = 0;
        for (const ChildProtectionPlan* other : plans_by_child[child.id]) {
          if (std::tie(other->start_date, other->id) < std::tie(plan->start_date, plan->id)) {
            ++previous;
          }
        }
        auto recorded =
            transaction.setting(previous_plans_setting(child.local_id, plan->start_date));
        if (!recorded) return recorded.error();
        if (*recorded) {
          try {
            previous = std::max(previous, std::stol(**recorded));
          } catch (const std::exception&) {
            // A setting we did not write: the record's own count stands.
          }
        }
        plan_table.set(p, "NumberOfPreviousCPP", std::to_string(previous));
        auto plan_reviews = reviews_by_plan[plan->id];
        std::sort(plan_reviews.begin(), plan_reviews.end(), [](const auto* a, const auto* b) {
          return std::tie(a->date, a->id) < std::tie(b->date, b->id);
        });
        for (const ChildProtectionReview* review : plan_reviews) {
          if (review->date < first || review->date > last) continue;
          std::size_t r = review_table.add_row();
          review_table.set(r, "LAchildID", child.local_id);
          review_table.set(r, "CINdetailsID", cin_id);
          review_table.set(r, "CPPID", plan_id);
          review_table.set(r, "CPPreviewDate", review->date.iso());
        }
      }
    }
  }
  return census;
}

namespace {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

class XmlWriter {
 public:
  void open(std::string_view name) {
    indent();
    out_ += fmt::format("<{}>\n", name);
    ++depth_;
  }
  void close(std::string_view name) {
    --depth_;
    indent();
    out_ += fmt::format("</{}>\n", name);
  }
  void leaf(std::string_view name, const Cell& value) {
    if (!value) return;
    indent();
    out_ += fmt::format("<{0}>{1}</{0}>\n", name, escape(*value));
  }
  void leaves(const Table& table, std::size_t row, std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) leaf(name, table.cell(row, name));
  }
  std::string take() { return std::move(out_); }

 private:
  void indent() { out_.append(static_cast<std::size_t>(depth_) * 2, ' '); }
  std::string out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  int depth_ = 0;
};

// Row numbers of `table` by the value of its `column`, in row order.
std::unordered_map<std::string, std::vector<std::size_t>> rows_by(const Table* table,
                                                                  std::string_view column) {
  std::unordered_map<std::string, std::vector<std::size_t>> index;
  if (table == nullptr) return index;
  for (std::size_t row = 0; row < table->row_count; ++row) {
    index[std::string(table->text(row, column))].push_back(row);
  }
  return index;
}

const Table kNoTable;

const Table& or_empty(const Table* table) { return table ? *table : kNoTable; }

}  // namespace

std::string write_census_xml(const Census& census, int year) {
  XmlWriter xml;
  xml.open("Message");
  const Table& header = or_empty(census.find("Header"));
  if (header.row_count > 0) {
    xml.open("Header");
    xml.open("CollectionDetails");
    xml.leaves(header, 0, {"Collection", "Year", "ReferenceDate"});
    xml.close("CollectionDetails");
    xml.open("Source");
    xml.leaves(header, 0,
               {"SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"});
    xml.close("Source");
    xml.close("Header");
  }
  const Table& identifiers = or_empty(census.find("ChildIdentifiers"));
  const Table& characteristics = or_empty(census.find("ChildCharacteristics"));
  const Table& disabilities = or_empty(census.find("Disabilities"));
  const Table& details = or_empty(census.find("CINdetails"));
  const Table& assessments = or_empty(census.find("Assessments"));
  const Table& plan_dates = or_empty(census.find("CINplanDates"));
  const Table& enquiries = or_empty(census.find("Section47"));
  const Table& plans = or_empty(census.find("ChildProtectionPlans"));
  const Table& reviews = or_empty(census.find("Reviews"));
  auto characteristics_by_child = rows_by(&characteristics, "LAchildID");
  auto disabilities_by_child = rows_by(&disabilities, "LAchildID");
  auto details_by_child = rows_by(&details, "LAchildID");
  auto assessments_by_cin = rows_by(&assessments, "CINdetailsID");
  auto plan_dates_by_cin = rows_by(&plan_dates, "CINdetailsID");
  auto enquiries_by_cin = rows_by(&enquiries, "CINdetailsID");
  auto plans_by_cin = rows_by(&plans, "CINdetailsID");
  auto reviews_by_plan = rows_by(&reviews, "CPPID");
  const char* sex_column = year >= 2025 ? "Sex" : "GenderCurrent";

  xml.open("Children");
  for (std::size_t child = 0; child < identifiers.row_count; ++child) {
    std::string id(identifiers.text(child, "LAchildID"));
    xml.open("Child");
    xml.open("ChildIdentifiers");
    xml.leaves(identifiers, child,
               {"LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate",
                "ExpectedPersonBirthDate"});
    xml.leaf(sex_column, identifiers.cell(child, sex_column));
    xml.leaf("PersonDeathDate", identifiers.cell(child, "PersonDeathDate"));
    xml.close("ChildIdentifiers");
    xml.open("ChildCharacteristics");
    for (std::size_t row : characteristics_by_child[id]) {
      xml.leaf("Ethnicity", characteristics.cell(row, "Ethnicity"));
      break;
    }
    if (auto found = disabilities_by_child.find(id); found != disabilities_by_child.end()) {
      xml.open("Disabilities");
      for (std::size_t row : found->second)
        xml.leaf("Disability", disabilities.cell(row, "Disability"));
      xml.close("Disabilities");
    }
    xml.close("ChildCharacteristics");
    for (std::size_t detail : details_by_child[id]) {
      std::string cin_id(details.text(detail, "CINdetailsID"));
      xml.open("CINdetails");
      xml.leaves(details, detail,
                 {"CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate",
                  "ReasonForClosure", "DateOfInitialCPC"});
      for (std::size_t row : assessments_by_cin[cin_id]) {
        xml.open("Assessments");
        xml.leaves(assessments, row,
                   {"AssessmentActualStartDate", "AssessmentInternalReviewDate",
                    "AssessmentAuthorisationDate"});
        std::vector<std::string> codes = codes_in(assessments.text(row, "AssessmentFactors"));
        if (!codes.empty()) {
          xml.open("FactorsIdentifiedAtAssessment");
          for (const auto& code : codes) xml.leaf("AssessmentFactors", code);
          xml.close("FactorsIdentifiedAtAssessment");
        }
        xml.close("Assessments");
      }
      for (std::size_t row : plan_dates_by_cin[cin_id]) {
        xml.open("CINPlanDates");
        xml.leaves(plan_dates, row, {"CINPlanStartDate", "CINPlanEndDate"});
        xml.close("CINPlanDates");
      }
      for (std::size_t row : enquiries_by_cin[cin_id]) {
        xml.open("Section47");
        xml.leaves(
            enquiries, row,
            {"S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"});
        xml.close("Section47");
      }
      xml.leaf("ReferralNFA", details.cell(detail, "ReferralNFA"));
      for (std::size_t row : plans_by_cin[cin_id]) {
        xml.open("ChildProtectionPlans");
        xml.leaves(plans, row,
                   {"CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse",
                    "NumberOfPreviousCPP"});
        auto found = reviews_by_plan.find(std::string(plans.text(row, "CPPID")));
        if (found != reviews_by_plan.end()) {
          xml.open("Reviews");
          for (std::size_t review : found->second) {
            xml.leaf("CPPreviewDate", reviews.cell(review, "CPPreviewDate"));
          }
          xml.close("Reviews");
        }
        xml.close("ChildProtectionPlans");
      }
      xml.close("CINdetails");
    }
    xml.close("Child");
  }
  xml.close("Children");
  xml.close("Message");
  return xml.take();
}

Result<std::string> export_census(store::Store& store, const Clock& clock, int year,
                                  const std::string& actor) {
  std::string xml;
  Status status = store.write([&](store::Transaction& transaction) -> Status {
    auto census = census_from_store(transaction, year);
    if (!census) return census.error();
    xml = write_census_xml(*census, year);
    audit::Event event;
    event.actor = actor;
    event.action = "export";
    event.entity = "cin_census";
    event.entity_id = std::to_string(year);
    event.reason = fmt::format("CIN census {} ({} children)", CollectionYear{year}.label(),
                               census->table("ChildIdentifiers").row_count);
    auto appended = audit::append(transaction, clock, event);
    if (!appended) return appended.error();
    return Status::success();
  });
  if (!status) return status.error();
  return xml;
}

}  // namespace safeguard::cin_census
