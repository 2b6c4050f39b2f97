// Investigation reports, for a period from `from` to `to` inclusive (docs/safeguards.md):
//   closures     each case (child-in-need episode) closed in the period, by the worker who held it:
//                was there a qualifying visit (the child seen within closure.visit_working_days
//                working days before closing) and a manager's approval (an approved closure
//                request)? With totals per worker.
//   unallocated  each time a case lost its worker (the worker left, the case moved team or worker)
//                or entered a team's tray in the period: where it went and how long it waited for
//                its next worker (still waiting: counted to `to`).
//   caseloads    each worker's caseload on the first day of the period and on the same day of each
//                month after, and on `to`: cases, weighted cases, limit, over or not.
// Each is read in one read transaction; none identifies more than a child's id and local id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "store/store.h"

namespace safeguard::casework {

struct ClosureRow {
  std::int64_t child_id = 0;
  std::string child_local_id;
  std::int64_t episode_id = 0;
  Date closed_on;
  std::string reason_for_closure;
  std::optional<std::int64_t> worker_id;  // who held the case when it closed
  std::string worker_name;
  std::optional<std::int64_t> team_id;
  std::optional<Date> last_seen;  // the last visit with the child seen, on or before closure
  bool qualifying_visit = false;
  std::optional<std::int64_t> request_id;
  std::string approved_by;
  bool approved = false;
};

struct WorkerClosures {
  std::optional<std::int64_t> worker_id;  // none: closed while unallocated
  std::string worker_name;
  int closed = 0;
  int with_qualifying_visit = 0;
  int with_approval = 0;
  int with_both = 0;
};

struct ClosureReport {
  Date from;
  Date to;
  std::vector<ClosureRow> rows;           // by closure date, then child
  std::vector<WorkerClosures> by_worker;  // by worker name; unallocated last
};

struct WaitRow {
  std::int64_t child_id = 0;
  std::string child_local_id;
  std::string trigger;  // worker_left, team_change, worker_change, new_case
  std::string reason;   // as recorded on the tray or the next allocation
  std::optional<std::int64_t> from_worker_id;
  std::string from_worker_name;
  std::optional<std::int64_t> from_team_id;
  Date waiting_since;
  std::optional<Date> allocated_on;  // none: still waiting on `to`
  std::optional<std::int64_t> to_worker_id;
  std::string to_worker_name;
  std::optional<std::int64_t> to_team_id;
  int days_waited = 0;  // calendar days, to the allocation or to `to`
};

struct UnallocatedReport {
  Date from;
  Date to;
  std::vector<WaitRow> rows;  // by the day the wait began, then child
};

struct CaseloadPoint {
  Date date;
  std::int64_t worker_id = 0;
  std::string worker_name;
  std::optional<std::int64_t> team_id;
  double fte = 1.0;
  int cases = 0;
  double weighted = 0.0;
  double limit = 0.0;
  bool over = false;
};

struct CaseloadReport {
  Date from;
  Date to;
  std::vector<Date> dates;
  std::vector<CaseloadPoint> points;  // by date, then worker id; workers in post holding cases
};

Result<ClosureReport> closures_report(store::Transaction& transaction, Date from, Date to);
Result<UnallocatedReport> unallocated_report(store::Transaction& transaction, Date from, Date to);
Result<CaseloadReport> caseloads_report(store::Transaction& transaction, Date from, Date to);

}  // namespace safeguard::casework
