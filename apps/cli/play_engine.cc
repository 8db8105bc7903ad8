#include "apps/cli/play_engine.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#include "apps/cli/commands.h"
#include "config/jsonnet.h"
#include "config/node.h"
#include "core/context.h"
#include "core/message.h"
#include "services/file/reader.h"
#include "services/output.h"
#include "services/services.h"
#include "transform/pipeline.h"

namespace sub::cli::play {
namespace {

using Clock = Context::Clock;

// Binds `sub` on the editor's first line, so that its line numbers stay as they are.
constexpr std::string_view kPreamble = "local sub = std.extVar('sub'); ";
constexpr std::string_view kConfigName = "config";
// How long past its limit a request waits for work that ignores the deadline.
constexpr std::chrono::seconds kGrace{2};
// How often a waiting request looks for a shutdown.
constexpr std::chrono::milliseconds kPoll{100};
constexpr const char* kShuttingDown = "the playground is shutting down";
constexpr const char* kBusy = "busy: an earlier run has not finished yet; try again later";

// send_stdout's copies are dropped: the same data is in the run's output.
class DiscardSink : public OutputSink {
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

// Sets environment variables for its lifetime, then restores the previous values (or
// removes the variables) in reverse order. Only ever alive under the engine lock.
class EnvScope {
 public:
  explicit EnvScope(const EnvVars& env) {
    for (const auto& [name, value] : env) {
      const char* previous = std::getenv(name.c_str());
      saved_.emplace_back(
          name, previous != nullptr ? std::optional<std::string>(previous) : std::nullopt);
      if (::setenv(name.c_str(), unquote(value).c_str(), 1) != 0) {
        restore();
        throw RequestError(500, "env." + name + ": cannot set the variable");
      }
    }
  }
  ~EnvScope() { restore(); }
  EnvScope(const EnvScope&) = delete;
  EnvScope& operator=(const EnvScope&) = delete;

