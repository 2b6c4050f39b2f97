#include "synthetic/store_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "domain/validation.h"
#include "synthetic/names.h"
#include "synthetic/random.h"
#include "synthetic/texts.h"

namespace safeguard::synthetic {
namespace {

constexpr std::string_view kContactOutcomeText[] = {
    "referral", "early_help", "advice_and_information", "no_further_action", ""};

std::int64_t id_of(Index index) { return static_cast<std::int64_t>(index) + 1; }
std::optional<std::int64_t> optional_id(Index index) {
  return index == kNone ? std::nullopt : std::optional<std::int64_t>(id_of(index));
}
void set(std::string& field, Code code) { field.assign(code ? code : ""); }

// Domain records of one table, filled and validated, ready to insert.
class Batch {
 public:
  virtual ~Batch() = default;
  virtual Status insert(store::Transaction& tx) = 0;

  std::string_view table;
  std::size_t table_rows = 0;  // rows in the whole table
  std::size_t first = 0;       // position of the first record in its table
  std::size_t count = 0;
  Status problem;  // set when the batch could not be prepared; nothing of it is written
};

template <typename Record>
class RecordBatch final : public Batch {
 public:
  Status insert(store::Transaction& tx) override {
    for (std::size_t k = 0; k < records.size(); ++k) {
      auto id = tx.insert(records[k]);
      if (!id) return id.error();
      auto expected = static_cast<std::int64_t>(first + k + 1);
      if (*id != expected) {
        return Error::internal(fmt::format(
            "{} row {} was stored with id {}: the demo needs an empty, freshly created database",
            table, expected, *id));
      }
    }
    return Status::success();
  }

  std::vector<Record> records;
};

// Hands batches from the preparing thread to the writing one; holds at most `capacity` at a time.
class BatchQueue {
 public:
  explicit BatchQueue(std::size_t capacity) : capacity_(capacity) {}

  // False when the writer has given up: stop preparing.
  bool push(std::unique_ptr<Batch> batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return batches_.size() < capacity_ || abandoned_; });
    if (abandoned_) return false;
    batches_.push_back(std::move(batch));
    changed_.notify_all();
    return true;
  }
  // The next batch, or nullptr once everything has been handed over.
  std::unique_ptr<Batch> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !batches_.empty() || finished_; });
    if (batches_.empty()) return nullptr;
    std::unique_ptr<Batch> batch = std::move(batches_.front());
    batches_.pop_front();
    changed_.notify_all();
    return batch;
  }
  void finish() {
    std::lock_guard lock(mutex_);
    finished_ = true;
    changed_.notify_all();
  }
  void abandon() {
    std::lock_guard lock(mutex_);
    abandoned_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> batches_;
  std::size_t capacity_;
  bool finished_ = false;
  bool abandoned_ = false;
};

// Turns the model's compact records into checked domain records, table by table, in batches.
class Preparer {
 public:
  Preparer(const domain::CodeLists& codes, const Model& model, std::uint64_t seed,
           BatchQueue& queue)
      : codes_(codes), model_(model), seed_(seed), queue_(queue) {}

  // Prepares every table; stops early when a record fails or the writer gives up.
  void run();

 private:
  // Queues `rows` as `Record`s, each filled by fill(position, source, record) and validated.
  template <typename Record, typename Source, typename Fill>
  bool prepare(std::string_view table, const std::vector<Source>& rows, Fill fill);

  std::string postcode_outward(std::int8_t district) const;

  const domain::CodeLists& codes_;
  const Model& model_;
  std::uint64_t seed_;
  BatchQueue& queue_;
};

template <typename Record, typename Source, typename Fill>
bool Preparer::prepare(std::string_view table, const std::vector<Source>& rows, Fill fill) {
  for (std::size_t next = 0; next < rows.size(); next += kBatchRows) {
    auto batch = std::make_unique<RecordBatch<Record>>();
    batch->table = table;
    batch->table_rows = rows.size();
    batch->first = next;
    batch->count = std::min(kBatchRows, rows.size() - next);
    batch->records.resize(batch->count);
    for (std::size_t k = 0; k < batch->count; ++k) {
      Record& record = batch->records[k];
      fill(next + k, rows[next + k], record);
      domain::Problems problems = domain::validate(record, codes_);
      if (!problems.empty()) {
        Status refused =
            domain::to_status(fmt::format("generated {} {}", table, next + k + 1), problems);
        batch->problem = Error::internal(refused.error().message);
        queue_.push(std::move(batch));
        return false;
      }
    }
    if (!queue_.push(std::move(batch))) return false;
  }
  return true;
}

