#include "apps/cli/play_engine.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <set>
#include <string_view>

#include "apps/cli/commands.h"
#include "apps/cli/play_json.h"
#include "catalogue/pipeline.h"
#include "config/jsonnet.h"
#include "config/node.h"
#include "core/context.h"
#include "core/message.h"
#include "services/output.h"
#include "services/services.h"

extern char** environ;

namespace sub::cli::play {
namespace {

using Clock = Context::Clock;

// Binds `sub` on the editor's first line, so that its line numbers stay as they are.
constexpr std::string_view kPreamble = "local sub = std.extVar('sub'); ";
constexpr std::string_view kConfigName = "config";
// How long past its limit a worker may take to answer before it is killed.
constexpr std::chrono::seconds kGrace{2};
// How often a waiting request looks for a shutdown.
constexpr std::chrono::milliseconds kPoll{100};
// The largest answer a worker may give.
constexpr size_t kMaxAnswer = size_t{64} << 20;
constexpr const char* kShuttingDown = "the playground is shutting down";
constexpr const char* kBusy = "busy: earlier runs have not finished yet; try again later";

// send_stdout's copies are dropped: the same data is in the run's output.
class DiscardSink : public services::OutputSink {
 public:
  void write_line(std::string_view) override {}
};

// A value without one pair of surrounding quotes (" or ').
std::string unquote(const std::string& value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

void check_env(const EnvVars& env) {
  for (const auto& [name, value] : env) {
    if (name.empty() || name.find_first_of(std::string_view("=\0", 2)) != std::string::npos) {
      throw RequestError(400, "env: invalid variable name \"" + name + "\"");
    }
    if (value.find('\0') != std::string::npos) {
      throw RequestError(400, "env." + name + ": the value holds a NUL byte");
    }
  }
}

std::string limit_text(std::chrono::milliseconds limit) {
  const auto ms = limit.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

std::string allow_text(const Policy& p) {
  std::string out;
  for (const auto& [on, name] : {std::pair{p.files, "files"}, std::pair{p.network, "network"},
                                 std::pair{p.aws, "aws"}, std::pair{p.env, "env"}}) {
    if (!on) continue;
    if (!out.empty()) out += ",";
    out += name;
  }
  return out;
}

catalogue::Pipeline build(const std::string& config, const Policy& policy,
                          services::Services& services) {
  std::string json;
  config::Node root;
  try {
    json = compile_config(config, policy);
    root = config::Node::parse(json);
  } catch (const RequestError&) {
    throw;
  } catch (const Error& e) {
    throw RequestError(400, e.what());
  }
  try {
    return catalogue::build_pipeline(root, services);
  } catch (const Error& e) {
    throw RequestError(400, std::string(kConfigName) + ": " + e.what());
  }
}

// ---- the worker side ----

std::vector<std::string> run_config(const std::string& config, const std::string& input,
                                    const Policy& policy, const Context& ctx,
                                    const std::string& expired) {
  services::Services services;
  services.stdout_sink = std::make_shared<DiscardSink>();
  const catalogue::Pipeline pipeline = build(config, policy, services);
  std::vector<std::string> out;
  const auto apply = [&](Message msg) {
    std::vector<Message> results;
    try {
      results = pipeline.chain.apply(std::move(msg), ctx);
    } catch (const Error& e) {
      if (ctx.expired()) throw RequestError(504, expired);
      throw RequestError(500, e.what());
    }
    for (Message& m : results) {
      if (!m.is_control()) out.push_back(m.take_data());
    }
    if (ctx.expired()) throw RequestError(504, expired);
  };
  apply(Message(input));  // the whole input box is one message, as in the reference
  apply(Message::control());
  return out;
}

std::string read_stdin() {
  std::string in;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buf, sizeof(buf));
    if (n > 0) {
      in.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return in;
    }
  }
}

void write_stdout(const std::string& text) {
  size_t off = 0;
  while (off < text.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data() + off, text.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

// Caps the worker's address space. Not under AddressSanitizer, whose shadow memory is
// terabytes of reserved address space.
#if defined(__SANITIZE_ADDRESS__)
#define SUB_PLAY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)  // clang's way of saying it
#define SUB_PLAY_ASAN 1
#endif
#endif

void cap_memory(size_t mib) {
#if defined(SUB_PLAY_ASAN)
  (void)mib;
#else
  if (mib == 0) return;
  const rlim_t bytes = static_cast<rlim_t>(mib) << 20;
  const rlimit limit{bytes, bytes};
  ::setrlimit(RLIMIT_AS, &limit);
#endif
}

// ---- the engine side ----

struct Answer {
  std::string text;
  bool complete = false;   // the worker closed its stdout
  bool timed_out = false;  // killed at the time limit
  bool cancelled = false;  // killed by shutdown
  bool too_large = false;
  int status = 0;  // waitpid status
};

// Writes all of `data` to `fd` before `until`; false if the worker stopped reading.
bool write_all(int fd, std::string_view data, Clock::time_point until) {
  size_t off = 0;
  while (off < data.size()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLOUT, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), 100)));
    if (r < 0 && errno != EINTR) return false;
    if (r <= 0) continue;
    const ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return false;
    }
    off += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::string compile_config(const std::string& source, const Policy& policy) {
  std::string json = config::compile_jsonnet(std::string(kPreamble) + source,
                                             std::string(kConfigName), {}, policy.jsonnet_limits());
  policy.check(config::Node::parse(json));
  return json;
}

int run_worker() {
  ::signal(SIGPIPE, SIG_IGN);
  std::string answer;
  size_t memory_mib = 0;
  try {
    const RequestBody req(read_stdin());
    memory_mib = static_cast<size_t>(std::stoull("0" + req.string("memory_mib")));
    cap_memory(memory_mib);
    const Policy policy = Policy::parse({req.string("allow")});
    const std::chrono::milliseconds limit(std::stoll("0" + req.string("limit_ms")));
    Context ctx;
    ctx.deadline = Clock::now() + limit;
    const std::string config = req.string("config");
    if (req.string("kind") == "test") {
      std::string report = test_report(
          std::string(kConfigName), [&] { return compile_config(config, policy); }, true);
      // `test` skips such a file silently; here, the user asked about this one.
      if (report.empty()) report = "?\t" + std::string(kConfigName) + "\t[no transforms]\n";
      answer = json_object({{"output", report}});
    } else {
      answer =
          json_string_list("output", run_config(config, req.string("input"), policy, ctx,
                                                "run did not finish within " + limit_text(limit)));
    }
  } catch (const RequestError& e) {
    answer = json_object({{"error", e.what()}, {"status", std::to_string(e.status())}});
  } catch (const std::bad_alloc&) {
    answer = json_object({{"error", "the run ran out of memory (the limit is " +
                                        std::to_string(memory_mib) + " MiB)"},
                          {"status", "500"}});
  } catch (const std::exception& e) {
    answer = json_object({{"error", e.what()}, {"status", "500"}});
  }
  write_stdout(answer);
  return 0;
}

struct Engine::Shared {
  std::mutex mu;
  std::condition_variable idle;
  std::set<pid_t> workers;  // alive, not yet reaped
  bool stopping = false;
};

Engine::Engine(Limits limits, Policy policy)
    : limits_(limits), policy_(policy), shared_(std::make_shared<Shared>()) {
  // Started through a bundled dynamic loader (the portable tarball's bin/substation), this
  // process's /proc/self/exe is the loader; that launcher names itself here instead.
  if (const char* launcher = std::getenv("SUBSTATION_EXECUTABLE");
      launcher != nullptr && *launcher != '\0') {
    self_ = launcher;
    return;
  }
  char path[4096];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (n <= 0) throw Error("play: cannot find this program's path (/proc/self/exe)");
  self_.assign(path, static_cast<size_t>(n));
}

Engine::~Engine() {
  shutdown();
  // A run still busy after that is past saving; its child process was told to stop.
  (void)wait_idle(std::chrono::seconds(5));
}

void Engine::shutdown() {
  std::lock_guard<std::mutex> lock(shared_->mu);
  shared_->stopping = true;
  for (pid_t pid : shared_->workers) ::kill(pid, SIGKILL);
}

bool Engine::wait_idle(std::chrono::milliseconds wait) {
  std::unique_lock<std::mutex> lock(shared_->mu);
  return shared_->idle.wait_for(lock, wait, [&] { return shared_->workers.empty(); });
}

std::vector<std::string> Engine::run(const std::string& config, const std::string& input,
                                     const EnvVars& env) {
  check_env(env);
  const std::string answer =
      execute("run", json_object({{"kind", "run"}, {"config", config}, {"input", input}}), env);
  const config::Node root = config::Node::parse(answer);
  std::vector<std::string> out;
  if (const config::Node* list = root.find("output"); list != nullptr && list->is_array()) {
    for (const config::Node& item : list->items()) out.push_back(item.text());
  }
  return out;
}

std::string Engine::test(const std::string& config) {
  const std::string answer =
      execute("test", json_object({{"kind", "test"}, {"config", config}}), {});
  const config::Node root = config::Node::parse(answer);
  const config::Node* report = root.find("output");
  return report != nullptr && report->is_string() ? report->text() : std::string();
}

std::string Engine::execute(const std::string& kind, const std::string& request,
                            const EnvVars& env) {
  // The request, with the limits and the policy the worker applies to itself.
  std::string body = request;
  body.pop_back();  // the newline
  body.pop_back();  // the closing brace
  body += ",\"limit_ms\":\"" + std::to_string(limits_.time.count()) + "\",\"memory_mib\":\"" +
          std::to_string(limits_.memory_mib) + "\",\"allow\":\"" + allow_text(policy_) + "\"}";

  // The worker's environment: ours, with the request's variables on top.
  std::vector<std::string> vars;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view v(*e);
    const std::string_view name = v.substr(0, v.find('='));
    bool replaced = false;
    for (const auto& [n, value] : env) replaced = replaced || n == name;
    if (!replaced) vars.emplace_back(v);
  }
  for (const auto& [name, value] : env) vars.push_back(name + "=" + unquote(value));
  std::vector<char*> envp;
  for (std::string& v : vars) envp.push_back(v.data());
  envp.push_back(nullptr);

  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0) throw RequestError(500, "cannot start a worker: pipe");
  if (::pipe2(out, O_CLOEXEC) != 0) {
    ::close(in[0]);
    ::close(in[1]);
    throw RequestError(500, "cannot start a worker: pipe");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  std::string verb = "play-worker";
  char* argv[] = {self_.data(), verb.data(), nullptr};
  pid_t pid = -1;
  int spawn_error = 0;
  {
    std::lock_guard<std::mutex> lock(shared_->mu);
    if (shared_->stopping) {
      spawn_error = -1;
    } else if (static_cast<int>(shared_->workers.size()) >= kMaxWorkers) {
      spawn_error = -2;
    } else {
      spawn_error = posix_spawn(&pid, self_.c_str(), &actions, nullptr, argv, envp.data());
      if (spawn_error == 0) shared_->workers.insert(pid);
    }
  }
  posix_spawn_file_actions_destroy(&actions);
  ::close(in[0]);
  ::close(out[1]);
  if (spawn_error != 0) {
    ::close(in[1]);
    ::close(out[0]);
    if (spawn_error == -1) throw RequestError(503, kShuttingDown);
    if (spawn_error == -2) throw RequestError(503, kBusy);
    throw RequestError(500, std::string("cannot start a worker: ") + std::strerror(spawn_error));
  }

  const Clock::time_point give_up = Clock::now() + limits_.time + kGrace;
  Answer a;
  const bool sent = write_all(in[1], body, give_up);
  ::close(in[1]);
  (void)sent;  // a worker that stopped reading is judged by its answer and exit status
  ::fcntl(out[0], F_SETFL, O_NONBLOCK);
  char buf[65536];
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(shared_->mu);
      if (shared_->stopping) {
        a.cancelled = true;
        break;
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - Clock::now());
    if (left.count() <= 0) {
      a.timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min(left, kPoll).count()));
    if (r <= 0) continue;
    const ssize_t n = ::read(out[0], buf, sizeof(buf));
    if (n == 0) {
      a.complete = true;
      break;
    }
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      break;
    }
    a.text.append(buf, static_cast<size_t>(n));
    if (a.text.size() > kMaxAnswer) {
      a.too_large = true;
      break;
    }
  }
  ::close(out[0]);
  if (!a.complete) ::kill(pid, SIGKILL);
  while (::waitpid(pid, &a.status, 0) < 0 && errno == EINTR) {
  }
  {
    std::lock_guard<std::mutex> lock(shared_->mu);
    shared_->workers.erase(pid);
  }
  shared_->idle.notify_all();

  if (a.cancelled) throw RequestError(503, kShuttingDown);
  if (a.timed_out) {
    throw RequestError(504, kind + " did not finish within " + limit_text(limits_.time));
  }
  if (a.too_large) {
    throw RequestError(
        500, kind + ": the output is larger than " + std::to_string(kMaxAnswer >> 20) + " MiB");
  }
  if (WIFSIGNALED(a.status) || a.text.empty()) {
    const int sig = WIFSIGNALED(a.status) ? WTERMSIG(a.status) : 0;
    throw RequestError(
        500, kind + " crashed" +
                 (sig != 0 ? " (signal " + std::to_string(sig) + ": " + strsignal(sig) + ")"
                           : std::string()) +
                 "; the usual cause is running out of memory (the limit is " +
                 std::to_string(limits_.memory_mib) + " MiB)");
  }
  config::Node root;
  try {
    root = config::Node::parse(a.text);
  } catch (const Error& e) {
    throw RequestError(500, kind + ": the worker's answer is not JSON: " + e.what());
  }
  if (const config::Node* err = root.find("error"); err != nullptr && err->is_string()) {
    const config::Node* status = root.find("status");
    int code = 500;
    if (status != nullptr && status->is_string()) code = std::atoi(status->text().c_str());
    throw RequestError(code == 0 ? 500 : code, err->text());
  }
  return a.text;
}

}  // namespace sub::cli::play
