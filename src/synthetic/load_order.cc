#include "synthetic/load_order.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace safeguard::synthetic {
namespace {

// A record's place in the load order: (owner, date) packed into one number, and where it was.
struct Keyed {
  std::uint64_t key;
  Index position;
};

std::uint64_t pack(Index owner, Date date) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(owner)) << 32) |
         static_cast<std::uint32_t>(date.days_since_epoch() + 0x40000000);
}

// Sorts `records` by (owner, date), ties by old position; returns each old position's new one.
template <typename Record, typename Key>
std::vector<Index> sort_by(std::vector<Record>& records, Key key) {
  std::vector<Keyed> keyed(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto [owner, date] = key(records[i]);
    keyed[i] = Keyed{pack(owner, date), static_cast<Index>(i)};
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    return a.key != b.key ? a.key < b.key : a.position < b.position;
  });
  std::vector<Record> sorted;
  sorted.reserve(records.size());
  std::vector<Index> new_position(records.size());
  for (std::size_t k = 0; k < keyed.size(); ++k) {
    sorted.push_back(std::move(records[static_cast<std::size_t>(keyed[k].position)]));
    new_position[static_cast<std::size_t>(keyed[k].position)] = static_cast<Index>(k);
  }
  records = std::move(sorted);
  return new_position;
}

void remap(Index& reference, const std::vector<Index>& new_position) {
  if (reference != kNone) reference = new_position[static_cast<std::size_t>(reference)];
}

template <typename Record>
void by_child_and(std::vector<Record>& records, Date Record::*date) {
  sort_by(records, [date](const Record& r) { return std::make_pair(r.child, r.*date); });
}

}  // namespace

void order_for_loading(Model& model) {
  auto contacts = sort_by(model.contacts,
                          [](const ContactRecord& r) { return std::make_pair(r.child, r.date); });
  for (auto& referral : model.referrals) remap(referral.contact, contacts);

  auto referrals = sort_by(model.referrals,
                           [](const ReferralRecord& r) { return std::make_pair(r.child, r.date); });
  for (auto& episode : model.episodes) remap(episode.referral, referrals);

  auto episodes = sort_by(model.episodes, [](const ChildInNeedEpisodeRecord& r) {
    return std::make_pair(r.child, r.start);
  });
  for (auto& record : model.assessments) remap(record.episode, episodes);
  for (auto& record : model.enquiries) remap(record.episode, episodes);
  for (auto& record : model.conferences) remap(record.episode, episodes);
  for (auto& record : model.plans) remap(record.episode, episodes);

  auto enquiries = sort_by(model.enquiries,
                           [](const EnquiryRecord& r) { return std::make_pair(r.child, r.start); });
  for (auto& record : model.conferences) remap(record.enquiry, enquiries);

  auto plans =
      sort_by(model.plans, [](const PlanRecord& r) { return std::make_pair(r.child, r.start); });
  for (auto& record : model.plan_reviews) remap(record.plan, plans);
  sort_by(model.plan_reviews,
          [](const PlanReviewRecord& r) { return std::make_pair(r.plan, r.date); });

  by_child_and(model.assessments, &AssessmentRecord::start);
  by_child_and(model.conferences, &ConferenceRecord::date);
  by_child_and(model.care_episodes, &CareEpisodeRecord::start);
  by_child_and(model.care_reviews, &CareReviewRecord::date);
  by_child_and(model.missing, &MissingRecord::start);
  sort_by(model.legal_orders,
          [](const LegalOrderRecord& r) { return std::make_pair(r.child, r.made); });
  by_child_and(model.leaver_contacts, &LeaverContactRecord::date);
  by_child_and(model.allocations, &AllocationRecord::start);
  by_child_and(model.visits, &VisitRecord::date);
  by_child_and(model.case_notes, &CaseNoteRecord::date);
  sort_by(model.supervision,
          [](const SupervisionRecord& r) { return std::make_pair(r.worker, r.date); });
}

}  // namespace safeguard::synthetic
