// Helpers shared by the CSV and XML readers (private to the ssda903 module).
#pragma once

#include <string>
#include <string_view>

#include "ssda903/files.h"

namespace safeguard::ssda903::detail {

// Surrounding spaces removed, ASCII letters in upper case; empty becomes an absent cell.
Cell normalise(std::string_view text);
// 2025 -> "2024/25"
std::string year_label(int year);
// Adds `table` to the return; a problem (and false) when a table of that name is already there.
bool add_table(ReadResult& into, Table table, std::string_view file_name);

}  // namespace safeguard::ssda903::detail
