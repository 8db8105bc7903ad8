// What a streaming command (`read`, `tap`) has taken in so far: events and bytes. The hot
// path adds to them with relaxed atomic increments (no lock, no syscall); the progress
// reporter's thread reads them once a second (apps/cli/progress_reporter.h).
#pragma once

#include <atomic>
#include <cstdint>

namespace sub::cli {

class ProgressCounters {
 public:
  void add_event() { events_.fetch_add(1, std::memory_order_relaxed); }
  void add_bytes(uint64_t n) { bytes_.fetch_add(n, std::memory_order_relaxed); }

  uint64_t events() const { return events_.load(std::memory_order_relaxed); }
  uint64_t bytes() const { return bytes_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> events_{0};
  std::atomic<uint64_t> bytes_{0};
};

}  // namespace sub::cli
