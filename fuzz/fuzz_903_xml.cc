// libFuzzer target: the SSDA903 XML reader. Any bytes must give tables or problems, never a crash,
// a leak or unbounded memory; and whatever it reads, the XML we write from it must read back.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ssda903/files.h"
#include "ssda903/layout.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace safeguard::ssda903;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  int year = kFirstYear + static_cast<int>(size % (kLastYear - kFirstYear + 1));
  ReadResult read;
  read_xml(text, "fuzz.xml", year, read);
  if (!read.problems.empty()) return 0;
  std::string written = write_xml(read.data, year);
  ReadResult again;
  read_xml(written, "again.xml", year, again);
  if (!again.problems.empty()) __builtin_trap();
  const Table* header = read.data.find("Header");
  const Table* header_again = again.data.find("Header");
  if (header && (!header_again || header_again->row_count < header->row_count)) __builtin_trap();
  return 0;
}
