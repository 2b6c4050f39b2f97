#include "pages/forms.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace safeguard::pages {
namespace {

Date day(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

Fields visit_fields(std::string d, std::string m, std::string y, std::string seen,
                    std::string alone, std::string note) {
  Fields fields;
  fields["date-day"] = d;
  fields["date-month"] = m;
  fields["date-year"] = y;
  if (!seen.empty()) fields["seen"] = seen;
  if (!alone.empty()) fields["seen_alone"] = alone;
  fields["note"] = note;
  return fields;
}

const Date kToday = day(2025, 3, 31);
const Date kBorn = day(2015, 6, 1);

TEST(VisitForm, AValidVisitIsRead) {
  FormErrors errors;
  auto form =
      read_visit_form(visit_fields(" 3", "03", "2025", "yes", "yes", " Talked about school "),
                      kToday, kBorn, "Amy", errors);
  ASSERT_TRUE(form) << (errors.empty() ? "" : errors.all()[0].message);
  EXPECT_EQ(form->date, day(2025, 3, 3));
  EXPECT_TRUE(form->child_seen);
  EXPECT_TRUE(form->seen_alone);
  EXPECT_EQ(form->note, "Talked about school");
}

TEST(VisitForm, EveryMissingAnswerIsNamedInOrder) {
  FormErrors errors;
  auto form = read_visit_form(visit_fields("", "", "", "", "", ""), kToday, kBorn, "Amy", errors);
  EXPECT_FALSE(form);
  ASSERT_EQ(errors.all().size(), 4u);
  EXPECT_EQ(errors.all()[0].field, "date");
  EXPECT_EQ(errors.all()[0].element, "date-day");
  EXPECT_EQ(errors.all()[0].message, "Enter the date of the visit");
  EXPECT_EQ(errors.all()[1].message, "Select yes if Amy was seen");
  EXPECT_EQ(errors.all()[2].message, "Select yes if Amy was seen alone");
  EXPECT_EQ(errors.all()[3].message, "Enter what happened on the visit");
}

TEST(VisitForm, SeenAloneButNotSeenIsRefused) {
  FormErrors errors;
  auto form = read_visit_form(visit_fields("3", "3", "2025", "no", "yes", "x"), kToday, kBorn,
                              "Amy", errors);
  EXPECT_FALSE(form);
  ASSERT_TRUE(errors.message_for("seen_alone"));
  EXPECT_THAT(*errors.message_for("seen_alone"), ::testing::HasSubstr("without being seen"));
}

TEST(VisitForm, TooLongANoteIsRefused) {
  FormErrors errors;
  auto form = read_visit_form(
      visit_fields("3", "3", "2025", "yes", "no", std::string(kMaxNoteLength + 1, 'a')), kToday,
      kBorn, "Amy", errors);
  EXPECT_FALSE(form);
  EXPECT_EQ(errors.message_for("note"),
            "What happened on the visit must be 20,000 characters or fewer");
  // The limit counts characters, not bytes: 20,000 two-byte letters are allowed.
  std::string letters;
  for (std::size_t i = 0; i < kMaxNoteLength; ++i) letters += "\xC3\xA9";
  FormErrors none;
  EXPECT_TRUE(read_visit_form(visit_fields("3", "3", "2025", "yes", "no", letters), kToday, kBorn,
                              "Amy", none));
}

struct DateCase {
  std::string day, month, year;
  std::string message;  // "" when valid
  std::string element;
};

class DateInput : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateInput, FollowsTheGovukMessages) {
  const DateCase& c = GetParam();
  Fields fields{{"date-day", c.day}, {"date-month", c.month}, {"date-year", c.year}};
  FormErrors errors;
  auto date = read_date(fields, "date", "date of the visit", kToday, kBorn,
                        "the child's date of birth", errors);
  if (c.message.empty()) {
    EXPECT_TRUE(date);
    EXPECT_TRUE(errors.empty());
  } else {
    EXPECT_FALSE(date);
    ASSERT_EQ(errors.all().size(), 1u);
    EXPECT_EQ(errors.all()[0].message, c.message);
    EXPECT_EQ(errors.all()[0].element, c.element);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DateInput,
    ::testing::Values(
        DateCase{"31", "3", "2025", "", ""}, DateCase{"1", "6", "2015", "", ""},
        DateCase{"", "3", "2025", "Date of the visit must include a day", "date-day"},
        DateCase{"1", "", "", "Date of the visit must include a month and year", "date-month"},
        DateCase{"30", "2", "2024", "Date of the visit must be a real date", "date-day"},
        DateCase{"x", "2", "2024", "Date of the visit must be a real date", "date-day"},
        DateCase{"1", "13", "2024", "Date of the visit must be a real date", "date-day"},
        DateCase{"-1", "2", "2024", "Date of the visit must be a real date", "date-day"},
        DateCase{"1", "2", "24", "Year must include 4 numbers", "date-year"},
        DateCase{"1", "4", "2025", "Date of the visit must be today or in the past", "date-day"},
        DateCase{"31", "5", "2015",
                 "Date of the visit must be on or after the child's date of birth (01/06/2015)",
                 "date-day"},
        DateCase{"99999999999", "1", "2024", "Date of the visit must be a real date", "date-day"}));

TEST(NoteForm, NeedsASubjectAndText) {
  Fields fields{{"date-day", "1"}, {"date-month", "3"}, {"date-year", "2025"}};
  FormErrors errors;
  EXPECT_FALSE(read_note_form(fields, kToday, kBorn, errors));
  EXPECT_EQ(errors.message_for("subject"), "Enter a subject");
  EXPECT_EQ(errors.message_for("text"), "Enter the note");
  fields["subject"] = "Call from school";
  fields["text"] = "Amy was late again.";
  FormErrors none;
  auto form = read_note_form(fields, kToday, kBorn, none);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->subject, "Call from school");
}

TEST(AllocationForm, OnlyAWorkerOfferedIsAccepted) {
  std::vector<std::int64_t> offered{7, 9};
  FormErrors errors;
  EXPECT_FALSE(read_allocation_form({{"worker", "8"}, {"reason", "New case"}}, offered, errors));
  EXPECT_EQ(errors.all()[0].element, "worker-7");
  FormErrors sql;
  EXPECT_FALSE(read_allocation_form({{"worker", "7 OR 1=1"}, {"reason", "x"}}, offered, sql));
  FormErrors no_reason;
  EXPECT_FALSE(read_allocation_form({{"worker", "9"}}, offered, no_reason));
  EXPECT_EQ(no_reason.message_for("reason"), "Enter the reason for the allocation");
  FormErrors none;
  auto form = read_allocation_form({{"worker", "9"}, {"reason", "Transfer"}}, offered, none);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->worker_id, 9);
}

TEST(FormErrors, BecomeTheSummaryAndTheFieldMessages) {
  FormErrors errors;
  errors.add("date", "date-day", "Enter the date");
  errors.add("date", "date-day", "second message about the same field");
  errors.add("note", "note", "Enter the note");
  Data data = object();
  errors.add_to(data);
  Renderer renderer;
  auto html = renderer.render_fragment("error_summary", data);
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, ::testing::HasSubstr("<a href=\"#date-day\">Enter the date</a>"));
  EXPECT_THAT(*html, ::testing::HasSubstr("<a href=\"#note\">Enter the note</a>"));
  EXPECT_EQ(data.get("error")->get("date")->string_value(), "Enter the date");
}

}  // namespace
}  // namespace safeguard::pages
