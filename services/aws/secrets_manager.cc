#include "services/aws/secrets_manager.h"

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"

namespace sub::aws {

SecretsManagerClient::Secret SecretsManagerClient::get_secret_value(std::string_view id) const {
  std::string body = "{\"SecretId\":";
  json::append_go_string(body, id);
  body += "}";
  const std::string resp = client_.json("secretsmanager.GetSecretValue", std::move(body), "1.1");
  Secret s;
  const json::Value str = json::get(resp, "SecretString");
  if (str.exists() && str.type() == json::Value::Type::kString) {
    s.string = std::string(str.str());
    s.has_string = true;
  }
  const json::Value bin = json::get(resp, "SecretBinary");
  if (bin.exists() && !json::base64_decode(bin.to_string(), s.binary)) {
    throw Error("aws secretsmanager GetSecretValue " + std::string(id) +
                ": SecretBinary is not base64");
  }
  return s;
}

}  // namespace sub::aws
