#include "services/aws/sso_provider.h"

#include "core/error.h"
#include "core/json/path.h"
#include "services/aws/client.h"
#include "services/aws/credentials.h"
#include "services/aws/endpoint.h"
#include "services/aws/error.h"
#include "services/aws/sso_token_provider.h"

namespace sub::aws {

SsoProvider::SsoProvider(SsoProfile profile, std::shared_ptr<HttpClient> http)
    : profile_(std::move(profile)), http_(std::move(http)) {}

Credentials SsoProvider::get() {
  const std::string token = SsoTokenProvider(profile_, http_).token();
  const std::string what = "aws profile " + profile_.profile +
                           ": SSO GetRoleCredentials (account " + profile_.account_id + ", role " +
                           profile_.role_name + ")";
  Client portal = credential_service_client(kSso, profile_.region, nullptr, http_);

  Request req;
  req.method = "GET";
  req.path = "/federation/credentials";
  append_query(req.query, "account_id", profile_.account_id);
  append_query(req.query, "role_name", profile_.role_name);
  req.headers.emplace_back("x-amz-sso_bearer_token", token);
  Client::Call call;
  call.operation = "GetRoleCredentials";
  std::string body;
  try {
    body = portal.send(std::move(req), call).body;
  } catch (const ServiceError& e) {
    std::string msg = what + ": " + e.what();
    // The portal no longer accepts the token (signed out, or revoked).
    if (e.status() == 401) msg += "; " + profile_.login_hint();
    throw Error(msg);
  } catch (const Error& e) {
    throw Error(what + ": " + e.what());
  }
  Credentials c;
  c.access_key_id = json::get(body, "roleCredentials.accessKeyId").to_string();
  c.secret_access_key = json::get(body, "roleCredentials.secretAccessKey").to_string();
  c.session_token = json::get(body, "roleCredentials.sessionToken").to_string();
  const int64_t expiration_ms = json::get(body, "roleCredentials.expiration").to_int();
  if (expiration_ms > 0) {
    c.expiration = std::chrono::system_clock::time_point(std::chrono::milliseconds(expiration_ms));
  }
  if (c.empty()) throw Error(what + ": the response has no roleCredentials");
  return c;
}

}  // namespace sub::aws
