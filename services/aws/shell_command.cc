#include "services/aws/shell_command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "core/error.h"

extern char** environ;

namespace sub::aws {

namespace {

using Clock = std::chrono::steady_clock;

// Closes the descriptors it holds when it goes out of scope.
struct Pipe {
  int fd[2] = {-1, -1};
  ~Pipe() {
    for (int f : fd) {
      if (f >= 0) ::close(f);
    }
  }
  void close_end(int i) {
    if (fd[i] >= 0) ::close(fd[i]);
    fd[i] = -1;
  }
};

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// Reads what is available on `fd` into `into` (up to `max` bytes kept). False on EOF/error.
bool drain(int fd, std::string& into, size_t max) {
  char buf[4096];
  ssize_t n = ::read(fd, buf, sizeof(buf));
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (n <= 0) return false;
  size_t keep = std::min(static_cast<size_t>(n), max - std::min(max, into.size()));
  into.append(buf, keep);
  return true;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

pid_t spawn_shell(const std::string& command, Pipe& out, Pipe& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.fd[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fd[1], STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setpgroup(&attr, 0);  // its own group, so a timeout kills its children too
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::string sh = "/bin/sh", dash_c = "-c", cmd = command;
  char* argv[] = {sh.data(), dash_c.data(), cmd.data(), nullptr};
  pid_t pid = -1;
  int rc = posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw Error(std::string("cannot start /bin/sh: ") + std::strerror(rc));
  return pid;
}

}  // namespace

ShellCommandResult run_shell_command(const std::string& command, std::chrono::milliseconds timeout,
                                     size_t max_output) {
  const Clock::time_point deadline = Clock::now() + timeout;
  Pipe out, err;
  if (::pipe2(out.fd, O_CLOEXEC) != 0 || ::pipe2(err.fd, O_CLOEXEC) != 0) {
    throw Error(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  const pid_t pid = spawn_shell(command, out, err);
  out.close_end(1);
  err.close_end(1);

  ShellCommandResult result;
  bool out_open = true, err_open = true;
  while ((out_open || err_open) && remaining_ms(deadline) > 0) {
    pollfd fds[2] = {{out_open ? out.fd[0] : -1, POLLIN, 0},
                     {err_open ? err.fd[0] : -1, POLLIN, 0}};
    int n = ::poll(fds, 2, remaining_ms(deadline));
    if (n < 0 && errno != EINTR) break;
    if (n <= 0) continue;
    if (out_open && fds[0].revents != 0) out_open = drain(out.fd[0], result.out, max_output);
    if (err_open && fds[1].revents != 0) err_open = drain(err.fd[0], result.err, max_output);
  }

  int status = 0;
  pid_t done = 0;
  // Output still open at the deadline (the command, or a child it left holding its stdout or
  // stderr, is still running) is a timeout as much as a command that has not exited.
  const bool output_closed = !out_open && !err_open;
  while (output_closed && (done = ::waitpid(pid, &status, WNOHANG)) == 0 &&
         remaining_ms(deadline) > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (done == pid) {
    result.exit_status = decode_status(status);
    ::kill(-pid, SIGKILL);  // what it left behind in its group
    return result;
  }
  result.timed_out = true;
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
  if (::waitpid(pid, &status, 0) == pid) result.exit_status = decode_status(status);
  return result;
}

}  // namespace sub::aws
