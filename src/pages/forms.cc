#include "pages/forms.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <utility>

namespace safeguard::pages {
namespace {

std::string_view trim(std::string_view text) {
  const char* blanks = " \t\r\n";
  auto first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(blanks);
  return text.substr(first, last - first + 1);
}

// A whole number of at most `max_digits` digits, nothing else.
std::optional<int> whole_number(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// Counts characters, not bytes, so a limit means the same in any script.
std::size_t character_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::optional<bool> yes_no(const Fields& fields, std::string_view name) {
  std::string value = field(fields, name);
  if (value == "yes") return true;
  if (value == "no") return false;
  return std::nullopt;
}

std::string with_thousands(std::size_t number) {
  std::string digits = std::to_string(number);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

void check_text(const Fields& fields, std::string_view name, std::string_view what,
                std::size_t max_length, std::string_view missing_message, std::string& out,
                FormErrors& errors) {
  out = field(fields, name);
  if (out.empty()) {
    errors.add(std::string(name), std::string(name), std::string(missing_message));
  } else if (character_count(out) > max_length) {
    errors.add(std::string(name), std::string(name),
               fmt::format("{} must be {} characters or fewer", what, with_thousands(max_length)));
  }
}

}  // namespace

void FormErrors::add(std::string field_name, std::string element, std::string message) {
  errors_.push_back(FieldError{std::move(field_name), std::move(element), std::move(message)});
}

std::optional<std::string> FormErrors::message_for(std::string_view field_name) const {
  for (const FieldError& error : errors_) {
    if (error.field == field_name) return error.message;
  }
  return std::nullopt;
}

void FormErrors::add_to(Data& data) const {
  data["has_errors"] = flag(!errors_.empty());
  Data summary = list();
  Data by_field = object();
  for (const FieldError& error : errors_) {
    Data item = object();
    item["id"] = error.element;
    item["message"] = error.message;
    summary << item;
    if (!by_field.get(error.field)) by_field[error.field] = error.message;
  }
  data["error_list"] = std::move(summary);
  data["error"] = std::move(by_field);
}

std::string field(const Fields& fields, std::string_view name) {
  auto found = fields.find(name);
  if (found == fields.end()) return {};
  return std::string(trim(found->second));
}

std::optional<Date> read_date(const Fields& fields, std::string_view name, std::string_view what,
                              Date latest, std::optional<Date> earliest,
                              std::string_view earliest_words, FormErrors& errors) {
  std::string day_text = field(fields, fmt::format("{}-day", name));
  std::string month_text = field(fields, fmt::format("{}-month", name));
  std::string year_text = field(fields, fmt::format("{}-year", name));
  std::string key(name);
  if (day_text.empty() && month_text.empty() && year_text.empty()) {
    errors.add(key, key + "-day",
               fmt::format("Enter the {}", what.empty() ? "date" : std::string(what)));
    return std::nullopt;
  }
  std::string What(what);
  if (!What.empty()) What[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(What[0])));
  if (day_text.empty() || month_text.empty() || year_text.empty()) {
    std::vector<std::string> missing;
    if (day_text.empty()) missing.push_back("day");
    if (month_text.empty()) missing.push_back("month");
    if (year_text.empty()) missing.push_back("year");
    std::string parts = missing[0];
    if (missing.size() == 2) parts += " and " + missing[1];
    errors.add(key, fmt::format("{}-{}", name, missing[0]),
               fmt::format("{} must include a {}", What, parts));
    return std::nullopt;
  }
  auto day = whole_number(day_text, 2);
  auto month = whole_number(month_text, 2);
  auto year = whole_number(year_text, 4);
  if (year && year_text.size() != 4) {
    errors.add(key, key + "-year", fmt::format("Year must include 4 numbers"));
    return std::nullopt;
  }
  std::optional<Date> date;
  if (day && month && year) {
    auto parsed = Date::from_ymd(*year, *month, *day);
    if (parsed) date = *parsed;
  }
  if (!date) {
    errors.add(key, key + "-day", fmt::format("{} must be a real date", What));
    return std::nullopt;
  }
  if (*date > latest) {
    errors.add(key, key + "-day", fmt::format("{} must be today or in the past", What));
    return std::nullopt;
  }
  if (earliest && *date < *earliest) {
    errors.add(key, key + "-day",
               fmt::format("{} must be on or after {} ({})", What, earliest_words, earliest->uk()));
    return std::nullopt;
  }
  return date;
}

void add_date_values(const Fields& fields, std::string_view name, Data& values) {
  values[fmt::format("{}_day", name)] = field(fields, fmt::format("{}-day", name));
  values[fmt::format("{}_month", name)] = field(fields, fmt::format("{}-month", name));
  values[fmt::format("{}_year", name)] = field(fields, fmt::format("{}-year", name));
}

std::optional<VisitForm> read_visit_form(const Fields& fields, Date today,
                                         std::optional<Date> date_of_birth,
                                         std::string_view first_name, FormErrors& errors) {
  VisitForm form;
  auto date = read_date(fields, "date", "date of the visit", today, date_of_birth,
                        "the child's date of birth", errors);
  if (date) form.date = *date;
  auto seen = yes_no(fields, "seen");
  if (!seen) errors.add("seen", "seen", fmt::format("Select yes if {} was seen", first_name));
  auto alone = yes_no(fields, "seen_alone");
  if (!alone) {
    errors.add("seen_alone", "seen_alone",
               fmt::format("Select yes if {} was seen alone", first_name));
  } else if (*alone && seen && !*seen) {
    errors.add("seen_alone", "seen_alone",
               fmt::format("{} cannot have been seen alone without being seen: select no, or "
                           "change whether {} was seen",
                           first_name, first_name));
  }
  check_text(fields, "note", "What happened on the visit", kMaxNoteLength,
             "Enter what happened on the visit", form.note, errors);
  if (!errors.empty()) return std::nullopt;
  form.child_seen = *seen;
  form.seen_alone = *alone;
  return form;
}

std::optional<NoteForm> read_note_form(const Fields& fields, Date today,
                                       std::optional<Date> date_of_birth, FormErrors& errors) {
  NoteForm form;
  auto date = read_date(fields, "date", "date of the note", today, date_of_birth,
                        "the child's date of birth", errors);
  if (date) form.date = *date;
  check_text(fields, "subject", "Subject", kMaxSubjectLength, "Enter a subject", form.subject,
             errors);
  check_text(fields, "text", "Note", kMaxNoteLength, "Enter the note", form.text, errors);
  if (!errors.empty()) return std::nullopt;
  return form;
}

std::optional<AllocationForm> read_allocation_form(const Fields& fields,
                                                   const std::vector<std::int64_t>& worker_ids,
                                                   FormErrors& errors) {
  AllocationForm form;
  std::string worker = field(fields, "worker");
  std::int64_t id = 0;
  auto [end, error] = std::from_chars(worker.data(), worker.data() + worker.size(), id);
  bool known = !worker.empty() && error == std::errc() && end == worker.data() + worker.size() &&
               std::find(worker_ids.begin(), worker_ids.end(), id) != worker_ids.end();
  std::string first_element =
      worker_ids.empty() ? "worker" : fmt::format("worker-{}", worker_ids[0]);
  if (!known) errors.add("worker", first_element, "Select the worker to allocate the case to");
  check_text(fields, "reason", "Reason", kMaxReasonLength, "Enter the reason for the allocation",
             form.reason, errors);
  if (!errors.empty()) return std::nullopt;
  form.worker_id = id;
  return form;
}

}  // namespace safeguard::pages
