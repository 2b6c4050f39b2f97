// Synthetic identifiers look real to every check and belong to no one.
#include "synthetic/names.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "synthetic/demo_authority.h"
#include "synthetic/random.h"

namespace safeguard::synthetic {
namespace {

bool valid_nhs_number(const std::string& value) {
  if (value.size() != 10) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (value[static_cast<std::size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check != 10 && check == value[9] - '0';
}

TEST(SyntheticNames, NhsNumbersAreInTheTestRangeWithValidCheckDigits) {
  std::set<std::string> distinct;
  for (std::uint64_t i = 0; i < 20'000; ++i) {
    std::string number = nhs_number(mix(1, i));
    ASSERT_TRUE(valid_nhs_number(number)) << number;
    ASSERT_EQ(number.substr(0, 3), "999") << number;
    distinct.insert(number);
  }
  EXPECT_GT(distinct.size(), 19'000u);
}

TEST(SyntheticNames, UniquePupilNumbersHaveThirteenCharactersAndTheirCheckLetter) {
  const std::regex shape("[A-HJ-NP-RT-Z]999[0-9]{9}");
  for (std::uint64_t i = 0; i < 5'000; ++i) {
    std::string upn = unique_pupil_number(mix(2, i));
    ASSERT_TRUE(std::regex_match(upn, shape)) << upn;
    EXPECT_EQ(upn[0], upn_check_letter(std::string_view(upn).substr(1))) << upn;
  }
  // The check letter is the weighted sum of characters 2-13 (weights 2-13) modulo 23.
  EXPECT_EQ(upn_check_letter("000000000000"), 'A');
  EXPECT_EQ(upn_check_letter("100000000000"), 'C');  // 1 x 2 = 2
  EXPECT_EQ(upn_check_letter("000000000001"), 'P');  // 1 x 13 = 13
}

TEST(SyntheticNames, PostcodesAreInTheFictionalArea) {
  const std::regex shape("NB([1-9]|1[0-8]) [0-9][ABD-HJLNP-UW-Z]{2}");
  for (std::uint64_t i = 0; i < 2'000; ++i) {
    int district = 1 + static_cast<int>(i % kPostcodeDistricts);
    std::string code = postcode(district, mix(3, i));
    ASSERT_TRUE(std::regex_match(code, shape)) << code;
    EXPECT_EQ(code.substr(0, code.find(' ')), outward_code(district));
  }
  EXPECT_FALSE(street_address(12345).empty());
  EXPECT_FALSE(out_of_area_outward_codes().empty());
}

TEST(SyntheticNames, NameListsHaveNoBlanks) {
  for (auto list : {boys_names(), girls_names(), family_names()}) {
    EXPECT_GE(list.size(), 50u);
    for (std::string_view name : list) EXPECT_FALSE(name.empty());
  }
}

TEST(SyntheticNames, DefaultEndDateIsTheEndOfMarch2026) {
  EXPECT_EQ(kDefaultDemoEndDate.iso(), "2026-03-31");
  EXPECT_EQ(DemoOptions{}.end_date, kDefaultDemoEndDate);
}

}  // namespace
}  // namespace safeguard::synthetic
