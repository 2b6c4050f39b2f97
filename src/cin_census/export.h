// The CIN census for a collection year from the case record, and the census tables as the DfE's
// XML. Which records go in:
// - every child-in-need episode open at some time in the year (referred on or before 31 March, not
//   closed before 1 April), with its child; a closure after 31 March is not shown;
// - in each episode, the assessments under way in the year (authorisation and factors only when
//   authorised by 31 March), section 47 enquiries started in the year with the initial conference
//   they led to, and child protection plans open in the year with their reviews held in it;
// - NumberOfPreviousCPP counts the child's earlier plans on the record (or, for a plan imported
// from
//   a census, the number the census gave when the record holds fewer);
// - a conference with no enquiry is the episode's own DateOfInitialCPC.
// The case record has no disabilities, CIN plans, former UPNs or expected birth dates yet, so the
// export never writes them (docs/returns-cin.md).
#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "cin_census/census.h"
#include "store/store.h"

namespace safeguard::cin_census {

// The authority's three-digit LA code as the census header needs it: the setting
// "authority.la_code", or "000" when the database has none.
inline constexpr const char* kLaCodeSetting = "authority.la_code";

// The setting that keeps a census's NumberOfPreviousCPP for a plan when the record holds fewer
// earlier plans than the census counted (plans before the years imported).
std::string previous_plans_setting(std::string_view child, Date plan_start);

// The census tables for `year` (by its end: 2025 = 2024/25) from the store, read in `transaction`.
Result<Census> census_from_store(store::Transaction& transaction, int year);

// The tables as census XML in the element order of `year`'s schema (Sex from 2024/25, GenderCurrent
// 1/2/0 before). Writes only what the tables hold; a child's rows are found by LAchildID and
// CINdetailsID.
std::string write_census_xml(const Census& census, int year);

// Both, in one transaction that records an audit event ("export", entity "cin_census") by `actor`.
Result<std::string> export_census(store::Store& store, const Clock& clock, int year,
                                  const std::string& actor);

}  // namespace safeguard::cin_census
