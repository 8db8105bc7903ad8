#include "apps/lambda/processor.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.h"

namespace sub::lambda {

size_t workers_for(int64_t concurrency) {
  if (concurrency > 0) {
    return static_cast<size_t>(std::min<int64_t>(concurrency, static_cast<int64_t>(kMaxWorkers)));
  }
  if (concurrency == 0) return 1;
  const unsigned cpus = std::thread::hardware_concurrency();
  return cpus == 0 ? 1 : cpus;
}

BatchOutcome process_batch(const transform::Chain& chain, std::vector<Message> msgs,
                           WorkerPool& pool, size_t workers, const Context& ctx,
                           bool stop_on_error) {
  BatchOutcome outcome;
  std::atomic<bool> stop{false};
  std::atomic<size_t> next{0};
  std::mutex mu;
  Context worker_ctx = ctx;
  worker_ctx.cancelled = &stop;

  const auto work = [&] {
    for (;;) {
      if (stop_on_error && stop.load()) return;
      const size_t i = next.fetch_add(1);
      if (i >= msgs.size()) return;
      std::string error;
      if (ctx.expired()) {
        error = "deadline exceeded before the message was processed";
      } else {
        try {
          (void)chain.apply(std::move(msgs[i]), worker_ctx);
          continue;
        } catch (...) {
          error = describe(std::current_exception());
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      outcome.failures.push_back({i, std::move(error)});
      if (stop_on_error) stop.store(true);
    }
  };

  // `work` takes messages from the shared counter, so however many calls get a thread, the
  // calling thread's own one finishes the batch.
  pool.fan_out(std::min(workers == 0 ? 1 : workers, msgs.size()), work);
  std::sort(outcome.failures.begin(), outcome.failures.end(),
            [](const MessageFailure& a, const MessageFailure& b) { return a.index < b.index; });

  if (stop_on_error && !outcome.failures.empty()) return outcome;
  outcome.control_applied = true;
  try {
    (void)chain.apply(Message::control(), ctx);
  } catch (...) {
    outcome.control_error = describe(std::current_exception());
  }
  return outcome;
}

}  // namespace sub::lambda
