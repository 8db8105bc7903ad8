// Per-key batching for the aggregate_to_*, send_* and utility_control transforms.
//
// Each batch key has its own buffer with three limits: item count, total bytes, and the idle
// time since the buffer last took an item (or was reset). An add that would break a limit
// first flushes the key's current items, resets the buffer and adds again; an item that does
// not fit even an empty buffer is an error. There are no timers: buffers only move on an add
// or on flush_all/take_all (control messages). Keys keep the order in which they were first
// seen.
//
// Two ways to use it. The aggregate_* transforms and utility_control call add() with a flush
// that cannot fail. Senders, whose flush is a network call that can, use try_add() and
// close() and send the closed batches themselves, outside their lock
// (transform/send/batch_send.h keeps a failed batch until it is delivered).
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
#include "transform/common/item_list.h"

namespace sub::transform {

// The error of an item larger than an empty buffer allows.
inline constexpr std::string_view kBatchNoMoreData = "data could not be added to batch";

class Batcher {
 public:
  using Clock = std::chrono::steady_clock;
  using Items = ItemList;
  // Called with the items of a full buffer before it is reset. If it throws, the buffer is
  // left as it was and the new item is not added.
  using Flush = std::function<void(const std::string& key, const Items& items)>;

  explicit Batcher(const config::BatchSettings& limits,
                   std::function<Clock::time_point()> now = nullptr);

  // The steady clock at the kernel's tick resolution (a few milliseconds). An add reads the
  // clock; with the usual idle limits (seconds to minutes) the cheaper read is the one
  // used. Limits under a second get the precise clock, so that a tiny one (`0s`, `1ns`)
  // still refuses every item, as in v2.8, where no two reads are equal.
  static Clock::time_point coarse_now();

  // Adds `item` under `key`. Returns true when the buffer had to be rotated (the old items,
  // if any, went to `flush` first). Throws sub::Error(kBatchNoMoreData) when the item alone
  // breaks the limits.
  bool add(const std::string& key, std::string_view item, const Flush& flush);
  // The same limits for an item that is only measured, not kept (utility_control).
  bool add_measured(const std::string& key, size_t size, const Flush& flush);

  // What try_add did.
  enum class Added {
    kAdded,   // the item was copied into the buffer
    kFull,    // the buffer must be closed (and sent) first
    kTooBig,  // not even an empty buffer takes it (kBatchNoMoreData)
  };
  // Adds `item` under `key` when the key's buffer has room for it, without flushing.
  [[nodiscard]] Added try_add(const std::string& key, std::string_view item);
  // The items buffered under `key`; the buffer is reset.
  [[nodiscard]] Items close(const std::string& key);

  // Every non-empty buffer, in first-seen key order; all buffers are reset.
  std::vector<std::pair<std::string, Items>> take_all();

  // Items buffered under `key` (empty if the key is unknown).
  const Items& items(const std::string& key) const;
  const config::BatchSettings& limits() const { return limits_; }

 private:
  struct Buffer {
    Items items;
    int64_t count = 0;
    int64_t size = 0;
    Clock::time_point last;
    // The count and bytes of the batch this buffer last held, reserved when it takes its
    // next first item.
    size_t last_count = 0;
    size_t last_bytes = 0;
  };
  Buffer& buffer(const std::string& key);
  bool fits(Buffer& b, size_t size);
  bool add_impl(const std::string& key, const std::string_view* item, size_t size,
                const Flush& flush);
  static void append(Buffer& b, std::string_view item);
  // The buffer's items, moved out; the buffer remembers their count and bytes.
  static Items take(Buffer& b);
  void reset(Buffer& b);

  config::BatchSettings limits_;
  std::function<Clock::time_point()> now_;
  std::vector<std::pair<std::string, Buffer>> buffers_;  // first-seen order
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace sub::transform
