// Inside the rules module only: what the clock files share. Each add_*_clocks function appends the
// open obligations of one area of practice to the builder; statutory_clocks() sorts the result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/statutory_clocks.h"

namespace safeguard::rules::internal {

class ClockBuilder {
 public:
  ClockBuilder(Date today, const Timescales& timescales, const WorkingDayCalendar& calendar)
      : today_(today), timescales_(timescales), calendar_(calendar) {}

  Date today() const { return today_; }
  const Timescales& timescales() const { return timescales_; }
  const WorkingDayCalendar& calendar() const { return calendar_; }

  // Adds an item with its state worked out from `due` and today; returns it.
  const ClockItem& add(std::string rule, std::string description, Date due, std::string source);
  ClockItem::State state_of(Date due) const;
  std::vector<ClockItem> take() { return std::move(items_); }

 private:
  Date today_;
  const Timescales& timescales_;
  const WorkingDayCalendar& calendar_;
  std::vector<ClockItem> items_;
};

// "1 working day", "45 working days".
std::string count_of(int count, const char* unit);

// The latest visit on or after `since` and on or before `today` at which the child was seen.
const domain::Visit* last_seen_visit(const std::vector<domain::Visit>& visits, Date since,
                                     Date today);

// The day a person born on `born` turns `years` (a 29 February birthday falls on 1 March).
Date birthday(Date born, int years);

void add_front_door_clocks(const ChildFacts& facts, ClockBuilder& builder);
void add_protection_clocks(const ChildFacts& facts, ClockBuilder& builder);
void add_looked_after_clocks(const ChildFacts& facts, ClockBuilder& builder);

}  // namespace safeguard::rules::internal
