// Credentials of an SSO profile (see sso_profile.h): the cached access token
// (sso_token_provider.h) exchanged at the SSO portal, GetRoleCredentials
// (GET https://portal.sso.<sso_region>.amazonaws.com/federation/credentials, or
// AWS_ENDPOINT_URL_SSO), for the profile's account and role.
#pragma once

#include <memory>

#include "services/aws/credentials_provider.h"
#include "services/aws/http.h"
#include "services/aws/sso_profile.h"

namespace sub::aws {

class SsoProvider : public CredentialsProvider {
 public:
  SsoProvider(SsoProfile profile, std::shared_ptr<HttpClient> http);
  Credentials get() override;

 private:
  SsoProfile profile_;
  std::shared_ptr<HttpClient> http_;
};

}  // namespace sub::aws
