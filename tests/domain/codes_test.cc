// Proves that the DfE code lists shipped with Safeguard load, that they match
// data/reference/codelists.csv in the source tree, that every list the validators use exists, and
// that a code is checked against the date it applies to: PLACE K3 only from April 2025, H5 and Z1
// only up to March 2025, LS D1 only up to 2005. A refusal names the field, the value, the date,
// the codes allowed then and the file where the lists are kept, so a social worker or a data
// officer can put it right.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/codes.h"

namespace safeguard::domain {
namespace {

const CodeLists& standard() {
  static const CodeLists lists = [] {
    auto loaded = CodeLists::load_standard();
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message;
      return CodeLists();
    }
    return std::move(loaded).value();
  }();
  return lists;
}

Date on(const char* iso) { return *Date::parse_iso(iso); }

bool contains_text(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(StandardCodeLists, Load) {
  auto loaded = CodeLists::load_standard();
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_FALSE(loaded->allowed("PLACE").empty());
}

// The lists are compiled into the binary; this proves the copy is the file in the source tree.
TEST(StandardCodeLists, MatchTheFileInTheSourceTree) {
  std::ifstream file(std::string(SAFEGUARD_SOURCE_DIR) + "/data/reference/codelists.csv",
                     std::ios::binary);
  ASSERT_TRUE(file) << "cannot read data/reference/codelists.csv";
  std::stringstream text;
  text << file.rdbuf();
  auto from_file = CodeLists::parse(text.str());
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;
  for (const char* list : {"PLACE", "LS", "SEX", "Sex", "ETHNIC", "REC", "ReferralSource", "ACCOM",
                           "UPNunknown", "CategoryOfAbuse"}) {
    EXPECT_EQ(from_file->allowed(list), standard().allowed(list)) << list;
  }
}

// Every list a validator checks against exists and is not empty: a typo in a list name would
// otherwise refuse every record with an internal error.
TEST(StandardCodeLists, HoldEveryListTheValidatorsUse) {
  for (const char* list :
       {"Sex", "ETHNIC", "UPNunknown", "ReferralSource", "PrimaryNeedCode", "ReasonForClosure",
        "CategoryOfAbuse", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "REC",
        "REASON_PLACE_CHANGE", "REVIEW_CODE", "MISSING", "IN_TOUCH", "ACTIV", "ACCOM"}) {
    EXPECT_FALSE(standard().allowed(list).empty()) << list;
  }
  // The temporary and "other" placements whose PLACE_PROVIDER must be blank are real codes.
  for (const char* code : {"T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"}) {
    EXPECT_NE(standard().find("PLACE", code), nullptr) << code;
  }
}

TEST(StandardCodeLists, ValidityPeriodsAreInOrder) {
  for (const char* list : {"PLACE", "LS", "SEX", "REC", "PLACE_PROVIDER", "ETHNIC"}) {
    for (const std::string& code : standard().allowed(list)) {
      const Code* entry = standard().find(list, code);
      ASSERT_NE(entry, nullptr);
      if (entry->valid_from && entry->valid_to) {
        EXPECT_LE(*entry->valid_from, *entry->valid_to) << list << " " << code;
      }
    }
  }
}

TEST(CodeCheck, UnknownPlacementIsRefusedNamingFieldValueAndWhereCodesAreListed) {
  Status status = standard().check("PLACE", "PLACE", "Z9", on("2024-05-01"));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::kInvalid);
  const std::string& message = status.error().message;
  EXPECT_TRUE(contains_text(message, "PLACE")) << message;
  EXPECT_TRUE(contains_text(message, "'Z9'")) << message;
  EXPECT_TRUE(contains_text(message, "data/reference/codelists.csv")) << message;
  EXPECT_TRUE(contains_text(message, "on 2024-05-01")) << message;
  EXPECT_TRUE(contains_text(message, "U4")) << "the allowed codes are listed: " << message;
}

// A code that exists but only in other collection years.
struct DatedCode {
  const char* list;
  const char* code;
  const char* date;
  bool accepted;
  const char* validity;  // what the refusal must say about when the code is valid
};

class CodeValidOnlyInSomeYears : public testing::TestWithParam<DatedCode> {};

TEST_P(CodeValidOnlyInSomeYears, IsCheckedAgainstTheDateItAppliesTo) {
  const DatedCode& c = GetParam();
  Status status = standard().check(c.list, c.list, c.code, on(c.date));
  EXPECT_EQ(standard().contains(c.list, c.code, on(c.date)), c.accepted);
  if (c.accepted) {
    EXPECT_TRUE(status.ok()) << status.error().message;
    return;
  }
  ASSERT_FALSE(status.ok()) << c.list << " " << c.code << " accepted on " << c.date;
  const std::string& message = status.error().message;
  EXPECT_TRUE(contains_text(message, std::string("'") + c.code + "'")) << message;
  EXPECT_TRUE(contains_text(message, c.validity)) << message;
  EXPECT_TRUE(contains_text(message, std::string("on ") + c.date)) << message;
  EXPECT_TRUE(contains_text(message, kCodeListsPath)) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Years, CodeValidOnlyInSomeYears,
    testing::Values(
        // K3 (registered supported accommodation) arrives in 2025/26.
        DatedCode{"PLACE", "K3", "2024-05-01", false, "valid only from 2025-04-01"},
        DatedCode{"PLACE", "K3", "2025-03-31", false, "valid only from 2025-04-01"},
        DatedCode{"PLACE", "K3", "2025-04-01", true, ""},
        DatedCode{"PLACE", "K3", "2025-05-01", true, ""},
        // H5 (semi-independent living) goes at the end of 2024/25.
        DatedCode{"PLACE", "H5", "2024-05-01", true, ""},
        DatedCode{"PLACE", "H5", "2025-03-31", true, ""},
        DatedCode{"PLACE", "H5", "2025-04-01", false, "valid only up to 2025-03-31"},
        DatedCode{"PLACE", "H5", "2025-05-01", false, "valid only up to 2025-03-31"},
        // Z1 is split into Z11-Z14 from 2025/26.
        DatedCode{"PLACE", "Z1", "2024-05-01", true, ""},
        DatedCode{"PLACE", "Z1", "2025-05-01", false, "valid only up to 2025-03-31"},
        DatedCode{"PLACE", "Z11", "2024-05-01", false, "valid only from 2025-04-01"},
        DatedCode{"PLACE", "Z11", "2025-05-01", true, ""},
        // Freeing orders ended in 2005.
        DatedCode{"LS", "D1", "2010-01-01", false, "valid only up to 2005-12-31"},
        DatedCode{"LS", "D1", "2005-12-31", true, ""},
        // 903 sex codes changed from 1/2 to M/F in 2024/25.
        DatedCode{"SEX", "1", "2024-04-01", false, "valid only up to 2024-03-31"},
        DatedCode{"SEX", "M", "2024-03-31", false, "valid only from 2024-04-01"},
        DatedCode{"SEX", "M", "2024-04-01", true, ""}));

TEST(CodeCheck, RefusalListsTheCodesAllowedOnThatDate) {
  Status status = standard().check("PLACE", "PLACE", "K3", on("2024-05-01"));
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(contains_text(status.error().message, "H5")) << status.error().message;
  EXPECT_FALSE(contains_text(status.error().message, "Z11")) << status.error().message;
}

TEST(CodeCheck, WithoutADateAnyYearWillDo) {
  EXPECT_TRUE(standard().check("PLACE", "PLACE", "K3").ok());
  EXPECT_TRUE(standard().check("PLACE", "PLACE", "H5").ok());
  EXPECT_TRUE(standard().check("LS", "LS", "D1").ok());
  EXPECT_FALSE(standard().check("PLACE", "PLACE", "Z9").ok());
}

TEST(CodeCheck, AnUnknownListIsAProgrammingMistake) {
  Status status = standard().check("PLACE", "NO_SUCH_LIST", "U1");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::kInternal);
  EXPECT_TRUE(contains_text(status.error().message, "NO_SUCH_LIST"));
}

