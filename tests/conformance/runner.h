// The conformance runner: executes the vectors of ../shared/conformance (see its
// README.md) against the registered transforms, conditions and the message API.
#pragma once

#include <string>
#include <vector>

#include "config/node.h"
#include "core/message.h"

namespace sub::conformance {

struct Outcome {
  enum class Status { kPass, kFail, kNotImplemented };
  Status status = Status::kPass;
  std::string detail;  // why it failed: expected vs got, or the error

  static Outcome pass() { return {}; }
  static Outcome fail(std::string why) { return {Status::kFail, std::move(why)}; }
  static Outcome not_implemented(std::string why) {
    return {Status::kNotImplemented, std::move(why)};
  }
};

// One vector of each kind. Never throw: errors become failures.
Outcome run_transform_vector(const config::Node& v);
Outcome run_condition_vector(const config::Node& v);
Outcome run_message_vector(const config::Node& v);
Outcome run_helper_vector(const config::Node& v);

// The name a vector is grouped under in the report: `type`, `op` or `function`.
std::string vector_type(const config::Node& v);

// Shared helpers.
// A member's string, or "" when absent.
std::string str_member(const config::Node& v, std::string_view key);
// The bytes of a `{"data": ...}` / `{"data_b64": ...}` object (`field` names which).
std::string bytes_of(const config::Node& m, std::string_view field = "data");
// An input message: `{"control": true}`, data / data_b64 and optional metadata.
Message message_of(const config::Node& m);
// Bytes shown readably (JSON-like quoting, non-printable bytes as \xNN).
std::string quote(std::string_view bytes);
// True if `error` says a component type is not registered.
bool is_unknown_type_error(std::string_view error);

// Sets TZ for the lifetime of the object, restoring the previous value afterwards.
class ScopedTz {
 public:
  explicit ScopedTz(const config::Node* env);
  ~ScopedTz();
  ScopedTz(const ScopedTz&) = delete;
  ScopedTz& operator=(const ScopedTz&) = delete;

 private:
  bool active_ = false;
  bool had_old_ = false;
  std::string old_;
};

}  // namespace sub::conformance
