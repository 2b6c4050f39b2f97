// Static files are served with the right content types and a public cache lifetime, and nothing
// outside the root is reachable: not by `..`, not by dotfiles, not by a symbolic link.
#include "http/static_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace safeguard::http {
namespace {

void write_file(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

class HttpStaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = dir_.path() / "web";
    write_file(root_ / "app.css", "body{}");
    write_file(root_ / "js" / "charts.js", "let x;");
    write_file(root_ / "logo.svg", "<svg/>");
    write_file(root_ / "icon.png", "PNG");
    write_file(root_ / "font.woff2", "WOFF2");
    write_file(root_ / "favicon.ico", "ICO");
    write_file(root_ / ".env", "SECRET=1");
    write_file(dir_.path() / "secret.txt", "outside");
    std::filesystem::create_symlink(dir_.path() / "secret.txt", root_ / "escape.txt");
    std::filesystem::create_symlink(root_ / "app.css", root_ / "alias.css");
    auto files = StaticFiles::open(root_, "/assets/", std::chrono::seconds(600));
    ASSERT_TRUE(files) << files.error().message;
    files_.emplace(std::move(*files));
  }

  Response get(std::string path, std::string method = "GET") {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    return files_->serve(request);
  }

  safeguard::testing::TempDir dir_;
  std::filesystem::path root_;
  std::optional<StaticFiles> files_;
};

TEST_F(HttpStaticFilesTest, ServesFilesWithContentTypesAndCaching) {
  struct Case {
    std::string path, type, body;
  };
  for (const Case& c : std::vector<Case>{
           {"/assets/app.css", "text/css; charset=utf-8", "body{}"},
           {"/assets/js/charts.js", "text/javascript; charset=utf-8", "let x;"},
           {"/assets/logo.svg", "image/svg+xml", "<svg/>"},
           {"/assets/icon.png", "image/png", "PNG"},
           {"/assets/font.woff2", "font/woff2", "WOFF2"},
           {"/assets/favicon.ico", "image/x-icon", "ICO"},
       }) {
    Response response = get(c.path);
    EXPECT_EQ(response.status, 200) << c.path;
    EXPECT_EQ(response.headers.get("Content-Type"), c.type) << c.path;
    EXPECT_EQ(response.body, c.body) << c.path;
    EXPECT_EQ(response.headers.get("Cache-Control"), "public, max-age=600") << c.path;
  }
}

TEST_F(HttpStaticFilesTest, HandlesOnlyGetAndHeadUnderThePrefix) {
  Request request;
  request.method = "GET";
  request.path = "/assets/app.css";
  EXPECT_TRUE(files_->handles(request));
  request.method = "HEAD";
  EXPECT_TRUE(files_->handles(request));
  request.method = "POST";
  EXPECT_FALSE(files_->handles(request));
  request.method = "GET";
  request.path = "/assetsx/app.css";
  EXPECT_FALSE(files_->handles(request));
}

TEST_F(HttpStaticFilesTest, RefusesEverythingThatCouldLeaveTheRoot) {
  for (const std::string& path : std::vector<std::string>{
           "/assets/../secret.txt", "/assets/js/../../secret.txt", "/assets/./app.css",
           "/assets/.env", "/assets/escape.txt", "/assets/js", "/assets/js/", "/assets/",
           "/assets//app.css", "/assets/missing.css", "/assets/js\\..\\app.css",
           std::string("/assets/app.css\0.png", 20)}) {
    EXPECT_EQ(get(path).status, 404) << path;
  }
}

TEST_F(HttpStaticFilesTest, FollowsSymbolicLinksThatStayInside) {
  EXPECT_EQ(get("/assets/alias.css").status, 200);
}

TEST_F(HttpStaticFilesTest, OpenRefusesABadPrefixOrRoot) {
  EXPECT_FALSE(StaticFiles::open(root_, "assets/", std::chrono::seconds(1)).ok());
  EXPECT_FALSE(StaticFiles::open(root_, "/assets", std::chrono::seconds(1)).ok());
  EXPECT_FALSE(StaticFiles::open(dir_.path() / "nope", "/assets/", std::chrono::seconds(1)).ok());
  EXPECT_FALSE(StaticFiles::open(root_ / "app.css", "/assets/", std::chrono::seconds(1)).ok());
}

TEST(HttpContentTypeTest, UnknownExtensionsAreOctetStream) {
  EXPECT_EQ(content_type_for_extension("CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for_extension("exe"), "application/octet-stream");
  EXPECT_EQ(content_type_for_extension(""), "application/octet-stream");
}

}  // namespace
}  // namespace safeguard::http
