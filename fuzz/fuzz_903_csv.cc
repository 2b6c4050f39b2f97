// libFuzzer target: the SSDA903 CSV reader. Any bytes must give a table or problems, never a crash,
// a leak or unbounded memory; and a table it reads must come back unchanged through write_csv.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ssda903/files.h"
#include "ssda903/layout.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace safeguard::ssda903;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // The first byte picks the collection year, so every year's layouts are reached.
  int year = kFirstYear + (size > 0 ? data[0] % (kLastYear - kFirstYear + 1) : 0);
  ReadResult read;
  read_csv(text, "fuzz.csv", year, read);
  for (const auto& [name, table] : read.data.tables) {
    const TableLayout* layout = find_layout(name);
    if (layout == nullptr) __builtin_trap();
    std::string written = write_csv(table, *layout);
    ReadResult again;
    read_csv(written, "again.csv", year, again);
    const Table* copy = again.data.find(name);
    if (!again.problems.empty() || copy == nullptr || copy->row_count != table.row_count) {
      __builtin_trap();
    }
    for (const Column& column : table.columns) {
      for (std::size_t row = 0; row < table.row_count; ++row) {
        if (copy->cell(row, column.name) != column.cells[row]) __builtin_trap();
      }
    }
  }
  return 0;
}
