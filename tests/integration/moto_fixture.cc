#include "tests/integration/moto_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include "services/aws/client.h"
#include "services/aws/credentials.h"
#include "services/aws/http.h"
#include "services/aws/request.h"
#include "services/aws/xml.h"
#include "tests/integration/loopback_port.h"
#include "tests/integration/scoped_env.h"

namespace sub::itest {

namespace {

// The environment's state, shared with the fixtures of the same test binary.
struct State {
  bool running = false;
  std::string endpoint;
  std::string failure = "moto environment not set up";
};

State& state() {
  static State s;
  return s;
}

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

std::string find_in_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::string p(path);
  size_t start = 0;
  while (start <= p.size()) {
    size_t end = p.find(':', start);
    if (end == std::string::npos) end = p.size();
    std::filesystem::path candidate = std::filesystem::path(p.substr(start, end - start)) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  return "";
}

// Number of unauthenticated calls the IAM bootstrap makes: CreateUser, PutUserPolicy,
// CreateAccessKey.
constexpr int kBootstrapCalls = 3;

constexpr const char* kExitedAtStart = "moto_server exited at start-up";

// Creates an IAM user with an allow-all inline policy and an access key in the moto at
// `endpoint`, signing with dummy keys (moto does not check them yet). Returns "" or the error.
std::string bootstrap_iam(const std::string& endpoint, std::string& key_id, std::string& secret) {
  static constexpr aws::Service kIam{"IAM", "iam", "iam"};
  ScopedEnv url("AWS_ENDPOINT_URL_IAM", endpoint);
  aws::ClientOptions o;
  o.region = "us-east-1";
  o.http = std::make_shared<aws::HttpClient>();
  o.retry.max_attempts = 1;
  aws::Credentials dummy;
  dummy.access_key_id = "testing";
  dummy.secret_access_key = "testing";
  o.credentials = std::make_shared<aws::StaticProvider>(dummy);
  try {
    aws::Client iam(kIam, o);
    const std::string v = "&Version=2010-05-08";
    iam.query("CreateUser", "Action=CreateUser&UserName=substation-itest" + v);
    iam.query("PutUserPolicy",
              "Action=PutUserPolicy&UserName=substation-itest&PolicyName=all&PolicyDocument=" +
                  aws::uri_encode(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                                  R"("Action":"*","Resource":"*"}]})",
                                  false) +
                  v);
    const std::string xml =
        iam.query("CreateAccessKey", "Action=CreateAccessKey&UserName=substation-itest" + v);
    key_id = aws::xml_text(xml, "AccessKeyId");
    secret = aws::xml_text(xml, "SecretAccessKey");
  } catch (const std::exception& e) {
    return std::string("IAM bootstrap failed: ") + e.what();
  }
  if (key_id.empty() || secret.empty()) return "IAM bootstrap failed: no access key returned";
  return "";
}

}  // namespace

bool MotoServer::start(const MotoOptions& options) {
  std::string moto = find_in_path("moto_server");
  if (moto.empty()) {
    failure_ = "moto_server not installed (pip install \"moto[server]\" boto3)";
    return false;
  }
  // A port taken between our pick and moto's bind makes moto exit: pick again (bounded).
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (start_once(moto, options)) return true;
    if (failure_ != kExitedAtStart) return false;
  }
  return false;
}

bool MotoServer::start_once(const std::string& moto, const MotoOptions& options) {
  int port = loopback_port();
  if (port <= 0) {
    failure_ = "no free loopback port for moto_server";
    return false;
  }
  std::string port_s = std::to_string(port);
  const std::string no_auth = std::to_string(kBootstrapCalls);
  pid_ = fork();
  if (pid_ == 0) {
    // Child: quiet moto's request log, then exec.
    FILE* devnull = std::fopen("/dev/null", "w");
    if (devnull != nullptr) {
      dup2(fileno(devnull), STDOUT_FILENO);
      dup2(fileno(devnull), STDERR_FILENO);
    }
    if (options.verify_signatures) setenv("INITIAL_NO_AUTH_ACTION_COUNT", no_auth.c_str(), 1);
    execl(moto.c_str(), moto.c_str(), "-H", "127.0.0.1", "-p", port_s.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  if (pid_ < 0) {
    failure_ = "fork failed for moto_server";
    return false;
  }
  endpoint_ = "http://127.0.0.1:" + port_s;
  aws::HttpClient http(
      aws::HttpClient::Options{std::chrono::milliseconds(500), std::chrono::milliseconds(2000)});
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  bool up = false;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      failure_ = kExitedAtStart;
      return false;
    }
    try {
      aws::Request req;
      req.scheme = "http";
      req.host = "127.0.0.1:" + port_s;
      req.path = "/moto-api/";
      if (http.send(req).status > 0) {
        up = true;
        break;
      }
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  if (!up) {
    failure_ = "moto_server did not answer within 30 s";
    stop();
    return false;
  }
  if (options.verify_signatures) {
    std::string err = bootstrap_iam(endpoint_, access_key_id_, secret_access_key_);
    if (!err.empty()) {
      failure_ = err;
      stop();
      return false;
    }
  }
  failure_.clear();
  return true;
}

void MotoServer::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    for (int i = 0; i < 50; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
}

bool MotoEnvironment::running() { return state().running; }
const std::string& MotoEnvironment::endpoint() { return state().endpoint; }
const std::string& MotoEnvironment::failure() { return state().failure; }

void MotoEnvironment::SetUp() {
  if (!server_.start()) {
    state().failure = server_.failure();
    return;
  }
  state().endpoint = server_.endpoint();
  setenv("AWS_ENDPOINT_URL", state().endpoint.c_str(), 1);
  setenv("AWS_ACCESS_KEY_ID", "testing", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "testing", 1);
  unsetenv("AWS_SESSION_TOKEN");
  unsetenv("AWS_PROFILE");
  setenv("AWS_REGION", "us-east-1", 1);
  setenv("AWS_DEFAULT_REGION", "us-east-1", 1);
  setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
  state().running = true;
}

void MotoEnvironment::TearDown() {
  server_.stop();
  state().running = false;
}

void MotoTest::SetUp() {
  if (MotoEnvironment::running()) return;
  if (in_ci()) FAIL() << "moto is required under CI=true: " << MotoEnvironment::failure();
  GTEST_SKIP() << "skipped: " << MotoEnvironment::failure();
}

std::string run_python(const std::string& script, int timeout_s) {
  std::string path = std::filesystem::temp_directory_path() /
                     ("substation_py_" + std::to_string(getpid()) + ".py");
  {
    FILE* f = std::fopen(path.c_str(), "w");
    if (f == nullptr) {
      ADD_FAILURE() << "cannot write " << path;
      return "";
    }
    std::fwrite(script.data(), 1, script.size(), f);
    std::fclose(f);
  }
  std::string cmd = "timeout " + std::to_string(timeout_s) + " python3 " + path;
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  if (p == nullptr) {
    ADD_FAILURE() << "cannot run python3";
    return out;
  }
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int rc = pclose(p);
  std::filesystem::remove(path);
  EXPECT_EQ(rc, 0) << "python3 failed: " << out;
  return out;
}

bool have_boto3() { return std::system("python3 -c 'import boto3' >/dev/null 2>&1") == 0; }

}  // namespace sub::itest

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new sub::itest::MotoEnvironment);
  return RUN_ALL_TESTS();
}
