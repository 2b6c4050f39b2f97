#include "pages/chronology.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace safeguard::pages {
namespace {

struct Entry {
  ChronologyEntry entry;
  int kind = 0;
  std::int64_t id = 0;
};

std::string described(const domain::CodeLists& codes, std::string_view list,
                      std::string_view code) {
  if (code.empty()) return {};
  std::string description = codes.description(list, code);
  if (description.empty() || description == code) return std::string(code);
  return fmt::format("{} ({})", description, code);
}

std::string contact_outcome(std::string_view outcome) {
  if (outcome == "referral") return "accepted as a referral";
  if (outcome == "early_help") return "passed to early help";
  if (outcome == "advice_and_information") return "advice and information given";
  if (outcome == "no_further_action") return "no further action";
  return "awaiting a decision";
}

std::string order_name(std::string_view type) {
  std::string name(type);
  std::replace(name.begin(), name.end(), '_', ' ');
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

}  // namespace

std::string shorten(std::string_view text, std::size_t limit) {
  std::size_t characters = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) continue;
    if (characters == limit) return std::string(text.substr(0, at)) + "\xE2\x80\xA6";
    ++characters;
  }
  return std::string(text);
}

std::vector<ChronologyEntry> chronology(const app::ChildRecord& record,
                                        const domain::CodeLists& codes,
                                        const WorkerName& worker_name, Date today) {
  std::vector<Entry> entries;
  auto add = [&](Date date, int kind, std::int64_t id, std::string event, std::string detail) {
    if (date > today) return;
    entries.push_back(Entry{ChronologyEntry{date, std::move(event), std::move(detail)}, kind, id});
  };
  const std::string& name = record.child.first_name;

  add(record.child.date_of_birth, 0, record.child.id, "Born", "");
  for (const auto& contact : record.contacts) {
    add(contact.date, 1, contact.id, "Contact",
        fmt::format("From {}: {}. {}", described(codes, "ReferralSource", contact.source),
                    contact_outcome(contact.outcome), shorten(contact.summary, 300)));
  }
  for (const auto& referral : record.referrals) {
    add(referral.date, 2, referral.id, "Referral",
        fmt::format("From {}{}", described(codes, "ReferralSource", referral.source),
                    referral.no_further_action ? ": no further action" : ""));
  }
  for (const auto& episode : record.child_in_need_episodes) {
    add(episode.start_date, 3, episode.id, "Child in need episode began",
        fmt::format("Primary need: {}", described(codes, "PrimaryNeedCode", episode.primary_need)));
    if (episode.end_date) {
      add(*episode.end_date, 3, episode.id, "Child in need episode closed",
          described(codes, "ReasonForClosure", episode.reason_for_closure));
    }
  }
  for (const auto& assessment : record.assessments) {
    add(assessment.start_date, 4, assessment.id, "Assessment began", "");
    if (assessment.authorised_date) {
      add(*assessment.authorised_date, 4, assessment.id, "Assessment authorised",
          assessment.factors.empty() ? "" : fmt::format("Factors: {}", assessment.factors));
    }
  }
  for (const auto& enquiry : record.section47_enquiries) {
    add(enquiry.strategy_discussion_date, 5, enquiry.id, "Strategy discussion", "");
    add(enquiry.start_date, 5, enquiry.id, "Section 47 enquiry began",
        enquiry.conference_not_required ? "Conference not required" : "");
  }
  for (const auto& conference : record.conferences) {
    add(conference.date, 6, conference.id, "Initial child protection conference",
        conference.plan_made ? "Child protection plan made" : "No plan made");
  }
  for (const auto& plan : record.protection_plans) {
    add(plan.start_date, 7, plan.id, "Child protection plan began",
        fmt::format("Category: {}", described(codes, "CategoryOfAbuse", plan.initial_category)));
    if (plan.end_date) add(*plan.end_date, 7, plan.id, "Child protection plan ended", "");
  }
  for (const auto& review : record.protection_reviews) {
    add(review.date, 8, review.id, "Child protection review", "");
  }
  for (const auto& episode : record.looked_after_episodes) {
    std::string placement = described(codes, "PLACE", episode.placement_type);
    add(episode.start_date, 9, episode.id, "Looked-after episode began",
        fmt::format("{}; legal status {}; {}", placement,
                    described(codes, "LS", episode.legal_status),
                    described(codes, "RNE", episode.reason_for_new_episode)));
    if (episode.end_date) {
      add(*episode.end_date, 9, episode.id, "Looked-after episode ended",
          described(codes, "REC", episode.reason_episode_ceased));
    }
  }
  for (const auto& review : record.looked_after_reviews) {
    add(review.date, 10, review.id, "Looked-after review",
        described(codes, "REVIEW_CODE", review.participation));
  }
  for (const auto& missing : record.missing_episodes) {
    std::string what = missing.kind == "A" ? "Away without authorisation" : "Missing";
    add(missing.start_date, 11, missing.id, what + " began", "");
    if (missing.end_date) {
      add(*missing.end_date, 11, missing.id, what + " ended",
          missing.return_interview_offered ? "Return interview offered"
                                           : "No return interview offered");
    }
  }
  for (const auto& order : record.legal_orders) {
    add(order.made_date, 12, order.id, fmt::format("{} made", order_name(order.type)), "");
    if (order.end_date) {
      add(*order.end_date, 12, order.id, fmt::format("{} ended", order_name(order.type)), "");
    }
  }
  for (const auto& contact : record.care_leaver_contacts) {
    add(contact.date, 13, contact.id, "Care leaver contact",
        fmt::format("In touch: {}; activity: {}; accommodation: {}",
                    described(codes, "IN_TOUCH", contact.in_touch),
                    described(codes, "ACTIV", contact.activity),
                    described(codes, "ACCOM", contact.accommodation)));
  }
  for (const auto& allocation : record.allocations) {
    std::string holder = allocation.worker_id ? worker_name(*allocation.worker_id) : std::string();
    std::string began = allocation.worker_id
                            ? fmt::format("Allocated to {}", holder.empty() ? "a worker" : holder)
                            : std::string("Waiting in the team's tray for a worker");
    if (!allocation.reason.empty()) began += fmt::format(". Reason: {}", allocation.reason);
    add(allocation.start_date, 14, allocation.id, "Case allocated", began);
    if (allocation.end_date) {
      add(*allocation.end_date, 14, allocation.id, "Allocation ended",
          holder.empty() ? std::string() : fmt::format("{} no longer holds the case", holder));
    }
  }
  for (const auto& visit : record.visits) {
    std::string seen = !visit.child_seen  ? fmt::format("{} not seen", name)
                       : visit.seen_alone ? fmt::format("{} seen alone", name)
                                          : fmt::format("{} seen, not alone", name);
    add(visit.date, 15, visit.id, "Visit",
        visit.note.empty() ? seen : fmt::format("{}. {}", seen, shorten(visit.note, 300)));
  }
  for (const auto& note : record.case_notes) {
    add(note.date, 16, note.id, "Case note",
        fmt::format("{}: {}", note.subject, shorten(note.text, 300)));
  }

  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(b.entry.date, b.kind, b.id) < std::tie(a.entry.date, a.kind, a.id);
  });
  std::vector<ChronologyEntry> result;
  result.reserve(entries.size());
  for (auto& entry : entries) result.push_back(std::move(entry.entry));
  return result;
}

}  // namespace safeguard::pages
