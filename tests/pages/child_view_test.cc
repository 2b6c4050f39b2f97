#include "pages/child_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace safeguard::pages {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Date day(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

rules::ClockItem clock(std::string rule, Date due, rules::ClockItem::State state) {
  rules::ClockItem item;
  item.rule = std::move(rule);
  item.description = "Visit the child";
  item.due = due;
  item.state = state;
  return item;
}

app::ChildRecord record_with_visits(int visits) {
  app::ChildRecord record;
  record.child.id = 42;
  record.child.first_name = "Amy";
  record.child.last_name = "<b>Test</b>";
  record.child.date_of_birth = day(2015, 6, 1);
  for (int i = 0; i < visits; ++i) {
    record.visits.push_back(domain::Visit{i + 1, 42, 7, day(2020, 1, 1).plus_days(i * 7), true,
                                          false, "Visit " + std::to_string(i + 1)});
  }
  return record;
}

TEST(LongDate, IsGovukStyle) {
  EXPECT_EQ(long_date(day(2014, 3, 3)), "3 March 2014");
  EXPECT_EQ(long_date(day(2025, 12, 31)), "31 December 2025");
}

TEST(CaseloadLine, ShowsTheFirstDueAndWhetherItIsOverdue) {
  app::ChildRecord record = record_with_visits(0);
  std::vector<rules::ClockItem> clocks = {
      clock("la_visit_6_weeks", day(2025, 3, 1), rules::ClockItem::State::kOverdue),
      clock("la_review_6_months", day(2025, 5, 1), rules::ClockItem::State::kDue)};
  Data line = caseload_line(record, clocks, day(2025, 3, 31));
  ASSERT_NE(line.get("next_due"), nullptr);
  EXPECT_EQ(line.get("next_due")->get("due")->string_value(), "1 March 2025");
  EXPECT_EQ(line.get("next_due")->get("state")->string_value(), "Overdue");
  EXPECT_TRUE(line.get("next_due")->get("overdue")->is_true());
  EXPECT_EQ(caseload_line(record, {}, day(2025, 3, 31)).get("next_due"), nullptr);
}

TEST(ChildPage, ChronologyIsPaginatedAndEverythingEscaped) {
  auto codes = domain::CodeLists::load_standard();
  ASSERT_TRUE(codes.ok());
  app::ChildRecord record = record_with_visits(60);  // 60 visits + birth = 61 events
  ChildPage page;
  page.record = &record;
  page.clocks = {clock("la_visit_6_weeks", day(2025, 3, 1), rules::ClockItem::State::kOverdue)};
  page.may_record = true;
  page.page = "3";
  Data data = child_page_data(page, *codes, day(2025, 3, 31));
  EXPECT_EQ(data.get("chronology")->list_value().size(), 11u);  // 61 - 2 x 25
  EXPECT_EQ(data.get("chronology_range")->string_value(), "Showing 51 to 61 of 61 events.");
  EXPECT_EQ(data.get("visits")->list_value().size(), kRecentVisits);

  Renderer renderer;
  Frame frame;
  frame.title = "Amy";
  auto html = renderer.render("child", data, frame);
  ASSERT_TRUE(html.ok()) << html.error().message;
  EXPECT_THAT(*html, Not(HasSubstr("<b>Test</b>")));
  EXPECT_THAT(*html, HasSubstr("Amy &lt;b&gt;Test&lt;/b&gt;"));
  EXPECT_THAT(*html, HasSubstr("Overdue since 1 March 2025"));
  EXPECT_THAT(*html, HasSubstr("href=\"/children/42/visits/new\""));
  EXPECT_THAT(*html, HasSubstr("/children/42?page=2#chronology"));
  EXPECT_THAT(*html, HasSubstr("Born"));  // the oldest event is on the last page
}

TEST(ChildPage, NoRecordingButtonsForThoseWhoMayNotRecord) {
  auto codes = domain::CodeLists::load_standard();
  ASSERT_TRUE(codes.ok());
  app::ChildRecord record = record_with_visits(1);
  ChildPage page;
  page.record = &record;
  Data data = child_page_data(page, *codes, day(2025, 3, 31));
  Renderer renderer;
  auto html = renderer.render("child", data, Frame{});
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, Not(HasSubstr("/visits/new")));
  EXPECT_THAT(*html, HasSubstr("Not allocated"));
}

TEST(OpenWork, NamesWhatIsOpenToday) {
  app::ChildRecord record = record_with_visits(0);
  EXPECT_EQ(open_work(record, day(2025, 3, 31)), "No open episode");
  domain::LookedAfterEpisode episode;
  episode.start_date = day(2024, 1, 1);
  record.looked_after_episodes.push_back(episode);
  domain::ChildProtectionPlan plan;
  plan.start_date = day(2023, 1, 1);
  plan.end_date = day(2023, 6, 1);
  record.protection_plans.push_back(plan);
  EXPECT_EQ(open_work(record, day(2025, 3, 31)), "Looked after");
}

}  // namespace
}  // namespace safeguard::pages
