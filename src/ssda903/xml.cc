// The SSDA903 XML layout (EXPSSDA903), read with pugixml into the same tables the CSV layout gives.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <sstream>
#include <unordered_map>

#include "ssda903/files.h"
#include "ssda903/files_internal.h"

namespace safeguard::ssda903 {

namespace {

using detail::normalise;
using detail::year_label;

// Element names that differ from the CSV column they hold.
std::string_view column_for_element(std::string_view element) {
  if (element == "CHILDID") return "CHILD";
  if (element == "PL") return "PLACE";
  return element;
}
std::string_view element_for_column(std::string_view column) {
  if (column == "CHILD") return "CHILDID";
  if (column == "PLACE") return "PL";
  return column;
}

// Fields of HEADER that are not the Header table's own, but UASC, AD1 or OC3 rows of the child.
constexpr std::string_view kHeaderFields[] = {
    "CHILDID",   "UPN",      "SEX",        "DOB",         "ETHNIC",    "UASC",
    "DUC",       "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
    "LS_ADOPTR", "IN_TOUCH", "ACTIV",      "ACCOM",       "MOTHER",    "MC_DOB"};

// An element that holds one row of a table: where it may appear and which table it fills.
struct RowElement {
  std::string_view element;
  std::string_view table;
  bool in_header;  // inside HEADER (else directly inside CHILD)
};
constexpr RowElement kRowElements[] = {
    {"AREVIEW", "Reviews", true},
    {"AMISSING", "Missing", true},
    {"OC2", "OC2", true},
    {"PERMANENCE", "PrevPerm", true},
    {"AD_PLACED", "PlacedAdoption", true},
    {"EPISODE", "Episodes", false},
    {"SW_EPISODE", "SWEpisodes", false},
    {"DOLO", "DoLo", false},
};

// Lines of a text, for turning pugixml's byte offsets into the line numbers people see.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') newlines_.push_back(i);
    }
  }
  std::size_t line_of(std::ptrdiff_t offset) const {
    if (offset < 0) return 0;
    auto position = static_cast<std::size_t>(offset);
    return static_cast<std::size_t>(std::lower_bound(newlines_.begin(), newlines_.end(), position) -
                                    newlines_.begin()) +
           1;
  }

 private:
  std::vector<std::size_t> newlines_;
};

// Rows of one table as they are read, turned into a Table at the end.
struct TableBuilder {
  const TableLayout* layout = nullptr;
  std::vector<std::string> extra_columns;  // Header's UASC
  std::vector<std::vector<Cell>> rows;
  std::vector<std::size_t> lines;

  std::size_t width() const { return layout->columns.size() + extra_columns.size(); }
  std::size_t index_of(std::string_view column) const {
    for (std::size_t i = 0; i < layout->columns.size(); ++i) {
      if (layout->columns[i].name == column) return i;
    }
    for (std::size_t i = 0; i < extra_columns.size(); ++i) {
      if (extra_columns[i] == column) return layout->columns.size() + i;
    }
    return static_cast<std::size_t>(-1);
  }
  std::vector<Cell>& add_row(std::size_t line) {
    rows.emplace_back(width());
    lines.push_back(line);
    return rows.back();
  }
  void set(std::vector<Cell>& row, std::string_view column, const Cell& value) {
    std::size_t index = index_of(column);
    if (index < row.size()) row[index] = value;
  }
  Table build(std::string name) && {
    Table table;
    table.name = std::move(name);
    table.row_count = rows.size();
    std::size_t columns = width();
    table.columns.resize(columns);
    for (std::size_t c = 0; c < columns; ++c) {
      table.columns[c].name = c < layout->columns.size()
                                  ? std::string(layout->columns[c].name)
                                  : extra_columns[c - layout->columns.size()];
      table.columns[c].cells.reserve(rows.size());
      for (auto& row : rows) table.columns[c].cells.push_back(std::move(row[c]));
    }
    table.line_numbers = std::move(lines);
    return table;
  }
};

class XmlReader {
 public:
  XmlReader(std::string_view text, std::string_view file_name, int year, ReadResult& into)
      : lines_(text), file_(file_name), year_(year), into_(into) {
    for (const TableLayout* layout : layouts_for_year(year)) {
      builders_[std::string(layout->name)].layout = layout;
    }
    builders_["Header"].extra_columns.push_back("UASC");
  }

