// Runs a command line through /bin/sh -c, as the AWS CLI runs credential_process: stdin is
// /dev/null, stdout and stderr are captured, the environment is ours. The command runs in its
// own process group; when it outlives `timeout` the whole group is killed (SIGKILL). Every
// wait is bounded by the timeout.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace sub::aws {

struct ShellCommandResult {
  bool timed_out = false;
  int exit_status = -1;  // the exit code; 128 + N when killed by signal N
  std::string out;       // at most `max_output` bytes of stdout (the rest is read and dropped)
  std::string err;       // at most `max_output` bytes of stderr
};

// Throws sub::Error when the command cannot be started.
ShellCommandResult run_shell_command(const std::string& command, std::chrono::milliseconds timeout,
                                     size_t max_output = 1 << 20);

}  // namespace sub::aws
