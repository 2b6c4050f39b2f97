// The JSON shapes the API returns, built from app's records. Field names are snake_case and match
// docs/api/openapi.yaml; dates are ISO 8601 (YYYY-MM-DD).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "app/case_record.h"
#include "auth/policy.h"
#include "base/date.h"
#include "rules/calendar.h"
#include "rules/statutory_clocks.h"
#include "rules/timescales.h"

namespace safeguard::api {

// The facts the statutory clocks look at, from a loaded record.
rules::ChildFacts facts_of(const app::ChildRecord& record);

// The legal status (LS code) of the looked-after episode open on `today`, if any.
std::optional<std::string> current_legal_status(const app::ChildRecord& record, Date today);

// {"id","name","first_name","last_name","date_of_birth","age","legal_status","next_due":{...}|null,
//  "state": "overdue"|"due soon"|"due"|"none"}: one line of a caseload.
nlohmann::json child_line(const app::ChildRecord& record,
                          const std::vector<rules::ClockItem>& clocks, Date today);

// The whole record: the child line plus every part of the record and the open clocks.
nlohmann::json child_record(const app::ChildRecord& record,
                            const std::vector<rules::ClockItem>& clocks, Date today);

nlohmann::json clock_item(const rules::ClockItem& item);
nlohmann::json principal_json(const auth::Principal& principal);

}  // namespace safeguard::api
