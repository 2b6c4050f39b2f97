#include "store/mapping.h"

namespace safeguard::store {

Status from_value(const Value& value, std::string& out) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    out = *text;
    return Status::success();
  }
  if (is_null(value)) {
    out.clear();
    return Status::success();
  }
  return Error::corrupt("expected text");
}

Status from_value(const Value& value, std::int64_t& out) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) {
    out = *number;
    return Status::success();
  }
  return Error::corrupt("expected a whole number");
}

Status from_value(const Value& value, bool& out) {
  if (const auto* number = std::get_if<std::int64_t>(&value);
      number && (*number == 0 || *number == 1)) {
    out = *number == 1;
    return Status::success();
  }
  return Error::corrupt("expected 0 or 1");
}

Status from_value(const Value& value, double& out) {
  if (const auto* number = std::get_if<double>(&value)) {
    out = *number;
    return Status::success();
  }
  if (const auto* number = std::get_if<std::int64_t>(&value)) {
    out = static_cast<double>(*number);
    return Status::success();
  }
  return Error::corrupt("expected a number");
}

Status from_value(const Value& value, Date& out) {
  const auto* text = std::get_if<std::string>(&value);
  if (text == nullptr) return Error::corrupt("expected a date");
  auto date = Date::parse_iso(*text);
  if (!date) return Error::corrupt(date.error().message);
  out = *date;
  return Status::success();
}

nlohmann::json to_json_value(const Value& value) {
  return std::visit(
      [](const auto& inner) -> nlohmann::json {
        using T = std::decay_t<decltype(inner)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return nullptr;
        } else {
          return inner;
        }
      },
      value);
}

}  // namespace safeguard::store
