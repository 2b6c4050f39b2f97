// Passwords are stored as argon2id strings and checked against them; tokens are random and stored
// only as hashes.
#include "auth/passwords.h"

#include <gtest/gtest.h>

#include <set>

namespace safeguard::auth {
namespace {

TEST(Passwords, HashIsArgon2idAndVerifiesOnlyTheRightPassword) {
  auto hashed = hash_password("correct horse battery");
  ASSERT_TRUE(hashed) << hashed.error().message;
  EXPECT_EQ(hashed->rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(hashed->find("correct horse"), std::string::npos);
  EXPECT_TRUE(verify_password(*hashed, "correct horse battery"));
  EXPECT_FALSE(verify_password(*hashed, "correct horse batterz"));
  EXPECT_FALSE(verify_password(*hashed, ""));
}

TEST(Passwords, SamePasswordHashesDifferentlyEachTime) {
  auto first = hash_password("the same password");
  auto second = hash_password("the same password");
  ASSERT_TRUE(first && second);
  EXPECT_NE(*first, *second);  // a fresh salt each time
}

TEST(Passwords, ShortPasswordIsRefusedWithTheMinimum) {
  auto hashed = hash_password("short");
  ASSERT_FALSE(hashed);
  EXPECT_NE(hashed.error().message.find("10 characters"), std::string::npos);
}

TEST(Passwords, MalformedStoredHashNeverVerifies) {
  EXPECT_FALSE(verify_password("", "anything at all"));
  EXPECT_FALSE(verify_password("not a hash", "not a hash"));
  EXPECT_FALSE(verify_password(std::string(500, 'x'), "anything at all"));
}

TEST(Tokens, AreRandomHexAndHashDeterministically) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string token = new_token();
    EXPECT_EQ(token.size(), 64u);
    EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_TRUE(seen.insert(token).second);
  }
  std::string token = new_token();
  EXPECT_EQ(token_hash(token), token_hash(token));
  EXPECT_NE(token_hash(token), token);
  EXPECT_NE(token_hash(token), token_hash(new_token()));
}

TEST(Tokens, ConstantTimeEqualComparesExactly) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

}  // namespace
}  // namespace safeguard::auth
