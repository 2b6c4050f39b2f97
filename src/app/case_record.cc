#include "app/case_record.h"

namespace safeguard::app {
namespace {

template <typename Record>
Status load_list(store::Transaction& transaction, std::int64_t child_id, std::string_view order_by,
                 std::vector<Record>& into) {
  auto records = transaction.list_where<Record>("child_id", child_id, order_by);
  if (!records) return records.error();
  into = std::move(*records);
  return Status::success();
}

Status load_reviews(store::Transaction& transaction, std::int64_t plan_id,
                    std::vector<domain::ChildProtectionReview>& into) {
  auto reviews = transaction.list_where<domain::ChildProtectionReview>("plan_id", plan_id, "date");
  if (!reviews) return reviews.error();
  into = std::move(*reviews);
  return Status::success();
}

}  // namespace

Status CaseRecord::load(store::Transaction& transaction, std::int64_t child_id,
                        ChildRecord& record) {
  auto child = transaction.find<domain::Child>(child_id);
  if (!child) return child.error();
  if (!*child) return Error::not_found(fmt::format("there is no child with id {}", child_id));
  record.child = std::move(**child);
  SAFEGUARD_TRY(load_list(transaction, child_id, "date", record.contacts));
  SAFEGUARD_TRY(load_list(transaction, child_id, "date", record.referrals));
  SAFEGUARD_TRY(load_list(transaction, child_id, "start_date", record.child_in_need_episodes));
  SAFEGUARD_TRY(load_list(transaction, child_id, "start_date", record.assessments));
  SAFEGUARD_TRY(load_list(transaction, child_id, "start_date", record.section47_enquiries));
  SAFEGUARD_TRY(load_list(transaction, child_id, "date", record.conferences));
  SAFEGUARD_TRY(load_list(transaction, child_id, "start_date", record.protection_plans));
  SAFEGUARD_TRY(load_list(transaction, child_id, "start_date", record.looked_after_episodes));
  SAFEGUARD_TRY(load_list(transaction, child_id, "date", record.looked_after_reviews));
  SAFEGUARD_TRY(load_list(transaction, child_id, "start_date", record.missing_episodes));
  SAFEGUARD_TRY(load_list(transaction, child_id, "made_date", record.legal_orders));
  SAFEGUARD_TRY(load_list(transaction, child_id, "date", record.care_leaver_contacts));
  SAFEGUARD_TRY(load_list(transaction, child_id, "date", record.visits));
  SAFEGUARD_TRY(load_list(transaction, child_id, "date", record.case_notes));
  SAFEGUARD_TRY(load_list(transaction, child_id, "start_date", record.allocations));
  for (const auto& plan : record.protection_plans) {
    std::vector<domain::ChildProtectionReview> reviews;
    SAFEGUARD_TRY(load_reviews(transaction, plan.id, reviews));
    record.protection_reviews.insert(record.protection_reviews.end(), reviews.begin(),
                                     reviews.end());
  }
  return Status::success();
}

Result<ChildRecord> CaseRecord::open_child(const Actor& actor, std::int64_t child_id,
                                           std::string_view reason) {
  ChildRecord record;
  Status status = store_.write([&](store::Transaction& transaction) -> Status {
    SAFEGUARD_TRY(load(transaction, child_id, record));
    audit::Event event;
    event.actor = actor.username;
    event.action = "read";
    event.entity = "child";
    event.entity_id = std::to_string(child_id);
    event.child_id = child_id;
    event.reason = std::string(reason);
    auto appended = audit::append(transaction, clock_, event);
    if (!appended) return appended.error();
    return Status::success();
  });
  if (!status) return status.error();
  return record;
}

Result<store::Summary> CaseRecord::summary(Date as_of) {
  store::Summary summary;
  Status status = store_.read([&](store::Transaction& transaction) -> Status {
    auto counted = transaction.summary(as_of);
    if (!counted) return counted.error();
    summary = std::move(*counted);
    return Status::success();
  });
  if (!status) return status.error();
  return summary;
}

}  // namespace safeguard::app
