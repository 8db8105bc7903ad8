#include "services/secrets/environment_variable.h"

#include <cstdlib>

namespace sub::secrets {

std::optional<std::string> EnvironmentVariable::fetch() {
  // getenv is safe against concurrent getenv calls; nothing in this codebase calls setenv
  // while pipelines run.
  const char* v = std::getenv(name_.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

}  // namespace sub::secrets
