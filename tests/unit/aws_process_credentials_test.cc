// credential_process profiles: the command's JSON, its expiry under CachingProvider, and the
// errors of a command that fails, prints something else or does not finish.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"
#include "services/aws/credentials.h"
#include "services/aws/process_provider.h"
#include "services/aws/shell_command.h"
#include "tests/unit/aws_env_guard.h"

namespace sub::aws {
namespace {

using std::chrono::system_clock;

std::string iso(system_clock::time_point t) {
  std::time_t secs = system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class ProcessCredentials : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sub-process-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    config_ = (dir_ / "config").string();
    env_.emplace(std::initializer_list<std::pair<const char*, const char*>>{
        {"AWS_CONFIG_FILE", config_.c_str()},
        {"AWS_SHARED_CREDENTIALS_FILE", (dir_ / "none").c_str()}});
  }
  void TearDown() override {
    env_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Writes an executable script `name` into the test directory and returns its path.
  std::string script(const std::string& name, const std::string& body) const {
    std::filesystem::path p = dir_ / name;
    std::ofstream(p) << "#!/bin/sh\n" << body;
    ::chmod(p.c_str(), 0700);
    return p.string();
  }
  // A config whose profile `proc` runs `command`.
  void profile(const std::string& command) const {
    std::ofstream(config_) << "[profile proc]\ncredential_process = " << command << "\n";
  }
  static std::string error_of(CredentialsProvider& p) {
    try {
      p.get();
    } catch (const Error& e) {
      return e.what();
    }
    ADD_FAILURE() << "credentials were returned";
    return "";
  }

  std::filesystem::path dir_;
  std::string config_;
  std::optional<EnvGuard> env_;
};

TEST_F(ProcessCredentials, CommandOutputIsTheCredentials) {
  // Arguments reach the command as the shell splits them.
  std::string s = script("creds.sh", R"(cat <<EOF
{"Version": 1, "AccessKeyId": "AKPROC", "SecretAccessKey": "proc-secret", "SessionToken": "$1"}
EOF
)");
  profile(s + " 'a session'");
  Credentials c = ProfileProvider("proc", nullptr).get();
  EXPECT_EQ(c.access_key_id, "AKPROC");
  EXPECT_EQ(c.secret_access_key, "proc-secret");
  EXPECT_EQ(c.session_token, "a session");
  EXPECT_FALSE(c.expires());
}

TEST_F(ProcessCredentials, ExpirationIsParsed) {
  std::string s =
      script("creds.sh", R"(echo '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S",)"
                         R"("Expiration":"2030-01-01T00:00:00Z"}')"
                         "\n");
  profile(s);
  Credentials c = ProfileProvider("proc", nullptr).get();
  EXPECT_EQ(system_clock::to_time_t(c.expiration), 1893456000);
}

// The command counts its runs in a file and names each set of keys after its run.
std::string counting_script_body(const std::string& counter, const std::string& expiration) {
  return "n=$(cat " + counter + " 2>/dev/null || echo 0)\nn=$((n + 1))\necho $n > " + counter +
         "\necho '{\"Version\":1,\"AccessKeyId\":\"AK'$n'\",\"SecretAccessKey\":\"S\","
         "\"Expiration\":\"" +
         expiration + "\"}'\n";
}

TEST_F(ProcessCredentials, CachingProviderRunsAgainNearExpiry) {
  const std::string counter = (dir_ / "runs").string();
  profile(script("near.sh", counting_script_body(
                                counter, iso(system_clock::now() + std::chrono::minutes(2)))));
  CachingProvider cache(std::make_shared<ProfileProvider>("proc", nullptr));
  EXPECT_EQ(cache.get().access_key_id, "AK1");
  // Two minutes left is inside the five-minute refresh window: the command runs again.
  EXPECT_EQ(cache.get().access_key_id, "AK2");
}

TEST_F(ProcessCredentials, CachingProviderKeepsCredentialsFarFromExpiry) {
  const std::string counter = (dir_ / "runs").string();
  profile(script("far.sh",
                 counting_script_body(counter, iso(system_clock::now() + std::chrono::hours(1)))));
  CachingProvider cache(std::make_shared<ProfileProvider>("proc", nullptr));
  EXPECT_EQ(cache.get().access_key_id, "AK1");
  EXPECT_EQ(cache.get().access_key_id, "AK1");
  std::ifstream in(counter);
  int runs = 0;
  in >> runs;
  EXPECT_EQ(runs, 1);
}

TEST_F(ProcessCredentials, NonZeroExitNamesProfileStatusAndStderr) {
  profile(script("fail.sh", "echo 'session expired for alice' >&2\nexit 3\n"));
  ProfileProvider p("proc", nullptr);
  std::string err = error_of(p);
  EXPECT_NE(err.find("aws profile proc: credential_process exited with status 3: session expired "
                     "for alice"),
            std::string::npos)
      << err;
}

// As the SDKs: a profile that names a credential_process which fails ends the search; the
// chain does not go on to the container or instance metadata endpoints.
TEST_F(ProcessCredentials, AFailedProcessEndsTheChain) {
  profile(script("fail.sh", "echo 'session expired for alice' >&2\nexit 3\n"));
  ChainProvider chain({std::make_shared<ProfileProvider>("proc", nullptr),
                       std::make_shared<StaticProvider>(Credentials{"A", "S", "", {}})});
  std::string err = error_of(chain);
  EXPECT_NE(err.find("credential_process exited with status 3"), std::string::npos) << err;
  EXPECT_EQ(err.find("no credentials found"), std::string::npos) << err;
}

// A profile that names no source (only a region) lets the chain go on.
TEST_F(ProcessCredentials, AProfileWithoutASourceLetsTheChainGoOn) {
  std::ofstream(config_) << "[profile proc]\nregion = us-west-2\n";
  ChainProvider chain({std::make_shared<ProfileProvider>("proc", nullptr),
                       std::make_shared<StaticProvider>(Credentials{"A", "S", "", {}})});
  EXPECT_EQ(chain.get().access_key_id, "A");
}

TEST_F(ProcessCredentials, LongStderrIsCut) {
  profile(script("loud.sh",
                 "i=0\nwhile [ $i -lt 100 ]; do echo line-$i >&2; i=$((i+1)); done\n"
                 "exit 1\n"));
  ProfileProvider p("proc", nullptr);
  std::string err = error_of(p);
  EXPECT_NE(err.find("line-0 line-1"), std::string::npos) << err;
  EXPECT_EQ(err.find("line-99"), std::string::npos) << err;
  EXPECT_NE(err.find("..."), std::string::npos) << err;
}

TEST_F(ProcessCredentials, BadOutputNeverShowsIt) {
  struct Case {
    const char* output;
    const char* expected;
  };
  for (const Case& c :
       {Case{R"(not json TOPSECRET)", "its output is not a JSON object"},
        Case{R"(["TOPSECRET"])", "its output is not a JSON object"},
        Case{R"({"Version":2,"AccessKeyId":"A","SecretAccessKey":"TOPSECRET"})",
             "its output has no \"Version\": 1"},
        Case{R"({"Version":"1","AccessKeyId":"A","SecretAccessKey":"TOPSECRET"})",
             "its output has no \"Version\": 1"},
        Case{R"({"Version":1,"AccessKeyId":"TOPSECRET"})",
             "its output has no AccessKeyId/SecretAccessKey"},
        Case{R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"TOPSECRET","Expiration":"soon"})",
             "its Expiration is not an ISO 8601 time"}}) {
    std::ofstream(dir_ / "out.json") << c.output;
    ProcessProvider p("proc", "cat " + (dir_ / "out.json").string());
    std::string err = error_of(p);
    EXPECT_NE(err.find(std::string("aws profile proc: credential_process: ") + c.expected),
              std::string::npos)
        << c.output << " -> " << err;
    EXPECT_EQ(err.find("TOPSECRET"), std::string::npos) << err;
  }
}

