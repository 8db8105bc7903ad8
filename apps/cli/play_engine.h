// What the playground (apps/cli/play.cc) does with a config, apart from HTTP: compile it,
// run it over an input, run its tests; within a time limit and a memory limit.
//
// Configs are Jsonnet (JSON is Jsonnet too) compiled with the Substation library, which is
// also bound to `sub` without an import, as in the reference playground: the source is
// compiled as `local sub = std.extVar('sub'); <source>` (on its first line, so line numbers
// in errors stay those of the editor). What a config may reach is the Policy's
// (apps/cli/play_policy.h).
//
// Isolation: every run or test happens in a worker process (`substation play-worker`, the
// same binary) that the engine starts for it, with the request's `env` added to its
// environment, its address space capped, and stdin/stdout pipes for the request and the
// answer. A run past its time limit is killed (504), so a transform that never ends (a
// recursive jq program) cannot hold a core or block the next request; one that exhausts
// its memory or crashes ends its own process only (500). At most kMaxWorkers run at once;
// more get 503.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "apps/cli/play_policy.h"
#include "core/error.h"

namespace sub::cli::play {

// A failure and the HTTP status that answers it.
class RequestError : public Error {
 public:
  RequestError(int status, const std::string& what) : Error(what), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

using EnvVars = std::vector<std::pair<std::string, std::string>>;

// The JSON text of a playground config, checked against `policy`; compilation errors throw
// sub::Error `config: <jsonnet error>`, a refused type RequestError 403.
std::string compile_config(const std::string& source, const Policy& policy);

struct Limits {
  std::chrono::milliseconds time{std::chrono::seconds(30)};
  size_t memory_mib = 2048;  // address space of a worker; 0: none
};

class Engine {
 public:
  static constexpr int kMaxWorkers = 2;

  Engine(Limits limits, Policy policy);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // The data of every output message (control messages left out) of `config` run over
  // `input`: one message holding the whole input, then a control message. `env` holds
  // environment variables for the run; one pair of quotes around a value (" or ') is
  // removed. Throws RequestError: 400 for a bad variable, a config that does not compile or
  // build; 403 for what the policy refuses; 500 when a transform fails, the run runs out of
  // memory or crashes; 503 when busy or shutting down; 504 past the time limit.
  std::vector<std::string> run(const std::string& config, const std::string& input,
                               const EnvVars& env);

  // The report of `substation test` for `config`, named `config` (apps/cli/test.cc), with a
  // `--- PASS: <name>` line for each passing test;
  // `?\tconfig\t[no transforms]` for a config `test` would skip.
  std::string test(const std::string& config);

  // Kills running workers (their requests answer 503) and refuses new work.
  void shutdown();

  // Waits up to `wait` for every worker to be reaped; false when some are still there.
  [[nodiscard]] bool wait_idle(std::chrono::milliseconds wait);

 private:
  struct Shared;
  std::string execute(const std::string& kind, const std::string& request, const EnvVars& env);

  Limits limits_;
  Policy policy_;
  std::string self_;  // this binary, for the workers
  std::shared_ptr<Shared> shared_;
};

// The worker side (`substation play-worker`): reads one request on stdin, answers on stdout.
int run_worker();

}  // namespace sub::cli::play
