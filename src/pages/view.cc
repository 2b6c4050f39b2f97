#include "pages/view.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "pages/embedded_templates.h"

namespace safeguard::pages {
namespace {

constexpr std::string_view kLayout = "layout";

// The length of the valid UTF-8 sequence starting at text[at], or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t valid_sequence_length(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char min_second = 0x80;
  unsigned char max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < min_second || byte(at + 1) > max_second) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  }
  return length;
}

Data links_data(const std::vector<Link>& links) {
  Data items = list();
  for (const Link& link : links) {
    Data item = object();
    item["href"] = link.href;
    item["text"] = link.text;
    item["current"] = flag(link.current);
    items << item;
  }
  return items;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t length = valid_sequence_length(text, at);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
}

std::string escape_html(std::string_view text) {
  return kainjow::mustache::html_escape<std::string>(valid_utf8(text));
}

Renderer::Renderer() {
  for (const auto& [name, text] : embedded_templates()) {
    templates_.push_back(Template{std::string(name), *text});
    std::string_view partial_text = *text;
    partials_[std::string(name)] =
        kainjow::mustache::partial([partial_text] { return std::string(partial_text); });
  }
}

std::optional<std::string_view> Renderer::source(std::string_view name) const {
  auto found = std::find_if(templates_.begin(), templates_.end(),
                            [&](const Template& t) { return t.name == name; });
  if (found == templates_.end()) return std::nullopt;
  return found->text;
}

std::vector<std::string> Renderer::names() const {
  std::vector<std::string> names;
  for (const Template& t : templates_) names.push_back(t.name);
  return names;
}

Result<std::string> Renderer::render_fragment(std::string_view name, const Data& data) const {
  auto text = source(name);
  if (!text) return Error::internal(fmt::format("there is no page template called '{}'", name));
  kainjow::mustache::mustache tmpl{std::string(*text)};
  if (!tmpl.is_valid()) {
    return Error::internal(fmt::format("page template '{}': {}", name, tmpl.error_message()));
  }
  tmpl.set_custom_escape([](const std::string& value) { return escape_html(value); });
  // Every template is a partial of every other ({{> error_summary}}): the partials sit at the
  // bottom of the context stack, under the page's data.
  kainjow::mustache::context<std::string> context(&partials_);
  context.push(&data);
  std::string html = tmpl.render(context);
  if (!tmpl.is_valid()) {
    return Error::internal(fmt::format("page template '{}': {}", name, tmpl.error_message()));
  }
  return html;
}

Result<std::string> Renderer::render(std::string_view name, const Data& data,
                                     const Frame& frame) const {
  auto content = render_fragment(name, data);
  if (!content) return content.error();
  Data layout = object();
  layout["content"] = std::move(*content);
  layout["title"] = frame.title;
  if (!frame.authority_name.empty()) layout["authority_name"] = frame.authority_name;
  layout["demo"] = flag(frame.demo);
  layout["has_errors"] = flag(frame.has_errors);
  layout["chart"] = flag(frame.chart);
  if (!frame.notice.empty()) layout["notice"] = frame.notice;
  layout["signed_in"] = flag(frame.username.has_value());
  if (frame.username) layout["username"] = *frame.username;
  layout["role_title"] = frame.role_title;
  if (!frame.team_name.empty()) layout["team_name"] = frame.team_name;
  if (!frame.csrf_token.empty()) layout["csrf_token"] = frame.csrf_token;
  layout["has_navigation"] = flag(!frame.navigation.empty());
  layout["navigation"] = links_data(frame.navigation);
  layout["has_breadcrumbs"] = flag(!frame.breadcrumbs.empty());
  layout["breadcrumbs"] = links_data(frame.breadcrumbs);
  return render_fragment(kLayout, layout);
}

}  // namespace safeguard::pages
