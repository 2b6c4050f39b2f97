#include "api/request_fields.h"

#include <fmt/format.h>

#include <charconv>

namespace safeguard::api {

using http::Request;
using http::Response;

// A record id from a path segment: digits only, 1 to 18 of them.
std::optional<std::int64_t> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

Response no_such_child() {
  return problem(404, "Not found", "There is no child with that identifier.");
}

// ?page and ?per_page: whole numbers, page from 1, per_page 1 to 100.
std::optional<Page> parse_page(const Request& request, Response& refusal) {
  Page page;
  std::vector<FieldError> errors;
  auto read = [&](std::string_view name, std::int64_t& into, std::int64_t max,
                  std::string message) {
    std::string_view text = request.query_param(name);
    if (text.empty()) return;
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 1 || value > max) {
      errors.push_back({std::string(name), std::move(message)});
      return;
    }
    into = value;
  };
  read("page", page.page, 1'000'000'000, "page must be a whole number from 1");
  read("per_page", page.per_page, kMaxPerPage, "per_page must be a whole number from 1 to 100");
  if (!errors.empty()) {
    refusal = validation_problem(errors);
    return std::nullopt;
  }
  return page;
}

// {"items": [...this page...], "page", "per_page", "total_items", "total_pages"}
nlohmann::json paginate(const nlohmann::json& all, const Page& page) {
  auto total = static_cast<std::int64_t>(all.size());
  nlohmann::json items = nlohmann::json::array();
  std::int64_t first = (page.page - 1) * page.per_page;
  for (std::int64_t i = first; i < total && i < first + page.per_page; ++i) {
    items.push_back(all[static_cast<std::size_t>(i)]);
  }
  return {{"items", items},
          {"page", page.page},
          {"per_page", page.per_page},
          {"total_items", total},
          {"total_pages", (total + page.per_page - 1) / page.per_page}};
}

// A JSON member that must be a non-empty string of at most `max` bytes.
std::optional<std::string> required_string(const nlohmann::json& body, std::string_view name,
                                           std::size_t max, std::string_view missing_message,
                                           std::vector<FieldError>& errors) {
  auto found = body.find(name);
  if (found == body.end() || !found->is_string() || found->get_ref<const std::string&>().empty()) {
    errors.push_back({std::string(name), std::string(missing_message)});
    return std::nullopt;
  }
  const auto& text = found->get_ref<const std::string&>();
  if (text.size() > max) {
    errors.push_back(
        {std::string(name), fmt::format("{} must be {} characters or fewer", name, max)});
    return std::nullopt;
  }
  return text;
}

// ISO date member: absent gives `fallback`; not a date, or after today, is a field error.
std::optional<Date> date_member(const nlohmann::json& body, std::string_view name, Date today,
                                std::optional<Date> fallback, std::string_view missing,
                                std::vector<FieldError>& errors) {
  auto found = body.find(name);
  if (found == body.end() || found->is_null()) {
    if (!fallback) errors.push_back({std::string(name), std::string(missing)});
    return fallback;
  }
  if (!found->is_string()) {
    errors.push_back({std::string(name), fmt::format("{} must be a date like 2026-03-31", name)});
    return std::nullopt;
  }
  auto date = Date::parse_iso(found->get_ref<const std::string&>());
  if (!date) {
    errors.push_back(
        {std::string(name), fmt::format("{} must be a real date like 2026-03-31", name)});
    return std::nullopt;
  }
  if (today < *date) {
    errors.push_back({std::string(name), fmt::format("{} cannot be in the future", name)});
    return std::nullopt;
  }
  return *date;
}

std::optional<bool> bool_member(const nlohmann::json& body, std::string_view name,
                                std::string_view missing, std::vector<FieldError>& errors) {
  auto found = body.find(name);
  if (found == body.end() || !found->is_boolean()) {
    errors.push_back({std::string(name), std::string(missing)});
    return std::nullopt;
  }
  return found->get<bool>();
}

std::string optional_string(const nlohmann::json& body, std::string_view name, std::size_t max,
                            std::vector<FieldError>& errors) {
  auto found = body.find(name);
  if (found == body.end() || found->is_null()) return {};
  if (!found->is_string()) {
    errors.push_back({std::string(name), fmt::format("{} must be text", name)});
    return {};
  }
  const auto& text = found->get_ref<const std::string&>();
  if (text.size() > max) {
    errors.push_back(
        {std::string(name), fmt::format("{} must be {} characters or fewer", name, max)});
    return {};
  }
  return text;
}

std::optional<std::int64_t> optional_id(const nlohmann::json& body, std::string_view name,
                                        std::vector<FieldError>& errors) {
  auto found = body.find(name);
  if (found == body.end() || found->is_null()) return std::nullopt;
  if (!found->is_number_integer() || found->get<std::int64_t>() <= 0) {
    errors.push_back({std::string(name), fmt::format("{} must be a whole number from 1", name)});
    return std::nullopt;
  }
  return found->get<std::int64_t>();
}

std::optional<std::int64_t> query_id(const Request& request, std::string_view name,
                                     std::vector<FieldError>& errors) {
  std::string_view text = request.query_param(name);
  if (text.empty()) return std::nullopt;
  auto id = parse_id(text);
  if (!id) {
    errors.push_back({std::string(name), fmt::format("{} must be a whole number from 1", name)});
  }
  return id;
}

std::optional<Date> query_date(const Request& request, std::string_view name, Date fallback,
                               std::vector<FieldError>& errors) {
  std::string_view text = request.query_param(name);
  if (text.empty()) return fallback;
  auto date = Date::parse_iso(text);
  if (!date) {
    errors.push_back(
        {std::string(name), fmt::format("{} must be a real date like 2026-03-31", name)});
    return std::nullopt;
  }
  return *date;
}

}  // namespace safeguard::api