TEST(CodeLists, AllowedFollowsTheDateAndTheFileOrder) {
  std::vector<std::string> before = standard().allowed("PLACE", on("2024-05-01"));
  std::vector<std::string> after = standard().allowed("PLACE", on("2025-05-01"));
  auto has = [](const std::vector<std::string>& codes, const char* code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  };
  EXPECT_TRUE(has(before, "H5") && has(before, "Z1"));
  EXPECT_FALSE(has(before, "K3") || has(before, "Z11"));
  EXPECT_TRUE(has(after, "K3") && has(after, "Z11"));
  EXPECT_FALSE(has(after, "H5") || has(after, "Z1"));
  EXPECT_EQ(standard().allowed("NO_SUCH_LIST"), std::vector<std::string>());
  EXPECT_EQ(standard().allowed("PLACE_PROVIDER"),
            (std::vector<std::string>{"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"}));
}

TEST(CodeLists, DescribeAndFindCodes) {
  EXPECT_EQ(standard().description("PLACE", "K3"), "Registered supported accommodation");
  EXPECT_EQ(standard().description("PLACE", "Z9"), "");
  const Code* k3 = standard().find("PLACE", "K3");
  ASSERT_NE(k3, nullptr);
  EXPECT_EQ(k3->valid_from, on("2025-04-01"));
  EXPECT_EQ(k3->valid_to, std::nullopt);
  EXPECT_EQ(standard().find("PLACE", "k3"), nullptr);  // codes are case sensitive
}

