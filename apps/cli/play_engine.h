// What the playground (apps/cli/play.cc) does with a config, apart from HTTP: compile it,
// run it over an input, run its tests; within a time limit, one request at a time.
//
// Configs are Jsonnet (JSON is Jsonnet too) compiled with the Substation library, which is
// also bound to `sub` without an import, as in the reference playground: the source is
// compiled as `local sub = std.extVar('sub'); <source>` (on its first line, so line numbers
// in errors stay those of the editor). Relative imports resolve against the working
// directory.
//
// Concurrency: every piece of work runs on its own thread while holding the engine lock, so
// configs never run side by side. That is what makes a run's `env` safe: the variables are
// set (their previous values kept) after taking the lock and restored before releasing it,
// and nothing else reads the environment meanwhile. The HTTP thread waits for the result
// until the time limit (plus a short grace); a run that has not ended by then is answered
// 504 and left to finish on its own thread (it keeps the lock until then: later requests
// wait for it, up to their own limit, then get 503). Runs look at the deadline between
// messages and transforms that wait (delays, HTTP, DNS) stop at it.
#pragma once

#include <chrono>
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

class Engine {
 public:
  Engine(std::chrono::milliseconds limit, Policy policy);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // The data of every output message (control messages left out) of `config` run over
  // `input`: one message holding the whole input, then a control message. `env`
  // holds environment variables for the run; one pair of quotes around a value (" or ')
  // is removed. Throws RequestError: 400 for a bad variable, a config that does not
  // compile or build; 500 when a transform fails; 503 when busy or shutting down; 504 past
  // the time limit.
  std::vector<std::string> run(const std::string& config, const std::string& input,
                               const EnvVars& env);

  // The report of `substation test` for `config`, named `config` (apps/cli/test.cc);
  // `?\tconfig\t[no transforms]` for a config `test` would skip.
  std::string test(const std::string& config);

  // Cancels running work; waiting requests answer 503. New work is refused.
  void shutdown();

  // Waits up to `wait` for every work thread to end; false when some still run.
  bool wait_idle(std::chrono::milliseconds wait);

 private:
  struct Shared;
  struct Job;
  std::vector<std::string> execute(std::shared_ptr<Job> job);

  std::chrono::milliseconds limit_;
  Policy policy_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace sub::cli::play
