// Applies a batch to a chain: the calling thread and up to `workers - 1` threads of `pool`
// apply the messages concurrently, then one control message flushes the chain. Every
// exception is caught in its thread and reported; none escapes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/context.h"
#include "core/message.h"
#include "core/worker_pool.h"
#include "transform/transform.h"

namespace sub::lambda {

struct MessageFailure {
  size_t index = 0;  // of the message in the input
  std::string error;
};

struct BatchOutcome {
  std::vector<MessageFailure> failures;  // sorted by index
  std::optional<std::string> control_error;
  bool control_applied = false;
  bool ok() const { return failures.empty() && control_applied && !control_error; }
};

// `stop_on_error`: the first failure stops further messages (in-flight ones finish) and
// the control message is not sent (the reference's errgroup). Otherwise every message is
// tried and the control message is always sent.
[[nodiscard]] BatchOutcome process_batch(const transform::Chain& chain, std::vector<Message> msgs,
                                         WorkerPool& pool, size_t workers, const Context& ctx,
                                         bool stop_on_error);

// The most workers a batch uses, whatever its `concurrency`: the size of the pool.
inline constexpr size_t kMaxWorkers = 1024;

// The worker count for a configured `concurrency`: missing/0 → 1, negative → CPUs.
size_t workers_for(int64_t concurrency);

}  // namespace sub::lambda
