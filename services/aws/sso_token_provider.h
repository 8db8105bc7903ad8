// The access token of an SSO profile, from the cache `aws sso login` writes:
// ~/.aws/sso/cache/<sha1 hex of the session name, or of the start URL in the legacy form>.json
// with accessToken and expiresAt (and, for an sso-session, refreshToken, clientId,
// clientSecret, registrationExpiresAt, region, startUrl).
//
// A token within kRefreshWindow of its expiry is refreshed through SSO OIDC CreateToken
// (grant refresh_token, AWS_ENDPOINT_URL_SSO_OIDC overrides the endpoint) when the profile uses
// an sso-session and the cache holds a refresh token and an unexpired client registration; the
// new token is written back to the cache file (mode 0600). When it cannot be refreshed, a token
// that has not expired yet is still used; an expired one is an error saying to run
// `aws sso login`.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "services/aws/http.h"
#include "services/aws/sso_profile.h"

namespace sub::aws {

class SsoTokenProvider {
 public:
  static constexpr std::chrono::minutes kRefreshWindow{5};

  SsoTokenProvider(SsoProfile profile, std::shared_ptr<HttpClient> http);

  // A usable access token. Throws sub::Error saying why there is none.
  std::string token();

  // $HOME/.aws/sso/cache/<sha1 hex of key>.json
  static std::string cache_path(const std::string& key);

 private:
  // Calls CreateToken and rewrites `cache` (the cache file's text) with the new token.
  std::string refresh(const std::string& path, std::string& cache);

  SsoProfile profile_;
  std::shared_ptr<HttpClient> http_;
};

}  // namespace sub::aws
