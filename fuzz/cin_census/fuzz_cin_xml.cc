// libFuzzer target for the CIN census XML reader: any bytes must give tables or an error, never a
// crash, a leak or unbounded memory; the schema check runs on whatever parses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cin_census/xml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto census = safeguard::cin_census::read_census_xml(text);
  if (census.ok()) {
    for (const auto& [name, table] : census->tables) {
      for (const auto& column : table.columns) {
        if (column.cells.size() != table.row_count) __builtin_trap();
      }
    }
    (void)safeguard::cin_census::check_against_schema(text, 2026);
  }
  return 0;
}
