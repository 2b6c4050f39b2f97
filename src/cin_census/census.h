// The CIN census as a set of named tables of text: the shape the XML reader produces, the export
// builds, and the validation rules read. Column-major like the DfE's own validator, because a rule
// reads a few columns of every row. Rows of the child-level tables carry LAchildID; rows below a
// CIN episode carry CINdetailsID (the episode's position within the child, "1", "2" ...), and
// assessments and plans their own AssessmentID / CPPID, so rules can join tables.
//
//   Table "Header"               Collection, Year, ReferenceDate, SourceLevel, LEA, ...
//   Table "ChildIdentifiers"     LAchildID, UPN, FormerUPN, UPNunknown, PersonBirthDate,
//                                ExpectedPersonBirthDate, Sex (GenderCurrent before 2024/25),
//                                PersonDeathDate
//   Table "ChildCharacteristics" LAchildID, Ethnicity
//   Table "Disabilities"         LAchildID, Disability (one row per code)
//   Table "CINdetails"           LAchildID, CINdetailsID, CINreferralDate, ReferralSource,
//                                PrimaryNeedCode, CINclosureDate, ReasonForClosure,
//                                DateOfInitialCPC, ReferralNFA
//   Table "Assessments"          LAchildID, CINdetailsID, AssessmentID, AssessmentActualStartDate,
//                                AssessmentInternalReviewDate, AssessmentAuthorisationDate,
//                                AssessmentFactors (the codes joined with ",")
//   Table "AssessmentFactorsList" the same with one row per factor code (AssessmentFactor)
//   Table "CINplanDates"         LAchildID, CINdetailsID, CINPlanStartDate, CINPlanEndDate
//   Table "Section47"            LAchildID, CINdetailsID, S47ActualStartDate, InitialCPCtarget,
//                                DateOfInitialCPC, ICPCnotRequired
//   Table "ChildProtectionPlans" LAchildID, CINdetailsID, CPPID, CPPstartDate, CPPendDate,
//                                InitialCategoryOfAbuse, LatestCategoryOfAbuse, NumberOfPreviousCPP
//   Table "Reviews"              LAchildID, CINdetailsID, CPPID, CPPreviewDate
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safeguard::cin_census {

// One cell: empty (std::nullopt) or its text as given, surrounding spaces removed.
using Cell = std::optional<std::string>;

struct Column {
  std::string name;
  std::vector<Cell> cells;  // one per row
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::size_t row_count = 0;
  std::vector<int> line_numbers;  // per row, the line of its element in the file (0 when unknown)

  const Column* column(std::string_view column_name) const;
  Column* column(std::string_view column_name);
  // The cell, or an empty one when the column or row is absent.
  const Cell& cell(std::size_t row, std::string_view column_name) const;
  // The cell's text, or "" when empty.
  std::string_view text(std::size_t row, std::string_view column_name) const;
  Column& add_column(std::string_view column_name);
  // Appends a row with every cell empty; returns its index.
  std::size_t add_row(int line = 0);
  // Sets a cell, adding the column when absent.
  void set(std::size_t row, std::string_view column_name, Cell value);
};

struct Census {
  std::map<std::string, Table, std::less<>> tables;

  const Table* find(std::string_view table_name) const;
  Table& table(std::string_view table_name);  // created empty when absent
};

// The table names above, in the order a child's elements appear in the file.
inline constexpr const char* kTableNames[] = {
    "Header",
    "ChildIdentifiers",
    "ChildCharacteristics",
    "Disabilities",
    "CINdetails",
    "Assessments",
    "AssessmentFactorsList",
    "CINplanDates",
    "Section47",
    "ChildProtectionPlans",
    "Reviews",
};

}  // namespace safeguard::cin_census
