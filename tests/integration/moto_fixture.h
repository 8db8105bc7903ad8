// A moto server (https://github.com/getmoto/moto) on loopback for the AWS integration tests.
// The environment starts `moto_server -H 127.0.0.1 -p <free port>` once, waits (at most 30 s)
// until it answers, points the process at it (AWS_ENDPOINT_URL, dummy credentials, region
// us-east-1) and stops it at the end. Without moto_server the tests skip, unless CI=true, where
// they fail.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <string>

namespace sub::itest {

// Options of a moto_server process (default: signatures not checked).
struct MotoOptions {
  // True: start moto with INITIAL_NO_AUTH_ACTION_COUNT so it verifies SigV4 signatures, and
  // create an IAM user with an allow-all policy and an access key in the first
  // (unauthenticated) calls; the rest must be signed with that key (access_key_id/secret).
  bool verify_signatures = false;
};

// One moto_server on a free loopback port. MotoEnvironment runs the shared one; a test suite
// needing other options runs its own.
class MotoServer {
 public:
  MotoServer() = default;
  ~MotoServer() { stop(); }
  MotoServer(const MotoServer&) = delete;
  MotoServer& operator=(const MotoServer&) = delete;

  // Starts the server and waits (at most 30 s) until it answers. False with failure() set
  // when it cannot (moto_server missing, no port, no answer, IAM bootstrap failed).
  bool start(const MotoOptions& options = {});
  void stop();

  const std::string& endpoint() const { return endpoint_; }  // http://127.0.0.1:PORT
  const std::string& failure() const { return failure_; }
  // With verify_signatures: the key pair created in moto IAM; else "testing"/"testing".
  const std::string& access_key_id() const { return access_key_id_; }
  const std::string& secret_access_key() const { return secret_access_key_; }

 private:
  bool start_once(const std::string& moto, const MotoOptions& options);
  pid_t pid_ = -1;
  std::string endpoint_;
  std::string failure_ = "moto_server not started";
  std::string access_key_id_ = "testing";
  std::string secret_access_key_ = "testing";
};

class MotoEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;

  // Set once SetUp succeeded.
  static bool running();
  static const std::string& endpoint();  // http://127.0.0.1:PORT
  static const std::string& failure();   // why the server is not running

 private:
  MotoServer server_;
};

// Base fixture: skips (or fails under CI=true) when moto is not running.
class MotoTest : public ::testing::Test {
 protected:
  void SetUp() override;
};

// Runs `python3 -c script` with the moto environment and returns its stdout; fails the test
// on a non-zero exit. Bounded by `timeout_s`.
std::string run_python(const std::string& script, int timeout_s = 60);

// True when python3 can import boto3.
bool have_boto3();

}  // namespace sub::itest
