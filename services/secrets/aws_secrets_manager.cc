#include "services/secrets/aws_secrets_manager.h"

#include "core/error.h"
#include "services/aws/options.h"

namespace sub::secrets {

std::unique_ptr<Source> AwsSecretsManager::from_settings(const config::Settings& s) {
  const config::Settings aws = s.child("aws");
  std::string arn = aws.string("arn");
  if (arn.empty()) aws.missing("arn");
  try {
    return std::make_unique<AwsSecretsManager>(
        arn, aws::client_options_for_arn(arn, aws.string("assume_role_arn")));
  } catch (const Error& e) {
    aws.fail("arn", e.what());
  }
}

std::optional<std::string> AwsSecretsManager::fetch() {
  aws::SecretsManagerClient::Secret s = client_.get_secret_value(arn_);
  if (!s.has_string) return std::nullopt;
  return std::move(s.string);
}

}  // namespace sub::secrets
