#include "tests/integration/cli_process.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

extern char** environ;

namespace sub::itest {
namespace {

#ifdef SUBSTATION_CLI
constexpr const char* kCli = SUBSTATION_CLI;
#else
constexpr const char* kCli = "substation";
#endif

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The child's environment: ours without SUBSTATION_DEBUG and the names in `env`, then `env`.
std::vector<std::string> child_environment(const std::map<std::string, std::string>& env) {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    if (name == "SUBSTATION_DEBUG" || env.count(name) > 0) continue;
    out.push_back(entry);
  }
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

}  // namespace

CliProcess::CliProcess(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env) {
  char tmpl[] = "/tmp/sub-cli-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) return;
  dir_ = tmpl;
  const int out = ::open((dir_ + "/stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = ::open((dir_ + "/stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0 || err < 0) return;
  // Everything the child needs is built before fork (only async-signal-safe calls after).
  std::vector<std::string> argv_s{kCli};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s = child_environment(env);
  std::vector<char*> envp;
  for (std::string& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(kCli, argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out);
  ::close(err);
}

CliProcess::~CliProcess() {
  if (pid_ > 0 && !exited()) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

std::string CliProcess::out() const { return slurp(dir_ + "/stdout"); }
std::string CliProcess::err() const { return slurp(dir_ + "/stderr"); }

bool CliProcess::exited() {
  if (status_ >= 0) return true;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return true;
}

bool CliProcess::wait_for(const std::string& file,
                          const std::function<bool(const std::string&)>& done,
                          std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const bool ended = pid_ <= 0 || exited();
    if (done(slurp(dir_ + "/" + file))) return true;
    if (ended || std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

bool CliProcess::wait_for_out(const std::function<bool(const std::string&)>& done,
                              std::chrono::milliseconds timeout) {
  return wait_for("stdout", done, timeout);
}

bool CliProcess::wait_for_err(const std::function<bool(const std::string&)>& done,
                              std::chrono::milliseconds timeout) {
  return wait_for("stderr", done, timeout);
}

void CliProcess::signal(int sig) const {
  if (pid_ > 0 && status_ < 0) ::kill(pid_, sig);
}

int CliProcess::wait(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!exited()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      status_ = 128 + SIGKILL;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return status_;
}

CliResult run_cli(const std::vector<std::string>& args, std::chrono::milliseconds timeout,
                  const std::map<std::string, std::string>& env) {
  const auto t0 = std::chrono::steady_clock::now();
  CliProcess p(args, env);
  CliResult r;
  r.code = p.wait(timeout);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.out = p.out();
  r.err = p.err();
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

}  // namespace sub::itest
