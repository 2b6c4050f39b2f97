#include "domain/validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>

namespace safeguard::domain {
namespace {

// Collects problems for one record.
class Checker {
 public:
  explicit Checker(const CodeLists& codes) : codes_(codes) {}

  void code(std::string_view field, std::string_view list, const std::string& value,
            std::optional<Date> on) {
    if (value.empty()) return required(field, value);
    Status status = codes_.check(field, list, value, on);
    if (!status) problems_.push_back({std::string(field), status.error().message});
  }
  void optional_code(std::string_view field, std::string_view list, const std::string& value,
                     std::optional<Date> on) {
    if (!value.empty()) code(field, list, value, on);
  }
  void required(std::string_view field, std::string_view value) {
    if (value.empty())
      problems_.push_back({std::string(field), fmt::format("{} is required", field)});
  }
  void id(std::string_view field, std::int64_t value) {
    if (value <= 0) {
      problems_.push_back({std::string(field), fmt::format("{} must name a stored record", field)});
    }
  }
  void not_before(std::string_view later_field, const std::optional<Date>& later,
                  std::string_view earlier_field, Date earlier) {
    if (later && *later < earlier) {
      problems_.push_back(
          {std::string(later_field), fmt::format("{} ({}) is before {} ({})", later_field,
                                                 later->iso(), earlier_field, earlier.iso())});
    }
  }
  void one_of(std::string_view field, const std::string& value,
              std::initializer_list<std::string_view> allowed) {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
    std::string list;
    for (auto option : allowed) list += (list.empty() ? "" : ", ") + std::string(option);
    problems_.push_back(
        {std::string(field), fmt::format("{} '{}' is not one of: {}", field, value, list)});
  }
  void add(std::string_view field, std::string message) {
    problems_.push_back({std::string(field), std::move(message)});
  }
  Problems take() { return std::move(problems_); }

 private:
  const CodeLists& codes_;
  Problems problems_;
};

bool in(const std::string& value, std::initializer_list<const char*> options) {
  for (const char* option : options) {
    if (value == option) return true;
  }
  return false;
}

template <std::size_t N>
bool in_array(const std::string& value, const char* const (&options)[N]) {
  return std::any_of(std::begin(options), std::end(options),
                     [&](const char* option) { return value == option; });
}

template <std::size_t N>
std::string joined(const char* const (&options)[N]) {
  std::string out;
  for (const char* option : options) out += (out.empty() ? "" : ", ") + std::string(option);
  return out;
}

bool looks_like_nhs_number(const std::string& value) {
  if (value.size() != 10) return false;
  if (!std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return false;
  }
  // Modulus 11 check digit.
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (value[i] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check != 10 && check == value[9] - '0';
}

}  // namespace

Status to_status(std::string_view record, const Problems& problems) {
  if (problems.empty()) return Status::success();
  std::string message = fmt::format("{} refused: ", record);
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i > 0) message += "; ";
    message += problems[i].message;
  }
  return Error::invalid(std::move(message));
}

Problems validate(const Household& household, const CodeLists& codes) {
  Checker check(codes);
  check.required("postcode", household.postcode);
  return check.take();
}

Problems validate(const Child& child, const CodeLists& codes) {
  Checker check(codes);
  check.required("local_id", child.local_id);
  check.required("first_name", child.first_name);
  check.required("last_name", child.last_name);
  check.code("sex", "Sex", child.sex, std::nullopt);
  check.code("ethnicity", "ETHNIC", child.ethnicity, std::nullopt);
  if (!child.nhs_number.empty() && !looks_like_nhs_number(child.nhs_number)) {
    check.add("nhs_number", fmt::format("nhs_number '{}' is not 10 digits with a valid check digit",
                                        child.nhs_number));
  }
  if (child.upn.size() == 3 && child.upn.rfind("UN", 0) == 0) {
    check.code("upn", "UPNunknown", child.upn, std::nullopt);
  } else if (!child.upn.empty() && child.upn.size() != 13) {
    check.add("upn",
              fmt::format("upn '{}' must be 13 characters or an unknown code UN1-UN7", child.upn));
  }
  check.not_before("date_of_death", child.date_of_death, "date_of_birth", child.date_of_birth);
  return check.take();
}

