// The DfE code lists (SSDA903 and CIN census) with the dates each code is valid for. Loaded from
// the copy of data/reference/codelists.csv embedded in the binary; immutable once loaded, so it is
// safe to share between threads. Every code a record holds is checked here against the date it
// applies to.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace safeguard::domain {

struct Code {
  std::string code;
  std::string description;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;

  bool valid_on(Date date) const {
    return (!valid_from || *valid_from <= date) && (!valid_to || date <= *valid_to);
  }
};

class CodeLists {
 public:
  // The lists shipped with Safeguard.
  static Result<CodeLists> load_standard();
  // Lists from CSV text with the columns list, code, description, valid_from, valid_to.
  static Result<CodeLists> parse(std::string_view csv_text);

  // Checks `code` against `list` on `date` (any date when absent). The error names the field, the
  // value, the date, the codes that are allowed then, and where the list is kept.
  Status check(std::string_view field, std::string_view list, std::string_view code,
               std::optional<Date> date = std::nullopt) const;
  bool contains(std::string_view list, std::string_view code,
                std::optional<Date> date = std::nullopt) const;
  const Code* find(std::string_view list, std::string_view code) const;
  // The list's codes valid on `date` (all when absent), in the order they are listed.
  std::vector<std::string> allowed(std::string_view list,
                                   std::optional<Date> date = std::nullopt) const;
  std::string description(std::string_view list, std::string_view code) const;

 private:
  std::map<std::string, std::vector<Code>, std::less<>> lists_;
};

// Where the lists live in the source tree, for error messages.
inline constexpr std::string_view kCodeListsPath = "data/reference/codelists.csv";

}  // namespace safeguard::domain
