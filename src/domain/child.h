// The child and the household they live in: who the record is about.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/date.h"

namespace safeguard::domain {

struct Household {
  std::int64_t id = 0;
  std::string address;   // first lines of the address
  std::string postcode;  // full postcode, e.g. "SW1A 1AA"
};

struct Child {
  std::int64_t id = 0;
  std::string local_id;    // the authority's child id (903 CHILD), unique
  std::string upn;         // unique pupil number, or an unknown code UN1-UN7
  std::string nhs_number;  // 10 digits, may be blank
  std::string first_name;
  std::string last_name;
  Date date_of_birth;
  std::string sex;        // M, F or U
  std::string ethnicity;  // ETHNIC code, e.g. WBRI
  std::optional<std::int64_t> household_id;
  bool unaccompanied_asylum_seeking = false;
  std::optional<Date> date_of_death;
};

}  // namespace safeguard::domain
