// HTTP header fields: an ordered list of name/value pairs whose names compare without regard to
// case (RFC 9110 section 5.1). A plain value type shared by Request and Response; not thread-safe.
//
//   headers.set("Content-Type", "text/plain");
//   if (auto type = request.headers.get("content-type")) ...
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace safeguard::http {

// ASCII case-insensitive equality, as header names and methods-by-convention need.
bool iequals(std::string_view a, std::string_view b);

class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // The value of the first field called `name`, or nullopt when there is none.
  std::optional<std::string_view> get(std::string_view name) const;
  bool contains(std::string_view name) const { return get(name).has_value(); }

  // Replaces every field called `name` with a single field.
  void set(std::string_view name, std::string value);
  // Appends a field, keeping others of the same name (e.g. several Set-Cookie fields).
  void add(std::string name, std::string value);
  // Sets the field only when no field of that name is present yet.
  void set_default(std::string_view name, std::string_view value);
  void erase(std::string_view name);

  std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  std::vector<Field>::const_iterator end() const { return fields_.end(); }
  std::size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }

 private:
  std::vector<Field> fields_;
};

}  // namespace safeguard::http
