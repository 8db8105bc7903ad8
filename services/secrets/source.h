// Where a secret's value comes from. Implemented by environment_variable
// here and by aws_secrets_manager in the AWS layer; registered with Secrets::add_type().
#pragma once

#include <optional>
#include <string>

namespace sub::secrets {

class Source {
 public:
  virtual ~Source() = default;
  // The current value, or nullopt when the source has none (nothing is cached then).
  // Failures to reach the source throw sub::Error.
  virtual std::optional<std::string> fetch() = 0;
};

}  // namespace sub::secrets
