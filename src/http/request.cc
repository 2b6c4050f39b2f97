#include "http/request.h"

namespace safeguard::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view find_or_empty(const ParameterMap& map, std::string_view name) {
  auto found = map.find(name);
  return found == map.end() ? std::string_view() : std::string_view(found->second);
}

}  // namespace

std::string_view Request::query_param(std::string_view name) const {
  return find_or_empty(query, name);
}

std::string_view Request::path_param(std::string_view name) const {
  return find_or_empty(path_params, name);
}

Result<std::string> percent_decode(std::string_view text, bool plus_as_space) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) {
        return Error::invalid("truncated percent escape in request target");
      }
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return Error::invalid("bad percent escape in request target");
      char byte = static_cast<char>(high * 16 + low);
      if (byte == '\0') return Error::invalid("request target contains an encoded NUL");
      decoded.push_back(byte);
      i += 2;
    } else if (c == '+' && plus_as_space) {
      decoded.push_back(' ');
    } else {
      decoded.push_back(c);
    }
  }
  return decoded;
}

Result<RequestTarget> parse_target(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return Error::invalid("request target must be a path starting with '/'");
  }
  RequestTarget result;
  std::size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  auto path = percent_decode(raw_path, false);
  if (!path) return path.error();
  result.path = std::move(*path);
  if (question == std::string_view::npos) return result;

  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t equals = pair.find('=');
    auto name = percent_decode(pair.substr(0, equals), true);
    if (!name) return name.error();
    std::string value;
    if (equals != std::string_view::npos) {
      auto decoded = percent_decode(pair.substr(equals + 1), true);
      if (!decoded) return decoded.error();
      value = std::move(*decoded);
    }
    result.query.emplace(std::move(*name), std::move(value));  // keeps the first
  }
  return result;
}

}  // namespace safeguard::http
