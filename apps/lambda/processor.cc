#include "apps/lambda/processor.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "core/error.h"

namespace sub::lambda {

size_t workers_for(int64_t concurrency) {
  if (concurrency > 0) return static_cast<size_t>(std::min<int64_t>(concurrency, 1024));
  if (concurrency == 0) return 1;
  const unsigned cpus = std::thread::hardware_concurrency();
  return cpus == 0 ? 1 : cpus;
}

BatchOutcome process_batch(const Chain& chain, std::vector<Message> msgs, size_t workers,
                           const Context& ctx, bool stop_on_error) {
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

  const size_t threads = std::min(workers == 0 ? 1 : workers, msgs.size());
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    try {
      for (size_t t = 0; t < threads; ++t) pool.emplace_back(work);
    } catch (...) {
      // Could not start every thread: the ones running (and this one) finish the work.
      work();
    }
    for (auto& th : pool) th.join();
  }
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
