// How each record of the case record maps to a table: the table's name and its columns in order,
// each bound to the struct member it holds. The store builds its SQL from these, and the audit
// trail its before/after images, so a new field is added in one place (plus its migration).
#pragma once

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "base/date.h"
#include "base/result.h"
#include "domain/access.h"
#include "domain/child.h"
#include "domain/children_in_need.h"
#include "domain/front_door.h"
#include "domain/looked_after.h"
#include "domain/practice.h"
#include "domain/safeguards.h"
#include "domain/workforce.h"
#include "store/value.h"

namespace safeguard::store {

template <typename Record, typename Member>
struct Column {
  std::string_view name;
  Member Record::*member;
};

template <typename Record, typename Member>
constexpr Column<Record, Member> column(std::string_view name, Member Record::*member) {
  return {name, member};
}

// Specialised below for every record type.
template <typename Record>
struct Mapping;

#define SAFEGUARD_MAPPING(Type, table_name, ...)                  \
  template <>                                                     \
  struct Mapping<Type> {                                          \
    using Record = Type;                                          \
    static constexpr std::string_view table = table_name;         \
    static constexpr auto columns = std::make_tuple(__VA_ARGS__); \
  }

using namespace domain;  // NOLINT: the mappings below read better without the prefix.

SAFEGUARD_MAPPING(Household, "household", column("address", &Household::address),
                  column("postcode", &Household::postcode));
SAFEGUARD_MAPPING(Child, "child", column("local_id", &Child::local_id), column("upn", &Child::upn),
                  column("nhs_number", &Child::nhs_number),
                  column("first_name", &Child::first_name), column("last_name", &Child::last_name),
                  column("date_of_birth", &Child::date_of_birth), column("sex", &Child::sex),
                  column("ethnicity", &Child::ethnicity),
                  column("household_id", &Child::household_id),
                  column("unaccompanied_asylum_seeking", &Child::unaccompanied_asylum_seeking),
                  column("date_of_death", &Child::date_of_death));
SAFEGUARD_MAPPING(Contact, "contact", column("child_id", &Contact::child_id),
                  column("date", &Contact::date), column("source", &Contact::source),
                  column("outcome", &Contact::outcome),
                  column("decision_date", &Contact::decision_date),
                  column("summary", &Contact::summary));
SAFEGUARD_MAPPING(Referral, "referral", column("child_id", &Referral::child_id),
                  column("contact_id", &Referral::contact_id), column("date", &Referral::date),
                  column("source", &Referral::source),
                  column("no_further_action", &Referral::no_further_action));
SAFEGUARD_MAPPING(ChildInNeedEpisode, "child_in_need_episode",
                  column("child_id", &ChildInNeedEpisode::child_id),
                  column("referral_id", &ChildInNeedEpisode::referral_id),
                  column("start_date", &ChildInNeedEpisode::start_date),
                  column("primary_need", &ChildInNeedEpisode::primary_need),
                  column("end_date", &ChildInNeedEpisode::end_date),
                  column("reason_for_closure", &ChildInNeedEpisode::reason_for_closure));
SAFEGUARD_MAPPING(Assessment, "assessment", column("child_id", &Assessment::child_id),
                  column("episode_id", &Assessment::episode_id),
                  column("start_date", &Assessment::start_date),
                  column("authorised_date", &Assessment::authorised_date),
                  column("factors", &Assessment::factors));
SAFEGUARD_MAPPING(Section47Enquiry, "section47_enquiry",
                  column("child_id", &Section47Enquiry::child_id),
                  column("episode_id", &Section47Enquiry::episode_id),
                  column("strategy_discussion_date", &Section47Enquiry::strategy_discussion_date),
                  column("start_date", &Section47Enquiry::start_date),
                  column("conference_not_required", &Section47Enquiry::conference_not_required));
SAFEGUARD_MAPPING(InitialChildProtectionConference, "initial_child_protection_conference",
                  column("child_id", &InitialChildProtectionConference::child_id),
                  column("episode_id", &InitialChildProtectionConference::episode_id),
                  column("enquiry_id", &InitialChildProtectionConference::enquiry_id),
                  column("date", &InitialChildProtectionConference::date),
                  column("plan_made", &InitialChildProtectionConference::plan_made));
SAFEGUARD_MAPPING(ChildProtectionPlan, "child_protection_plan",
                  column("child_id", &ChildProtectionPlan::child_id),
                  column("episode_id", &ChildProtectionPlan::episode_id),
                  column("start_date", &ChildProtectionPlan::start_date),
                  column("initial_category", &ChildProtectionPlan::initial_category),
                  column("latest_category", &ChildProtectionPlan::latest_category),
                  column("end_date", &ChildProtectionPlan::end_date));
SAFEGUARD_MAPPING(ChildProtectionReview, "child_protection_review",
                  column("plan_id", &ChildProtectionReview::plan_id),
                  column("date", &ChildProtectionReview::date));
SAFEGUARD_MAPPING(LookedAfterEpisode, "looked_after_episode",
                  column("child_id", &LookedAfterEpisode::child_id),
                  column("start_date", &LookedAfterEpisode::start_date),
                  column("reason_for_new_episode", &LookedAfterEpisode::reason_for_new_episode),
                  column("legal_status", &LookedAfterEpisode::legal_status),
                  column("category_of_need", &LookedAfterEpisode::category_of_need),
                  column("placement_type", &LookedAfterEpisode::placement_type),
                  column("placement_provider", &LookedAfterEpisode::placement_provider),
                  column("end_date", &LookedAfterEpisode::end_date),
                  column("reason_episode_ceased", &LookedAfterEpisode::reason_episode_ceased),
                  column("reason_place_change", &LookedAfterEpisode::reason_place_change),
                  column("home_postcode", &LookedAfterEpisode::home_postcode),
                  column("placement_postcode", &LookedAfterEpisode::placement_postcode),
                  column("urn", &LookedAfterEpisode::urn));
SAFEGUARD_MAPPING(LookedAfterReview, "looked_after_review",
                  column("child_id", &LookedAfterReview::child_id),
                  column("date", &LookedAfterReview::date),
                  column("participation", &LookedAfterReview::participation));
SAFEGUARD_MAPPING(MissingEpisode, "missing_episode", column("child_id", &MissingEpisode::child_id),
                  column("kind", &MissingEpisode::kind),
                  column("start_date", &MissingEpisode::start_date),
                  column("end_date", &MissingEpisode::end_date),
                  column("return_interview_offered", &MissingEpisode::return_interview_offered));
SAFEGUARD_MAPPING(LegalOrder, "legal_order", column("child_id", &LegalOrder::child_id),
                  column("type", &LegalOrder::type), column("made_date", &LegalOrder::made_date),
                  column("end_date", &LegalOrder::end_date));
SAFEGUARD_MAPPING(CareLeaverContact, "care_leaver_contact",
                  column("child_id", &CareLeaverContact::child_id),
                  column("date", &CareLeaverContact::date),
                  column("in_touch", &CareLeaverContact::in_touch),
                  column("activity", &CareLeaverContact::activity),
                  column("accommodation", &CareLeaverContact::accommodation));
SAFEGUARD_MAPPING(Team, "team", column("name", &Team::name), column("service", &Team::service),
                  column("active", &Team::active));
SAFEGUARD_MAPPING(Worker, "worker", column("staff_id", &Worker::staff_id),
                  column("name", &Worker::name), column("role", &Worker::role),
                  column("agency", &Worker::agency), column("fte", &Worker::fte),
                  column("team_id", &Worker::team_id), column("start_date", &Worker::start_date),
                  column("leaving_date", &Worker::leaving_date));
SAFEGUARD_MAPPING(Allocation, "allocation", column("child_id", &Allocation::child_id),
                  column("worker_id", &Allocation::worker_id),
                  column("team_id", &Allocation::team_id),
                  column("start_date", &Allocation::start_date),
                  column("end_date", &Allocation::end_date), column("reason", &Allocation::reason));
SAFEGUARD_MAPPING(SupervisionSession, "supervision_session",
                  column("worker_id", &SupervisionSession::worker_id),
                  column("supervisor_id", &SupervisionSession::supervisor_id),
                  column("date", &SupervisionSession::date),
                  column("one_to_one", &SupervisionSession::one_to_one));
SAFEGUARD_MAPPING(Visit, "visit", column("child_id", &Visit::child_id),
                  column("worker_id", &Visit::worker_id), column("date", &Visit::date),
                  column("child_seen", &Visit::child_seen),
                  column("seen_alone", &Visit::seen_alone), column("note", &Visit::note));
SAFEGUARD_MAPPING(CaseNote, "case_note", column("child_id", &CaseNote::child_id),
                  column("author_worker_id", &CaseNote::author_worker_id),
                  column("date", &CaseNote::date), column("subject", &CaseNote::subject),
                  column("text", &CaseNote::text));
SAFEGUARD_MAPPING(ClosureRequest, "closure_request", column("child_id", &ClosureRequest::child_id),
                  column("episode_id", &ClosureRequest::episode_id),
                  column("closure_date", &ClosureRequest::closure_date),
                  column("reason_for_closure", &ClosureRequest::reason_for_closure),
                  column("note", &ClosureRequest::note),
                  column("requested_by", &ClosureRequest::requested_by),
                  column("requested_on", &ClosureRequest::requested_on),
                  column("visit_id", &ClosureRequest::visit_id),
                  column("status", &ClosureRequest::status),
                  column("decided_by", &ClosureRequest::decided_by),
                  column("decided_on", &ClosureRequest::decided_on),
                  column("decision_note", &ClosureRequest::decision_note));
SAFEGUARD_MAPPING(PlacementEndAssessment, "placement_end_assessment",
                  column("child_id", &PlacementEndAssessment::child_id),
                  column("episode_id", &PlacementEndAssessment::episode_id),
                  column("date", &PlacementEndAssessment::date),
                  column("assessed_by", &PlacementEndAssessment::assessed_by),
                  column("worker_id", &PlacementEndAssessment::worker_id),
                  column("summary", &PlacementEndAssessment::summary));
SAFEGUARD_MAPPING(CaseloadOverride, "caseload_override",
                  column("worker_id", &CaseloadOverride::worker_id),
                  column("child_id", &CaseloadOverride::child_id),
                  column("allocation_id", &CaseloadOverride::allocation_id),
                  column("date", &CaseloadOverride::date),
                  column("approved_by", &CaseloadOverride::approved_by),
                  column("reason", &CaseloadOverride::reason),
                  column("weighted_caseload", &CaseloadOverride::weighted_caseload),
                  column("caseload_limit", &CaseloadOverride::caseload_limit));

SAFEGUARD_MAPPING(UserAccount, "user_account", column("username", &UserAccount::username),
                  column("password_hash", &UserAccount::password_hash),
                  column("role", &UserAccount::role), column("worker_id", &UserAccount::worker_id),
                  column("team_id", &UserAccount::team_id), column("agency", &UserAccount::agency),
                  column("active", &UserAccount::active),
                  column("failed_attempts", &UserAccount::failed_attempts),
                  column("locked_until", &UserAccount::locked_until),
                  column("created_at", &UserAccount::created_at));
SAFEGUARD_MAPPING(Session, "session", column("token_hash", &Session::token_hash),
                  column("user_id", &Session::user_id), column("csrf_token", &Session::csrf_token),
                  column("created_at", &Session::created_at),
                  column("last_seen_at", &Session::last_seen_at),
                  column("expires_at", &Session::expires_at), column("ended", &Session::ended));

#undef SAFEGUARD_MAPPING

// Whether a record type has a child_id column (so its audit events can be found by child).
template <typename Record>
concept BelongsToChild = requires(Record record) {
  { record.child_id } -> std::convertible_to<std::int64_t>;
};

// --- converting members to and from stored values ---------------------------------------------

inline Value to_value(const std::string& value) { return value; }
inline Value to_value(std::int64_t value) { return value; }
inline Value to_value(bool value) { return static_cast<std::int64_t>(value ? 1 : 0); }
inline Value to_value(double value) { return value; }
inline Value to_value(const Date& value) { return value.iso(); }
template <typename T>
Value to_value(const std::optional<T>& value) {
  return value ? to_value(*value) : Value{};
}

Status from_value(const Value& value, std::string& out);
Status from_value(const Value& value, std::int64_t& out);
Status from_value(const Value& value, bool& out);
Status from_value(const Value& value, double& out);
Status from_value(const Value& value, Date& out);
template <typename T>
Status from_value(const Value& value, std::optional<T>& out) {
  if (is_null(value)) {
    out.reset();
    return Status::success();
  }
  T inner{};
  Status status = from_value(value, inner);
  if (status) out = std::move(inner);
  return status;
}

nlohmann::json to_json_value(const Value& value);

// The record's columns (without id) as values, in mapping order.
template <typename Record>
Row to_row(const Record& record) {
  Row row;
  std::apply(
      [&](const auto&... columns) { (row.push_back(to_value(record.*(columns.member))), ...); },
      Mapping<Record>::columns);
  return row;
}

// Fills a record from a row of (id, columns in mapping order).
template <typename Record>
Status from_row(const Row& row, Record& record) {
  Status status = from_value(row[0], record.id);
  std::size_t index = 1;
  std::apply(
      [&](const auto&... columns) {
        ((status = status ? from_value(row[index++], record.*(columns.member)) : status), ...);
      },
      Mapping<Record>::columns);
  if (!status) {
    return Error::corrupt(
        fmt::format("{} row {}: {}", Mapping<Record>::table, record.id, status.error().message));
  }
  return status;
}

// The record as a JSON object, as the audit trail stores before and after images.
template <typename Record>
nlohmann::json to_json(const Record& record) {
  nlohmann::json object = nlohmann::json::object();
  object["id"] = record.id;
  std::apply(
      [&](const auto&... columns) {
        ((object[std::string(columns.name)] = to_json_value(to_value(record.*(columns.member)))),
         ...);
      },
      Mapping<Record>::columns);
  return object;
}

}  // namespace safeguard::store
