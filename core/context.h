// Per-call context handed to transforms and conditions: the deadline of the work (Lambda's
// remaining time, or none) and a cancellation flag the caller may raise.
#pragma once

#include <atomic>
#include <chrono>

namespace sub {

struct Context {
  using Clock = std::chrono::steady_clock;
  Clock::time_point deadline = Clock::time_point::max();
  const std::atomic<bool>* cancelled = nullptr;

  bool expired() const {
    return (cancelled && cancelled->load(std::memory_order_relaxed)) ||
           (deadline != Clock::time_point::max() && Clock::now() >= deadline);
  }
};

}  // namespace sub
