// A child's chronology: every event on the record as one list, the most recent first, the way a
// social worker reads a case. Built from the loaded record; pure.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/case_record.h"
#include "base/date.h"
#include "domain/codes.h"

namespace safeguard::pages {

struct ChronologyEntry {
  Date date;
  std::string event;   // "Visit", "Placement began", ...
  std::string detail;  // "Seen alone. Talked about school ..."
};

// The name of a worker by id, for allocations ("" when unknown).
using WorkerName = std::function<std::string(std::int64_t worker_id)>;

// Events dated after `today` (planned ends, say) are left out. Ties keep a fixed order (by the kind
// of event, then by the record's id), so pages do not shuffle between requests.
std::vector<ChronologyEntry> chronology(const app::ChildRecord& record,
                                        const domain::CodeLists& codes,
                                        const WorkerName& worker_name, Date today);

// The first `limit` characters of `text` (counting UTF-8 characters), with "…" when cut.
std::string shorten(std::string_view text, std::size_t limit);

}  // namespace safeguard::pages
