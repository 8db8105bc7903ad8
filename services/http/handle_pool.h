// Idle libcurl easy handles kept for reuse. A handle keeps its live connections between
// transfers (keep-alive), so a caller that makes many requests to one host takes a handle
// per request and gives it back afterwards. A handle is only ever used by one thread at a
// time; the pool itself is thread-safe.
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <mutex>
#include <vector>

namespace sub::http {

class HandlePool {
 public:
  // Keeps at most `max_idle` handles; zero keeps none (every request gets a fresh handle).
  explicit HandlePool(size_t max_idle) : max_idle_(max_idle) {}
  ~HandlePool();
  HandlePool(const HandlePool&) = delete;
  HandlePool& operator=(const HandlePool&) = delete;

  // An idle handle, or a new one; null when libcurl cannot create one.
  CURL* take();
  // Returns `handle` after its transfer: its options are reset (so it points at no buffer
  // of the finished request) and it is kept, or closed when the pool is full.
  void give_back(CURL* handle);
  // Closes `handle` instead of keeping it (after a failed transfer).
  static void discard(CURL* handle);

 private:
  const size_t max_idle_;
  std::mutex mu_;
  std::vector<CURL*> idle_;
};

}  // namespace sub::http
