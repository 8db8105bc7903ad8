// SSO profiles (sso-session and legacy) against a fake SSO portal, SSO OIDC and STS on
// loopback: a temporary HOME holds ~/.aws/config and the token cache `aws sso login` writes.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "core/error.h"
#include "core/json/path.h"
#include "services/aws/credentials.h"
#include "services/aws/sso_token_provider.h"
#include "tests/unit/aws_env_guard.h"
#include "tests/unit/http_test_server.h"

namespace sub::aws {
namespace {

using std::chrono::system_clock;
using sub::testing::HttpTestServer;

// sha1("my-sso") and sha1("https://legacy.awsapps.com/start"), computed with sha1sum.
constexpr const char* kSessionCache = "0ad374308c5a4e22f723adf10145eafad7c4031c.json";
constexpr const char* kLegacyCache = "79e435d7a515078e81c9dffc35f38d5687ebd3a7.json";

constexpr const char* kConfig = R"([profile dev]
sso_session = my-sso
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = us-west-2

[sso-session my-sso]
sso_start_url = https://my-sso-portal.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-2
sso_account_id = 444455556666
sso_role_name = Admin

[profile chained]
role_arn = arn:aws:iam::111122223333:role/Target
source_profile = dev
role_session_name = chained-session
region = us-east-1

[profile static-first]
aws_access_key_id = STATIC
aws_secret_access_key = STATIC-SECRET
sso_session = my-sso
sso_account_id = 111122223333
sso_role_name = ReadOnly
credential_process = exit 9

[profile sso-first]
sso_session = my-sso
sso_account_id = 111122223333
sso_role_name = ReadOnly
credential_process = exit 9

[profile no-section]
sso_session = missing-session
sso_account_id = 1
sso_role_name = R

[profile legacy-incomplete]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-2
sso_account_id = 444455556666
)";

constexpr const char* kPortalReply =
    R"({"roleCredentials":{"accessKeyId":"ASIAPORTAL","secretAccessKey":"portal-secret",)"
    R"("sessionToken":"portal-session","expiration":1893456000000}})";

std::string iso(system_clock::time_point t) {
  std::time_t secs = system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class SsoCredentials : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sub-sso-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    home_ = tmpl;
    std::filesystem::create_directories(home_ / ".aws/sso/cache");
    std::ofstream(home_ / ".aws/config") << kConfig;
    portal_url_ = portal_.url("");
    oidc_url_ = oidc_.url("");
    sts_url_ = sts_.url("");
    env_.emplace(std::initializer_list<std::pair<const char*, const char*>>{
        {"HOME", home_.c_str()},
        {"AWS_ENDPOINT_URL_SSO", portal_url_.c_str()},
        {"AWS_ENDPOINT_URL_SSO_OIDC", oidc_url_.c_str()},
        {"AWS_ENDPOINT_URL_STS", sts_url_.c_str()},
        {"AWS_MAX_ATTEMPTS", "1"},
        {"AWS_EC2_METADATA_DISABLED", "true"}});
    portal_.set_default({200, kPortalReply, {}, {}});
  }
  void TearDown() override {
    env_.reset();
    std::filesystem::remove_all(home_);
  }

  std::filesystem::path cache_file(const char* name) const {
    return home_ / ".aws/sso/cache" / name;
  }
  void write_cache(const char* name, const std::string& json) const {
    std::ofstream(cache_file(name)) << json;
  }
  // A refreshable sso-session cache whose token expires at `expires`.
  std::string session_cache(system_clock::time_point expires) const {
    return R"({"startUrl":"https://my-sso-portal.awsapps.com/start","region":"eu-west-1",)"
           R"("accessToken":"old-token","expiresAt":")" +
           iso(expires) +
           R"(","clientId":"client-id","clientSecret":"client-secret",)"
           R"("registrationExpiresAt":")" +
           iso(system_clock::now() + std::chrono::hours(24 * 30)) +
           R"(","refreshToken":"old-refresh"})";
  }
  static std::string error_of(const std::string& profile) {
    try {
      ProfileProvider(profile, nullptr).get();
    } catch (const Error& e) {
      return e.what();
    }
    ADD_FAILURE() << "profile " << profile << " gave credentials";
    return "";
  }

  HttpTestServer portal_, oidc_, sts_;
  std::filesystem::path home_;
  std::string portal_url_, oidc_url_, sts_url_;
  std::optional<EnvGuard> env_;
};

TEST_F(SsoCredentials, CachePathIsSha1OfTheKey) {
  EXPECT_EQ(SsoTokenProvider::cache_path("my-sso"), (cache_file(kSessionCache)).string());
  EXPECT_EQ(SsoTokenProvider::cache_path("https://legacy.awsapps.com/start"),
            (cache_file(kLegacyCache)).string());
}