  void read(const pugi::xml_node& root) {
    if (std::string_view(root.name()) != "EXPSSDA903") {
      problem(root, "",
              fmt::format("the root element is <{}>; an SSDA903 XML file has "
                          "<EXPSSDA903> holding one <CHILD> per child",
                          root.name()));
      return;
    }
    for (pugi::xml_node node = root.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element) continue;
      if (std::string_view(node.name()) != "CHILD") {
        problem(node, "",
                fmt::format("unexpected element <{}> in EXPSSDA903: expected CHILD", node.name()));
        continue;
      }
      read_child(node);
    }
  }

  bool failed() const { return failed_; }
  std::map<std::string, TableBuilder>& builders() { return builders_; }

 private:
  void problem(const pugi::xml_node& node, std::string_view column, std::string reason) {
    failed_ = true;
    into_.problems.push_back({std::string(file_), lines_.line_of(node.offset_debug()),
                              std::string(column), std::move(reason)});
  }

  // The text of a leaf element; a problem when it holds elements of its own.
  Cell leaf_text(const pugi::xml_node& node) {
    for (pugi::xml_node inner = node.first_child(); inner; inner = inner.next_sibling()) {
      if (inner.type() == pugi::node_element) {
        problem(inner, column_for_element(node.name()),
                fmt::format("<{}> holds an element <{}>: it should hold only a value", node.name(),
                            inner.name()));
        return std::nullopt;
      }
    }
    return normalise(node.text().get());
  }

  const RowElement* row_element(std::string_view name, bool in_header) const {
    for (const RowElement& element : kRowElements) {
      if (element.element == name && element.in_header == in_header) return &element;
    }
    return nullptr;
  }

  // Reads the fields of a row element into a new row of its table.
  void read_row(const pugi::xml_node& node, const RowElement& element, const Cell& child,
                const Cell& dob) {
    auto found = builders_.find(std::string(element.table));
    if (found == builders_.end()) {
      const TableLayout* layout = find_layout(element.table);
      problem(node, "",
              fmt::format(
                  "<{}> ({}) is not part of the {} return{}", element.element, element.table,
                  year_label(year_),
                  layout ? fmt::format(" (it is collected from {})", year_label(layout->first_year))
                         : ""));
      return;
    }
    TableBuilder& builder = found->second;
    std::vector<Cell>& row = builder.add_row(lines_.line_of(node.offset_debug()));
    builder.set(row, "CHILD", child);
    builder.set(row, "DOB", dob);
    std::map<std::string_view, bool> seen;
    for (pugi::xml_node field = node.first_child(); field; field = field.next_sibling()) {
      if (field.type() != pugi::node_element) continue;
      std::string_view column = column_for_element(field.name());
      const ColumnLayout* layout = builder.layout->column(column);
      if (layout == nullptr || column == "CHILD" || column == "DOB") {
        problem(field, "",
                fmt::format("unexpected element <{}> in <{}>", field.name(), element.element));
        continue;
      }
      if (seen[layout->name]) {
        problem(field, column,
                fmt::format("<{}> is given twice in one <{}>", field.name(), element.element));
        continue;
      }
      seen[layout->name] = true;
      builder.set(row, column, leaf_text(field));
    }
  }

  void read_child(const pugi::xml_node& child_node) {
    pugi::xml_node header = child_node.child("HEADER");
    if (!header) {
      problem(child_node, "", "a <CHILD> without its <HEADER>");
      return;
    }
    // The HEADER's own fields first: every row of the child needs CHILD and DOB.
    std::map<std::string, Cell, std::less<>> fields;
    std::vector<pugi::xml_node> rows_in_header;
    for (pugi::xml_node node = header.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element) continue;
      std::string_view name = node.name();
      if (row_element(name, true)) {
        rows_in_header.push_back(node);
        continue;
      }
      if (std::find(std::begin(kHeaderFields), std::end(kHeaderFields), name) ==
          std::end(kHeaderFields)) {
        problem(node, "", fmt::format("unexpected element <{}> in HEADER", name));
        continue;
      }
      std::string column(column_for_element(name));
      if (fields.count(column)) {
        problem(node, column, fmt::format("<{}> is given twice in one HEADER", name));
        continue;
      }
      fields[column] = leaf_text(node);
    }
    auto field = [&](std::string_view name) -> Cell {
      auto found = fields.find(name);
      return found == fields.end() ? Cell() : found->second;
    };
    Cell child = field("CHILD");
    Cell dob = field("DOB");
    if (!child) problem(header, "CHILD", "the HEADER has no CHILDID: every child needs its id");
    std::size_t line = lines_.line_of(header.offset_debug());

    TableBuilder& header_table = builders_["Header"];
    std::vector<Cell>& header_row = header_table.add_row(line);
    for (const ColumnLayout& column : header_table.layout->columns) {
      header_table.set(header_row, column.name, field(column.name));
    }
    Cell uasc = field("UASC");
    header_table.set(header_row, "UASC", uasc);

    // UASC, AD1 and OC3 rows are spelled as HEADER fields.
    auto add_from_header = [&](std::string_view table, bool present) {
      if (!present) return;
      TableBuilder& builder = builders_[std::string(table)];
      std::vector<Cell>& row = builder.add_row(line);
      for (const ColumnLayout& column : builder.layout->columns) {
        builder.set(row, column.name, field(column.name));
      }
    };
    add_from_header("UASC", (uasc && *uasc == "1") || field("DUC").has_value());
    add_from_header("AD1", field("DATE_INT") || field("DATE_MATCH") || field("FOSTER_CARE") ||
                               field("NB_ADOPTR") || field("SEX_ADOPTR") || field("LS_ADOPTR"));
    add_from_header("OC3", field("IN_TOUCH") || field("ACTIV") || field("ACCOM"));

    for (const pugi::xml_node& node : rows_in_header) {
      read_row(node, *row_element(node.name(), true), child, dob);
    }
    for (pugi::xml_node node = child_node.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element || node == header) continue;
      std::string_view name = node.name();
      if (name == "HEADER") {
        problem(node, "", "a second <HEADER> in one <CHILD>");
        continue;
      }
      const RowElement* element = row_element(name, false);
      if (element == nullptr) {
        problem(node, "", fmt::format("unexpected element <{}> in CHILD", name));
        continue;
      }
      read_row(node, *element, child, dob);
    }
  }

  LineIndex lines_;
  std::string_view file_;
  int year_;
  ReadResult& into_;
  std::map<std::string, TableBuilder> builders_;
  bool failed_ = false;
};