std::string Preparer::postcode_outward(std::int8_t district) const {
  if (district > 0) return outward_code(district);
  return std::string(out_of_area_outward_codes()[static_cast<std::size_t>(-1 - district)]);
}

void Preparer::run() {
  const Model& m = model_;
  // Each table in foreign-key order, stopping at the first that fails.
  if (!prepare<domain::Team>("team", m.teams,
                             [](std::size_t, const TeamRecord& in, domain::Team& out) {
                               out.name = in.name;
                               set(out.service, in.service);
                             })) {
    return;
  }
  if (!prepare<domain::Worker>(
          "worker", m.workers, [](std::size_t i, const WorkerRecord& in, domain::Worker& out) {
            out.staff_id = fmt::format("SW{:07}", 1000 + i);
            const auto& firsts = in.sex == 'M' ? boys_names() : girls_names();
            out.name = fmt::format("{} {}", firsts[in.first_name], family_names()[in.family_name]);
            set(out.role, in.role);
            out.agency = in.agency;
            out.fte = in.fte;
            out.team_id = optional_id(in.team);
            out.start_date = in.start;
            out.leaving_date = in.leaving;
          })) {
    return;
  }
  if (!prepare<domain::Household>(
          "household", m.households,
          [](std::size_t, const HouseholdRecord& in, domain::Household& out) {
            out.address = street_address(in.address_hash);
            out.postcode = postcode(in.district, in.address_hash >> 12);
          })) {
    return;
  }
  if (!prepare<domain::Child>(
          "child", m.children, [&](std::size_t i, const ChildRecord& in, domain::Child& out) {
            out.local_id = fmt::format("C{:06}", i + 1);
            out.upn = in.upn_unknown == 0 ? unique_pupil_number(mix(seed_, i, 1))
                                          : fmt::format("UN{}", in.upn_unknown);
            if (in.has_nhs_number) out.nhs_number = nhs_number(mix(seed_, i, 2));
            const auto& firsts = in.sex == 'M' ? boys_names() : girls_names();
            out.first_name = std::string(firsts[in.first_name % firsts.size()]);
            out.last_name = std::string(family_names()[in.family_name]);
            out.date_of_birth = in.date_of_birth;
            out.sex = std::string(1, in.sex);
            set(out.ethnicity, in.ethnicity);
            out.household_id = optional_id(in.household);
            out.unaccompanied_asylum_seeking = in.unaccompanied_asylum_seeking;
          })) {
    return;
  }
  if (!prepare<domain::Contact>(
          "contact", m.contacts, [](std::size_t, const ContactRecord& in, domain::Contact& out) {
            out.child_id = id_of(in.child);
            out.date = in.date;
            set(out.source, in.source);
            out.outcome = std::string(kContactOutcomeText[static_cast<int>(in.outcome)]);
            out.decision_date = in.decided;
            out.summary = std::string(contact_summary(in.source, in.summary));
          })) {
    return;
  }
  if (!prepare<domain::Referral>("referral", m.referrals,
                                 [](std::size_t, const ReferralRecord& in, domain::Referral& out) {
                                   out.child_id = id_of(in.child);
                                   out.contact_id = optional_id(in.contact);
                                   out.date = in.date;
                                   set(out.source, in.source);
                                   out.no_further_action = in.no_further_action;
                                 })) {
    return;
  }
  if (!prepare<domain::ChildInNeedEpisode>(
          "child_in_need_episode", m.episodes,
          [](std::size_t, const ChildInNeedEpisodeRecord& in, domain::ChildInNeedEpisode& out) {
            out.child_id = id_of(in.child);
            out.referral_id = id_of(in.referral);
            out.start_date = in.start;
            set(out.primary_need, in.primary_need);
            out.end_date = in.end;
            set(out.reason_for_closure, in.reason_for_closure);
          })) {
    return;
  }
  if (!prepare<domain::Assessment>(
          "assessment", m.assessments,
          [](std::size_t, const AssessmentRecord& in, domain::Assessment& out) {
            out.child_id = id_of(in.child);
            out.episode_id = id_of(in.episode);
            out.start_date = in.start;
            out.authorised_date = in.authorised;
            auto factors = assessment_factor_codes();
            for (std::size_t f = 0; f < factors.size(); ++f) {
              if (in.factors & (std::uint64_t{1} << f)) {
                if (!out.factors.empty()) out.factors += ',';
                out.factors += factors[f];
              }
            }
          })) {
    return;
  }
  if (!prepare<domain::Section47Enquiry>(
          "section47_enquiry", m.enquiries,
          [](std::size_t, const EnquiryRecord& in, domain::Section47Enquiry& out) {
            out.child_id = id_of(in.child);
            out.episode_id = id_of(in.episode);
            out.strategy_discussion_date = in.strategy_discussion;
            out.start_date = in.start;
            out.conference_not_required = in.conference_not_required;
          })) {
    return;
  }
  if (!prepare<domain::InitialChildProtectionConference>(
          "initial_child_protection_conference", m.conferences,
          [](std::size_t, const ConferenceRecord& in,
             domain::InitialChildProtectionConference& out) {
            out.child_id = id_of(in.child);
            out.episode_id = id_of(in.episode);
            out.enquiry_id = optional_id(in.enquiry);
            out.date = in.date;
            out.plan_made = in.plan_made;
          })) {
    return;
  }
  if (!prepare<domain::ChildProtectionPlan>(
          "child_protection_plan", m.plans,
          [](std::size_t, const PlanRecord& in, domain::ChildProtectionPlan& out) {
            out.child_id = id_of(in.child);
            out.episode_id = id_of(in.episode);
            out.start_date = in.start;
            set(out.initial_category, in.initial_category);
            set(out.latest_category, in.latest_category);
            out.end_date = in.end;
          })) {
    return;
  }
  if (!prepare<domain::ChildProtectionReview>(
          "child_protection_review", m.plan_reviews,
          [](std::size_t, const PlanReviewRecord& in, domain::ChildProtectionReview& out) {
            out.plan_id = id_of(in.plan);
            out.date = in.date;
          })) {
    return;
  }
  if (!prepare<domain::LookedAfterEpisode>(
          "looked_after_episode", m.care_episodes,
          [&](std::size_t, const CareEpisodeRecord& in, domain::LookedAfterEpisode& out) {
            out.child_id = id_of(in.child);
            out.start_date = in.start;
            set(out.reason_for_new_episode, in.reason_for_new_episode);
            set(out.legal_status, in.legal_status);
            set(out.category_of_need, in.category_of_need);
            set(out.placement_type, in.placement_type);
            set(out.placement_provider, in.placement_provider);
            out.end_date = in.end;
            set(out.reason_episode_ceased, in.reason_episode_ceased);
            set(out.reason_place_change, in.reason_place_change);
            const ChildRecord& child = m.children[static_cast<std::size_t>(in.child)];
            out.home_postcode =
                child.household == kNone
                    ? outward_code(1)
                    : outward_code(
                          m.households[static_cast<std::size_t>(child.household)].district);
            out.placement_postcode = postcode_outward(in.placement_district);
            if (in.urn == 1) {
              out.urn = "XXXXXXX";
            } else if (in.urn != 0) {
              out.urn = fmt::format("{:07}", in.urn);
            }
          })) {
    return;
  }
  if (!prepare<domain::LookedAfterReview>(
          "looked_after_review", m.care_reviews,
          [](std::size_t, const CareReviewRecord& in, domain::LookedAfterReview& out) {
            out.child_id = id_of(in.child);
            out.date = in.date;
            set(out.participation, in.participation);
          })) {
    return;
  }
  if (!prepare<domain::MissingEpisode>(
          "missing_episode", m.missing,
          [](std::size_t, const MissingRecord& in, domain::MissingEpisode& out) {
            out.child_id = id_of(in.child);
            out.kind = std::string(1, in.kind);
            out.start_date = in.start;
            out.end_date = in.end;
            out.return_interview_offered = in.return_interview_offered;
          })) {
    return;
  }
  if (!prepare<domain::LegalOrder>(
          "legal_order", m.legal_orders,
          [](std::size_t, const LegalOrderRecord& in, domain::LegalOrder& out) {
            out.child_id = id_of(in.child);
            set(out.type, in.type);
            out.made_date = in.made;
            out.end_date = in.end;
          })) {
    return;
  }
  if (!prepare<domain::CareLeaverContact>(
          "care_leaver_contact", m.leaver_contacts,
          [](std::size_t, const LeaverContactRecord& in, domain::CareLeaverContact& out) {
            out.child_id = id_of(in.child);
            out.date = in.date;
            set(out.in_touch, in.in_touch);
            set(out.activity, in.activity);
            set(out.accommodation, in.accommodation);
          })) {
    return;
  }
  if (!prepare<domain::Allocation>(
          "allocation", m.allocations,
          [](std::size_t, const AllocationRecord& in, domain::Allocation& out) {
            out.child_id = id_of(in.child);
            out.worker_id = optional_id(in.worker);  // none: waiting in the team's tray
            out.team_id = id_of(in.team);
            out.start_date = in.start;
            out.end_date = in.end;
            set(out.reason, in.reason);
          })) {
    return;
  }
  if (!prepare<domain::SupervisionSession>(
          "supervision_session", m.supervision,
          [](std::size_t, const SupervisionRecord& in, domain::SupervisionSession& out) {
            out.worker_id = id_of(in.worker);
            out.supervisor_id = id_of(in.supervisor);
            out.date = in.date;
            out.one_to_one = true;
          })) {
    return;
  }
  if (!prepare<domain::Visit>("visit", m.visits,
                              [](std::size_t, const VisitRecord& in, domain::Visit& out) {
                                out.child_id = id_of(in.child);
                                out.worker_id = optional_id(in.worker);
                                out.date = in.date;
                                out.child_seen = in.child_seen;
                                out.seen_alone = in.seen_alone;
                                out.note = std::string(visit_note(in.kind, in.child_seen, in.note));
                              })) {
    return;
  }
  if (!prepare<domain::CaseNote>("case_note", m.case_notes,
                                 [](std::size_t, const CaseNoteRecord& in, domain::CaseNote& out) {
                                   out.child_id = id_of(in.child);
                                   out.author_worker_id = optional_id(in.author);
                                   out.date = in.date;
                                   CaseNoteText text = case_note_text(in.topic);
                                   out.subject = std::string(text.subject);
                                   out.text = std::string(text.text);
                                 })) {
    return;
  }
}

}  // namespace

