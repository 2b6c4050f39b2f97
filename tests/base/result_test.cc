// Proves that Result<T> and Status carry either a value or an Error (with its kind and message),
// and that SAFEGUARD_TRY returns the first failure from the enclosing function and nothing after it
// runs.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "base/result.h"

namespace safeguard {
namespace {

Result<int> half_of(int number) {
  if (number % 2 != 0) return Error::invalid(std::to_string(number) + " is odd");
  return number / 2;
}

TEST(Result, HoldsAValue) {
  Result<int> result = half_of(10);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(static_cast<bool>(result));
  EXPECT_EQ(*result, 5);
  EXPECT_EQ(result.value(), 5);
}

TEST(Result, HoldsAnErrorWithItsKindAndMessage) {
  Result<int> result = half_of(7);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(result.error().message, "7 is odd");
}

TEST(Result, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<std::string>> result = std::make_unique<std::string>("case file");
  ASSERT_TRUE(result.ok());
  std::unique_ptr<std::string> taken = std::move(result).value();
  EXPECT_EQ(*taken, "case file");
}

TEST(Error, FactoriesSetTheKind) {
  EXPECT_EQ(Error::invalid("x").kind, ErrorKind::kInvalid);
  EXPECT_EQ(Error::not_found("x").kind, ErrorKind::kNotFound);
  EXPECT_EQ(Error::forbidden("x").kind, ErrorKind::kForbidden);
  EXPECT_EQ(Error::conflict("x").kind, ErrorKind::kConflict);
  EXPECT_EQ(Error::unavailable("x").kind, ErrorKind::kUnavailable);
  EXPECT_EQ(Error::corrupt("x").kind, ErrorKind::kCorrupt);
  EXPECT_EQ(Error::internal("x").kind, ErrorKind::kInternal);
}

TEST(Status, SuccessOrError) {
  EXPECT_TRUE(Status::success().ok());
  EXPECT_TRUE(Status().ok());
  Status failed = Error::conflict("open cases remain");
  EXPECT_FALSE(failed.ok());
  EXPECT_FALSE(static_cast<bool>(failed));
  EXPECT_EQ(failed.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(failed.error().message, "open cases remain");
}

Status quarter_into(int number, int& out, int& steps) {
  ++steps;
  auto half = half_of(number);
  SAFEGUARD_TRY(half);
  ++steps;
  auto quarter = half_of(*half);
  SAFEGUARD_TRY(quarter);
  ++steps;
  out = *quarter;
  return Status::success();
}

TEST(SafeguardTry, StopsAtTheFirstFailure) {
  int out = 0;
  int steps = 0;
  EXPECT_TRUE(quarter_into(12, out, steps).ok());
  EXPECT_EQ(out, 3);
  EXPECT_EQ(steps, 3);

  out = 0;
  steps = 0;
  Status odd_half = quarter_into(6, out, steps);  // 6 / 2 = 3 is odd
  ASSERT_FALSE(odd_half.ok());
  EXPECT_EQ(odd_half.error().message, "3 is odd");
  EXPECT_EQ(steps, 2);
  EXPECT_EQ(out, 0);

  steps = 0;
  Status odd = quarter_into(5, out, steps);
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().message, "5 is odd");
  EXPECT_EQ(steps, 1);
}

}  // namespace
}  // namespace safeguard