TEST_F(SsoCredentials, SsoSessionWithValidToken) {
  write_cache(kSessionCache, R"({"accessToken":"cached-token","expiresAt":")" +
                                 iso(system_clock::now() + std::chrono::hours(1)) + R"("})");
  Credentials c = ProfileProvider("dev", nullptr).get();
  EXPECT_EQ(c.access_key_id, "ASIAPORTAL");
  EXPECT_EQ(c.secret_access_key, "portal-secret");
  EXPECT_EQ(c.session_token, "portal-session");
  EXPECT_EQ(system_clock::to_time_t(c.expiration), 1893456000);
  auto reqs = portal_.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "GET");
  EXPECT_EQ(reqs[0].target, "/federation/credentials?account_id=111122223333&role_name=ReadOnly");
  EXPECT_EQ(reqs[0].header("x-amz-sso_bearer_token"), "cached-token");
  EXPECT_FALSE(reqs[0].has("authorization"));  // the portal call is not signed
  EXPECT_EQ(oidc_.count(), 0u);
}

TEST_F(SsoCredentials, ActiveProfileFromAwsProfile) {
  EnvGuard profile({{"HOME", home_.c_str()},
                    {"AWS_ENDPOINT_URL_SSO", portal_url_.c_str()},
                    {"AWS_EC2_METADATA_DISABLED", "true"},
                    {"AWS_PROFILE", "dev"}});
  write_cache(kSessionCache, R"({"accessToken":"cached-token","expiresAt":")" +
                                 iso(system_clock::now() + std::chrono::hours(1)) + R"("})");
  Credentials c = default_credentials("", "", nullptr)->get();
  EXPECT_EQ(c.access_key_id, "ASIAPORTAL");
  EXPECT_EQ(portal_.count(), 1u);
}

TEST_F(SsoCredentials, LegacyProfile) {
  write_cache(kLegacyCache,
              R"({"startUrl":"https://legacy.awsapps.com/start","region":"us-east-2",)"
              R"("accessToken":"legacy-token","expiresAt":")" +
                  iso(system_clock::now() + std::chrono::hours(2)) + R"("})");
  Credentials c = ProfileProvider("legacy", nullptr).get();
  EXPECT_EQ(c.access_key_id, "ASIAPORTAL");
  auto reqs = portal_.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].target, "/federation/credentials?account_id=444455556666&role_name=Admin");
  EXPECT_EQ(reqs[0].header("x-amz-sso_bearer_token"), "legacy-token");
}

TEST_F(SsoCredentials, ExpiredTokenIsRefreshedAndCacheRewritten) {
  write_cache(kSessionCache, session_cache(system_clock::now() - std::chrono::hours(1)));
  ::chmod(cache_file(kSessionCache).c_str(), 0644);
  oidc_.script({200,
                R"({"accessToken":"new-token","expiresIn":28800,"refreshToken":"new-refresh",)"
                R"("tokenType":"Bearer"})",
                {},
                {}});
  Credentials c = ProfileProvider("dev", nullptr).get();
  EXPECT_EQ(c.access_key_id, "ASIAPORTAL");

  auto token_reqs = oidc_.requests();
  ASSERT_EQ(token_reqs.size(), 1u);
  EXPECT_EQ(token_reqs[0].method, "POST");
  EXPECT_EQ(token_reqs[0].target, "/token");
  const std::string& body = token_reqs[0].body;
  EXPECT_EQ(json::get(body, "grantType").to_string(), "refresh_token");
  EXPECT_EQ(json::get(body, "clientId").to_string(), "client-id");
  EXPECT_EQ(json::get(body, "clientSecret").to_string(), "client-secret");
  EXPECT_EQ(json::get(body, "refreshToken").to_string(), "old-refresh");

  auto portal_reqs = portal_.requests();
  ASSERT_EQ(portal_reqs.size(), 1u);
  EXPECT_EQ(portal_reqs[0].header("x-amz-sso_bearer_token"), "new-token");

  const std::string cache = slurp(cache_file(kSessionCache));
  EXPECT_EQ(json::get(cache, "accessToken").to_string(), "new-token");
  EXPECT_EQ(json::get(cache, "refreshToken").to_string(), "new-refresh");
  EXPECT_EQ(json::get(cache, "clientId").to_string(), "client-id");
  EXPECT_EQ(json::get(cache, "startUrl").to_string(), "https://my-sso-portal.awsapps.com/start");
  system_clock::time_point expires = parse_iso8601(json::get(cache, "expiresAt").to_string());
  EXPECT_GT(expires, system_clock::now() + std::chrono::hours(7));
  struct stat st {};
  ASSERT_EQ(::stat(cache_file(kSessionCache).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // Nothing left behind beside the cache file.
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(home_ / ".aws/sso/cache")) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 1u);
}

