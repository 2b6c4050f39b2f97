#include "csv/csv.h"

#include <fmt/format.h>

namespace safeguard::csv {

std::optional<std::size_t> Table::column(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return i;
  }
  return std::nullopt;
}

namespace {

struct Record {
  std::vector<std::string> fields;
  std::size_t line = 0;
};

Result<std::vector<Record>> parse(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Record> records;
  Record current;
  std::string field;
  std::size_t line = 1;
  std::size_t i = 0;
  bool record_started = false;
  current.line = 1;

  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
  };
  auto end_record = [&] {
    end_field();
    records.push_back(std::move(current));
    current = Record{};
    record_started = false;
  };

  while (i < text.size()) {
    char c = text[i];
    if (!record_started) {
      current.line = line;
      record_started = true;
    }
    if (c == '"' && field.empty()) {
      // A quoted field: runs to the next lone quote.
      std::size_t opened_on = line;
      ++i;
      bool closed = false;
      while (i < text.size()) {
        char q = text[i];
        if (q == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (q == '\n') ++line;
        field.push_back(q);
        ++i;
      }
      if (!closed) {
        return Error::invalid(
            fmt::format("line {}: a quoted field opens here and never closes", opened_on));
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        return Error::invalid(fmt::format(
            "line {}: text follows a closing quote; write a quote inside a quoted field "
            "as two quotes (\"\")",
            line));
      }
      // An empty quoted field must still count as started, so mark it non-empty-safe below.
      continue;
    }
    if (c == ',') {
      end_field();
      ++i;
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      end_record();
      i += 2;
      ++line;
      continue;
    }
    if (c == '\n' || c == '\r') {
      end_record();
      ++i;
      ++line;
      continue;
    }
    field.push_back(c);
    ++i;
  }
  if (record_started) end_record();
  return records;
}

}  // namespace

Result<std::vector<std::vector<std::string>>> parse_records(std::string_view text) {
  auto records = parse(text);
  if (!records) return records.error();
  std::vector<std::vector<std::string>> out;
  out.reserve(records->size());
  for (auto& record : *records) out.push_back(std::move(record.fields));
  return out;
}

Result<Table> parse_table(std::string_view text, bool pad_short_rows) {
  auto records = parse(text);
  if (!records) return records.error();
  Table table;
  if (records->empty()) return Error::invalid("the file is empty: expected a header row");
  table.columns = std::move(records->front().fields);
  for (std::size_t r = 1; r < records->size(); ++r) {
    auto& record = (*records)[r];
    // A blank line (one empty field) is skipped, as spreadsheet exports often end with one.
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;
    if (record.fields.size() != table.columns.size()) {
      if (pad_short_rows && record.fields.size() < table.columns.size()) {
        record.fields.resize(table.columns.size());
      } else {
        return Error::invalid(fmt::format("line {}: {} fields where the header has {}", record.line,
                                          record.fields.size(), table.columns.size()));
      }
    }
    table.rows.push_back(std::move(record.fields));
    table.line_numbers.push_back(record.line);
  }
  return table;
}

std::string escape_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string format_record(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += escape_field(fields[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace safeguard::csv