TEST(CodeListsParse, ReadsAnyListsInTheSameLayout) {
  auto lists = CodeLists::parse(
      "list,code,description,valid_from,valid_to\n"
      "COLOUR,R,Red,,\n"
      "COLOUR,G,Green,2020-01-01,2020-12-31\n");
  ASSERT_TRUE(lists.ok()) << lists.error().message;
  EXPECT_TRUE(lists->contains("COLOUR", "R", on("1999-01-01")));
  EXPECT_TRUE(lists->contains("COLOUR", "G", on("2020-06-01")));
  EXPECT_FALSE(lists->contains("COLOUR", "G", on("2021-01-01")));
  Status late = lists->check("colour", "COLOUR", "G", on("2021-01-01"));
  ASSERT_FALSE(late.ok());
  EXPECT_TRUE(contains_text(late.error().message, "valid only from 2020-01-01 to 2020-12-31"))
      << late.error().message;
}

TEST(CodeListsParse, RefusesAMissingColumn) {
  auto lists = CodeLists::parse("list,code,description,valid_from\nA,B,C,\n");
  ASSERT_FALSE(lists.ok());
  EXPECT_TRUE(contains_text(lists.error().message, "valid_to")) << lists.error().message;
}

TEST(CodeListsParse, RefusesABadDateNamingTheLine) {
  auto lists = CodeLists::parse(
      "list,code,description,valid_from,valid_to\n"
      "A,B,C,,\n"
      "A,D,E,01/04/2025,\n");
  ASSERT_FALSE(lists.ok());
  EXPECT_TRUE(contains_text(lists.error().message, "line 3")) << lists.error().message;
  EXPECT_TRUE(contains_text(lists.error().message, "01/04/2025")) << lists.error().message;
}

TEST(CodeListsParse, RefusesMalformedCsvNamingTheLine) {
  auto lists = CodeLists::parse("list,code,description,valid_from,valid_to\nA,\"B,C,,\n");
  ASSERT_FALSE(lists.ok());
  EXPECT_TRUE(contains_text(lists.error().message, "code lists")) << lists.error().message;
  EXPECT_TRUE(contains_text(lists.error().message, "line 2")) << lists.error().message;
}

}  // namespace
}  // namespace safeguard::domain