TEST_F(SsoCredentials, TokenNearExpiryIsRefreshed) {
  write_cache(kSessionCache, session_cache(system_clock::now() + std::chrono::minutes(2)));
  oidc_.script({200, R"({"accessToken":"new-token","expiresIn":3600})", {}, {}});
  ProfileProvider("dev", nullptr).get();
  EXPECT_EQ(oidc_.count(), 1u);
  ASSERT_EQ(portal_.count(), 1u);
  EXPECT_EQ(portal_.requests()[0].header("x-amz-sso_bearer_token"), "new-token");
  // Without a new refresh token in the answer the old one is kept.
  EXPECT_EQ(json::get(slurp(cache_file(kSessionCache)), "refreshToken").to_string(), "old-refresh");
}

TEST_F(SsoCredentials, FailedRefreshOfStillValidTokenUsesIt) {
  write_cache(kSessionCache, session_cache(system_clock::now() + std::chrono::minutes(2)));
  oidc_.script({500, R"({"error":"server_error"})", {}, {}});
  ProfileProvider("dev", nullptr).get();
  EXPECT_EQ(oidc_.count(), 1u);
  ASSERT_EQ(portal_.count(), 1u);
  EXPECT_EQ(portal_.requests()[0].header("x-amz-sso_bearer_token"), "old-token");
  EXPECT_EQ(json::get(slurp(cache_file(kSessionCache)), "accessToken").to_string(), "old-token");
}

TEST_F(SsoCredentials, ExpiredTokenWithoutRefreshTokenSaysToLogIn) {
  write_cache(kSessionCache, R"({"accessToken":"old-token","expiresAt":")" +
                                 iso(system_clock::now() - std::chrono::minutes(1)) + R"("})");
  std::string err = error_of("dev");
  EXPECT_NE(err.find("aws profile dev"), std::string::npos) << err;
  EXPECT_NE(err.find("expired"), std::string::npos) << err;
  EXPECT_NE(err.find("aws sso login --profile dev"), std::string::npos) << err;
  EXPECT_NE(err.find("--sso-session my-sso"), std::string::npos) << err;
  EXPECT_EQ(err.find("old-token"), std::string::npos) << err;
  EXPECT_EQ(oidc_.count(), 0u);
  EXPECT_EQ(portal_.count(), 0u);
}

TEST_F(SsoCredentials, ExpiredLegacyTokenSaysToLogIn) {
  write_cache(kLegacyCache, R"({"accessToken":"legacy-token","refreshToken":"r","clientId":"c",)"
                            R"("clientSecret":"s","expiresAt":")" +
                                iso(system_clock::now() - std::chrono::hours(3)) + R"("})");
  std::string err = error_of("legacy");
  EXPECT_NE(err.find("cannot be refreshed"), std::string::npos) << err;
  EXPECT_NE(err.find("aws sso login --profile legacy"), std::string::npos) << err;
  EXPECT_EQ(oidc_.count(), 0u);
  EXPECT_EQ(portal_.count(), 0u);
}

TEST_F(SsoCredentials, ExpiredClientRegistrationSaysToLogIn) {
  write_cache(kSessionCache, R"({"accessToken":"old-token","refreshToken":"r","clientId":"c",)"
                             R"("clientSecret":"s","registrationExpiresAt":")" +
                                 iso(system_clock::now() - std::chrono::hours(1)) +
                                 R"(","expiresAt":")" +
                                 iso(system_clock::now() - std::chrono::hours(3)) + R"("})");
  std::string err = error_of("dev");
  EXPECT_NE(err.find("client registration expired"), std::string::npos) << err;
  EXPECT_NE(err.find("aws sso login --profile dev"), std::string::npos) << err;
  EXPECT_EQ(oidc_.count(), 0u);
}

TEST_F(SsoCredentials, RefreshRejectedSaysToLogIn) {
  write_cache(kSessionCache, session_cache(system_clock::now() - std::chrono::hours(1)));
  oidc_.script({400,
                R"({"error":"invalid_grant","error_description":"expired refresh token"})",
                {{"x-amzn-ErrorType", "InvalidGrantException"}},
                {}});
  std::string err = error_of("dev");
  EXPECT_NE(err.find("InvalidGrantException"), std::string::npos) << err;
  EXPECT_NE(err.find("aws sso login --profile dev"), std::string::npos) << err;
  EXPECT_EQ(err.find("client-secret"), std::string::npos) << err;
  EXPECT_EQ(portal_.count(), 0u);
}

