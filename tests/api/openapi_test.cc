// docs/api/openapi.yaml describes every route the API serves: each (method, path) of
// api::api_routes() appears under `paths`, and the file describes no route that does not exist.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "api/routes.h"

namespace safeguard::api {
namespace {

// (method, path) pairs under `paths:`: a path is a line indented two spaces ending in ':', its
// operations lines indented four spaces naming a method.
std::set<std::string> documented_operations(const std::string& text) {
  std::set<std::string> operations;
  std::istringstream lines(text);
  std::string line;
  bool in_paths = false;
  std::string path;
  const std::set<std::string> methods = {"get", "post", "put", "delete", "patch"};
  while (std::getline(lines, line)) {
    if (line.rfind("paths:", 0) == 0) {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (!line.empty() && line[0] != ' ' && line[0] != '#') break;  // the next top-level key
    if (line.size() > 3 && line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
    } else if (line.size() > 5 && line.rfind("    ", 0) == 0 && line[4] != ' ' &&
               line.back() == ':') {
      std::string method = line.substr(4, line.size() - 5);
      if (methods.count(method)) {
        for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        operations.insert(method + " " + path);
      }
    }
  }
  return operations;
}

TEST(OpenApiTest, EveryRouteIsDescribedAndEveryDescribedRouteExists) {
  std::ifstream file(std::string(SAFEGUARD_SOURCE_DIR) + "/docs/api/openapi.yaml");
  ASSERT_TRUE(file) << "docs/api/openapi.yaml is missing";
  std::stringstream text;
  text << file.rdbuf();
  ASSERT_NE(text.str().find("openapi: 3."), std::string::npos);
  auto documented = documented_operations(text.str());
  std::set<std::string> served;
  for (const auto& route : api_routes()) {
    served.insert(std::string(route.method) + " " + std::string(route.pattern));
  }
  for (const auto& operation : served) {
    EXPECT_TRUE(documented.count(operation)) << operation << " is not in docs/api/openapi.yaml";
  }
  for (const auto& operation : documented) {
    EXPECT_TRUE(served.count(operation)) << operation << " is documented but not served";
  }
}

}  // namespace
}  // namespace safeguard::api
