// 205A-D: a child's UASC status this year and last, and the date it ceased (DUC), must tell the
// same story. Status comes from the Header's UASC flag where the Header is loaded (as the XML
// layout gives it, or as a CSV loader derives it), otherwise from whether the UASC table has any
// entry for the child beyond their date of birth.
#include "ssda903_rules/part_a/rules_a.h"
#include "ssda903_rules/part_a/support_a.h"

namespace safeguard::ssda903 {

using namespace part_a;  // NOLINT: this part's own helpers

namespace {

// One row saying whether a child is UASC: the flag ("1", "0", or absent) and the row it came from.
struct StatusRow {
  Cell flag;
  std::size_t row;
};

struct Statuses {
  bool from_header = false;  // true when read from a Header table (rows are Header rows)
  std::unordered_map<std::string, std::vector<StatusRow>> by_child;
};

// Status read from `header` when present, else derived from `uasc`. Nullopt when neither gives it.
std::optional<Statuses> read_statuses(const Table* header, const Table* uasc) {
  Statuses statuses;
  if (header != nullptr) {
    if (!has_columns(header, {"CHILD", "UASC"})) return std::nullopt;
    statuses.from_header = true;
    ColumnView child(header, "CHILD");
    ColumnView flag(header, "UASC");
    for (std::size_t row = 0; row < header->row_count; ++row) {
      if (child[row]) statuses.by_child[*child[row]].push_back({flag[row], row});
    }
    return statuses;
  }
  if (!has_columns(uasc, {"CHILD"})) return std::nullopt;
  ColumnView child(uasc, "CHILD");
  for (std::size_t row = 0; row < uasc->row_count; ++row) {
    if (!child[row]) continue;
    bool any = false;
    for (const Column& column : uasc->columns) {
      if (column.name == "CHILD" || column.name == "DOB") continue;
      if (row < column.cells.size() && column.cells[row]) any = true;
    }
    statuses.by_child[*child[row]].push_back({Cell(any ? "1" : "0"), row});
  }
  return statuses;
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

const std::vector<StatusRow>& statuses_of(const Statuses& statuses, const std::string& child) {
  static const std::vector<StatusRow> kUnknown = {{std::nullopt, 0}};
  auto it = statuses.by_child.find(child);
  return it == statuses.by_child.end() ? kUnknown : it->second;
}

// Calls `fails(uasc_row, status, last_uasc_row_or_none, last_status)` for every combination of a
// child's rows, and reports the UASC rows (and the Header rows, when status came from a Header)
// for which it holds.
template <typename Fails>
RuleFailures check_joined(const Joined& joined, Fails fails) {
  auto last_rows = rows_by(*joined.uasc_last, "CHILD");
  ColumnView child(joined.uasc, "CHILD");
  std::vector<std::size_t> failing_uasc;
  std::vector<std::size_t> failing_header;
  for (std::size_t row = 0; row < joined.uasc->row_count; ++row) {
    if (!child[row]) continue;
    const std::string& id = *child[row];
    auto it = last_rows.find(id);
    std::vector<std::optional<std::size_t>> last_choices;
    if (it == last_rows.end()) {
      last_choices.push_back(std::nullopt);
    } else {
      last_choices.assign(it->second.begin(), it->second.end());
    }
    for (const StatusRow& status : statuses_of(joined.now, id)) {
      for (const auto& last_row : last_choices) {
        for (const StatusRow& last_status : statuses_of(joined.before, id)) {
          if (!fails(row, status.flag, last_row, last_status.flag)) continue;
          failing_uasc.push_back(row);
          if (joined.now.from_header && joined.now.by_child.contains(id)) {
            failing_header.push_back(status.row);
          }
        }
      }
    }
  }
  RuleFailures failures = failing_rows("UASC", std::move(failing_uasc));
  if (joined.now.from_header) add_failing_rows(failures, "Header", std::move(failing_header));
  return failures;
}

bool is_uasc(const Cell& flag) { return text_of(flag) == "1"; }

}  // namespace

// 205A: UASC last year but not this year: the status must have ceased during last year (a DUC in
// last year's collection year) and this year's return should have no DUC.
RuleFailures check_205A(const RuleInput& input) {
  auto joined = join(input);
  if (!joined) return {};
  const Date start_last = input.metadata.collection_start.plus_years(-1);
  const Date end_last = input.metadata.collection_end.plus_years(-1);
  ColumnView duc(joined->uasc, "DUC");
  auto duc_last = dates_of(joined->uasc_last, "DUC");
  return check_joined(*joined, [&](std::size_t row, const Cell& flag,
                                   std::optional<std::size_t> last_row, const Cell& last_flag) {
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
  auto duc = dates_of(joined->uasc, "DUC");
  auto duc_last = dates_of(joined->uasc_last, "DUC");
  auto dob_last = dates_of(joined->uasc_last, "DOB");
  return check_joined(*joined, [&](std::size_t row, const Cell& flag,
                                   std::optional<std::size_t> last_row, const Cell& last_flag) {
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
  auto duc = dates_of(joined->uasc, "DUC");
  auto duc_last = dates_of(joined->uasc_last, "DUC");
  auto not_uasc = [](const Cell& flag) { return !flag || *flag == "0"; };
  return check_joined(*joined, [&](std::size_t row, const Cell& flag,
                                   std::optional<std::size_t> last_row, const Cell& last_flag) {
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
  std::vector<std::size_t> failing;
  for (const auto& [child, rows] : now->by_child) {
    auto it = before->by_child.find(child);
    if (it == before->by_child.end()) continue;
    for (const StatusRow& status : rows) {
      for (const StatusRow& last_status : it->second) {
        if (is_uasc(status.flag) && !is_uasc(last_status.flag)) failing.push_back(status.row);
      }
    }
  }
  return failing_rows(now->from_header ? "Header" : "UASC", std::move(failing));
}

}  // namespace safeguard::ssda903