 private:
  void restore() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
      if (it->second) {
        ::setenv(it->first.c_str(), it->second->c_str(), 1);
      } else {
        ::unsetenv(it->first.c_str());
      }
    }
    saved_.clear();
  }

  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

std::string limit_text(std::chrono::milliseconds limit) {
  const auto ms = limit.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

Pipeline build(const std::string& config, const Policy& policy, Services& services) {
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
    return build_pipeline(root, services);
  } catch (const Error& e) {
    throw RequestError(400, std::string(kConfigName) + ": " + e.what());
  }
}

}  // namespace

std::string compile_config(const std::string& source, const Policy& policy) {
  std::string json = config::compile_jsonnet(std::string(kPreamble) + source,
                                             std::string(kConfigName), {}, policy.jsonnet_limits());
  policy.check(config::Node::parse(json));
  return json;
}

struct Engine::Shared {
  std::timed_mutex engine;             // held while a config compiles or runs
  std::atomic<bool> cancelled{false};  // shutdown: stops runs and waits
  std::mutex mu;
  std::condition_variable idle;
  int active = 0;  // work threads alive
};

struct Engine::Job {
  std::string label;  // "run" or "test", for the time-limit error
  EnvVars env;
  std::function<std::vector<std::string>(const Context&)> work;
  Clock::time_point deadline;
  std::atomic<bool> abandoned{false};  // the request gave up waiting
  std::mutex mu;
  std::condition_variable finished;
  bool done = false;
  std::vector<std::string> result;
  std::optional<RequestError> error;
};

Engine::Engine(std::chrono::milliseconds limit, Policy policy)
    : limit_(limit), policy_(policy), shared_(std::make_shared<Shared>()) {}

Engine::~Engine() { shutdown(); }

void Engine::shutdown() { shared_->cancelled.store(true); }

bool Engine::wait_idle(std::chrono::milliseconds wait) {
  std::unique_lock<std::mutex> lock(shared_->mu);
  return shared_->idle.wait_for(lock, wait, [&] { return shared_->active == 0; });
}

std::vector<std::string> Engine::run(const std::string& config, const std::string& input,
                                     const EnvVars& env) {
  check_env(env);
  auto job = std::make_shared<Job>();
  job->label = "run";
  job->env = env;
  const std::string expired = "run did not finish within " + limit_text(limit_);
  job->work = [config, input, expired, policy = policy_](const Context& ctx) {
    Services services;
    services.stdout_sink = std::make_shared<DiscardSink>();
    const Pipeline pipeline = build(config, policy, services);
    const auto stop_if_expired = [&] {
      if (!ctx.expired()) return;
      if (ctx.cancelled != nullptr && ctx.cancelled->load()) {
        throw RequestError(503, kShuttingDown);
      }
      throw RequestError(504, expired);
    };
    std::vector<std::string> out;
    const auto apply = [&](Message msg) {
      std::vector<Message> results;
      try {
        results = pipeline.chain.apply(std::move(msg), ctx);
      } catch (const Error& e) {
        stop_if_expired();
        throw RequestError(500, e.what());
      }
      for (Message& m : results) {
        if (!m.is_control()) out.push_back(m.take_data());
      }
      stop_if_expired();
    };
    apply(Message(input));  // the whole input box is one message, as in the reference
    apply(Message::control());
    return out;
  };
  return execute(std::move(job));
}

std::string Engine::test(const std::string& config) {
  auto job = std::make_shared<Job>();
  job->label = "test";
  job->work = [config, policy = policy_](const Context&) {
    std::string report =
        test_report(std::string(kConfigName), [&] { return compile_config(config, policy); });
    // `test` skips such a file silently; here, the user asked about this one.
    if (report.empty()) report = "?\t" + std::string(kConfigName) + "\t[no transforms]\n";
    return std::vector<std::string>{std::move(report)};
  };
  return execute(std::move(job)).at(0);
}

std::vector<std::string> Engine::execute(std::shared_ptr<Job> job) {
  job->deadline = Clock::now() + limit_;
  std::shared_ptr<Shared> shared = shared_;
  {
    std::lock_guard<std::mutex> lock(shared->mu);
    if (shared->cancelled.load()) throw RequestError(503, kShuttingDown);
    ++shared->active;
  }
  const auto body = [shared, job] {
    std::vector<std::string> result;
    std::optional<RequestError> error;
    try {
      std::unique_lock<std::timed_mutex> lock(shared->engine, std::defer_lock);
      if (!lock.try_lock_until(job->deadline)) {
        error.emplace(503, kBusy);
      } else if (shared->cancelled.load()) {
        error.emplace(503, kShuttingDown);
      } else if (!job->abandoned.load()) {
        const EnvScope env(job->env);
        Context ctx;
        ctx.deadline = job->deadline;
        ctx.cancelled = &shared->cancelled;
        result = job->work(ctx);
      }
    } catch (const RequestError& e) {
      error = e;
    } catch (const std::exception& e) {
      error.emplace(500, e.what());
    } catch (...) {
      error.emplace(500, "unknown error");
    }
    {
      std::lock_guard<std::mutex> lock(job->mu);
      job->result = std::move(result);
      job->error = std::move(error);
      job->done = true;
    }
    job->finished.notify_all();
    std::lock_guard<std::mutex> lock(shared->mu);
    --shared->active;
    shared->idle.notify_all();
  };
  try {
    std::thread(body).detach();
  } catch (...) {
    std::lock_guard<std::mutex> lock(shared->mu);
    --shared->active;
    throw;
  }

  const Clock::time_point give_up = job->deadline + kGrace;
  std::unique_lock<std::mutex> lock(job->mu);
  while (!job->done) {
    if (shared->cancelled.load()) {
      job->abandoned.store(true);
      throw RequestError(503, kShuttingDown);
    }
    const Clock::time_point now = Clock::now();
    if (now >= give_up) {
      job->abandoned.store(true);
      throw RequestError(504, job->label + " did not finish within " + limit_text(limit_));
    }
    job->finished.wait_until(lock, std::min(give_up, now + kPoll));
  }
  if (job->error) throw *job->error;
  return std::move(job->result);
}

}  // namespace sub::cli::play
