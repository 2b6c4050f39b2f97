// RFC 4180 comma-separated values: the layout of the DfE's 903 tables, our code lists and our
// exports. Debian ships no C++ CSV library, so this small reader and writer are ours; they are
// fuzzed.
//
// Reading accepts CRLF or LF line ends, a UTF-8 byte order mark, and quoted fields holding commas,
// quotes ("" inside quotes) and line breaks. A quote that never closes is an error naming the line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace safeguard::csv {

struct Table {
  std::vector<std::string> columns;            // the header row
  std::vector<std::vector<std::string>> rows;  // every row has columns.size() fields
  std::vector<std::size_t> line_numbers;       // the file line each row starts on (1-based)

  // The index of a column by name, if present.
  std::optional<std::size_t> column(std::string_view name) const;
};

// Splits `text` into records of fields; the first record is not treated specially.
Result<std::vector<std::vector<std::string>>> parse_records(std::string_view text);

// Parses a file with a header row. A row with a different number of fields from the header is an
// error naming its line, unless `pad_short_rows` (then missing trailing fields are empty).
Result<Table> parse_table(std::string_view text, bool pad_short_rows = false);

// Quotes a field only when it must (comma, quote, CR or LF inside).
std::string escape_field(std::string_view field);
// One record followed by CRLF, as RFC 4180 writes it.
std::string format_record(const std::vector<std::string>& fields);

}  // namespace safeguard::csv
