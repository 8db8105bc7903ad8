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

class MotoEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;

  // Set once SetUp succeeded.
  static bool running();
  static const std::string& endpoint();  // http://127.0.0.1:PORT
  static const std::string& failure();   // why the server is not running

 private:
  pid_t pid_ = -1;
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
