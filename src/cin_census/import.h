// Loading a CIN census file into the case record, all or nothing. The file must conform to the
// collection year's XSD, its reference date must be that year's 31 March, and every record must
// pass the case record's own checks (codes valid for their dates, dates in order). Everything is
// written in one transaction with an audit event ("import") per record; if anything is wrong the
// file is refused with every problem found (line, element, reason) and the store is unchanged.
//
// What goes where: a child is matched on LAchildID or added (the census has no names, so a new
// child's names read "Not recorded"); each CINdetails becomes a referral (its date, source and
// ReferralNFA) and a child-in-need episode; assessments, section 47 enquiries, initial conferences
// (a CIN-level DateOfInitialCPC is a conference without an enquiry), plans and reviews follow.
// GenderCurrent 1/2/0 (before 2024/25) becomes sex M/F/U. InitialCPCtarget is derived (15 working
// days from the strategy discussion) and not kept. A file holding what the case record has no
// place for yet (disabilities other than NONE, CIN plan dates, former UPNs, assessment internal
// review dates, GenderCurrent 9) is refused, naming the element, rather than losing it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "cin_census/xml.h"
#include "domain/codes.h"
#include "store/store.h"

namespace safeguard::cin_census {

struct ImportCounts {
  long children_added = 0;
  long children_matched = 0;
  long episodes = 0;
  long assessments = 0;
  long enquiries = 0;
  long conferences = 0;
  long plans = 0;
  long reviews = 0;
};

struct ImportOutcome {
  bool imported = false;
  std::vector<XmlProblem> problems;  // why the file was refused (empty when imported)
  ImportCounts counts;
};

// An Error only when the work could not be done at all (no schema for the year, store failure);
// a file that is refused is an outcome with its problems.
Result<ImportOutcome> import_census(store::Store& store, const domain::CodeLists& codes,
                                    const Clock& clock, std::string_view xml, int year,
                                    const std::string& actor);

}  // namespace safeguard::cin_census
