// Password hashing with argon2id (libsodium's crypto_pwhash_str at the INTERACTIVE limits): the
// stored string carries its own salt and parameters. Only this module includes libsodium.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace safeguard::auth {

// Refuses passwords shorter than this.
inline constexpr std::size_t kMinimumPasswordLength = 10;

// Initialises libsodium; safe to call more than once. Every function here calls it.
Status initialise_crypto();

// The argon2id string to store, or an error (password too short, out of memory). Only the demo
// authority's published sign-ins ("demo-iro") pass a shorter minimum.
Result<std::string> hash_password(std::string_view password,
                                  std::size_t minimum_length = kMinimumPasswordLength);
// True when `password` matches `stored_hash`; false for any malformed hash.
bool verify_password(std::string_view stored_hash, std::string_view password);

// A new random token (32 bytes, hex), for session cookies and CSRF tokens.
std::string new_token();
// The hash of a token as stored (BLAKE2b-256, hex): a stolen database yields no usable cookie.
std::string token_hash(std::string_view token);
// Compares two strings in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace safeguard::auth
