#include "http/static_files.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

#include <fmt/format.h>

namespace safeguard::http {
namespace {

Response not_found() {
  return Response::problem(404, "Not found", "There is nothing at this address.");
}

// Every segment must be a plain file or directory name.
bool is_safe_relative_path(std::string_view relative) {
  if (relative.empty()) return false;
  if (relative.find('\\') != std::string_view::npos) return false;
  if (relative.find('\0') != std::string_view::npos) return false;
  while (true) {
    std::size_t slash = relative.find('/');
    std::string_view segment = relative.substr(0, slash);
    if (segment.empty() || segment.front() == '.') return false;  // "", ".", "..", dotfiles
    if (slash == std::string_view::npos) return true;
    relative.remove_prefix(slash + 1);
  }
}

bool is_within(const std::filesystem::path& path, const std::filesystem::path& root) {
  auto mismatch = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return mismatch.first == root.end();
}

}  // namespace

std::string_view content_type_for_extension(std::string_view extension) {
  struct Entry {
    std::string_view extension;
    std::string_view type;
  };
  static constexpr Entry kTypes[] = {
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"html", "text/html; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"webmanifest", "application/manifest+json"},
  };
  for (const Entry& entry : kTypes) {
    if (iequals(entry.extension, extension)) return entry.type;
  }
  return "application/octet-stream";
}

Result<StaticFiles> StaticFiles::open(const std::filesystem::path& root, std::string prefix,
                                      std::chrono::seconds max_age) {
  if (prefix.size() < 2 || prefix.front() != '/' || prefix.back() != '/') {
    return Error::invalid(
        fmt::format("static file prefix '{}' must start and end with '/', e.g. /assets/", prefix));
  }
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::canonical(root, error);
  if (error || !std::filesystem::is_directory(canonical, error)) {
    return Error::unavailable(
        fmt::format("static file root '{}' is not a readable directory", root.string()));
  }
  return StaticFiles(std::move(canonical), std::move(prefix), max_age);
}

StaticFiles::StaticFiles(std::filesystem::path root, std::string prefix,
                         std::chrono::seconds max_age)
    : root_(std::move(root)), prefix_(std::move(prefix)), max_age_(max_age) {}

bool StaticFiles::handles(const Request& request) const {
  return (request.method == "GET" || request.method == "HEAD") && request.path.starts_with(prefix_);
}

Response StaticFiles::serve(const Request& request) const {
  if (!handles(request)) return not_found();
  std::string_view relative = std::string_view(request.path).substr(prefix_.size());
  if (!is_safe_relative_path(relative)) return not_found();

  // canonical() resolves symbolic links, so a link pointing outside the root is caught here.
  std::error_code error;
  std::filesystem::path path = std::filesystem::canonical(root_ / relative, error);
  if (error || !is_within(path, root_)) return not_found();
  auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::is_regular_file(status)) return not_found();
  std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size > kMaxFileSize) return not_found();

  std::ifstream file(path, std::ios::binary);
  std::string body;
  if (file) {
    body.reserve(static_cast<std::size_t>(size));
    body.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  if (!file.is_open() || file.bad()) {
    return Response::problem(500, "Internal server error", "The file could not be read.");
  }

  Response response{200, {}, std::move(body)};
  std::string extension = path.extension().string();
  if (!extension.empty()) extension.erase(0, 1);
  response.headers.set("Content-Type", std::string(content_type_for_extension(extension)));
  response.headers.set("Cache-Control", fmt::format("public, max-age={}", max_age_.count()));
  return response;
}

}  // namespace safeguard::http