// Appends <name>value</name>; with `always`, an empty element when the cell is blank.
void add_field(pugi::xml_node parent, std::string_view column, const Cell& value, bool always) {
  if (!value && !always) return;
  pugi::xml_node node = parent.append_child(std::string(element_for_column(column)).c_str());
  if (value) node.text().set(value->c_str());
}

// Rows of a table grouped by child, in table order.
struct RowsByChild {
  const Table* table = nullptr;
  std::unordered_map<std::string, std::vector<std::size_t>> rows;

  RowsByChild(const Return& data, std::string_view name) : table(data.find(name)) {
    if (table == nullptr) return;
    const Column* children = table->column("CHILD");
    if (children == nullptr) return;
    for (std::size_t row = 0; row < table->row_count; ++row) {
      if (children->cells[row]) rows[*children->cells[row]].push_back(row);
    }
  }
  const std::vector<std::size_t>& of(const std::string& child) const {
    static const std::vector<std::size_t> kNone;
    auto found = rows.find(child);
    return found == rows.end() ? kNone : found->second;
  }
  const Cell& cell(std::size_t row, std::string_view column) const {
    return table->cell(row, column);
  }
};

}  // namespace

void read_xml(std::string_view text, std::string_view file_name, int year, ReadResult& into,
              std::string_view suffix) {
  into.files.emplace_back(file_name);
  pugi::xml_document document;
  pugi::xml_parse_result parsed =
      document.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    LineIndex lines(text);
    into.problems.push_back({std::string(file_name), lines.line_of(parsed.offset), "",
                             fmt::format("not well-formed XML: {}", parsed.description())});
    return;
  }
  pugi::xml_node root = document.document_element();
  if (!root) {
    into.problems.push_back({std::string(file_name), 0, "", "holds no XML element"});
    return;
  }
  XmlReader reader(text, file_name, year, into);
  reader.read(root);
  if (reader.failed()) return;
  for (auto& [name, builder] : reader.builders()) {
    detail::add_table(into, std::move(builder).build(name + std::string(suffix)), file_name);
  }
}

