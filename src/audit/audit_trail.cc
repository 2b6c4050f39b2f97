#include "audit/audit_trail.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <charconv>
#include <limits>
#include <memory>

namespace safeguard::audit {

const std::string kGenesisHash(64, '0');

namespace {

// Each field as "<length>:<bytes>;" so that no two different records serialise alike.
void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest, &length) != 1) {
    return {};  // compare fails, so a broken hash function can never verify a chain
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

std::string describe(const store::AuditRecord& record) {
  return fmt::format("event {} ({} {} {} {} {})", record.seq, record.at, record.actor,
                     record.action, record.entity, record.entity_id);
}

}  // namespace

std::string compute_hash(const store::AuditRecord& record) {
  std::string content;
  content.reserve(256 + record.before.size() + record.after.size());
  append_field(content, "safeguard-audit-v1");
  append_field(content, record.prev_hash);
  append_field(content, std::to_string(record.seq));
  append_field(content, record.at);
  append_field(content, record.actor);
  append_field(content, record.action);
  append_field(content, record.entity);
  append_field(content, record.entity_id);
  append_field(content, record.child_id ? std::to_string(*record.child_id) : std::string("-"));
  append_field(content, record.reason);
  append_field(content, record.before);
  append_field(content, record.after);
  return sha256_hex(content);
}

store::AuditRecord chain_after(const store::AuditRecord* previous, const Clock& clock,
                               const Event& event) {
  store::AuditRecord record;
  record.seq = previous ? previous->seq + 1 : 1;
  record.prev_hash = previous ? previous->hash : kGenesisHash;
  record.at = clock.now().iso();
  record.actor = event.actor;
  record.action = event.action;
  record.entity = event.entity;
  record.entity_id = event.entity_id;
  record.child_id = event.child_id;
  record.reason = event.reason;
  record.before = event.before;
  record.after = event.after;
  record.hash = compute_hash(record);
  return record;
}

Result<store::AuditRecord> append(store::Transaction& transaction, const Clock& clock,
                                  const Event& event) {
  auto last = transaction.last_audit_record();
  if (!last) return last.error();
  store::AuditRecord record = chain_after(*last ? &**last : nullptr, clock, event);
  SAFEGUARD_TRY(transaction.append_audit_record(record));
  return record;
}

std::string Anchor::text() const { return fmt::format("{}:{}", seq, hash); }

Result<Anchor> Anchor::parse(std::string_view text) {
  auto colon = text.find(':');
  Anchor anchor;
  bool ok = colon != std::string_view::npos;
  if (ok) {
    auto [end, error] = std::from_chars(text.data(), text.data() + colon, anchor.seq);
    ok = error == std::errc{} && end == text.data() + colon && anchor.seq > 0;
    anchor.hash = std::string(text.substr(colon + 1));
    ok = ok && anchor.hash.size() == 64 &&
         anchor.hash.find_first_not_of("0123456789abcdef") == std::string::npos;
  }
  if (!ok) {
    return Error::invalid(fmt::format(
        "'{}' is not an anchor: expected SEQ:HASH as printed by 'safeguard audit head'", text));
  }
  return anchor;
}

Result<Verification> verify(store::Store& store, const std::optional<Anchor>& anchor,
                            const std::function<void(std::int64_t)>& progress) {
  Verification result;
  result.head = Anchor{0, kGenesisHash};
  std::int64_t expected_seq = 1;
  std::string previous_hash = kGenesisHash;
  bool anchor_seen = false;

  auto fail = [&](const store::AuditRecord& record, std::int64_t bad_seq, std::string problem) {
    result.intact = false;
    result.first_bad_seq = bad_seq;
    result.problem = std::move(problem);
    (void)record;
    return false;
  };

  Status status = store.read([&](store::Transaction& transaction) -> Status {
    // From the lowest number stored, not from 1: an event forged with seq 0 or below must be seen.
    constexpr std::int64_t kLowest = std::numeric_limits<std::int64_t>::min();
    return transaction.for_each_audit_record(kLowest, [&](const store::AuditRecord& record) {
      if (record.seq != expected_seq) {
        if (record.seq > expected_seq) {
          return fail(record, expected_seq,
                      fmt::format("event {} is missing: the chain jumps from event {} to {} "
                                  "(events were deleted)",
                                  expected_seq, expected_seq - 1, record.seq));
        }
        return fail(
            record, record.seq,
            fmt::format("event {} is out of order (expected {})", record.seq, expected_seq));
      }
      if (record.prev_hash != previous_hash) {
        return fail(record, record.seq,
                    fmt::format("{} does not follow event {}: its link to the previous event does "
                                "not match (an event before it was deleted, inserted or reordered, "
                                "or this one was moved)",
                                describe(record), record.seq - 1));
      }
      if (compute_hash(record) != record.hash) {
        return fail(record, record.seq,
                    fmt::format("{} has been altered: its content no longer matches its hash",
                                describe(record)));
      }
      if (anchor && record.seq == anchor->seq) {
        anchor_seen = true;
        if (record.hash != anchor->hash) {
          return fail(record, record.seq,
                      fmt::format("{} differs from the anchor written down for it: the chain "
                                  "from here back has been rewritten",
                                  describe(record)));
        }
      }
      previous_hash = record.hash;
      result.head = Anchor{record.seq, record.hash};
      ++expected_seq;
      ++result.events_checked;
      if (progress && result.events_checked % 100'000 == 0) progress(result.events_checked);
      return true;
    });
  });
  if (!status) return status.error();
  if (result.intact && anchor && !anchor_seen) {
    result.intact = false;
    result.first_bad_seq = result.head.seq + 1;
    result.problem = fmt::format(
        "the chain ends at event {} but an anchor records event {}: events after {} were removed",
        result.head.seq, anchor->seq, result.head.seq);
  }
  return result;
}

Result<Anchor> head(store::Store& store) {
  Anchor anchor{0, kGenesisHash};
  Status status = store.read([&](store::Transaction& transaction) -> Status {
    auto last = transaction.last_audit_record();
    if (!last) return last.error();
    if (*last) anchor = Anchor{(*last)->seq, (*last)->hash};
    return Status::success();
  });
  if (!status) return status.error();
  return anchor;
}

}  // namespace safeguard::audit