Problems validate(const Contact& contact, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", contact.child_id);
  check.code("source", "ReferralSource", contact.source, contact.date);
  if (!contact.outcome.empty() && !in_array(contact.outcome, kContactOutcomes)) {
    check.add("outcome", fmt::format("outcome '{}' is not one of: {}", contact.outcome,
                                     joined(kContactOutcomes)));
  }
  if (!contact.outcome.empty() && !contact.decision_date) {
    check.add("decision_date", "decision_date is required once the contact has an outcome");
  }
  check.not_before("decision_date", contact.decision_date, "date", contact.date);
  return check.take();
}

Problems validate(const Referral& referral, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", referral.child_id);
  check.code("source", "ReferralSource", referral.source, referral.date);
  return check.take();
}

Problems validate(const ChildInNeedEpisode& episode, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", episode.child_id);
  check.id("referral_id", episode.referral_id);
  check.code("primary_need", "PrimaryNeedCode", episode.primary_need, episode.start_date);
  check.not_before("end_date", episode.end_date, "start_date", episode.start_date);
  if (episode.end_date) {
    check.code("reason_for_closure", "ReasonForClosure", episode.reason_for_closure,
               episode.end_date);
  } else if (!episode.reason_for_closure.empty()) {
    check.add("reason_for_closure", "reason_for_closure is set but the episode has no end_date");
  }
  return check.take();
}

Problems validate(const Assessment& assessment, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", assessment.child_id);
  check.id("episode_id", assessment.episode_id);
  check.not_before("authorised_date", assessment.authorised_date, "start_date",
                   assessment.start_date);
  return check.take();
}

Problems validate(const Section47Enquiry& enquiry, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", enquiry.child_id);
  check.id("episode_id", enquiry.episode_id);
  check.not_before("start_date", enquiry.start_date, "strategy_discussion_date",
                   enquiry.strategy_discussion_date);
  return check.take();
}

Problems validate(const InitialChildProtectionConference& conference, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", conference.child_id);
  check.id("episode_id", conference.episode_id);
  return check.take();
}

Problems validate(const ChildProtectionPlan& plan, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", plan.child_id);
  check.id("episode_id", plan.episode_id);
  check.code("initial_category", "CategoryOfAbuse", plan.initial_category, plan.start_date);
  check.optional_code("latest_category", "CategoryOfAbuse", plan.latest_category, plan.start_date);
  check.not_before("end_date", plan.end_date, "start_date", plan.start_date);
  return check.take();
}

Problems validate(const ChildProtectionReview& review, const CodeLists& codes) {
  Checker check(codes);
  check.id("plan_id", review.plan_id);
  return check.take();
}

Problems validate(const LookedAfterEpisode& episode, const CodeLists& codes) {
  Checker check(codes);
  Date on = episode.start_date;
  check.id("child_id", episode.child_id);
  check.code("RNE", "RNE", episode.reason_for_new_episode, on);
  check.code("LS", "LS", episode.legal_status, on);
  check.code("CIN", "CIN", episode.category_of_need, on);
  check.code("PLACE", "PLACE", episode.placement_type, on);
  bool provider_must_be_blank =
      in(episode.placement_type, {"T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"});
  if (provider_must_be_blank) {
    if (!episode.placement_provider.empty()) {
      check.add("PLACE_PROVIDER",
                fmt::format("PLACE_PROVIDER must be blank for temporary and other placements "
                            "(PLACE {}), not '{}'",
                            episode.placement_type, episode.placement_provider));
    }
  } else {
    check.code("PLACE_PROVIDER", "PLACE_PROVIDER", episode.placement_provider, on);
  }
  check.not_before("DEC", episode.end_date, "DECOM", episode.start_date);
  if (episode.end_date) {
    check.code("REC", "REC", episode.reason_episode_ceased, episode.end_date);
  } else if (!episode.reason_episode_ceased.empty()) {
    check.add("REC", "REC is set but the episode has no DEC (end date)");
  }
  check.optional_code("REASON_PLACE_CHANGE", "REASON_PLACE_CHANGE", episode.reason_place_change,
                      episode.end_date ? episode.end_date : std::optional<Date>(on));
  return check.take();
}

Problems validate(const LookedAfterReview& review, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", review.child_id);
  check.code("REVIEW_CODE", "REVIEW_CODE", review.participation, review.date);
  return check.take();
}

Problems validate(const MissingEpisode& episode, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", episode.child_id);
  check.code("MISSING", "MISSING", episode.kind, episode.start_date);
  check.not_before("end_date", episode.end_date, "start_date", episode.start_date);
  return check.take();
}

