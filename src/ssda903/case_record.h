// The SSDA903 return to and from the case record: export writes a collection year's return from
// what the store holds; import loads a council's return into the store, all or nothing.
//
// The mapping (docs/returns.md has it in full): Header <-> child (CHILD is local_id; SEX is 1/2
// before 2024/25 and M/F/U from then) with MOTHER/MC_DOB in looked_after_year; Episodes <->
// looked_after_episode; Reviews <-> looked_after_review; Missing <-> missing_episode; OC3 <->
// care_leaver_contact (dated the young person's birthday in the year); SWEpisodes <-> allocation
// and worker (SW_ID is staff_id); UASC <-> child.unaccompanied_asylum_seeking and
// looked_after_year.uasc_ceased_date; OC2, AD1, PlacedAdoption, PrevPerm and DoLo <-> their own
// tables (migration 0004).
//
// Export takes every child with an episode open at some time in the year, or a care leaver
// contact, OC2, AD1, placed-for-adoption, permanence or DoLo record for the year; children in
// local_id order, each child's rows in date order. Import matches what the store already holds by
// each record's natural key (child and start date, review date ...) and updates it, or adds it;
// it never deletes.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/codes.h"
#include "ssda903/files.h"
#include "ssda903/table.h"
#include "store/store.h"

namespace safeguard::ssda903 {

// The return for collection year `year` (its end: 2025 is 2024/25), as tables in the DfE layout.
// The export is a read of every child's record in it, so it appends one audit event ("export").
Result<Return> export_return(store::Store& store, int year, const Clock& clock,
                             std::string_view actor);

// Every cell against the year's layout: required cells present, dates dd/mm/yyyy, codes from the
// DfE's lists, every child of the other tables in Header. `file_of` names each table's file.
std::vector<FileProblem> check_cells(
    const Return& data, int year, const domain::CodeLists& codes,
    const std::map<std::string, std::string, std::less<>>& file_of);

struct ImportSummary {
  std::size_t children_added = 0;
  std::size_t children_updated = 0;
  std::map<std::string, std::size_t> rows;  // table -> rows loaded
};

// Loads the return in one transaction with one audit event ("import"). When any cell or record
// is refused, `problems` lists every one (file, line, column, reason), an invalid error is
// returned and the store is unchanged.
Result<ImportSummary> import_return(store::Store& store, const Return& data, int year,
                                    const std::map<std::string, std::string, std::less<>>& file_of,
                                    const domain::CodeLists& codes, const Clock& clock,
                                    std::string_view actor, std::vector<FileProblem>& problems);

}  // namespace safeguard::ssda903
