// Credential providers, profiles, region and endpoint resolution, ARNs and retry policy.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <thread>

#include "core/error.h"
#include "services/aws/arn.h"
#include "services/aws/credentials.h"
#include "services/aws/endpoint.h"
#include "services/aws/error.h"
#include "services/aws/retry.h"
#include "tests/unit/aws_env_guard.h"

namespace sub::aws {
namespace {

std::string temp_file(const std::string& name, const std::string& text) {
  std::filesystem::path p = std::filesystem::temp_directory_path() /
                            ("aws_cred_test_" + std::to_string(getpid()) + "_" + name);
  std::ofstream(p) << text;
  return p.string();
}

TEST(AwsCredentials, EnvProvider) {
  EnvGuard env(
      {{"AWS_ACCESS_KEY_ID", "AK"}, {"AWS_SECRET_ACCESS_KEY", "SK"}, {"AWS_SESSION_TOKEN", "TOK"}});
  Credentials c = EnvProvider().get();
  EXPECT_EQ(c.access_key_id, "AK");
  EXPECT_EQ(c.secret_access_key, "SK");
  EXPECT_EQ(c.session_token, "TOK");
}

TEST(AwsCredentials, EnvProviderWithoutKeysFails) {
  EnvGuard env({});
  EXPECT_THROW(EnvProvider().get(), Error);
}

TEST(AwsCredentials, ProfilesFromSharedFiles) {
  std::string creds = temp_file("credentials",
                                "[default]\naws_access_key_id = DEF\naws_secret_access_key=DEFS\n"
                                "# comment\n[dev]\naws_access_key_id=DEV\n"
                                "aws_secret_access_key = DEVS\naws_session_token = DEVT\n");
  std::string config = temp_file("config",
                                 "[default]\nregion = eu-west-1\n[profile dev]\n"
                                 "region=ap-south-1\n");
  {
    EnvGuard env(
        {{"AWS_SHARED_CREDENTIALS_FILE", creds.c_str()}, {"AWS_CONFIG_FILE", config.c_str()}});
    Credentials c = ProfileProvider("", nullptr).get();
    EXPECT_EQ(c.access_key_id, "DEF");
    EXPECT_EQ(c.secret_access_key, "DEFS");
    EXPECT_EQ(resolve_region(), "eu-west-1");
  }
  {
    EnvGuard env({{"AWS_SHARED_CREDENTIALS_FILE", creds.c_str()},
                  {"AWS_CONFIG_FILE", config.c_str()},
                  {"AWS_PROFILE", "dev"}});
    Credentials c = ProfileProvider("", nullptr).get();
    EXPECT_EQ(c.access_key_id, "DEV");
    EXPECT_EQ(c.session_token, "DEVT");
    EXPECT_EQ(resolve_region(), "ap-south-1");
    EXPECT_EQ(resolve_region("us-west-2"), "us-west-2");
  }
  {
    EnvGuard env({{"AWS_SHARED_CREDENTIALS_FILE", creds.c_str()},
                  {"AWS_CONFIG_FILE", config.c_str()},
                  {"AWS_PROFILE", "missing"}});
    EXPECT_THROW(ProfileProvider("", nullptr).get(), Error);
  }
  std::filesystem::remove(creds);
  std::filesystem::remove(config);
}

class CountingProvider : public CredentialsProvider {
 public:
  explicit CountingProvider(std::chrono::system_clock::time_point expiry) : expiry_(expiry) {}
  Credentials get() override {
    int n = ++calls;
    return Credentials{"AK" + std::to_string(n), "SK", "", expiry_};
  }
  std::atomic<int> calls{0};

 private:
  std::chrono::system_clock::time_point expiry_;
};

TEST(AwsCredentials, CachingRefreshesBeforeExpiry) {
  using namespace std::chrono;
  system_clock::time_point now = system_clock::from_time_t(1700000000);
  auto inner = std::make_shared<CountingProvider>(now + minutes(30));
  CachingProvider cache(inner, minutes(5), [&] { return now; });
  EXPECT_EQ(cache.get().access_key_id, "AK1");
  EXPECT_EQ(cache.get().access_key_id, "AK1");
  now += minutes(24);
  EXPECT_EQ(cache.get().access_key_id, "AK1");
  now += minutes(2);  // inside the 5-minute window
  EXPECT_EQ(cache.get().access_key_id, "AK2");
  EXPECT_EQ(inner->calls.load(), 2);
}

TEST(AwsCredentials, CachingIsThreadSafe) {
  auto inner = std::make_shared<CountingProvider>(std::chrono::system_clock::time_point{});
  CachingProvider cache(inner);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 1000; ++j) EXPECT_EQ(cache.get().access_key_id, "AK1");
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(inner->calls.load(), 1);
}

class FailingProvider : public CredentialsProvider {
 public:
  Credentials get() override { throw Error("nothing here"); }
};

TEST(AwsCredentials, ChainTakesFirstThatWorksAndReportsAllFailures) {
  ChainProvider chain({std::make_shared<FailingProvider>(),
                       std::make_shared<StaticProvider>(Credentials{"A", "S", "", {}})});
  EXPECT_EQ(chain.get().access_key_id, "A");
  ChainProvider none({std::make_shared<FailingProvider>(), std::make_shared<FailingProvider>()});
  try {
    none.get();
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("nothing here; nothing here"), std::string::npos);
  }
}