Problems validate(const LegalOrder& order, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", order.child_id);
  if (!in_array(order.type, kLegalOrderTypes)) {
    check.add("type",
              fmt::format("type '{}' is not one of: {}", order.type, joined(kLegalOrderTypes)));
  }
  check.not_before("end_date", order.end_date, "made_date", order.made_date);
  return check.take();
}

Problems validate(const CareLeaverContact& contact, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", contact.child_id);
  check.code("IN_TOUCH", "IN_TOUCH", contact.in_touch, contact.date);
  check.code("ACTIV", "ACTIV", contact.activity, contact.date);
  check.code("ACCOM", "ACCOM", contact.accommodation, contact.date);
  return check.take();
}

Problems validate(const Visit& visit, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", visit.child_id);
  if (visit.seen_alone && !visit.child_seen) {
    check.add("seen_alone", "seen_alone cannot be true when the child was not seen");
  }
  return check.take();
}

Problems validate(const CaseNote& note, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", note.child_id);
  check.required("text", note.text);
  return check.take();
}

Problems validate(const Team& team, const CodeLists& codes) {
  Checker check(codes);
  check.required("name", team.name);
  check.one_of("service", team.service,
               {"front_door", "assessment", "safeguarding", "children_in_care", "leaving_care",
                "disability", "management"});
  return check.take();
}

Problems validate(const Worker& worker, const CodeLists& codes) {
  Checker check(codes);
  check.required("staff_id", worker.staff_id);
  check.required("name", worker.name);
  if (!in_array(worker.role, kWorkerRoles)) {
    check.add("role",
              fmt::format("role '{}' is not one of: {}", worker.role, joined(kWorkerRoles)));
  }
  if (!(worker.fte > 0.0 && worker.fte <= 1.0)) {
    check.add("fte", fmt::format("fte {} must be more than 0 and at most 1", worker.fte));
  }
  check.not_before("leaving_date", worker.leaving_date, "start_date", worker.start_date);
  return check.take();
}

Problems validate(const Allocation& allocation, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", allocation.child_id);
  if (allocation.worker_id) check.id("worker_id", *allocation.worker_id);
  check.id("team_id", allocation.team_id);
  check.not_before("end_date", allocation.end_date, "start_date", allocation.start_date);
  return check.take();
}

Problems validate(const SupervisionSession& session, const CodeLists& codes) {
  Checker check(codes);
  check.id("worker_id", session.worker_id);
  check.id("supervisor_id", session.supervisor_id);
  if (session.worker_id == session.supervisor_id) {
    check.add("supervisor_id", "a worker cannot supervise themselves");
  }
  return check.take();
}

Problems validate(const ClosureRequest& request, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", request.child_id);
  check.id("episode_id", request.episode_id);
  check.code("reason_for_closure", "ReasonForClosure", request.reason_for_closure,
             request.closure_date);
  check.required("requested_by", request.requested_by);
  check.one_of("status", request.status, {"awaiting_approval", "approved", "declined"});
  if (request.status != "awaiting_approval") {
    check.required("decided_by", request.decided_by);
    if (!request.decided_on) check.add("decided_on", "decided_on is required once decided");
  }
  check.not_before("decided_on", request.decided_on, "requested_on", request.requested_on);
  return check.take();
}

Problems validate(const PlacementEndAssessment& assessment, const CodeLists& codes) {
  Checker check(codes);
  check.id("child_id", assessment.child_id);
  check.id("episode_id", assessment.episode_id);
  check.required("assessed_by", assessment.assessed_by);
  if (assessment.worker_id) check.id("worker_id", *assessment.worker_id);
  if (assessment.summary.find_first_not_of(" \t\r\n") == std::string::npos) {
    check.add("summary", "summary is required: what was assessed and the child's views");
  }
  return check.take();
}

Problems validate(const CaseloadOverride& override_record, const CodeLists& codes) {
  Checker check(codes);
  check.id("worker_id", override_record.worker_id);
  check.id("child_id", override_record.child_id);
  if (override_record.allocation_id) check.id("allocation_id", *override_record.allocation_id);
  check.required("approved_by", override_record.approved_by);
  if (override_record.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    check.add("reason", "reason is required: why the worker can take the case over their limit");
  }
  if (!(override_record.caseload_limit >= 0.0)) {
    check.add("caseload_limit", "caseload_limit must be zero or more");
  }
  return check.take();
}

}  // namespace safeguard::domain
