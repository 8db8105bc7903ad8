// The AWS Lambda Runtime Interface Emulator (aws-lambda-rie) for the tests of our functions:
// one emulator process running a program on two loopback ports, stopped at destruction.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace sub::itest {

// aws-lambda-rie from SUBSTATION_RIE, PATH or ~/go/bin; "" when not installed.
std::string find_rie();

// The file's bytes ("" when it cannot be read).
std::string slurp(const std::string& path);

struct HttpResult {
  long status = 0;  // 0: no answer
  std::string body;
  double seconds = 0;
};

// One HTTP request (services/http/transport.h) to a loopback URL (body sent unless GET).
HttpResult http(const std::string& method, const std::string& url, const std::string& body,
                long timeout_s = 60);

class Emulator {
 public:
  // Runs `program` under `rie`, with the environment inherited minus `unset`, plus `env`;
  // waits (at most 5 s) until the emulator listens. Its stdout and stderr go to files in
  // dir().
  Emulator(const std::string& rie, const std::string& program,
           const std::map<std::string, std::string>& env,
           const std::vector<std::string>& unset = {});
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  // POSTs `event` to the invoke path.
  HttpResult invoke(const std::string& event, long timeout_s = 60) const;
  std::string out() const { return slurp(dir_ + "/stdout"); }
  std::string err() const { return slurp(dir_ + "/stderr"); }
  std::string log() const { return out() + err(); }  // both, for failure messages
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace sub::itest
