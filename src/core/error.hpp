// Typed errors of the core. Every user-facing failure is one of these, with a
// sentence the user can act on; the CLI and the bindings translate them once.
#pragma once
#include <stdexcept>
#include <string>

namespace incrementa {

enum class ErrorCode { Input, Csv, Config, Numeric, Cancelled, Internal };

inline const char* error_code_name(ErrorCode c) {
  switch (c) {
    case ErrorCode::Input: return "input";
    case ErrorCode::Csv: return "csv";
    case ErrorCode::Config: return "config";
    case ErrorCode::Numeric: return "numeric";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Internal: return "internal";
  }
  return "internal";
}

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

// Bad values or options given by the user (unknown column, wrong type, out of range).
struct InputError : Error {
  explicit InputError(const std::string& m) : Error(ErrorCode::Input, m) {}
};
// A malformed CSV file: the message names the source, line and column.
struct CsvError : Error {
  explicit CsvError(const std::string& m) : Error(ErrorCode::Csv, m) {}
};
// A malformed options/config document.
struct ConfigError : Error {
  explicit ConfigError(const std::string& m) : Error(ErrorCode::Config, m) {}
};
// A numerical failure the user can fix (singular design, separation, no variance).
struct NumericError : Error {
  explicit NumericError(const std::string& m) : Error(ErrorCode::Numeric, m) {}
};
// Work stopped because the caller asked for it.
struct CancelledError : Error {
  CancelledError() : Error(ErrorCode::Cancelled, "cancelled") {}
};

}  // namespace incrementa
