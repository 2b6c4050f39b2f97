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

#include "tabular/table.h"

namespace safeguard::cin_census {

using Cell = tabular::Cell;
using Column = tabular::Column;
using Table = tabular::Table;
using Census = tabular::TableSet;

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
