// Environment variables of the AWS tests: every AWS variable these tests read is unset for
// the test, the given ones are set, and all are restored afterwards.
#pragma once

#include <cstdlib>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace sub::aws {

// Sets environment variables for one test and restores them afterwards.
class EnvGuard {
 public:
  EnvGuard(std::initializer_list<std::pair<const char*, const char*>> vars) {
    for (const char* name :
         {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
          "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_REGION",
          "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_KINESIS",
          "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO",
          "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_MAX_ATTEMPTS", "AWS_EC2_METADATA_DISABLED"}) {
      const char* v = std::getenv(name);
      saved_[name] = v == nullptr ? std::nullopt : std::optional<std::string>(v);
      unsetenv(name);
    }
    for (auto [k, v] : vars) {
      if (!saved_.count(k)) {
        const char* old = std::getenv(k);
        saved_[k] = old == nullptr ? std::nullopt : std::optional<std::string>(old);
      }
      setenv(k, v, 1);
    }
  }
  ~EnvGuard() {
    for (auto& [k, v] : saved_) {
      if (v) {
        setenv(k.c_str(), v->c_str(), 1);
      } else {
        unsetenv(k.c_str());
      }
    }
  }

 private:
  std::map<std::string, std::optional<std::string>> saved_;
};

}  // namespace sub::aws
