// What the child's record page and a caseload line show, built from the loaded record. Pure: the
// handler loads (authorised and audited, through api::Services::cases), this arranges.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/case_record.h"
#include "base/date.h"
#include "domain/child.h"
#include "domain/codes.h"
#include "pages/chronology.h"
#include "pages/view.h"
#include "rules/statutory_clocks.h"

namespace safeguard::pages {

inline constexpr std::size_t kChronologyPageSize = 25;
inline constexpr std::size_t kCaseloadPageSize = 25;
inline constexpr std::size_t kRecentVisits = 10;
inline constexpr std::size_t kRecentNotes = 5;

// "Amy Smith"
std::string full_name(const domain::Child& child);
// "3 March 2014" (GOV.UK style: no leading zero, month in words).
std::string long_date(Date date);
// The GOV.UK tag class for a clock's state: red overdue, yellow due soon, grey due.
std::string tag_class(rules::ClockItem::State state);
// "Overdue", "Due soon", "Due".
std::string state_title(rules::ClockItem::State state);
// The kinds of work open on `today`: "Child protection plan", "Looked after", "Child in need" ...
std::string open_work(const app::ChildRecord& record, Date today);

struct ChildPage {
  const app::ChildRecord* record = nullptr;
  std::vector<rules::ClockItem> clocks;
  std::optional<domain::Household> household;
  std::map<std::int64_t, std::string> worker_names;  // for allocations and the chronology
  std::map<std::int64_t, std::string> team_names;
  bool may_record = false;    // show "Record a visit" and "Add a case note"
  bool may_allocate = false;  // show "Allocate" (or "Transfer")
  std::string page;           // ?page= of the chronology
};

Data child_page_data(const ChildPage& page, const domain::CodeLists& codes, Date today);

// One line of a caseload table: id, name, date_of_birth, open_work and next_due (or absent).
Data caseload_line(const app::ChildRecord& record, const std::vector<rules::ClockItem>& clocks,
                   Date today);

}  // namespace safeguard::pages
