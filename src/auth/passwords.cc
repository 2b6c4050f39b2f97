#include "auth/passwords.h"

#include <fmt/format.h>
#include <sodium.h>

namespace safeguard::auth {
namespace {

std::string to_hex(const unsigned char* bytes, std::size_t length) {
  std::string hex(length * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, length);
  hex.pop_back();
  return hex;
}

}  // namespace

Status initialise_crypto() {
  if (sodium_init() < 0) return Error::internal("libsodium could not be initialised");
  return Status::success();
}

Result<std::string> hash_password(std::string_view password, std::size_t minimum_length) {
  SAFEGUARD_TRY(initialise_crypto());
  if (password.size() < minimum_length) {
    return Error::invalid(
        fmt::format("the password must be at least {} characters", minimum_length));
  }
  char hashed[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hashed, password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error::unavailable("not enough memory to hash the password");
  }
  return std::string(hashed);
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  if (!initialise_crypto()) return false;
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string terminated(stored_hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string new_token() {
  (void)initialise_crypto();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return to_hex(bytes, sizeof bytes);
}

std::string token_hash(std::string_view token) {
  (void)initialise_crypto();
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return to_hex(digest, sizeof digest);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace safeguard::auth