Status write_model(store::Store& store, const domain::CodeLists& codes, const Model& model,
                   std::uint64_t seed, const ProgressFunction& progress, double from_fraction,
                   double to_fraction) {
  const std::int64_t total = static_cast<std::int64_t>(
      model.teams.size() + model.workers.size() + model.households.size() + model.children.size() +
      model.contacts.size() + model.referrals.size() + model.episodes.size() +
      model.assessments.size() + model.enquiries.size() + model.conferences.size() +
      model.plans.size() + model.plan_reviews.size() + model.care_episodes.size() +
      model.care_reviews.size() + model.missing.size() + model.legal_orders.size() +
      model.leaver_contacts.size() + model.allocations.size() + model.supervision.size() +
      model.visits.size() + model.case_notes.size());
  // Preparing (filling and validating) runs on a second thread while this one inserts: the
  // store's inserts are the bottleneck, and two cores halve what is left around them.
  BatchQueue queue(3);
  std::thread preparing([&] {
    try {
      Preparer(codes, model, seed, queue).run();
    } catch (const std::exception& failure) {
      auto batch = std::make_unique<RecordBatch<domain::Team>>();
      batch->problem = Error::internal(fmt::format("preparing demo records: {}", failure.what()));
      queue.push(std::move(batch));
    }
    queue.finish();
  });
  Status outcome;
  std::int64_t written = 0;
  std::unique_ptr<Batch> batch = queue.pop();
  while (batch && outcome.ok()) {
    // A table's batches share transactions of up to a quarter of the table (at least kBatchRows,
    // at most kMaxTransactionRows): an index the rows cannot arrive in order for is then written
    // out a few times, not once per batch.
    const std::string_view table = batch->table;
    const std::size_t per_transaction =
        std::clamp(batch->table_rows / 4, kBatchRows, kMaxTransactionRows);
    std::size_t in_transaction = 0;
    outcome = store.write([&](store::Transaction& tx) -> Status {
      while (batch && batch->table == table && in_transaction < per_transaction) {
        if (!batch->problem.ok()) return batch->problem;
        SAFEGUARD_TRY(batch->insert(tx));
        in_transaction += batch->count;
        written += static_cast<std::int64_t>(batch->count);
        if (progress) {
          double done =
              total == 0 ? 1.0 : static_cast<double>(written) / static_cast<double>(total);
          progress(from_fraction + (to_fraction - from_fraction) * done,
                   fmt::format("writing {}", batch->table));
        }
        batch = queue.pop();
      }
      return Status::success();
    });
  }
  queue.abandon();
  preparing.join();
  return outcome;
}

}  // namespace safeguard::synthetic
