// What social workers record as they work with a child: statutory visits and case notes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/date.h"

namespace safeguard::domain {

struct Visit {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::optional<std::int64_t> worker_id;
  Date date;
  bool child_seen = false;
  bool seen_alone = false;
  std::string note;
};

struct CaseNote {
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  std::optional<std::int64_t> author_worker_id;
  Date date;
  std::string subject;
  std::string text;
};

}  // namespace safeguard::domain
