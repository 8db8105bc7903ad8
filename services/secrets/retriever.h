// One configured secret: fetches its value from a Source into the shared cache under the
// secret's id, and knows when the cached value is due for a refresh.
//
// The deadline is moved forward by `ttl_offset` on every retrieval, so a secret is fetched
// again once per ttl_offset. (The reference computed the deadline once at construction, so
// after the first ttl_offset it re-fetched on every message.)
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "services/kv/memory_store.h"
#include "services/secrets/source.h"

namespace sub::secrets {

class Retriever {
 public:
  using Clock = std::chrono::steady_clock;

  Retriever(std::string id, std::chrono::nanoseconds ttl_offset, std::unique_ptr<Source> source,
            std::shared_ptr<kv::MemoryStore> cache);

  const std::string& id() const { return id_; }

  // Fetches the value and caches it under id(); an absent value leaves the cache as it was.
  void retrieve();
  // True once ttl_offset has passed since the last retrieve() (or if there was none).
  bool expired() const;
  // retrieve() if expired(); concurrent callers fetch once.
  void refresh_if_expired();

 private:
  const std::string id_;
  const std::chrono::nanoseconds ttl_offset_;
  mutable std::mutex mu_;
  std::unique_ptr<Source> source_;
  std::shared_ptr<kv::MemoryStore> cache_;
  Clock::time_point deadline_ = Clock::time_point::min();
};

}  // namespace sub::secrets
