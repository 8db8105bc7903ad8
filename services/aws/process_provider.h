// Credentials from a profile's `credential_process`: the command runs through /bin/sh -c and
// prints {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}
// (ISO 8601) on stdout. A command that fails, outlives the timeout or prints anything else
// gives an error naming the profile and the exit status (with the start of stderr), never
// what it printed on stdout: that may hold secrets.
#pragma once

#include <chrono>
#include <string>

#include "services/aws/credentials_provider.h"

namespace sub::aws {

class ProcessProvider : public CredentialsProvider {
 public:
  // The AWS SDKs give the command a minute.
  static constexpr std::chrono::milliseconds kDefaultTimeout{std::chrono::minutes(1)};

  ProcessProvider(std::string profile, std::string command,
                  std::chrono::milliseconds timeout = kDefaultTimeout);
  Credentials get() override;

 private:
  std::string profile_, command_;
  std::chrono::milliseconds timeout_;
};

}  // namespace sub::aws
