#include "domain/codes.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "csv/csv.h"

extern const std::string_view safeguard_embedded_codelists_csv;

namespace safeguard::domain {

Result<CodeLists> CodeLists::load_standard() { return parse(safeguard_embedded_codelists_csv); }

Result<CodeLists> CodeLists::parse(std::string_view csv_text) {
  auto table = csv::parse_table(csv_text);
  if (!table) return Error::invalid("code lists: " + table.error().message);
  auto list_column = table->column("list");
  auto code_column = table->column("code");
  auto description_column = table->column("description");
  auto from_column = table->column("valid_from");
  auto to_column = table->column("valid_to");
  if (!list_column || !code_column || !description_column || !from_column || !to_column) {
    return Error::invalid(
        "code lists: the header must name list, code, description, valid_from and valid_to");
  }
  CodeLists lists;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    Code code{row[*code_column], row[*description_column], std::nullopt, std::nullopt};
    for (auto [column, target] :
         {std::pair{*from_column, &code.valid_from}, std::pair{*to_column, &code.valid_to}}) {
      if (row[column].empty()) continue;
      auto date = Date::parse_iso(row[column]);
      if (!date) {
        return Error::invalid(
            fmt::format("code lists line {}: {}", table->line_numbers[r], date.error().message));
      }
      *target = *date;
    }
    lists.lists_[row[*list_column]].push_back(std::move(code));
  }
  return lists;
}

const Code* CodeLists::find(std::string_view list, std::string_view code) const {
  auto found = lists_.find(list);
  if (found == lists_.end()) return nullptr;
  for (const auto& entry : found->second) {
    if (entry.code == code) return &entry;
  }
  return nullptr;
}

bool CodeLists::contains(std::string_view list, std::string_view code,
                         std::optional<Date> date) const {
  const Code* entry = find(list, code);
  return entry != nullptr && (!date || entry->valid_on(*date));
}

std::vector<std::string> CodeLists::allowed(std::string_view list, std::optional<Date> date) const {
  std::vector<std::string> codes;
  auto found = lists_.find(list);
  if (found == lists_.end()) return codes;
  for (const auto& entry : found->second) {
    if (!date || entry.valid_on(*date)) codes.push_back(entry.code);
  }
  return codes;
}

std::string CodeLists::description(std::string_view list, std::string_view code) const {
  const Code* entry = find(list, code);
  return entry ? entry->description : std::string();
}

Status CodeLists::check(std::string_view field, std::string_view list, std::string_view code,
                        std::optional<Date> date) const {
  const Code* entry = find(list, code);
  if (entry != nullptr && (!date || entry->valid_on(*date))) return Status::success();
  if (lists_.find(list) == lists_.end()) {
    return Error::internal(fmt::format("no code list named {}", list));
  }
  std::string when = date ? fmt::format(" on {}", date->iso()) : std::string();
  std::string allowed_codes = fmt::format("{}", fmt::join(allowed(list, date), ", "));
  std::string where = fmt::format("(the {} list in {})", list, kCodeListsPath);
  if (entry == nullptr) {
    return Error::invalid(fmt::format("{} '{}' is not a code in the DfE list; allowed{}: {} {}",
                                      field, code, when, allowed_codes, where));
  }
  std::string validity;
  if (entry->valid_from && entry->valid_to) {
    validity = fmt::format("from {} to {}", entry->valid_from->iso(), entry->valid_to->iso());
  } else if (entry->valid_from) {
    validity = fmt::format("from {}", entry->valid_from->iso());
  } else {
    validity = fmt::format("up to {}", entry->valid_to->iso());
  }
  return Error::invalid(fmt::format("{} '{}' is valid only {}, not{}; allowed then: {} {}", field,
                                    code, validity, when, allowed_codes, where));
}

}  // namespace safeguard::domain
