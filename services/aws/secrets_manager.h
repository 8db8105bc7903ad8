// AWS Secrets Manager GetSecretValue (awsJson1.1).
#pragma once

#include <string>
#include <string_view>

#include "services/aws/client.h"

namespace sub::aws {

class SecretsManagerClient {
 public:
  explicit SecretsManagerClient(ClientOptions options)
      : client_(kSecretsManager, std::move(options)) {}

  struct Secret {
    std::string string;  // SecretString
    std::string binary;  // decoded SecretBinary
    bool has_string = false;
  };

  // `id` is a secret name or ARN.
  Secret get_secret_value(std::string_view id) const;

  const Client& client() const { return client_; }

 private:
  Client client_;
};

}  // namespace sub::aws
