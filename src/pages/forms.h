// The forms people fill in (record a visit, add a case note, allocate a case), read from their
// fields and checked the GOV.UK way: every problem is a FieldError naming the field and saying
// what to do, shown in the error summary at the top and beside the field. Pure: fields in,
// values or errors out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "http/request.h"
#include "pages/view.h"

namespace safeguard::pages {

using Fields = http::ParameterMap;

// The longest texts accepted, so one form cannot fill the database.
inline constexpr std::size_t kMaxNoteLength = 20'000;
inline constexpr std::size_t kMaxSubjectLength = 200;
inline constexpr std::size_t kMaxReasonLength = 2'000;

struct FieldError {
  std::string field;    // the key templates use: {{#error.date}}
  std::string element;  // the id of the input to focus from the summary: "date-day"
  std::string message;  // what to do: "Enter the date of the visit"
};

class FormErrors {
 public:
  void add(std::string field, std::string element, std::string message);
  bool empty() const { return errors_.empty(); }
  const std::vector<FieldError>& all() const { return errors_; }
  // The first message about `field`, if any.
  std::optional<std::string> message_for(std::string_view field) const;
  // has_errors, error_list [{id, message}] and error {field: message} for the templates.
  void add_to(Data& data) const;

 private:
  std::vector<FieldError> errors_;
};

// The value of a field with surrounding white space trimmed; "" when absent.
std::string field(const Fields& fields, std::string_view name);

// A GOV.UK date input: fields `<name>-day`, `<name>-month`, `<name>-year`. `what` names the date
// in messages ("Date of the visit"). Refuses a date after `latest` (today) or before `earliest`,
// whose meaning `earliest_words` gives ("the child's date of birth").
std::optional<Date> read_date(const Fields& fields, std::string_view name, std::string_view what,
                              Date latest, std::optional<Date> earliest,
                              std::string_view earliest_words, FormErrors& errors);

// Copies the date input's three fields into data["value"] as <name>_day, <name>_month and
// <name>_year (date_day ... for the input named "date").
void add_date_values(const Fields& fields, std::string_view name, Data& values);

struct VisitForm {
  Date date;
  bool child_seen = false;
  bool seen_alone = false;
  std::string note;
};
// `first_name` is the child's, for messages ("Select yes if Amy was seen").
std::optional<VisitForm> read_visit_form(const Fields& fields, Date today,
                                         std::optional<Date> date_of_birth,
                                         std::string_view first_name, FormErrors& errors);

struct NoteForm {
  Date date;
  std::string subject;
  std::string text;
};
std::optional<NoteForm> read_note_form(const Fields& fields, Date today,
                                       std::optional<Date> date_of_birth, FormErrors& errors);

struct AllocationForm {
  std::int64_t worker_id = 0;
  std::string reason;
};
// `worker_ids` are the workers the case may go to; anything else is refused.
std::optional<AllocationForm> read_allocation_form(const Fields& fields,
                                                   const std::vector<std::int64_t>& worker_ids,
                                                   FormErrors& errors);

}  // namespace safeguard::pages
