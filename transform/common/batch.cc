#include "transform/common/batch.h"

#include <time.h>

#include <algorithm>
#include "config/batch_settings.h"

#include "core/error.h"

namespace sub::transform {

Batcher::Clock::time_point Batcher::coarse_now() {
  // steady_clock is CLOCK_MONOTONIC; the coarse variant counts from the same origin.
  timespec ts{};
  if (::clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) != 0) return Clock::now();
  return Clock::time_point(std::chrono::duration_cast<Clock::duration>(
      std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec)));
}

Batcher::Batcher(const config::BatchSettings& limits, std::function<Clock::time_point()> now)
    : limits_(limits), now_(std::move(now)) {
  if (!now_) {
    now_ = limits.duration < std::chrono::seconds(1)
               ? std::function<Clock::time_point()>(&Clock::now)
               : std::function<Clock::time_point()>(&coarse_now);
  }
}

void Batcher::reset(Buffer& b) {
  if (!b.items.empty()) {
    b.last_count = b.items.size();
    b.last_bytes = b.items.bytes();
  }
  b.items.clear();
  b.count = 0;
  b.size = 0;
  b.last = now_();
}

Batcher::Buffer& Batcher::buffer(const std::string& key) {
  // Most owners add under one key over and over (often the empty one): the first-seen
  // buffer is checked before the hash lookup.
  if (!buffers_.empty() && buffers_.front().first == key) return buffers_.front().second;
  auto it = index_.find(key);
  if (it == index_.end()) {
    it = index_.emplace(key, buffers_.size()).first;
    buffers_.emplace_back(key, Buffer{});
    reset(buffers_.back().second);
  }
  return buffers_[it->second].second;
}

// Takes `size` more bytes into `b` when every limit allows it.
bool Batcher::fits(Buffer& b, size_t size) {
  if (b.count + 1 > limits_.count) return false;
  if (b.size + static_cast<int64_t>(size) > limits_.size) return false;
  const Clock::time_point t = now_();
  if (t - b.last > limits_.duration) return false;
  b.last = t;
  b.count += 1;
  b.size += static_cast<int64_t>(size);
  return true;
}

void Batcher::append(Buffer& b, std::string_view item) {
  // A buffer refills to about what it held last time, plus an eighth (batches of a fixed
  // count vary in bytes: reserving the last size exactly grew and copied every other batch
  // once at its end): one allocation instead of a dozen doublings, capped so that an idle
  // key with a huge last batch does not hold it all.
  constexpr size_t kMaxReserve = size_t{1} << 20;
  if (b.items.empty() && b.last_count > 0) {
    b.items.reserve(std::min(b.last_count, kMaxReserve / 8),
                    std::min(b.last_bytes + b.last_bytes / 8, kMaxReserve));
  }
  b.items.push_back(item);
}

bool Batcher::add_impl(const std::string& key, const std::string_view* item, size_t size,
                       const Flush& flush) {
  Buffer& b = buffer(key);
  bool rotated = false;
  if (!fits(b, size)) {
    if (b.count > 0) flush(key, b.items);
    reset(b);
    if (!fits(b, size)) throw Error(std::string(kBatchNoMoreData));
    rotated = true;
  }
  if (item != nullptr) append(b, *item);
  return rotated;
}

bool Batcher::add(const std::string& key, std::string_view item, const Flush& flush) {
  return add_impl(key, &item, item.size(), flush);
}

bool Batcher::add_measured(const std::string& key, size_t size, const Flush& flush) {
  return add_impl(key, nullptr, size, flush);
}

Batcher::Added Batcher::try_add(const std::string& key, std::string_view item) {
  Buffer& b = buffer(key);
  if (!fits(b, item.size())) {
    if (b.count > 0) return Added::kFull;
    reset(b);  // an empty buffer whose idle time ran out starts again
    if (!fits(b, item.size())) return Added::kTooBig;
  }
  append(b, item);
  return Added::kAdded;
}

Batcher::Items Batcher::take(Buffer& b) {
  b.last_count = b.items.size();
  b.last_bytes = b.items.bytes();
  Items items = std::move(b.items);
  b.items = Items();  // a moved-from buffer is valid but unspecified: start from empty
  return items;
}

Batcher::Items Batcher::close(const std::string& key) {
  Buffer& b = buffer(key);
  Items items = take(b);
  reset(b);
  return items;
}

std::vector<std::pair<std::string, Batcher::Items>> Batcher::take_all() {
  std::vector<std::pair<std::string, Items>> out;
  for (auto& [key, b] : buffers_) {
    if (b.count > 0) out.emplace_back(key, take(b));
    reset(b);
  }
  return out;
}

const Batcher::Items& Batcher::items(const std::string& key) const {
  static const Items kEmpty;
  auto it = index_.find(key);
  return it == index_.end() ? kEmpty : buffers_[it->second].second.items;
}

}  // namespace sub::transform
