// The one error idiom of the codebase.
//
// Everything that can fail throws sub::Error (or a subclass). The message is a single line
// that says where the problem is:
//   - configuration errors name the transform (its id/type), its index in the chain and the
//     settings key: `transform object_copy (transforms:3): object.source_key: missing required
//     option`
//   - data errors name the transform, its index (nested: its key, as configuration errors
//     spell it) and the message field: `transform hash_md5 (transforms:2): object.source_key
//     "a.b": ...` (transform/chain.cc, transform::StepError)
// Threads never let an exception escape: workers catch and hand the Error to the caller.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sub {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

// A problem with the configuration, found while building a pipeline.
class ConfigError : public Error {
 public:
  explicit ConfigError(const std::string& what) : Error(what) {}
};

// The message of an exception a worker thread caught (`unknown error` for a non-standard
// one), for the thread that reports it.
inline std::string describe(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "unknown error";
  }
}

// Reasons used across factories (the reference's three error classes).
inline constexpr std::string_view kMissingRequiredOption = "missing required option";
inline constexpr std::string_view kInvalidOption = "invalid option";
inline constexpr std::string_view kInvalidFactoryInput = "invalid factory input";

}  // namespace sub
