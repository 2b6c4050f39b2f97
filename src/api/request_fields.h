// Reading a request's parts as the API's handlers do: ids from the path, paging from the query,
// members of a JSON body. Each problem becomes a FieldError naming the member and saying what to
// do, so a handler collects them all and answers one 422.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/problems.h"
#include "base/date.h"
#include "http/request.h"
#include "http/response.h"

namespace safeguard::api {

inline constexpr std::int64_t kDefaultPerPage = 25;
inline constexpr std::int64_t kMaxPerPage = 100;

// A record id from a path segment or query value: digits only, 1 to 18 of them, above zero.
std::optional<std::int64_t> parse_id(std::string_view text);

// 404 "There is no child with that identifier."
http::Response no_such_child();

struct Page {
  std::int64_t page = 1;
  std::int64_t per_page = kDefaultPerPage;
};

// ?page and ?per_page: whole numbers, page from 1, per_page 1 to 100. Sets `refusal` (422)
// otherwise.
std::optional<Page> parse_page(const http::Request& request, http::Response& refusal);

// {"items": [...this page...], "page", "per_page", "total_items", "total_pages"}
nlohmann::json paginate(const nlohmann::json& all, const Page& page);

// A JSON member that must be a non-empty string of at most `max` bytes.
std::optional<std::string> required_string(const nlohmann::json& body, std::string_view name,
                                           std::size_t max, std::string_view missing_message,
                                           std::vector<FieldError>& errors);
// A JSON member that may be absent or null (""), else a string of at most `max` bytes.
std::string optional_string(const nlohmann::json& body, std::string_view name, std::size_t max,
                            std::vector<FieldError>& errors);
// ISO date member: absent gives `fallback` (or an error saying `missing` when there is none); not
// a date, or after today, is a field error.
std::optional<Date> date_member(const nlohmann::json& body, std::string_view name, Date today,
                                std::optional<Date> fallback, std::string_view missing,
                                std::vector<FieldError>& errors);
std::optional<bool> bool_member(const nlohmann::json& body, std::string_view name,
                                std::string_view missing, std::vector<FieldError>& errors);
// An id member: absent or null gives nullopt; otherwise a whole number above zero.
std::optional<std::int64_t> optional_id(const nlohmann::json& body, std::string_view name,
                                        std::vector<FieldError>& errors);
// An id in the query string (?worker=12): absent gives nullopt; otherwise as parse_id.
std::optional<std::int64_t> query_id(const http::Request& request, std::string_view name,
                                     std::vector<FieldError>& errors);
// A date in the query string (?from=2026-01-01): absent gives `fallback`.
std::optional<Date> query_date(const http::Request& request, std::string_view name, Date fallback,
                               std::vector<FieldError>& errors);

}  // namespace safeguard::api
