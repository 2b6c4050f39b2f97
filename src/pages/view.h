// Rendering pages: the mustache templates in templates/ (compiled into the binary), the layout
// every page shares, and the small value helpers the page handlers build their data with.
//
//   pages::Data data = pages::object();
//   data["name"] = child_name;                         // escaped when rendered: {{name}}
//   std::string html = renderer.render("child", data, frame);
//
// Every {{value}} is HTML-escaped (& < > " ') after any invalid UTF-8 is replaced with U+FFFD;
// templates never use {{{triple}}} or {{&ampersand}} except the layout's one {{{content}}}, which
// is the page already rendered (tests/pages checks this). Note for template writers: in kainjow
// mustache an empty string is truthy in a section, so leave a key out (or set it false) to hide
// a {{#section}}. A data key must not share a template's name, or it hides that partial.
#pragma once

#include <kainjow/mustache.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace safeguard::pages {

using Data = kainjow::mustache::data;

inline Data object() { return Data(Data::type::object); }
inline Data list() { return Data(Data::type::list); }
inline Data flag(bool value) {
  return Data(value ? Data::type::bool_true : Data::type::bool_false);
}

struct Link {
  std::string href;
  std::string text;
  bool current = false;
};

// What the layout needs around every page.
struct Frame {
  std::string title;           // the page's <title>, before " – Safeguard"
  std::string authority_name;  // "" when unknown
  bool demo = false;           // shows the demo banner
  bool has_errors = false;     // prefixes the title with "Error: " (GOV.UK pattern)
  bool chart = false;          // the page draws a chart: load uPlot's stylesheet
  std::string notice;          // a success banner, e.g. "Visit saved"
  // Signed-in people only:
  std::optional<std::string> username;
  std::string role_title;
  std::string team_name;
  std::string csrf_token;
  std::vector<Link> navigation;
  std::vector<Link> breadcrumbs;
};

// Replaces every invalid UTF-8 sequence with U+FFFD, so nothing a browser might misread as markup
// or a different encoding slips through.
std::string valid_utf8(std::string_view text);
// valid_utf8 then HTML-escaped (& < > " '): the escape every {{value}} gets.
std::string escape_html(std::string_view text);

class Renderer {
 public:
  // The templates compiled into the binary.
  Renderer();

  // Renders template `name` (a file stem under templates/, e.g. "child") with `data`, and the
  // layout around it. Every template is available as a partial ({{> error_summary}}). Internal
  // error for an unknown template or one that does not parse (a bug, caught by tests/pages).
  Result<std::string> render(std::string_view name, const Data& data, const Frame& frame) const;

  // Renders one template without the layout (for tests and fragments).
  Result<std::string> render_fragment(std::string_view name, const Data& data) const;

  // The template's source text, or nullopt when there is none of that name.
  std::optional<std::string_view> source(std::string_view name) const;
  std::vector<std::string> names() const;

 private:
  struct Template {
    std::string name;
    std::string_view text;
  };
  std::vector<Template> templates_;
  Data partials_ = object();  // each template as a partial, by name
};

}  // namespace safeguard::pages
