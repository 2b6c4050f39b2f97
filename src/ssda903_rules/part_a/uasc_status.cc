// 205A-D: a child's UASC status this year and last, and the date it ceased (DUC), must tell the
// same story. Status comes from the Header's UASC flag where the Header is loaded (as the XML
// layout gives it, or as a CSV loader derives it), otherwise from whether the UASC table has any
// entry for the child beyond their date of birth.
#include "ssda903_rules/part_a/rules_a.h"
#include "ssda903_rules/part_a/support_a.h"

namespace safeguard::ssda903 {

using namespace part_a;  // NOLINT: this part's own helpers

namespace {

// What one row says of a child's UASC status.
enum class Flag : char { kAbsent, kUasc, kNotUasc, kOther };

Flag flag_of(const Cell& cell) {
  if (!cell) return Flag::kAbsent;
  if (*cell == "1") return Flag::kUasc;
  if (*cell == "0") return Flag::kNotUasc;
  return Flag::kOther;
}

bool is_uasc(Flag flag) { return flag == Flag::kUasc; }

struct Statuses {
  bool from_header = false;  // true when read from a Header table (rows are Header rows)
  std::vector<Flag> flags;   // per row of the table the status came from
  ChildRows rows{nullptr};   // that table's rows by child
};

// Status read from `header` when present, else derived from `uasc`. Nullopt when neither gives it.
std::optional<Statuses> read_statuses(const Table* header, const Table* uasc) {
  Statuses statuses;
  if (header != nullptr) {
    if (!has_columns(header, {"CHILD", "UASC"})) return std::nullopt;
    statuses.from_header = true;
    ColumnView flag(header, "UASC");
    statuses.flags.resize(header->row_count);
    for (std::size_t row = 0; row < header->row_count; ++row) {
      statuses.flags[row] = flag_of(flag[row]);
    }
    statuses.rows = ChildRows(header);
    return statuses;
  }
  if (!has_columns(uasc, {"CHILD"})) return std::nullopt;
  statuses.flags.assign(uasc->row_count, Flag::kNotUasc);
  for (const Column& column : uasc->columns) {
    if (column.name == "CHILD" || column.name == "DOB") continue;
    for (std::size_t row = 0; row < uasc->row_count && row < column.cells.size(); ++row) {
      if (column.cells[row]) statuses.flags[row] = Flag::kUasc;
    }
  }
  statuses.rows = ChildRows(uasc);
  return statuses;
}

// Calls `visit(flag, row)` for each status row of the child, or once with an absent flag and no
// row when the child has none (as a left join gives).
template <typename Visit>
void for_each_status(const Statuses& statuses, std::string_view child, Visit visit) {
  auto rows = statuses.rows.rows_of(child);
  if (rows.empty()) {
    visit(Flag::kAbsent, std::optional<std::size_t>());
    return;
  }
  for (std::size_t row : rows) visit(statuses.flags[row], std::optional<std::size_t>(row));
}

// The rows the four rules read, joined by child as the DfE tool joins them.
struct Joined {
  const Table* uasc = nullptr;
  const Table* uasc_last = nullptr;
  Statuses now;
  Statuses before;
};

std::optional<Joined> join(const RuleInput& input) {
  Joined joined;
  joined.uasc = input.data.find("UASC");
  joined.uasc_last = input.data.find("UASC_last");
  if (!has_columns(joined.uasc, {"CHILD", "DUC"}) ||
      !has_columns(joined.uasc_last, {"CHILD", "DUC"})) {
    return std::nullopt;
  }
  const Table* header = input.data.find("Header");
  const Table* header_last = input.data.find("Header_last");
  if (input.metadata.file_format == "xml" && (header == nullptr || header_last == nullptr)) {
    return std::nullopt;
  }
  auto now = read_statuses(header, joined.uasc);
  auto before = read_statuses(header_last, joined.uasc_last);
  if (!now || !before) return std::nullopt;
  joined.now = std::move(*now);
  joined.before = std::move(*before);
  return joined;
}

// Calls `fails(uasc_row, status, last_uasc_row_or_none, last_status)` for every combination of a
// child's rows, and reports the UASC rows (and the Header rows, when status came from a Header)
// for which it holds.
template <typename Fails>
RuleFailures check_joined(const Joined& joined, Fails fails) {
  ChildRows last_rows(joined.uasc_last);
  ColumnView child(joined.uasc, "CHILD");
  std::vector<std::size_t> failing_uasc;
  std::vector<std::size_t> failing_header;
  for (std::size_t row = 0; row < joined.uasc->row_count; ++row) {
    if (!child[row]) continue;
    const std::string_view id = *child[row];
    auto lasts = last_rows.rows_of(id);
    for_each_status(joined.now, id, [&](Flag flag, std::optional<std::size_t> status_row) {
      auto with_last = [&](std::optional<std::size_t> last_row) {
        for_each_status(joined.before, id, [&](Flag last_flag, std::optional<std::size_t>) {
          if (!fails(row, flag, last_row, last_flag)) return;
          failing_uasc.push_back(row);
          if (joined.now.from_header && status_row) failing_header.push_back(*status_row);
        });
      };
      if (lasts.empty()) {
        with_last(std::nullopt);
      } else {
        for (std::size_t last_row : lasts) with_last(last_row);
      }
    });
  }
  RuleFailures failures = failing_rows("UASC", std::move(failing_uasc));
  if (joined.now.from_header) add_failing_rows(failures, "Header", std::move(failing_header));
  return failures;
}

}  // namespace

// 205A: UASC last year but not this year: the status must have ceased during last year (a DUC in
// last year's collection year) and this year's return should have no DUC.
RuleFailures check_205A(const RuleInput& input) {
  auto joined = join(input);
  if (!joined) return {};
  const Date start_last = input.metadata.collection_start.plus_years(-1);
  const Date end_last = input.metadata.collection_end.plus_years(-1);
  ColumnView duc(joined->uasc, "DUC");
  auto duc_last = dates_of(input, joined->uasc_last, "DUC");
  return check_joined(*joined, [&](std::size_t row, Flag flag, std::optional<std::size_t> last_row,
                                   Flag last_flag) {
    if (is_uasc(flag) || !is_uasc(last_flag)) return false;
    std::optional<Date> ceased_last = last_row ? duc_last[*last_row] : std::nullopt;
    bool ceased_last_year = ceased_last && *ceased_last >= start_last && *ceased_last <= end_last;
    return given(duc[row]) || !ceased_last_year;
  });
}

// 205B: UASC both years: this year's DUC falls in this collection year or repeats last year's,
// and last year's DUC is the child's 18th birthday.
RuleFailures check_205B(const RuleInput& input) {
  auto joined = join(input);
  if (!joined) return {};
  const Date start = input.metadata.collection_start;
  const Date end = input.metadata.collection_end;
  auto duc = dates_of(input, joined->uasc, "DUC");
  auto duc_last = dates_of(input, joined->uasc_last, "DUC");
  auto dob_last = dates_of(input, joined->uasc_last, "DOB");
  return check_joined(*joined, [&](std::size_t row, Flag flag, std::optional<std::size_t> last_row,
                                   Flag last_flag) {
    if (!is_uasc(flag) || !is_uasc(last_flag)) return false;
    std::optional<Date> ceased = duc[row];
    std::optional<Date> ceased_last = last_row ? duc_last[*last_row] : std::nullopt;
    std::optional<Date> born = last_row ? dob_last[*last_row] : std::nullopt;
    bool ceased_this_year = ceased && *ceased >= start && *ceased <= end;
    bool same_as_last = ceased && ceased_last && *ceased == *ceased_last;
    bool last_is_18th = ceased_last && born && *ceased_last == born->plus_years(18);
    return (!ceased_this_year && !same_as_last) || !last_is_18th;
  });
}

// 205C: not UASC in either year, yet a date UASC ceased is given in one of them.
RuleFailures check_205C(const RuleInput& input) {
  auto joined = join(input);
  if (!joined) return {};
  auto duc = dates_of(input, joined->uasc, "DUC");
  auto duc_last = dates_of(input, joined->uasc_last, "DUC");
  auto not_uasc = [](Flag flag) { return flag == Flag::kAbsent || flag == Flag::kNotUasc; };
  return check_joined(*joined, [&](std::size_t row, Flag flag, std::optional<std::size_t> last_row,
                                   Flag last_flag) {
    if (!not_uasc(flag) || !not_uasc(last_flag)) return false;
    return duc[row].has_value() || (last_row && duc_last[*last_row].has_value());
  });
}

// 205D: UASC this year for a child in last year's return who was not UASC then.
RuleFailures check_205D(const RuleInput& input) {
  const Table* header = input.data.find("Header");
  const Table* uasc = input.data.find("UASC");
  if (header == nullptr && uasc == nullptr) return {};
  auto now = read_statuses(header, uasc);
  const Table* header_last = input.data.find("Header_last");
  const Table* uasc_last = input.data.find("UASC_last");
  if (header_last == nullptr && uasc_last == nullptr) return {};
  auto before = read_statuses(header_last, uasc_last);
  if (!now || !before) return {};
  const Table* now_table = now->from_header ? header : uasc;
  ColumnView child(now_table, "CHILD");
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < now_table->row_count; ++row) {
    if (!child[row] || !is_uasc(now->flags[row])) continue;
    for (std::size_t last_row : before->rows.rows_of(*child[row])) {
      if (!is_uasc(before->flags[last_row])) {
        failing.push_back(row);
        break;
      }
    }
  }
  return failing_rows(now->from_header ? "Header" : "UASC", std::move(failing));
}

}  // namespace safeguard::ssda903
