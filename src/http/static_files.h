// Serves the files under one directory for GET and HEAD requests whose path starts with a prefix,
// e.g. "/assets/govuk.css" -> <root>/govuk.css, with a content type from the extension and
// `Cache-Control: public, max-age=N`. Refuses (404) anything that could reach outside the root:
// `..` or `.`-prefixed segments, backslashes, directories, and symbolic links whose target is
// outside the root. Files are read whole, so keep it for assets (limit: kMaxFileSize).
// Thread-safe after construction.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/request.h"
#include "http/response.h"

namespace safeguard::http {

// "text/css; charset=utf-8" for "css", ...; "application/octet-stream" when unknown.
std::string_view content_type_for_extension(std::string_view extension);

class StaticFiles {
 public:
  static constexpr std::uintmax_t kMaxFileSize = 32 * 1024 * 1024;

  // kInvalid when `prefix` does not start and end with '/'; kUnavailable when `root` is not a
  // readable directory.
  static Result<StaticFiles> open(const std::filesystem::path& root, std::string prefix,
                                  std::chrono::seconds max_age);

  // True for GET or HEAD under the prefix: such requests are answered by serve(), never routed.
  bool handles(const Request& request) const;
  // 200 with the file; 404 problem when missing or refused; 500 when unreadable.
  Response serve(const Request& request) const;

 private:
  StaticFiles(std::filesystem::path root, std::string prefix, std::chrono::seconds max_age);

  std::filesystem::path root_;  // canonical
  std::string prefix_;
  std::chrono::seconds max_age_;
};

}  // namespace safeguard::http
