#include "pages/pagination.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace safeguard::pages {
namespace {

TEST(PageOf, ClampsWhatever) {
  EXPECT_EQ(page_of("", 100, 25).number, 1u);
  EXPECT_EQ(page_of("2", 100, 25).begin, 25u);
  EXPECT_EQ(page_of("2", 100, 25).end, 50u);
  EXPECT_EQ(page_of("4", 100, 25).end, 100u);
  EXPECT_EQ(page_of("5", 100, 25).number, 4u);                        // past the end: the last page
  EXPECT_EQ(page_of("99999999999999999999999", 100, 25).number, 1u);  // not a number we take
  EXPECT_EQ(page_of("0", 100, 25).number, 1u);
  EXPECT_EQ(page_of("-3", 100, 25).number, 1u);
  EXPECT_EQ(page_of("2abc", 100, 25).number, 1u);
  Page empty = page_of("3", 0, 25);
  EXPECT_EQ(empty.pages, 1u);
  EXPECT_EQ(empty.begin, 0u);
  EXPECT_EQ(empty.end, 0u);
  EXPECT_EQ(page_of("2", 26, 25).end, 26u);
}

TEST(PaginationData, OnePageNeedsNoNavigation) {
  Data data = pagination_data(page_of("1", 10, 25), "/caseload", "", "Pages");
  EXPECT_TRUE(data.is_false());
}

TEST(PaginationData, LinksAroundTheCurrentPageWithGapsElided) {
  Renderer renderer;
  Data data = object();
  data["pagination"] =
      pagination_data(page_of("5", 250, 25), "/children/3", "#chronology", "Chronology pages");
  auto html = renderer.render_fragment("pagination_nav", data);
  ASSERT_TRUE(html.ok());
  using ::testing::HasSubstr;
  using ::testing::Not;
  EXPECT_THAT(*html, HasSubstr("href=\"/children/3?page=4#chronology\" rel=\"prev\""));
  EXPECT_THAT(*html, HasSubstr("href=\"/children/3?page=6#chronology\" rel=\"next\""));
  EXPECT_THAT(*html, HasSubstr("aria-label=\"Page 5\" aria-current=\"page\""));
  EXPECT_THAT(*html, HasSubstr("?page=1#"));
  EXPECT_THAT(*html, HasSubstr("?page=10#"));
  EXPECT_THAT(*html, Not(HasSubstr("?page=2#")));
  EXPECT_THAT(*html, Not(HasSubstr("?page=8#")));
  EXPECT_THAT(*html, HasSubstr("&ctdot;"));
}

TEST(PaginationData, APathWithAQueryKeepsItAndAddsThePage) {
  Renderer renderer;
  Data data = object();
  data["pagination"] = pagination_data(page_of("2", 60, 25), "/returns?year=2025", "", "Pages");
  auto html = renderer.render_fragment("pagination_nav", data);
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, ::testing::HasSubstr("href=\"/returns?year=2025&amp;page=3\" rel=\"next\""));
  EXPECT_THAT(*html, ::testing::HasSubstr("href=\"/returns?year=2025&amp;page=1\" rel=\"prev\""));
}

TEST(ShowingText, SaysWhichItems) {
  EXPECT_EQ(showing_text(page_of("2", 60, 25), "events"), "Showing 26 to 50 of 60 events.");
  EXPECT_EQ(showing_text(page_of("1", 0, 25), "events"), "No events.");
}

}  // namespace
}  // namespace safeguard::pages
