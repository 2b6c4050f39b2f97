#include "ssda903/files.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <unordered_set>

#include "csv/csv.h"
#include "ssda903/files_internal.h"

namespace safeguard::ssda903 {

std::string FileProblem::text() const {
  std::string where = file;
  if (line > 0) where += fmt::format(" line {}", line);
  if (!column.empty()) where += fmt::format(", column {}", column);
  return where + ": " + reason;
}

namespace detail {

// Surrounding spaces removed, ASCII letters in upper case; empty becomes an absent cell.
Cell normalise(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  if (begin == end) return std::nullopt;
  std::string out(text.substr(begin, end - begin));
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string year_label(int year) { return fmt::format("{}/{:02}", year - 1, year % 100); }

bool add_table(ReadResult& into, Table table, std::string_view file_name) {
  auto existing = into.data.tables.find(table.name);
  if (existing != into.data.tables.end()) {
    into.problems.push_back(
        {std::string(file_name), 0, "",
         fmt::format("a second {} table: each table may be given only once", table.name)});
    return false;
  }
  into.file_of[table.name] = std::string(file_name);
  std::string name = table.name;
  into.data.tables.emplace(std::move(name), std::move(table));
  return true;
}

}  // namespace detail

namespace {

using detail::normalise;
using detail::year_label;

// "line 7: ..." from the csv module gives the line; anything else is about the whole file.
std::size_t line_of(const std::string& message) {
  constexpr std::string_view kPrefix = "line ";
  if (message.rfind(kPrefix, 0) != 0) return 0;
  std::size_t line = 0;
  const char* begin = message.data() + kPrefix.size();
  std::from_chars(begin, message.data() + message.size(), line);
  return line;
}

std::string strip_line(const std::string& message) {
  if (line_of(message) == 0) return message;
  auto colon = message.find(": ");
  return colon == std::string::npos ? message : message.substr(colon + 2);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

// Why a header row matches no table: the closest table of the year and how it differs.
FileProblem explain_unknown_header(const std::vector<std::string>& header,
                                   std::string_view file_name, int year) {
  std::set<std::string> given(header.begin(), header.end());
  const TableLayout* closest = nullptr;
  std::size_t best = 0;
  for (const TableLayout& table : all_layouts()) {
    std::size_t overlap = 0;
    for (const ColumnLayout& column : table.columns)
      overlap += given.count(std::string(column.name));
    if (overlap > best ||
        (overlap == best && closest && !closest->in_year(year) && table.in_year(year))) {
      best = overlap;
      closest = &table;
    }
  }
  FileProblem problem{std::string(file_name), 1, "", ""};
  if (closest == nullptr || best < 2) {
    problem.reason = fmt::format(
        "the header row ({}) is not the layout of any SSDA903 table; the first row must hold the "
        "DfE's column names, e.g. CHILD,DECOM,RNE,... for Episodes",
        join(header));
    return problem;
  }
  if (!closest->in_year(year)) {
    problem.reason =
        fmt::format("the {} table is not part of the {} return (it is collected from {})",
                    closest->name, year_label(year), year_label(closest->first_year));
    return problem;
  }
  std::vector<std::string> missing;
  std::vector<std::string> extra;
  for (const ColumnLayout& column : closest->columns) {
    if (!given.count(std::string(column.name))) missing.emplace_back(column.name);
  }
  std::set<std::string> seen;
  for (const std::string& name : header) {
    if (!closest->column(name)) extra.push_back(name.empty() ? "(blank)" : name);
    if (!seen.insert(name).second) extra.push_back(name + " (twice)");
  }
  problem.column = !missing.empty() ? missing.front() : (!extra.empty() ? extra.front() : "");
  std::string detail;
  if (!missing.empty()) detail += "lacks " + join(missing);
  if (!extra.empty()) {
    if (!detail.empty()) detail += " and ";
    detail += "has columns the DfE does not define: " + join(extra);
  }
  problem.reason = fmt::format("looks like the {} table but {} (the {} layout is {})",
                               closest->name, detail, closest->name, join(closest->column_names()));
  return problem;
}

bool ends_with_ignoring_case(const std::string& text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char a = static_cast<char>(
        std::tolower(static_cast<unsigned char>(text[text.size() - suffix.size() + i])));
    if (a != suffix[i]) return false;
  }
  return true;
}

}  // namespace

void read_csv(std::string_view text, std::string_view file_name, int year, ReadResult& into,
              std::string_view suffix) {
  into.files.emplace_back(file_name);
  auto parsed = csv::parse_table(text);
  if (!parsed) {
    into.problems.push_back({std::string(file_name), line_of(parsed.error().message), "",
                             strip_line(parsed.error().message)});
    return;
  }
  std::vector<std::string> header;
  header.reserve(parsed->columns.size());
  for (const std::string& name : parsed->columns) {
    Cell cell = normalise(name);
    header.push_back(cell ? *cell : std::string());
  }
  const TableLayout* layout = identify_table(header, year);
  if (layout == nullptr) {
    into.problems.push_back(explain_unknown_header(header, file_name, year));
    return;
  }
  Table table;
  table.name = std::string(layout->name) + std::string(suffix);
  table.row_count = parsed->rows.size();
  table.columns.resize(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    table.columns[c].name = header[c];
    table.columns[c].cells.reserve(table.row_count);
  }
  for (const auto& row : parsed->rows) {
    for (std::size_t c = 0; c < header.size(); ++c) {
      table.columns[c].cells.push_back(normalise(row[c]));
    }
  }
  table.line_numbers = std::move(parsed->line_numbers);
  detail::add_table(into, std::move(table), file_name);
}

void read_directory(const std::filesystem::path& directory, int year, ReadResult& into,
                    std::string_view suffix) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    into.problems.push_back(
        {directory.string(), 0, "", "not a directory: give the folder holding the 903 files"});
    return;
  }
  std::vector<std::filesystem::path> csv_files;
  std::vector<std::filesystem::path> xml_files;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    if (!it->is_regular_file(error)) continue;
    std::string name = it->path().filename().string();
    if (ends_with_ignoring_case(name, ".csv")) csv_files.push_back(it->path());
    if (ends_with_ignoring_case(name, ".xml")) xml_files.push_back(it->path());
  }
  if (error) {
    into.problems.push_back(
        {directory.string(), 0, "", "cannot list the folder: " + error.message()});
    return;
  }
  if (csv_files.empty() && xml_files.empty()) {
    into.problems.push_back(
        {directory.string(), 0, "", "holds no .csv or .xml files: nothing to read"});
    return;
  }
  if (!csv_files.empty() && !xml_files.empty()) {
    into.problems.push_back({directory.string(), 0, "",
                             "holds both .csv and .xml files: give one layout or the other"});
    return;
  }
  bool xml = !xml_files.empty();
  into.format = xml ? "xml" : "csv";
  auto& files = xml ? xml_files : csv_files;
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream content;
    content << stream.rdbuf();
    if (!stream.good() && !stream.eof()) {
      into.problems.push_back({path.string(), 0, "", "cannot be read"});
      continue;
    }
    std::string text = content.str();
    if (xml) {
      read_xml(text, path.filename().string(), year, into, suffix);
    } else {
      read_csv(text, path.filename().string(), year, into, suffix);
    }
  }
  if (!xml) add_derived_columns(into.data);
}

