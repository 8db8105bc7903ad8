// Per-key batching for the aggregate_to_*, send_* and utility_control transforms.
//
// Each batch key has its own buffer with three limits: item count, total bytes, and the idle
// time since the buffer last took an item (or was reset). An add that would break a limit
// first flushes the key's current items, resets the buffer and adds again; an item that does
// not fit even an empty buffer is an error. There are no timers: buffers only move on an add
// or on flush_all/take_all (control messages). Keys keep the order in which they were first
// seen.
//
// A buffer is emptied only after its flush returned: when a send fails, that batch and every
// batch not yet sent stay buffered, so a retry (meta_retry, the next control message) sends
// them again instead of finding nothing and "succeeding".
//
// A Batcher is not synchronised; its owner guards it (transforms hold a mutex).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "config/batch_settings.h"
#include "core/error.h"

namespace sub {

// The error of an item larger than an empty buffer allows.
inline constexpr std::string_view kBatchNoMoreData = "data could not be added to batch";

// Thrown by a flush that delivered part of a batch: the buffer keeps only the items at
// `undelivered` (indices into the items it was given), so a retry does not send the
// delivered ones again.
class PartialFlushError : public Error {
 public:
  PartialFlushError(const std::string& what, std::vector<size_t> undelivered)
      : Error(what), undelivered_(std::move(undelivered)) {}
  const std::vector<size_t>& undelivered() const { return undelivered_; }

 private:
  std::vector<size_t> undelivered_;
};

class Batcher {
 public:
  using Clock = std::chrono::steady_clock;
  using Items = std::vector<std::string>;
  // Called with the items of a full buffer before it is reset. May throw: the buffer is then
  // left as it was (a PartialFlushError: only its undelivered items) and the new item is
  // not added.
  using Flush = std::function<void(const std::string& key, const Items& items)>;

  explicit Batcher(const BatchSettings& limits,
                   std::function<Clock::time_point()> now = &Clock::now);

  // Adds `item` under `key`. Returns true when the buffer had to be rotated (the old items,
  // if any, went to `flush` first). Throws sub::Error(kBatchNoMoreData) when the item alone
  // breaks the limits.
  bool add(const std::string& key, std::string item, const Flush& flush);
  // The same limits for an item that is only measured, not kept (utility_control).
  bool add_measured(const std::string& key, size_t size, const Flush& flush);

  // Hands every non-empty buffer to `flush`, in first-seen key order, and resets each one
  // after its flush returned. If a flush throws, that buffer and the ones after it are kept
  // as they were and the error propagates. Senders use this on control messages.
  void flush_all(const Flush& flush);

  // Every non-empty buffer, in first-seen key order; all buffers are reset. For owners whose
  // flush cannot fail (aggregate_to_*, utility_control).
  std::vector<std::pair<std::string, Items>> take_all();

  // Items buffered under `key` (empty if the key is unknown).
  const Items& items(const std::string& key) const;
  const BatchSettings& limits() const { return limits_; }

 private:
  struct Buffer {
    Items items;
    int64_t count = 0;
    int64_t size = 0;
    Clock::time_point last;
  };
  Buffer& buffer(const std::string& key);
  bool fits(Buffer& b, size_t size);
  bool add_impl(const std::string& key, std::string* item, size_t size, const Flush& flush);
  void reset(Buffer& b);
  // flush(key, b.items); after a PartialFlushError `b` keeps only the undelivered items.
  void flush_buffer(const std::string& key, Buffer& b, const Flush& flush);

  BatchSettings limits_;
  std::function<Clock::time_point()> now_;
  std::vector<std::pair<std::string, Buffer>> buffers_;  // first-seen order
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace sub
