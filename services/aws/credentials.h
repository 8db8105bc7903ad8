// Credential sources and the standard provider chain: environment, shared config and
// credentials files (AWS_PROFILE; static keys, role_arn + source_profile,
// web_identity_token_file, IAM Identity Center (SSO) profiles as sso_provider.h, and
// credential_process as process_provider.h), web identity (AWS_WEB_IDENTITY_TOKEN_FILE +
// AWS_ROLE_ARN via STS AssumeRoleWithWebIdentity), the ECS container endpoint
// (AWS_CONTAINER_CREDENTIALS_FULL_URI / _RELATIVE_URI), and EC2 IMDSv2. STS AssumeRole wraps
// any source for `aws.assume_role_arn`. CachingProvider refreshes before expiry and is
// thread-safe. Nothing is global: the owner of a provider owns its cache.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "services/aws/client.h"
#include "services/aws/credentials_provider.h"
#include "services/aws/http.h"

namespace sub::aws {

class StaticProvider : public CredentialsProvider {
 public:
  explicit StaticProvider(Credentials creds) : creds_(std::move(creds)) {}
  Credentials get() override { return creds_; }

 private:
  Credentials creds_;
};

// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN.
class EnvProvider : public CredentialsProvider {
 public:
  Credentials get() override;
};

// A profile of the shared files (see profile.h). A profile with role_arn assumes the role
// with the credentials of its source_profile (any kind below) or credential_source; otherwise
// its static keys win over its SSO settings, which win over its credential_process.
class ProfileProvider : public CredentialsProvider {
 public:
  // Empty name: AWS_PROFILE, else "default".
  ProfileProvider(std::string name, std::shared_ptr<HttpClient> http);
  Credentials get() override;

 private:
  Credentials resolve(const std::string& name, int depth);
  std::string name_;
  std::shared_ptr<HttpClient> http_;
};

class WebIdentityProvider : public CredentialsProvider {
 public:
  // Empty arguments are read from AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN,
  // AWS_ROLE_SESSION_NAME.
  WebIdentityProvider(std::string token_file, std::string role_arn, std::string session_name,
                      std::string region, std::shared_ptr<HttpClient> http);
  Credentials get() override;

 private:
  std::string token_file_, role_arn_, session_name_, region_;
  std::shared_ptr<HttpClient> http_;
};

class ContainerProvider : public CredentialsProvider {
 public:
  explicit ContainerProvider(std::shared_ptr<HttpClient> http) : http_(std::move(http)) {}
  Credentials get() override;

 private:
  std::shared_ptr<HttpClient> http_;
};

class ImdsProvider : public CredentialsProvider {
 public:
  explicit ImdsProvider(std::shared_ptr<HttpClient> http) : http_(std::move(http)) {}
  Credentials get() override;

 private:
  std::shared_ptr<HttpClient> http_;
};

// STS AssumeRole with credentials from `source`.
class AssumeRoleProvider : public CredentialsProvider {
 public:
  AssumeRoleProvider(std::shared_ptr<CredentialsProvider> source, std::string role_arn,
                     std::string session_name, std::string region, std::shared_ptr<HttpClient> http,
                     std::string external_id = "");
  Credentials get() override;

 private:
  std::shared_ptr<CredentialsProvider> source_;
  std::string role_arn_, session_name_, region_, external_id_;
  std::shared_ptr<HttpClient> http_;
};

// The first provider that yields credentials; remembers it for later calls. A
// ConfiguredSourceError (a profile that names a source which failed) ends the search.
class ChainProvider : public CredentialsProvider {
 public:
  explicit ChainProvider(std::vector<std::shared_ptr<CredentialsProvider>> providers)
      : providers_(std::move(providers)) {}
  Credentials get() override;

 private:
  std::vector<std::shared_ptr<CredentialsProvider>> providers_;
  std::mutex mu_;
  std::shared_ptr<CredentialsProvider> chosen_;
};

// Caches the credentials of `inner` and fetches new ones `refresh_before` their expiry.
class CachingProvider : public CredentialsProvider {
 public:
  using Clock = std::chrono::system_clock;
  explicit CachingProvider(std::shared_ptr<CredentialsProvider> inner,
                           std::chrono::seconds refresh_before = std::chrono::minutes(5),
                           std::function<Clock::time_point()> now = &Clock::now);
  Credentials get() override;

 private:
  std::shared_ptr<CredentialsProvider> inner_;
  std::chrono::seconds refresh_before_;
  std::function<Clock::time_point()> now_;
  std::mutex mu_;
  bool have_ = false;
  Credentials cached_;
};

// The standard chain (cached), optionally wrapped in AssumeRole (cached) for
// `assume_role_arn`. `region` signs the STS calls.
std::shared_ptr<CredentialsProvider> default_credentials(std::string region,
                                                         std::string assume_role_arn,
                                                         std::shared_ptr<HttpClient> http);

// A client of a service that hands out credentials (STS, the SSO portal, SSO OIDC): the
// environment's retry policy and a 30 s bound per call; `creds` null for unsigned calls,
// an empty region is us-east-1.
Client credential_service_client(const Service& service, std::string region,
                                 std::shared_ptr<CredentialsProvider> creds,
                                 std::shared_ptr<HttpClient> http);

// Parses an ISO 8601 UTC time ("2011-07-15T23:28:33.359Z"); the epoch on failure.
std::chrono::system_clock::time_point parse_iso8601(std::string_view s);

}  // namespace sub::aws
