// A set of AWS credentials.
#pragma once

#include <chrono>
#include <string>

namespace sub::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  // When the credentials stop working; the epoch (default) means never.
  std::chrono::system_clock::time_point expiration{};

  bool empty() const { return access_key_id.empty() || secret_access_key.empty(); }
  bool expires() const { return expiration != std::chrono::system_clock::time_point{}; }
};

}  // namespace sub::aws