class ConfiguredButBrokenProvider : public CredentialsProvider {
 public:
  Credentials get() override { throw ConfiguredSourceError("aws profile p: token expired"); }
};

TEST(AwsCredentials, ChainStopsAtAConfiguredSourceThatFailed) {
  ChainProvider chain({std::make_shared<FailingProvider>(),
                       std::make_shared<ConfiguredButBrokenProvider>(),
                       std::make_shared<StaticProvider>(Credentials{"A", "S", "", {}})});
  try {
    chain.get();
    FAIL() << "the chain went on past a configured source";
  } catch (const ConfiguredSourceError& e) {
    EXPECT_STREQ(e.what(), "aws profile p: token expired");
  }
}

TEST(AwsCredentials, ParseIso8601) {
  EXPECT_EQ(std::chrono::system_clock::to_time_t(parse_iso8601("2011-07-15T23:28:33.359Z")),
            1310772513);
  EXPECT_EQ(parse_iso8601("junk"), std::chrono::system_clock::time_point{});
}

TEST(AwsArn, Parse) {
  Arn a = Arn::parse("arn:aws:kinesis:us-east-1:123456789012:stream/my-stream");
  EXPECT_EQ(a.partition, "aws");
  EXPECT_EQ(a.service, "kinesis");
  EXPECT_EQ(a.region, "us-east-1");
  EXPECT_EQ(a.account, "123456789012");
  EXPECT_EQ(a.resource, "stream/my-stream");
  EXPECT_EQ(a.resource_name(), "my-stream");
  EXPECT_EQ(Arn::parse("arn:aws:s3:::bucket").resource_name(), "bucket");
  EXPECT_EQ(Arn::parse("arn:aws:lambda:us-east-1:1:function:f:alias").resource_name(), "f:alias");
  EXPECT_THROW(Arn::parse("not-an-arn"), Error);
  EXPECT_FALSE(Arn::is_arn("my-stream"));
}

TEST(AwsEndpoint, Resolution) {
  {
    EnvGuard env({});
    Endpoint e = resolve_endpoint(kKinesis, "eu-central-1");
    EXPECT_EQ(e.scheme, "https");
    EXPECT_EQ(e.host, "kinesis.eu-central-1.amazonaws.com");
    EXPECT_FALSE(e.overridden);
    EXPECT_EQ(resolve_endpoint(kEventBridge, "cn-north-1").host,
              "events.cn-north-1.amazonaws.com.cn");
    EXPECT_THROW(resolve_endpoint(kS3, ""), Error);
  }
  {
    EnvGuard env({{"AWS_ENDPOINT_URL", "http://127.0.0.1:5000/"},
                  {"AWS_ENDPOINT_URL_KINESIS", "http://localhost:4567/base"}});
    Endpoint k = resolve_endpoint(kKinesis, "");
    EXPECT_EQ(k.host, "localhost:4567");
    EXPECT_EQ(k.base_path, "/base");
    Endpoint s = resolve_endpoint(kS3, "");
    EXPECT_EQ(s.host, "127.0.0.1:5000");
    EXPECT_EQ(s.base_path, "");
    EXPECT_TRUE(s.overridden);
  }
  {
    EnvGuard env({{"AWS_ENDPOINT_URL_S3", "ftp://x"}});
    EXPECT_THROW(resolve_endpoint(kS3, "us-east-1"), Error);
  }
  {
    EnvGuard env({{"AWS_DEFAULT_REGION", "us-west-1"}});
    EXPECT_EQ(resolve_region(), "us-west-1");
  }
}

TEST(AwsRetry, PolicyAndBackoff) {
  RetryPolicy p;
  EXPECT_TRUE(RetryPolicy::retryable_code("ThrottlingException", 400));
  EXPECT_TRUE(RetryPolicy::retryable_code("ProvisionedThroughputExceededException", 400));
  EXPECT_TRUE(RetryPolicy::retryable_code("RequestLimitExceeded", 400));
  EXPECT_TRUE(RetryPolicy::retryable_code("Whatever", 503));
  EXPECT_FALSE(RetryPolicy::retryable_code("ValidationException", 400));
  EXPECT_FALSE(RetryPolicy::retryable_code("ResourceNotFoundException", 400));
  EXPECT_EQ(p.backoff(0, 0.999).count(), 99);
  EXPECT_EQ(p.backoff(3, 0.5).count(), 400);
  EXPECT_EQ(p.backoff(30, 0.5).count(), 10000);  // capped at 20 s
  EXPECT_EQ(p.backoff(5, 0.0).count(), 0);
  {
    EnvGuard env({{"AWS_MAX_ATTEMPTS", "7"}});
    EXPECT_EQ(RetryPolicy::from_env().max_attempts, 7);
  }
  {
    EnvGuard env({{"AWS_MAX_ATTEMPTS", "x"}});
    EXPECT_THROW(RetryPolicy::from_env(), Error);
  }
  {
    EnvGuard env({});
    EXPECT_EQ(RetryPolicy::from_env().max_attempts, 3);
  }
}

}  // namespace
}  // namespace sub::aws
