// Partial-failure handling of the AWS batch APIs (SendMessageBatch, PublishBatch,
// PutRecordBatch, PutEvents, BatchWriteItem): only the entries that failed are sent again,
// with full-jitter backoff between rounds, for at most `max_rounds` calls and never past the
// deadline. Entries that still fail (or fail with a non-retryable code) end as one error that
// names each of them: nothing is dropped silently.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "services/aws/retry.h"

namespace sub::aws {

// One failed entry of a batch call. `index` is the entry's position in the list given to
// that call.
struct EntryFailure {
  size_t index = 0;
  std::string code;
  std::string message;
  bool retryable = true;
};

struct PartialRetryOptions {
  int max_rounds = 8;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  RetryPolicy policy;
};

// Sends `count` entries: `send_once(indices)` sends the entries at those (original) indices
// and returns the failures, indexed into `indices`. Throws sub::Error
// "<what>: N of M entries failed after R attempts: #i CODE: message; ..." when entries remain.
// Errors thrown by send_once (whole-call failures) propagate as they are.
void send_with_partial_retry(
    std::string_view what, size_t count,
    const std::function<std::vector<EntryFailure>(const std::vector<size_t>& indices)>& send_once,
    const PartialRetryOptions& options);

}  // namespace sub::aws
