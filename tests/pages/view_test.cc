#include "pages/view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

namespace safeguard::pages {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Templates, EveryTemplateParsesAndRendersWithNoData) {
  Renderer renderer;
  ASSERT_GE(renderer.names().size(), 8u);
  for (const std::string& name : renderer.names()) {
    auto html = renderer.render_fragment(name, object());
    EXPECT_TRUE(html.ok()) << name << ": " << (html ? "" : html.error().message);
  }
}

TEST(Templates, OnlyTheLayoutsContentIsUnescaped) {
  Renderer renderer;
  std::regex unescaped(R"(\{\{\{|\{\{&)");
  for (const std::string& name : renderer.names()) {
    std::string text(*renderer.source(name));
    auto matches = std::distance(std::sregex_iterator(text.begin(), text.end(), unescaped),
                                 std::sregex_iterator());
    if (name == "layout") {
      EXPECT_EQ(matches, 1) << "layout may only write {{{content}}} unescaped";
      EXPECT_THAT(text, HasSubstr("{{{content}}}"));
    } else {
      EXPECT_EQ(matches, 0) << name << " writes a value unescaped";
    }
  }
}

TEST(Templates, NoInlineScriptsOrStylesBecauseTheContentSecurityPolicyForbidsThem) {
  Renderer renderer;
  for (const std::string& name : renderer.names()) {
    std::string text(*renderer.source(name));
    EXPECT_THAT(text, Not(HasSubstr("style=\""))) << name;
    EXPECT_THAT(text, Not(HasSubstr("<style"))) << name;
    EXPECT_FALSE(std::regex_search(text, std::regex(R"(\son[a-z]+=)")))
        << name << ": inline handler";
    std::regex inline_script(R"(<script(?![^>]*\bsrc=)[^>]*>)");
    EXPECT_FALSE(std::regex_search(text, inline_script)) << name;
  }
}

TEST(Render, EscapesEveryValueAndKeepsTheLayoutAround) {
  Renderer renderer;
  Data data = object();
  data["heading"] = std::string("<script>alert('x')</script> & \"quoted\"");
  Data paragraphs = list();
  paragraphs << Data(std::string("<img src=x onerror=alert(1)>"));
  data["paragraphs"] = std::move(paragraphs);
  Frame frame;
  frame.title = "A <title>";
  frame.username = std::string("o'neil<b>");
  frame.csrf_token = "token\"><script>";
  auto html = renderer.render("message", data, frame);
  ASSERT_TRUE(html.ok()) << html.error().message;
  EXPECT_THAT(*html, Not(HasSubstr("<script>alert")));
  EXPECT_THAT(*html, Not(HasSubstr("<img src=x")));
  EXPECT_THAT(*html, Not(HasSubstr("<b>")));
  EXPECT_THAT(*html, Not(HasSubstr("token\"><script>")));
  EXPECT_THAT(
      *html,
      HasSubstr("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;quoted&quot;"));
  EXPECT_THAT(*html, HasSubstr("<title>A &lt;title&gt; – Safeguard</title>"));
  EXPECT_THAT(*html, HasSubstr("<main class=\"govuk-main-wrapper\" id=\"main-content\">"));
  EXPECT_THAT(*html, HasSubstr("href=\"#main-content\""));
}

TEST(Render, TheDemoBannerShowsOnlyOnADemoDatabase) {
  Renderer renderer;
  Frame frame;
  frame.title = "Page";
  auto plain = renderer.render("message", object(), frame);
  frame.demo = true;
  auto demo = renderer.render("message", object(), frame);
  ASSERT_TRUE(plain.ok() && demo.ok());
  EXPECT_THAT(*plain, Not(HasSubstr("demonstration authority")));
  EXPECT_THAT(*demo, HasSubstr("demonstration authority"));
}

TEST(Render, AFormWithErrorsPrefixesTheTitle) {
  Renderer renderer;
  Frame frame;
  frame.title = "Record a visit";
  frame.has_errors = true;
  auto html = renderer.render("message", object(), frame);
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, HasSubstr("<title>Error: Record a visit"));
}

TEST(Render, SignOutFormCarriesTheCsrfTokenOnlyWhenSignedIn) {
  Renderer renderer;
  Frame frame;
  frame.title = "Page";
  auto signed_out = renderer.render("message", object(), frame);
  frame.username = std::string("social-worker");
  frame.csrf_token = "abc123";
  auto signed_in = renderer.render("message", object(), frame);
  ASSERT_TRUE(signed_out.ok() && signed_in.ok());
  EXPECT_THAT(*signed_out, Not(HasSubstr("/sign-out")));
  EXPECT_THAT(*signed_in, HasSubstr("action=\"/sign-out\""));
  EXPECT_THAT(*signed_in, HasSubstr("name=\"csrf_token\" value=\"abc123\""));
  EXPECT_THAT(*signed_in, HasSubstr("<meta name=\"csrf-token\" content=\"abc123\">"));
}

TEST(Render, UnknownTemplateIsAnError) {
  Renderer renderer;
  auto html = renderer.render("no_such_page", object(), Frame{});
  EXPECT_FALSE(html.ok());
}

TEST(Utf8, InvalidSequencesAreReplaced) {
  EXPECT_EQ(valid_utf8("plain"), "plain");
  EXPECT_EQ(valid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(valid_utf8("a\xFFz"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(valid_utf8("\xC0\xBC"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '<'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(valid_utf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // truncated
  EXPECT_EQ(escape_html("<a href='x'>"), "&lt;a href=&apos;x&apos;&gt;");
}

}  // namespace
}  // namespace safeguard::pages
