// A bounded pool of worker threads, the one way the code base runs work on other threads:
// DNS lookups (services/dns) and a Lambda batch's fan-out over its messages (apps/lambda).
//
// At most `threads` tasks run at once and at most `max_queued` wait for a thread. Threads
// start when work first needs them and then stay, so a warm Lambda does not start threads
// on every invocation. A task that throws is caught on its thread and written to stderr;
// tasks should report their own outcome (fan_out does, for its body).
//
// When the pool is destroyed, tasks that have not started are dropped and the threads end
// after the task they are running: a task stuck in a call that cannot be interrupted (a
// hung getaddrinfo) keeps its thread, never the destructor. The pool is thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace sub {

class WorkerPool {
 public:
  WorkerPool(size_t threads, size_t max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  size_t threads() const { return threads_; }

  // Queues `task`. False when max_queued tasks already wait, or when no thread runs and
  // none could be started; the task is then not run and the caller decides what to do.
  [[nodiscard]] bool try_submit(std::function<void()> task);

  // Runs `body` up to `n` times at once, on this thread and on pool threads, and returns
  // when every call returned. Meant for a body that takes work items from a shared counter:
  // calls that find no pool thread are simply not made, and the one on this thread always
  // is. The first exception of any call is thrown here once all have returned.
  void fan_out(size_t n, const std::function<void()>& body);

  struct State;  // shared with the threads, which may outlive the pool

 private:
  const size_t threads_;
  const size_t max_queued_;
  std::shared_ptr<State> state_;
};

}  // namespace sub
