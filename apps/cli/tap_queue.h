// The bounded queue between the shard readers and the transform workers of `substation tap`.
// It holds at most kMaxMessages messages and about kMaxBytes of data (one message larger
// than that still passes, alone), so a slow pipeline slows the readers down instead of
// growing memory. Every wait wakes at least every kTick to look at the abort flag.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

#include "core/message.h"

namespace sub::cli {

class MessageQueue {
 public:
  static constexpr size_t kMaxMessages = 10000;
  static constexpr size_t kMaxBytes = size_t{64} << 20;
  static constexpr std::chrono::milliseconds kTick{100};

  // Waits for room; false (the message dropped) once `abort` is set.
  [[nodiscard]] bool push(Message msg, const std::atomic<bool>& abort) {
    const size_t size = msg.data().size() + msg.metadata().size();
    std::unique_lock<std::mutex> lock(mu_);
    while (!abort.load() && !has_room(size)) not_full_.wait_for(lock, kTick);
    if (abort.load()) return false;
    bytes_ += size;
    queue_.push_back(std::move(msg));
    not_empty_.notify_one();
    return true;
  }

  // Waits for a message; false once the queue is closed and empty, or `abort` is set.
  [[nodiscard]] bool pop(Message& out, const std::atomic<bool>& abort) {
    std::unique_lock<std::mutex> lock(mu_);
    while (!abort.load() && queue_.empty() && !closed_) not_empty_.wait_for(lock, kTick);
    if (abort.load() || queue_.empty()) return false;
    out = std::move(queue_.front());
    queue_.pop_front();
    bytes_ -= out.data().size() + out.metadata().size();
    not_full_.notify_one();
    return true;
  }

  // No more pushes: pop drains what is left, then returns false.
  void close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  bool has_room(size_t size) const {
    return queue_.empty() || (queue_.size() < kMaxMessages && bytes_ + size <= kMaxBytes);
  }

  std::mutex mu_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<Message> queue_;
  size_t bytes_ = 0;
  bool closed_ = false;
};

}  // namespace sub::cli
