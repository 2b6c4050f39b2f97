// The values a row holds, independent of the database engine behind the store.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace safeguard::store {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Row = std::vector<Value>;

inline bool is_null(const Value& value) { return std::holds_alternative<std::monostate>(value); }

}  // namespace safeguard::store
