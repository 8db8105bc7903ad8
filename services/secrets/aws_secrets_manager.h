// The `aws_secrets_manager` secret source.
//
// Settings (besides the common `id` and `ttl_offset`):
//   aws.arn              (required) the secret's ARN (SecretId); gives the region
//   aws.assume_role_arn  role assumed through STS for the call
// The value is the secret's SecretString; a binary-only secret yields no value.
#pragma once

#include <memory>
#include <string>

#include "config/settings.h"
#include "services/aws/secrets_manager.h"
#include "services/secrets/source.h"

namespace sub::secrets {

class AwsSecretsManager final : public Source {
 public:
  AwsSecretsManager(std::string arn, aws::ClientOptions options)
      : arn_(std::move(arn)), client_(std::move(options)) {}

  // Builds the source from the secret's `settings` (errors name the setting).
  static std::unique_ptr<Source> from_settings(const config::Settings& settings);

  std::optional<std::string> fetch() override;

 private:
  const std::string arn_;
  const aws::SecretsManagerClient client_;
};

}  // namespace sub::secrets
