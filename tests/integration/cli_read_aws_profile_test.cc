// `substation read --aws` with the credentials of a profile instead of keys in the
// environment: an SSO profile (its token cache in a temporary HOME, a fake SSO portal on
// loopback) and a credential_process profile, then moto; an SSO profile whose token is
// missing fails with one line saying to run `aws sso login`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "services/aws/options.h"
#include "services/aws/s3.h"
#include "tests/integration/cli_process.h"
#include "tests/integration/moto_fixture.h"
#include "tests/integration/s3_bucket.h"
#include "tests/unit/http_test_server.h"

namespace sub::itest {
namespace {

constexpr const char* kBucket = "cli-read-aws-profile";
constexpr const char* kKey = "events.jsonl";
// sha1("my-sso"): the token cache file of sso-session my-sso.
constexpr const char* kSessionCache = "0ad374308c5a4e22f723adf10145eafad7c4031c.json";

class CliReadAwsProfile : public MotoTest {
 protected:
  void SetUp() override {
    MotoTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    aws::S3Client s3(aws::make_client_options());
    itest::create_bucket(s3, kBucket);
    s3.put_object(kBucket, kKey, "{\"a\":1}\n{\"b\":2}\n", {});

    char tmpl[] = "/tmp/sub-cli-profile-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    home_ = tmpl;
    std::filesystem::create_directories(home_ / ".aws/sso/cache");
    std::ofstream(home_ / ".aws/config")
        << "[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\n"
           "sso_role_name = ReadOnly\n\n[sso-session my-sso]\n"
           "sso_start_url = https://my-sso-portal.awsapps.com/start\nsso_region = eu-west-1\n\n"
           "[profile proc]\ncredential_process = printf "
           "'{\"Version\":1,\"AccessKeyId\":\"AKPROC\",\"SecretAccessKey\":\"S\"}'\n";
    portal_.set_default(
        {200,
         R"({"roleCredentials":{"accessKeyId":"ASIAPORTAL","secretAccessKey":"portal-secret",)"
         R"("sessionToken":"portal-session","expiration":1893456000000}})",
         {},
         {}});
  }
  void TearDown() override {
    if (!home_.empty()) std::filesystem::remove_all(home_);
  }

  void write_valid_token() const {
    std::time_t later = std::time(nullptr) + 3600;
    std::tm tm{};
    gmtime_r(&later, &tm);
    char buf[32];
    std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::ofstream(home_ / ".aws/sso/cache" / kSessionCache)
        << R"({"accessToken":"cached-token","expiresAt":")" << buf << R"("})";
  }

  // The environment of the child: no keys, only the profile.
  std::map<std::string, std::string> profile_env(const std::string& profile) const {
    return {{"HOME", home_.string()},
            {"AWS_PROFILE", profile},
            {"AWS_ACCESS_KEY_ID", ""},
            {"AWS_SECRET_ACCESS_KEY", ""},
            {"AWS_ENDPOINT_URL_SSO", portal_.url("")}};
  }

  static std::string url() { return std::string("s3://") + kBucket + "/" + kKey; }

  sub::testing::HttpTestServer portal_;
  std::filesystem::path home_;
};

TEST_F(CliReadAwsProfile, SsoProfile) {
  write_valid_token();
  const CliResult r =
      run_cli({"read", "--aws", url()}, std::chrono::seconds(60), profile_env("dev"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out), (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"}));
  auto reqs = portal_.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].target, "/federation/credentials?account_id=111122223333&role_name=ReadOnly");
  EXPECT_EQ(reqs[0].header("x-amz-sso_bearer_token"), "cached-token");
}

TEST_F(CliReadAwsProfile, CredentialProcessProfile) {
  const CliResult r =
      run_cli({"read", "--aws", url()}, std::chrono::seconds(60), profile_env("proc"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out), (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"}));
  EXPECT_EQ(portal_.count(), 0u);
}

TEST_F(CliReadAwsProfile, SsoProfileWithoutTokenSaysToLogIn) {
  const CliResult r =
      run_cli({"read", "--aws", url()}, std::chrono::seconds(60), profile_env("dev"));
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("aws sso login --profile dev"), std::string::npos) << r.err;
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_EQ(portal_.count(), 0u);
}

}  // namespace
}  // namespace sub::itest
