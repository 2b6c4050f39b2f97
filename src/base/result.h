// Errors as values. Every failure that a user, a file or the environment can cause is returned as
// an Error carrying a message a person can act on; exceptions are kept for programming mistakes.
//
//   Result<Child> child = store.find_child(id);
//   if (!child) return child.error();
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace safeguard {

// What kind of failure, so that callers at the edges (HTTP status, exit code) can map it.
enum class ErrorKind {
  kInvalid,      // the input breaks a rule: a bad code, a missing field, a malformed file
  kNotFound,     // the record does not exist
  kForbidden,    // the actor may not do this
  kConflict,     // the action is refused because of the record's state (e.g. open cases remain)
  kUnavailable,  // the store or a file could not be reached (disk full, locked, missing)
  kCorrupt,      // stored data fails an integrity check
  kInternal,     // a bug: should never reach a user
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;

  static Error invalid(std::string message) { return {ErrorKind::kInvalid, std::move(message)}; }
  static Error not_found(std::string message) { return {ErrorKind::kNotFound, std::move(message)}; }
  static Error forbidden(std::string message) {
    return {ErrorKind::kForbidden, std::move(message)};
  }
  static Error conflict(std::string message) { return {ErrorKind::kConflict, std::move(message)}; }
  static Error unavailable(std::string message) {
    return {ErrorKind::kUnavailable, std::move(message)};
  }
  static Error corrupt(std::string message) { return {ErrorKind::kCorrupt, std::move(message)}; }
  static Error internal(std::string message) { return {ErrorKind::kInternal, std::move(message)}; }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<Error>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// A Result with no value: success, or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error)
      : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

  static Status success() { return {}; }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace safeguard

// Returns early from the enclosing function with the error of a failed Status or Result.
#define SAFEGUARD_TRY(expression)                                          \
  do {                                                                     \
    auto&& safeguard_try_result_ = (expression);                           \
    if (!safeguard_try_result_.ok()) return safeguard_try_result_.error(); \
  } while (false)
