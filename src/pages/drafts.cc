#include "pages/drafts.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/problems.h"
#include "pages/site.h"

namespace safeguard::pages {

bool DraftStore::valid_key(std::string_view key) {
  return !key.empty() && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Status DraftStore::put(std::int64_t user_id, std::string_view key, std::string fields_json,
                       Timestamp now) {
  if (!valid_key(key)) {
    return Error::invalid("a draft's key is 1 to 64 lower-case letters, digits or hyphens");
  }
  if (fields_json.size() > limits_.max_bytes) {
    return Error::invalid(fmt::format("a draft may hold at most {} KB: save the form instead",
                                      limits_.max_bytes / 1024));
  }
  std::lock_guard lock(mutex_);
  Key id{user_id, std::string(key)};
  auto found = drafts_.find(id);
  if (found == drafts_.end()) {
    auto mine = std::count_if(drafts_.begin(), drafts_.end(),
                              [&](const auto& entry) { return entry.first.first == user_id; });
    if (static_cast<std::size_t>(mine) >= limits_.per_person) drop_oldest_locked(user_id);
    if (drafts_.size() >= limits_.total) drop_oldest_locked(std::nullopt);
  }
  drafts_[std::move(id)] = Draft{std::move(fields_json), now};
  return Status::success();
}

std::optional<Draft> DraftStore::get(std::int64_t user_id, std::string_view key) const {
  std::lock_guard lock(mutex_);
  auto found = drafts_.find(Key{user_id, std::string(key)});
  if (found == drafts_.end()) return std::nullopt;
  return found->second;
}

void DraftStore::erase(std::int64_t user_id, std::string_view key) {
  std::lock_guard lock(mutex_);
  drafts_.erase(Key{user_id, std::string(key)});
}

std::size_t DraftStore::size() const {
  std::lock_guard lock(mutex_);
  return drafts_.size();
}

void DraftStore::drop_oldest_locked(std::optional<std::int64_t> of_user) {
  auto oldest = drafts_.end();
  for (auto it = drafts_.begin(); it != drafts_.end(); ++it) {
    if (of_user && it->first.first != *of_user) continue;
    if (oldest == drafts_.end() || it->second.saved_at < oldest->second.saved_at) oldest = it;
  }
  if (oldest != drafts_.end()) drafts_.erase(oldest);
}

namespace {

// {"fields": {name: string}} -> the fields object as compact JSON; nullopt when not that shape.
std::optional<std::string> fields_of(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("fields") || !body["fields"].is_object()) {
    return std::nullopt;
  }
  const nlohmann::json& fields = body["fields"];
  if (fields.size() > 50) return std::nullopt;
  for (const auto& [name, value] : fields.items()) {
    if (name.size() > 64 || !value.is_string()) return std::nullopt;
  }
  return fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Status add_draft_routes(http::Router& router, Site& site) {
  auto bad_key = [] {
    return api::problem(404, "Draft not found",
                        "A draft's key is 1 to 64 lower-case letters, digits or hyphens.");
  };
  SAFEGUARD_TRY(router.add(
      "GET", "/drafts/{key}",
      site.signed_in([&site, bad_key](http::Request& request, const api::Caller& caller) {
        std::string_view key = request.path_param("key");
        if (!DraftStore::valid_key(key)) return bad_key();
        auto draft = site.drafts().get(caller.principal.user_id, key);
        if (!draft) return api::problem(404, "No draft", "There is no saved draft of this form.");
        nlohmann::json fields = nlohmann::json::parse(draft->fields_json, nullptr, false);
        return api::json_response(200, {{"fields", fields}, {"saved_at", draft->saved_at.iso()}});
      })));
  SAFEGUARD_TRY(router.add(
      "PUT", "/drafts/{key}",
      site.signed_in([&site, bad_key](http::Request& request, const api::Caller& caller) {
        std::string_view key = request.path_param("key");
        if (!DraftStore::valid_key(key)) return bad_key();
        http::Response refusal;
        auto body = api::json_object_body(request, refusal);
        if (!body) return refusal;
        auto fields = fields_of(*body);
        if (!fields) {
          return api::problem(422, "Not a draft",
                              "Send {\"fields\": {\"name\": \"text\", ...}} with text values.");
        }
        Status stored = site.drafts().put(caller.principal.user_id, key, std::move(*fields),
                                          site.services().clock.now());
        if (!stored) return api::problem_for(stored.error());
        http::Response response;
        response.status = 204;
        return response;
      })));
  SAFEGUARD_TRY(router.add(
      "DELETE", "/drafts/{key}",
      site.signed_in([&site, bad_key](http::Request& request, const api::Caller& caller) {
        std::string_view key = request.path_param("key");
        if (!DraftStore::valid_key(key)) return bad_key();
        site.drafts().erase(caller.principal.user_id, key);
        http::Response response;
        response.status = 204;
        return response;
      })));
  return Status::success();
}

}  // namespace safeguard::pages
