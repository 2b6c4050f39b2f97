// Reading and writing an SSDA903 return in the DfE's two layouts: one CSV file per table (header
// row of the DfE's column names, dates dd/mm/yyyy), or one XML file (EXPSSDA903: a CHILD element
// per child holding its HEADER and EPISODEs; docs/returns.md gives both layouts in full).
//
// Reading never throws and never gives up silently: every problem names the file, the line, the
// column when there is one, and what is wrong. A file with problems contributes no table, so a
// caller can refuse the whole return (import) or report the files it could not read (validate).
//
// Cells are kept as given, with surrounding spaces removed and letters in upper case (as the DfE's
// own tool reads them), so codes such as "c2" match their list.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "ssda903/layout.h"
#include "ssda903/table.h"

namespace safeguard::ssda903 {

// One problem with an input file. line is 1-based (0 when the problem is the file as a whole);
// column is empty when the problem is not in one column.
struct FileProblem {
  std::string file;
  std::size_t line = 0;
  std::string column;
  std::string reason;

  std::string text() const;  // "episodes.csv line 4, column DECOM: not a date ..."
};

// What reading gave: the tables it could read, and a problem for everything it could not.
struct ReadResult {
  Return data;
  std::vector<FileProblem> problems;
  std::vector<std::string> files;                           // the files read, in order
  std::map<std::string, std::string, std::less<>> file_of;  // table name -> the file it came from
  std::string format = "csv";                               // "csv" or "xml"
};

// One CSV file. The table is named by its columns (identify_table); `suffix` is added to its name
// ("_last" for last year's return). Adds the table or problems to `into`.
void read_csv(std::string_view text, std::string_view file_name, int year, ReadResult& into,
              std::string_view suffix = "");

// One XML file (EXPSSDA903), giving every table it holds.
void read_xml(std::string_view text, std::string_view file_name, int year, ReadResult& into,
              std::string_view suffix = "");

// Every .csv or every .xml file in `directory` (not both). A directory with neither, or an
// unreadable file, is a problem.
void read_directory(const std::filesystem::path& directory, int year, ReadResult& into,
                    std::string_view suffix = "");

// Header gains the DfE tool's derived column UASC ("1" when the child is in the UASC table, "0"
// otherwise) when both tables are present; the same for Header_last and UASC_last.
void add_derived_columns(Return& data);

// A table as CSV text in the year's layout: the DfE's columns in their order (columns the table
// lacks are written blank; columns the layout lacks, such as derived ones, are left out), CRLF.
std::string write_csv(const Table& table, const TableLayout& layout);

// The whole return as one EXPSSDA903 document, children in Header order.
std::string write_xml(const Return& data, int year);

// Writes the year's tables to `directory` (created if absent) as CSV files named by the layout, or
// as one file "ssda903_<year>.xml". Returns the paths written.
Result<std::vector<std::filesystem::path>> write_directory(const Return& data, int year,
                                                           const std::filesystem::path& directory,
                                                           std::string_view format);

}  // namespace safeguard::ssda903
