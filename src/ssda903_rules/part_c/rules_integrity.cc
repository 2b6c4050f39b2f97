// The integrity checks between the tables of a return: EPI (a child in the Header with no episode
// or care leaver record), NoE (an episode begun before this year with none last year), INT01-INT09
// (a child missing from the Header), INT11-INT18 and INT21 (DOB or SEX differing from the Header)
// and INT31-INT36 (a child given more than once in a table with one row per child).
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ssda903_rules/part_c/support_c.h"

namespace safeguard::ssda903::part_c {
namespace {

// EPI: a child in the Header with no episode and no care leaver (OC3) record.
RuleFailures check_epi(const RuleInput& input) {
  auto header = columns_of<1>(input.data.find("Header"), {"CHILD"});
  if (!header) return {};
  ChildrenIn in_episodes(input, input.data.find("Episodes"));
  ChildrenIn leavers(input, input.data.find("OC3"));
  std::vector<std::size_t> failing;
  const Column* child = (*header)[0];
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    const Cell& id = child->cells[row];
    if (!id || (!in_episodes.contains(*id) && !leavers.contains(*id))) failing.push_back(row);
  }
  return failing_rows("Header", std::move(failing));
}

// NoE: an episode that started before this collection year for a child with no episode last year.
RuleFailures check_noe(const RuleInput& input) {
  auto episodes = columns_of<2>(input.data.find("Episodes"), {"CHILD", "DECOM"});
  const Table* last = input.data.find("Episodes_last");
  if (!episodes || !column_of(last, "CHILD")) return {};
  ChildrenIn last_year(input, last);
  auto [child, decom] = *episodes;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    auto started = parse_date(decom->cells[row]);
    if (!started || *started >= input.metadata.collection_start) continue;
    if (!child->cells[row] || !last_year.contains(*child->cells[row])) failing.push_back(row);
  }
  return failing_rows("Episodes", std::move(failing));
}

// INT01-INT09: the rows of `table` whose child is not in the Header.
RuleFailures child_not_in_header(const RuleInput& input, std::string_view table) {
  const Table* header = input.data.find("Header");
  auto rows = columns_of<1>(input.data.find(table), {"CHILD"});
  if (!rows || !column_of(header, "CHILD")) return {};
  ChildrenIn children(input, header);
  std::vector<std::size_t> failing;
  const Column* child = (*rows)[0];
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row] || !children.contains(*child->cells[row])) failing.push_back(row);
  }
  return failing_rows(table, std::move(failing));
}

// INT11-INT18 (DOB, compared as dates) and INT21 (SEX, compared as given): the rows of `table`
// whose child's `field` differs from the Header's, where both are given.
RuleFailures differs_from_header(const RuleInput& input, std::string_view table,
                                 std::string_view field, bool as_date) {
  const Table* header_table = input.data.find("Header");
  auto header = columns_of<2>(header_table, {"CHILD", field});
  auto rows = columns_of<2>(input.data.find(table), {"CHILD", field});
  if (!header || !rows) return {};
  // child -> the Header's value (a child given twice in the Header is checked against each).
  struct HeaderValue {
    const Cell* cell = nullptr;
    std::optional<Date> date;         // parsed once, for DOB
    std::vector<const Cell*> others;  // the values of further Header rows of the same child
  };
  ByChild<HeaderValue> header_values(header_table->row_count);
  for (std::size_t row = 0; row < header_table->row_count; ++row) {
    const Cell& id = (*header)[0]->cells[row];
    if (!id) continue;
    bool inserted = false;
    HeaderValue& entry = header_values.get(*id, &inserted);
    const Cell& cell = (*header)[1]->cells[row];
    if (inserted) {
      entry.cell = &cell;
      if (as_date) entry.date = parse_date(cell);
    } else {
      entry.others.push_back(&cell);
    }
  }
  auto [child, value] = *rows;
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    if (!child->cells[row]) continue;
    const HeaderValue* found = header_values.find(*child->cells[row]);
    if (found == nullptr) continue;
    const Cell& own = value->cells[row];
    bool differs = false;
    if (as_date) {
      auto own_date = parse_date(own);
      if (!own_date) continue;
      differs = found->date && *found->date != *own_date;
      for (const Cell* other : found->others) {
        auto other_date = parse_date(*other);
        differs = differs || (other_date && *other_date != *own_date);
      }
    } else {
      if (!given(own)) continue;
      differs = given(*found->cell) && **found->cell != *own;
      for (const Cell* other : found->others)
        differs = differs || (given(*other) && **other != *own);
    }
    if (differs) failing.push_back(row);
  }
  return failing_rows(table, std::move(failing));
}

// INT31-INT36: every row of a child given more than once in `table`.
RuleFailures child_more_than_once(const RuleInput& input, std::string_view table) {
  const Table* rows = input.data.find(table);
  if (!column_of(rows, "CHILD")) return {};
  const Column* child = rows->column("CHILD");
  ByChild<std::size_t> count(rows->row_count);
  for (const Cell& id : child->cells) {
    if (id) ++count.get(*id);
  }
  std::vector<std::size_t> failing;
  for (std::size_t row = 0; row < child->cells.size(); ++row) {
    const Cell& id = child->cells[row];
    if (id && *count.find(*id) > 1) failing.push_back(row);
  }
  return failing_rows(table, std::move(failing));
}

}  // namespace

void add_rules_integrity(RuleRegistry& registry) {
  registry.add("EPI", "2022_23", check_epi);
  registry.add("NoE", "2022_23", check_noe);
  struct Named {
    const char* code;
    const char* table;
  };
  for (Named rule :
       {Named{"INT01", "AD1"}, Named{"INT02", "PlacedAdoption"}, Named{"INT03", "Episodes"},
        Named{"INT04", "Missing"}, Named{"INT05", "OC2"}, Named{"INT06", "OC3"},
        Named{"INT07", "PrevPerm"}, Named{"INT08", "Reviews"}, Named{"INT09", "UASC"}}) {
    std::string table = rule.table;
    registry.add(rule.code, "2022_23",
                 [table](const RuleInput& input) { return child_not_in_header(input, table); });
  }
  for (Named rule :
       {Named{"INT11", "AD1"}, Named{"INT12", "PlacedAdoption"}, Named{"INT13", "Missing"},
        Named{"INT14", "OC2"}, Named{"INT15", "OC3"}, Named{"INT16", "PrevPerm"},
        Named{"INT17", "Reviews"}, Named{"INT18", "UASC"}}) {
    std::string table = rule.table;
    registry.add(rule.code, "2022_23", [table](const RuleInput& input) {
      return differs_from_header(input, table, "DOB", true);
    });
  }
  registry.add("INT21", "2022_23", [](const RuleInput& input) {
    return differs_from_header(input, "UASC", "SEX", false);
  });
  for (Named rule : {Named{"INT31", "AD1"}, Named{"INT32", "Header"}, Named{"INT33", "OC2"},
                     Named{"INT34", "OC3"}, Named{"INT35", "PrevPerm"}, Named{"INT36", "UASC"}}) {
    std::string table = rule.table;
    registry.add(rule.code, "2022_23",
                 [table](const RuleInput& input) { return child_more_than_once(input, table); });
  }
}

}  // namespace safeguard::ssda903::part_c
