#include "pages/chronology.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace safeguard::pages {
namespace {

Date day(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

app::ChildRecord sample_record() {
  app::ChildRecord record;
  record.child.id = 3;
  record.child.first_name = "Amy";
  record.child.last_name = "Test";
  record.child.date_of_birth = day(2015, 6, 1);
  domain::Visit seen{1, 3, 7, day(2025, 1, 10), true, true, "Talked about school"};
  domain::Visit not_seen{2, 3, 7, day(2025, 2, 10), false, false, ""};
  record.visits = {seen, not_seen};
  domain::CaseNote note{5, 3, 7, day(2025, 1, 10), "Call", "School phoned."};
  record.case_notes = {note};
  domain::Allocation allocation;
  allocation.id = 9;
  allocation.child_id = 3;
  allocation.worker_id = 7;
  allocation.team_id = 2;
  allocation.start_date = day(2024, 12, 1);
  allocation.reason = "New case";
  domain::Allocation tray;
  tray.id = 8;
  tray.child_id = 3;
  tray.team_id = 2;
  tray.start_date = day(2024, 11, 20);
  tray.end_date = day(2024, 12, 1);
  record.allocations = {tray, allocation};
  domain::ChildProtectionPlan plan;
  plan.id = 4;
  plan.child_id = 3;
  plan.start_date = day(2024, 12, 5);
  plan.initial_category = "NEG";
  plan.end_date = day(2026, 1, 1);  // after today: left out
  record.protection_plans = {plan};
  return record;
}

TEST(Chronology, EveryEventMostRecentFirstAndNothingFromTheFuture) {
  auto codes = domain::CodeLists::load_standard();
  ASSERT_TRUE(codes.ok());
  auto entries = chronology(
      sample_record(), *codes,
      [](std::int64_t id) { return id == 7 ? std::string("Sam Worker") : std::string(); },
      day(2025, 3, 31));
  std::vector<std::string> events;
  for (const auto& entry : entries) events.push_back(entry.event);
  EXPECT_THAT(events, ::testing::ElementsAre("Visit", "Case note", "Visit",
                                             "Child protection plan began", "Case allocated",
                                             "Allocation ended", "Case allocated", "Born"));
  for (std::size_t i = 1; i < entries.size(); ++i) EXPECT_GE(entries[i - 1].date, entries[i].date);
  EXPECT_EQ(entries[0].detail, "Amy not seen");
  EXPECT_EQ(entries[1].detail, "Call: School phoned.");
  EXPECT_EQ(entries[2].detail, "Amy seen alone. Talked about school");
  EXPECT_THAT(entries[3].detail, ::testing::HasSubstr("Neglect"));
  EXPECT_EQ(entries[4].detail, "Allocated to Sam Worker. Reason: New case");
  EXPECT_EQ(entries[6].detail, "Waiting in the team's tray for a worker");
}

TEST(Shorten, CutsOnCharacters) {
  EXPECT_EQ(shorten("abcdef", 3), "abc\xE2\x80\xA6");
  EXPECT_EQ(shorten("abc", 3), "abc");
  EXPECT_EQ(shorten("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
}

}  // namespace
}  // namespace safeguard::pages
