// The `environment_variable` secret source.
//
// Settings (besides the common `id` and `ttl_offset`):
//   name  (required) the environment variable to read
// An unset variable yields no value (no error), as in the reference.
#pragma once

#include <string>

#include "services/secrets/source.h"

namespace sub::secrets {

class EnvironmentVariable final : public Source {
 public:
  explicit EnvironmentVariable(std::string name) : name_(std::move(name)) {}
  std::optional<std::string> fetch() override;

 private:
  const std::string name_;
};

}  // namespace sub::secrets