void add_derived_columns(Return& data) {
  for (auto [header_name, uasc_name] :
       {std::pair{"Header", "UASC"}, {"Header_last", "UASC_last"}}) {
    auto header = data.tables.find(std::string_view(header_name));
    const Table* uasc = data.find(uasc_name);
    if (header == data.tables.end() || uasc == nullptr) continue;
    std::unordered_set<std::string> in_uasc;
    if (const Column* children = uasc->column("CHILD")) {
      for (const Cell& cell : children->cells) {
        if (cell) in_uasc.insert(*cell);
      }
    }
    Table& table = header->second;
    const Column* children = table.column("CHILD");
    Column& flag = table.add_column("UASC");
    for (std::size_t row = 0; row < table.row_count; ++row) {
      const Cell& child = children ? children->cells[row] : Cell();
      flag.cells[row] = (child && in_uasc.count(*child)) ? "1" : "0";
    }
  }
}

std::string write_csv(const Table& table, const TableLayout& layout) {
  std::vector<std::string> names = layout.column_names();
  std::string out = csv::format_record(names);
  std::vector<const Column*> columns;
  for (const std::string& name : names) columns.push_back(table.column(name));
  std::vector<std::string> fields(names.size());
  for (std::size_t row = 0; row < table.row_count; ++row) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const Cell* cell =
          columns[c] && row < columns[c]->cells.size() ? &columns[c]->cells[row] : nullptr;
      fields[c] = cell && *cell ? **cell : std::string();
    }
    out += csv::format_record(fields);
  }
  return out;
}

Result<std::vector<std::filesystem::path>> write_directory(const Return& data, int year,
                                                           const std::filesystem::path& directory,
                                                           std::string_view format) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return Error::unavailable(
        fmt::format("cannot create the folder {}: {}", directory.string(), error.message()));
  }
  std::vector<std::pair<std::filesystem::path, std::string>> outputs;
  if (format == "xml") {
    outputs.emplace_back(directory / fmt::format("ssda903_{}.xml", year), write_xml(data, year));
  } else if (format == "csv") {
    for (const TableLayout* layout : layouts_for_year(year)) {
      const Table* table = data.find(layout->name);
      Table empty;
      outputs.emplace_back(directory / std::string(layout->file_name),
                           write_csv(table ? *table : empty, *layout));
    }
  } else {
    return Error::invalid(fmt::format("unknown format '{}': use csv or xml", format));
  }
  std::vector<std::filesystem::path> written;
  for (const auto& [path, text] : outputs) {
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream.write(text.data(), static_cast<std::streamsize>(text.size()));
    stream.close();
    if (!stream) return Error::unavailable(fmt::format("cannot write {}", path.string()));
    written.push_back(path);
  }
  return written;
}

}  // namespace safeguard::ssda903
