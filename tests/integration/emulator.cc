#include "tests/integration/emulator.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "services/http/transport.h"
#include "tests/integration/loopback_port.h"

namespace sub::itest {
namespace {

bool can_connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

std::string find_rie() {
  if (const char* v = std::getenv("SUBSTATION_RIE")) return v;
  std::vector<std::string> dirs;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream ss(path);
    std::string d;
    while (std::getline(ss, d, ':')) dirs.push_back(d);
  }
  if (const char* home = std::getenv("HOME")) dirs.push_back(std::string(home) + "/go/bin");
  for (const std::string& d : dirs) {
    const std::string p = d + "/aws-lambda-rie";
    if (::access(p.c_str(), X_OK) == 0) return p;
  }
  return "";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

HttpResult http(const std::string& method, const std::string& url, const std::string& body,
                long timeout_s) {
  http::Transport::Request req;
  req.method = method;
  req.url = url;
  // Not a form: moto (werkzeug) would consume a form-encoded body.
  req.headers = {{"Content-Type", "application/octet-stream"}};
  if (method != "GET") req.body = body;
  http::Transport::Options options;
  options.timeout = std::chrono::seconds(timeout_s);
  options.user_agent = false;
  HttpResult r;
  const auto t0 = std::chrono::steady_clock::now();
  http::Transport::Result result = http::Transport().exchange(req, options);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (result.answered()) {
    r.status = result.status;
    r.body = std::move(result.body);
  }
  return r;
}

Emulator::Emulator(const std::string& rie, const std::string& program,
                   const std::map<std::string, std::string>& env,
                   const std::vector<std::string>& unset) {
  char tmpl[] = "/tmp/sub-rie-XXXXXX";
  dir_ = ::mkdtemp(tmpl);
  port_ = loopback_port();
  const int api_port = loopback_port();
  const std::string addr = "127.0.0.1:" + std::to_string(port_);
  const std::string api = "127.0.0.1:" + std::to_string(api_port);
  const std::string out = dir_ + "/stdout";
  const std::string err = dir_ + "/stderr";
  pid_ = ::fork();
  if (pid_ == 0) {
    ::setpgid(0, 0);
    for (const std::string& v : unset) ::unsetenv(v.c_str());
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::execl(rie.c_str(), rie.c_str(), "--runtime-interface-emulator-address", addr.c_str(),
            "--runtime-api-address", api.c_str(), program.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 200 && !can_connect(port_); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
}

Emulator::~Emulator() {
  ::kill(-pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (pid_ > 0) {
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

HttpResult Emulator::invoke(const std::string& event, long timeout_s) const {
  return http(
      "POST",
      "http://127.0.0.1:" + std::to_string(port_) + "/2015-03-31/functions/function/invocations",
      event, timeout_s);
}

}  // namespace sub::itest
