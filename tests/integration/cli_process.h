// The `substation` binary of this build (SUBSTATION_CLI, set by CMakeLists.txt) run as a
// child process by the command-line integration tests (cli_*_test.cc). Its stdout and stderr
// go to files in a private temporary directory; its environment is the test process's (the
// moto endpoint and credentials of moto_fixture.h) without SUBSTATION_DEBUG, plus `env`.
// Every wait is bounded by the caller's timeout; a child still running at destruction is
// killed (SIGKILL) and reaped.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sub::itest {

class CliProcess {
 public:
  CliProcess(const std::vector<std::string>& args,
             const std::map<std::string, std::string>& env = {});
  ~CliProcess();
  CliProcess(const CliProcess&) = delete;
  CliProcess& operator=(const CliProcess&) = delete;

  bool started() const { return pid_ > 0; }
  std::string out() const;
  std::string err() const;
  const std::string& dir() const { return dir_; }

  // Polls every 50 ms until `done(text)` holds for stdout (or stderr), the child exits, or
  // `timeout` passes; returns done's last answer.
  bool wait_for_out(const std::function<bool(const std::string&)>& done,
                    std::chrono::milliseconds timeout);
  bool wait_for_err(const std::function<bool(const std::string&)>& done,
                    std::chrono::milliseconds timeout);

  void signal(int sig) const;

  // The exit code when the child ends within `timeout` (128 + N when killed by signal N);
  // -1 when it does not (it is then killed).
  int wait(std::chrono::milliseconds timeout);

 private:
  bool exited();
  bool wait_for(const std::string& file, const std::function<bool(const std::string&)>& done,
                std::chrono::milliseconds timeout);

  pid_t pid_ = -1;
  int status_ = -1;
  std::string dir_;
};

struct CliResult {
  int code = -1;  // as CliProcess::wait
  std::string out;
  std::string err;
  double seconds = 0;
};

// Runs the binary to its end (at most `timeout`).
CliResult run_cli(const std::vector<std::string>& args,
                  std::chrono::milliseconds timeout = std::chrono::seconds(60),
                  const std::map<std::string, std::string>& env = {});

// The lines of `text` (a final line without '\n' included).
std::vector<std::string> lines_of(const std::string& text);

}  // namespace sub::itest