TEST_F(ProcessCredentials, TimeoutKillsTheCommand) {
  ProcessProvider p("proc", "echo started; sleep 30; echo never", std::chrono::milliseconds(300));
  std::string err = error_of(p);
  EXPECT_NE(err.find("aws profile proc: credential_process did not finish within 300 ms and was "
                     "killed"),
            std::string::npos)
      << err;
}

TEST_F(ProcessCredentials, ShellCommandCapturesBothStreams) {
  ShellCommandResult r =
      run_shell_command("echo out; echo err >&2; exit 4", std::chrono::seconds(10));
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_status, 4);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
  // stdin is /dev/null: a command reading it ends at once.
  r = run_shell_command("cat; echo done", std::chrono::seconds(10));
  EXPECT_EQ(r.out, "done\n");
  // A command killed by a signal.
  r = run_shell_command("kill -9 $$", std::chrono::seconds(10));
  EXPECT_EQ(r.exit_status, 128 + 9);
  // Output beyond the bound is dropped.
  r = run_shell_command("printf '%s' 0123456789", std::chrono::seconds(10), 4);
  EXPECT_EQ(r.out, "0123");
  // A background child holding stdout does not outlive the timeout.
  r = run_shell_command("sleep 30 & echo parent", std::chrono::milliseconds(300));
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.out, "parent\n");
}

TEST_F(ProcessCredentials, StaticKeysWinAndTheCommandDoesNotRun) {
  const std::string marker = (dir_ / "ran").string();
  std::ofstream(config_) << "[profile proc]\naws_access_key_id = STATIC\n"
                            "aws_secret_access_key = STATIC-SECRET\ncredential_process = touch "
                         << marker << "\n";
  EXPECT_EQ(ProfileProvider("proc", nullptr).get().access_key_id, "STATIC");
  EXPECT_FALSE(std::filesystem::exists(marker));
}

TEST_F(ProcessCredentials, NoCredentialSourceNamesTheAlternatives) {
  std::ofstream(config_) << "[profile proc]\nregion = us-east-1\n";
  ProfileProvider p("proc", nullptr);
  std::string err = error_of(p);
  EXPECT_NE(err.find("credential_process"), std::string::npos) << err;
  EXPECT_NE(err.find("sso_session"), std::string::npos) << err;
}

}  // namespace
}  // namespace sub::aws