TEST_F(SsoCredentials, MissingCacheSaysToLogIn) {
  std::string err = error_of("dev");
  EXPECT_NE(err.find("no cached SSO token"), std::string::npos) << err;
  EXPECT_NE(err.find(kSessionCache), std::string::npos) << err;
  EXPECT_NE(err.find("aws sso login --profile dev"), std::string::npos) << err;
}

TEST_F(SsoCredentials, PortalForbiddenIsAClearError) {
  write_cache(kSessionCache, R"({"accessToken":"cached-token","expiresAt":")" +
                                 iso(system_clock::now() + std::chrono::hours(1)) + R"("})");
  portal_.script(
      {403, R"({"message":"No access"})", {{"x-amzn-ErrorType", "ForbiddenException"}}, {}});
  std::string err = error_of("dev");
  EXPECT_NE(err.find("aws profile dev: SSO GetRoleCredentials (account 111122223333, role "
                     "ReadOnly)"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("ForbiddenException: No access (HTTP 403)"), std::string::npos) << err;
  EXPECT_EQ(err.find("cached-token"), std::string::npos) << err;
}

TEST_F(SsoCredentials, PortalUnauthorizedSaysToLogIn) {
  write_cache(kSessionCache, R"({"accessToken":"cached-token","expiresAt":")" +
                                 iso(system_clock::now() + std::chrono::hours(1)) + R"("})");
  portal_.script({401,
                  R"({"message":"Session token not found or invalid"})",
                  {{"x-amzn-ErrorType", "UnauthorizedException"}},
                  {}});
  std::string err = error_of("dev");
  EXPECT_NE(err.find("UnauthorizedException"), std::string::npos) << err;
  EXPECT_NE(err.find("aws sso login --profile dev"), std::string::npos) << err;
}

TEST_F(SsoCredentials, SourceProfileChainsToSsoProfile) {
  write_cache(kSessionCache, R"({"accessToken":"cached-token","expiresAt":")" +
                                 iso(system_clock::now() + std::chrono::hours(1)) + R"("})");
  sts_.script({200,
               "<AssumeRoleResponse><AssumeRoleResult><Credentials>"
               "<AccessKeyId>ASIASTS</AccessKeyId><SecretAccessKey>sts-secret</SecretAccessKey>"
               "<SessionToken>sts-session</SessionToken>"
               "<Expiration>2030-01-01T00:00:00Z</Expiration>"
               "</Credentials></AssumeRoleResult></AssumeRoleResponse>",
               {},
               {}});
  Credentials c = ProfileProvider("chained", nullptr).get();
  EXPECT_EQ(c.access_key_id, "ASIASTS");
  EXPECT_EQ(c.secret_access_key, "sts-secret");
  EXPECT_EQ(c.session_token, "sts-session");
  EXPECT_EQ(system_clock::to_time_t(c.expiration), 1893456000);
  EXPECT_EQ(portal_.count(), 1u);
  auto reqs = sts_.requests();
  ASSERT_EQ(reqs.size(), 1u);
  // AssumeRole is signed with the SSO role credentials.
  EXPECT_NE(reqs[0].header("authorization").find("Credential=ASIAPORTAL/"), std::string::npos)
      << reqs[0].header("authorization");
  EXPECT_EQ(reqs[0].header("x-amz-security-token"), "portal-session");
  EXPECT_NE(reqs[0].body.find("RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FTarget"),
            std::string::npos)
      << reqs[0].body;
  EXPECT_NE(reqs[0].body.find("RoleSessionName=chained-session"), std::string::npos);
}

TEST_F(SsoCredentials, StaticKeysWinOverSsoAndProcess) {
  Credentials c = ProfileProvider("static-first", nullptr).get();
  EXPECT_EQ(c.access_key_id, "STATIC");
  EXPECT_EQ(c.secret_access_key, "STATIC-SECRET");
  EXPECT_EQ(portal_.count(), 0u);
}

TEST_F(SsoCredentials, SsoWinsOverProcess) {
  write_cache(kSessionCache, R"({"accessToken":"cached-token","expiresAt":")" +
                                 iso(system_clock::now() + std::chrono::hours(1)) + R"("})");
  EXPECT_EQ(ProfileProvider("sso-first", nullptr).get().access_key_id, "ASIAPORTAL");
}

TEST_F(SsoCredentials, IncompleteSettingsAreNamed) {
  std::string err = error_of("no-section");
  EXPECT_NE(err.find("no [sso-session missing-session] in the config file"), std::string::npos)
      << err;
  err = error_of("legacy-incomplete");
  EXPECT_NE(err.find("missing sso_role_name"), std::string::npos) << err;
  EXPECT_EQ(portal_.count(), 0u);
}

}  // namespace
}  // namespace sub::aws