std::string write_xml(const Return& data, int year) {
  pugi::xml_document document;
  pugi::xml_node declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = document.append_child("EXPSSDA903");

  RowsByChild header(data, "Header");
  RowsByChild uasc(data, "UASC");
  RowsByChild ad1(data, "AD1");
  RowsByChild oc3(data, "OC3");
  RowsByChild missing(data, "Missing");
  RowsByChild reviews(data, "Reviews");
  RowsByChild prev_perm(data, "PrevPerm");
  RowsByChild oc2(data, "OC2");
  RowsByChild placed(data, "PlacedAdoption");
  RowsByChild episodes(data, "Episodes");
  RowsByChild sw_episodes(data, "SWEpisodes");
  RowsByChild dolo(data, "DoLo");

  // Children in Header order, then any found only in other tables (in the order those list them).
  std::vector<std::pair<std::string, std::optional<std::size_t>>> children;
  std::unordered_map<std::string, bool> written;
  if (header.table) {
    const Column* ids = header.table->column("CHILD");
    for (std::size_t row = 0; row < header.table->row_count; ++row) {
      if (ids && ids->cells[row]) children.emplace_back(*ids->cells[row], row);
    }
  }
  std::unordered_map<std::string, bool> listed;
  for (const auto& [id, row] : children) listed[id] = true;
  for (const RowsByChild* other : {&episodes, &reviews, &missing, &uasc, &oc2, &oc3, &ad1, &placed,
                                   &prev_perm, &sw_episodes, &dolo}) {
    if (other->table == nullptr) continue;
    const Column* ids = other->table->column("CHILD");
    for (std::size_t row = 0; ids && row < other->table->row_count; ++row) {
      if (ids->cells[row] && !listed[*ids->cells[row]]) {
        listed[*ids->cells[row]] = true;
        children.emplace_back(*ids->cells[row], std::nullopt);
      }
    }
  }

  auto add_rows = [](pugi::xml_node parent, const char* element, const RowsByChild& rows,
                     const std::string& id, std::initializer_list<std::string_view> always,
                     std::initializer_list<std::string_view> optional) {
    for (std::size_t row : rows.of(id)) {
      pugi::xml_node node = parent.append_child(element);
      for (std::string_view column : always) add_field(node, column, rows.cell(row, column), true);
      for (std::string_view column : optional) {
        add_field(node, column, rows.cell(row, column), false);
      }
    }
  };

  for (const auto& entry : children) {
    // Named copies, not structured bindings: clang 14 cannot capture those in the lambda below.
    const std::string& id = entry.first;
    const std::optional<std::size_t> header_row = entry.second;
    bool first = !written[id];
    written[id] = true;
    pugi::xml_node child = root.append_child("CHILD");
    pugi::xml_node head = child.append_child("HEADER");
    auto header_cell = [&](std::string_view column) -> Cell {
      return header_row ? header.cell(*header_row, column) : Cell();
    };
    add_field(head, "CHILD", id, true);
    add_field(head, "UPN", header_cell("UPN"), true);
    add_field(head, "SEX", header_cell("SEX"), true);
    add_field(head, "DOB", header_cell("DOB"), true);
    add_field(head, "ETHNIC", header_cell("ETHNIC"), true);
    const auto& uasc_rows = first ? uasc.of(id) : std::vector<std::size_t>{};
    add_field(head, "UASC", uasc_rows.empty() ? Cell() : Cell("1"), true);
    if (!uasc_rows.empty()) add_field(head, "DUC", uasc.cell(uasc_rows.front(), "DUC"), false);
    if (first) {
      if (!ad1.of(id).empty()) {
        std::size_t row = ad1.of(id).front();
        for (std::string_view column :
             {"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}) {
          add_field(head, column, ad1.cell(row, column), false);
        }
      }
      if (!oc3.of(id).empty()) {
        std::size_t row = oc3.of(id).front();
        for (std::string_view column : {"IN_TOUCH", "ACTIV", "ACCOM"}) {
          add_field(head, column, oc3.cell(row, column), false);
        }
      }
      add_rows(head, "AMISSING", missing, id, {"MISSING", "MIS_START"}, {"MIS_END"});
      add_rows(head, "AREVIEW", reviews, id, {"REVIEW", "REVIEW_CODE"}, {});
    }
    add_field(head, "MOTHER", header_cell("MOTHER"), false);
    add_field(head, "MC_DOB", header_cell("MC_DOB"), false);
    if (!first) continue;
    add_rows(head, "PERMANENCE", prev_perm, id, {}, {"PREV_PERM", "LA_PERM", "DATE_PERM"});
    add_rows(
        head, "OC2", oc2, id, {},
        {"SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
         "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"});
    add_rows(head, "AD_PLACED", placed, id, {"DATE_PLACED"},
             {"DATE_PLACED_CEASED", "REASON_PLACED_CEASED"});
    add_rows(child, "EPISODE", episodes, id, {"DECOM", "RNE", "LS", "CIN", "PLACE"}, {});
    // The XSD's order within EPISODE: PL_POST, HOME_POST, URN, PLACE_PROVIDER, then DEC and REC
    // (always present, may be empty), then REASON_PLACE_CHANGE.
    pugi::xml_node episode = child.child("EPISODE");
    for (std::size_t row : episodes.of(id)) {
      for (std::string_view column : {"PL_POST", "HOME_POST", "URN", "PLACE_PROVIDER"}) {
        add_field(episode, column, episodes.cell(row, column), false);
      }
      add_field(episode, "DEC", episodes.cell(row, "DEC"), true);
      add_field(episode, "REC", episodes.cell(row, "REC"), true);
      add_field(episode, "REASON_PLACE_CHANGE", episodes.cell(row, "REASON_PLACE_CHANGE"), false);
      episode = episode.next_sibling("EPISODE");
    }
    if (year >= 2024) {
      add_rows(child, "SW_EPISODE", sw_episodes, id, {"SW_ID", "SW_DECOM"},
               {"SW_DEC", "SW_REASON"});
    }
    if (year >= 2027) add_rows(child, "DOLO", dolo, id, {"DOLO_START"}, {"DOLO_END"});
  }
  std::ostringstream out;
  document.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

}  // namespace safeguard::ssda903
