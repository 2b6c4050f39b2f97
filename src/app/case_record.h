// The case record's use cases: add and change records, open a child's record, count what is open.
// Each is one transaction in which the record is validated (codes checked for their date), written,
// and an audit event with the before and after images appended. Nothing is written when any step
// fails.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/actor.h"
#include "audit/audit_trail.h"
#include "base/clock.h"
#include "base/result.h"
#include "domain/codes.h"
#include "domain/validation.h"
#include "store/mapping.h"
#include "store/store.h"

namespace safeguard::app {

// Everything on one child's record, as a practitioner opens it.
struct ChildRecord {
  domain::Child child;
  std::vector<domain::Contact> contacts;
  std::vector<domain::Referral> referrals;
  std::vector<domain::ChildInNeedEpisode> child_in_need_episodes;
  std::vector<domain::Assessment> assessments;
  std::vector<domain::Section47Enquiry> section47_enquiries;
  std::vector<domain::InitialChildProtectionConference> conferences;
  std::vector<domain::ChildProtectionPlan> protection_plans;
  std::vector<domain::ChildProtectionReview> protection_reviews;  // of any of the plans
  std::vector<domain::LookedAfterEpisode> looked_after_episodes;
  std::vector<domain::LookedAfterReview> looked_after_reviews;
  std::vector<domain::MissingEpisode> missing_episodes;
  std::vector<domain::LegalOrder> legal_orders;
  std::vector<domain::CareLeaverContact> care_leaver_contacts;
  std::vector<domain::Visit> visits;
  std::vector<domain::CaseNote> case_notes;
  std::vector<domain::Allocation> allocations;
};

class CaseRecord {
 public:
  CaseRecord(store::Store& store, const domain::CodeLists& codes, const Clock& clock)
      : store_(store), codes_(codes), clock_(clock) {}

  // Validates and stores a new record; returns its id.
  template <typename Record>
  Result<std::int64_t> add(const Actor& actor, Record record, std::string_view reason = {}) {
    constexpr std::string_view entity = store::Mapping<Record>::table;
    SAFEGUARD_TRY(domain::check(entity, record, codes_));
    std::int64_t id = 0;
    Status status = store_.write([&](store::Transaction& transaction) -> Status {
      auto inserted = transaction.insert(record);
      if (!inserted) return inserted.error();
      id = *inserted;
      return record_event(transaction, actor, "create", entity, record, "",
                          store::to_json(record).dump(), reason);
    });
    if (!status) return status.error();
    return id;
  }

  // Validates and replaces a stored record; the audit event keeps what it said before.
  template <typename Record>
  Status change(const Actor& actor, const Record& record, std::string_view reason = {}) {
    constexpr std::string_view entity = store::Mapping<Record>::table;
    SAFEGUARD_TRY(domain::check(entity, record, codes_));
    return store_.write([&](store::Transaction& transaction) -> Status {
      auto before = transaction.find<Record>(record.id);
      if (!before) return before.error();
      if (!*before) {
        return Error::not_found(fmt::format("there is no {} with id {}", entity, record.id));
      }
      SAFEGUARD_TRY(transaction.update(record));
      return record_event(transaction, actor, "update", entity, record,
                          store::to_json(**before).dump(), store::to_json(record).dump(), reason);
    });
  }

  // Opens a child's whole record; the read is an audit event.
  Result<ChildRecord> open_child(const Actor& actor, std::int64_t child_id,
                                 std::string_view reason = {});

  // Reads the child's whole record inside `transaction` (no audit: the caller's job); not found
  // when there is no such child.
  static Status load(store::Transaction& transaction, std::int64_t child_id, ChildRecord& record);

  // The headline counts at a date (no child is identified, so no per-child audit).
  Result<store::Summary> summary(Date as_of);

 private:
  template <typename Record>
  Status record_event(store::Transaction& transaction, const Actor& actor, std::string action,
                      std::string_view entity, const Record& record, std::string before,
                      std::string after, std::string_view reason) {
    audit::Event event;
    event.actor = actor.username;
    event.action = std::move(action);
    event.entity = std::string(entity);
    event.entity_id = std::to_string(record.id);
    if constexpr (store::BelongsToChild<Record>) {
      event.child_id = record.child_id;
    } else if constexpr (std::is_same_v<Record, domain::Child>) {
      event.child_id = record.id;
    }
    event.reason = std::string(reason);
    event.before = std::move(before);
    event.after = std::move(after);
    auto appended = audit::append(transaction, clock_, event);
    if (!appended) return appended.error();
    return Status::success();
  }

  store::Store& store_;
  const domain::CodeLists& codes_;
  const Clock& clock_;
};

}  // namespace safeguard::app
