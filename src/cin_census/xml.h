// Reading a CIN census XML file into tables, and checking one against the DfE's schema (XSD) for
// its collection year. Reading never trusts the file: libxml2 parses it with network access off and
// entity substitution off, a file with a DOCTYPE is refused outright (no external entities, no
// entity expansion), and nesting is bounded by libxml2's default depth limit.
//
//   auto census = read_census_xml(text);          // Error::invalid naming the line on bad XML
//   auto problems = check_against_schema(text, 2025);  // each with line, element and reason
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "cin_census/census.h"

namespace safeguard::cin_census {

// One thing wrong with a file: where and why, in words a person can act on.
struct XmlProblem {
  int line = 0;
  std::string element;  // the element it was found at, "" when not known
  std::string reason;
  std::string text() const;  // "line 12, element <Sex>: reason"
};

// The collection years (by their end, 2025 = 2024/25) whose schema is built in.
std::vector<int> schema_years();
// The XSD text for a collection year; not_found for a year we have no schema for.
Result<std::string_view> schema_for_year(int year);

// Parses the file's text into the census tables. Elements the reader does not know are skipped.
// Refuses text that is not well-formed XML, holds a DOCTYPE, or whose root is not <Message>.
Result<Census> read_census_xml(std::string_view xml);

// Every way the text breaks the year's XSD (empty when it conforms). An Error only when the text
// cannot be parsed at all or the year has no schema.
Result<std::vector<XmlProblem>> check_against_schema(std::string_view xml, int year);

}  // namespace safeguard::cin_census
