#include "cin_census/support.h"

#include <cctype>
#include <charconv>

namespace safeguard::cin_census {

namespace {

std::optional<int> number(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  text = trimmed(text);
  auto cut = text.find_first_of("T ");
  if (cut != std::string_view::npos) text = text.substr(0, cut);
  std::optional<int> year, month, day;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    year = number(text.substr(0, 4));
    month = number(text.substr(5, 2));
    day = number(text.substr(8, 2));
  } else if (text.size() == 10 && text[2] == '-' && text[5] == '-') {
    day = number(text.substr(0, 2));
    month = number(text.substr(3, 2));
    year = number(text.substr(6, 4));
  } else {
    auto first = text.find('/');
    auto second = first == std::string_view::npos ? first : text.find('/', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    day = number(text.substr(0, first));
    month = number(text.substr(first + 1, second - first - 1));
    std::string_view year_text = text.substr(second + 1);
    if (year_text.size() != 4) return std::nullopt;
    year = number(year_text);
  }
  if (!year || !month || !day) return std::nullopt;
  auto date = Date::from_ymd(*year, *month, *day);
  if (!date) return std::nullopt;
  return *date;
}

std::optional<Date> date_at(const Table& table, std::size_t row, std::string_view column) {
  const Cell& cell = table.cell(row, column);
  if (!cell) return std::nullopt;
  return parse_date(*cell);
}

bool blank(const Table& table, std::size_t row, std::string_view column) {
  const Cell& cell = table.cell(row, column);
  return !cell || trimmed(*cell).empty();
}

std::vector<std::string> codes_in(std::string_view text) {
  std::vector<std::string> codes;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view code = trimmed(text.substr(start, end - start));
    if (!code.empty()) codes.emplace_back(code);
    start = end + 1;
  }
  return codes;
}

std::string key_of(const Table& table, std::size_t row,
                   std::initializer_list<std::string_view> columns) {
  std::string key;
  for (std::string_view column : columns) {
    if (!key.empty()) key += '|';
    key += table.text(row, column);
  }
  return key;
}

Date reference_date(const RuleInput& input) {
  if (const Table* header = input.census.find("Header")) {
    for (std::size_t row = 0; row < header->row_count; ++row) {
      if (auto date = date_at(*header, row, "ReferenceDate")) return *date;
    }
  }
  return input.metadata.reference_date;
}

Date collection_start(const RuleInput& input) {
  return reference_date(input).plus_years(-1).plus_days(1);
}

std::string upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

}  // namespace safeguard::cin_census

namespace safeguard::cin_census {

bool is_yes(std::string_view value) {
  std::string flag = upper(value);
  return flag == "1" || flag == "TRUE";
}

bool is_valid_yes_no(std::string_view value) {
  std::string flag = upper(value);
  return flag == "1" || flag == "0" || flag == "TRUE" || flag == "FALSE";
}

bool in_list(std::string_view value, std::initializer_list<std::string_view> list) {
  for (std::string_view each : list) {
    if (each == value) return true;
  }
  return false;
}

}  // namespace safeguard::cin_census

namespace safeguard::cin_census {

long weekdays_between(Date from, Date to) {
  if (to <= from) return 0;
  // Whole weeks hold five weekdays each; walk only the days left over (fewer than seven).
  long days = from.days_until(to);
  long count = (days / 7) * 5;
  Date day = from.plus_days(static_cast<std::int32_t>((days / 7) * 7));
  for (long left = days % 7; left > 0; --left) {
    day = day.plus_days(1);
    if (day.weekday() < 5) ++count;
  }
  return count;
}

std::map<std::string, std::vector<std::size_t>> group_rows(
    const Table& table, std::initializer_list<std::string_view> on) {
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t row = 0; row < table.row_count; ++row) {
    groups[key_of(table, row, on)].push_back(row);
  }
  return groups;
}

}  // namespace safeguard::cin_census
