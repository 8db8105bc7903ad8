// The `memory` KV store: an in-process LRU map with optional per-item expiry.
//
// Settings:
//   capacity  maximum number of items (default 1024); the least recently used item is
//             evicted when a new key would exceed it
// Items whose TTL (Unix seconds, 0 = none) has passed are treated as absent and removed
// when touched. Locks are items too: lock() takes a key that is absent or expired.
//
// Unlike the reference, locking an expired key succeeds at once rather than failing
// the first time, and one mutex guards every operation (the reference's lock path read the
// map under a different mutex than its writers).
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "services/kv/store.h"

namespace sub::kv {

class MemoryStore final : public Store {
 public:
  static constexpr int64_t kDefaultCapacity = 1024;

  explicit MemoryStore(int64_t capacity = kDefaultCapacity);

  std::string_view type() const override { return "memory"; }
  void setup() override;
  bool enabled() const override;
  void close() override;

  config::Node get(const std::string& key) override;
  void set_with_ttl(const std::string& key, const config::Node& value, int64_t ttl) override;
  void set_add_with_ttl(const std::string& key, const config::Node& value, int64_t ttl) override;

  bool supports_lock() const override { return true; }
  bool lock(const std::string& key, int64_t ttl) override;
  void unlock(const std::string& key) override;

  size_t size() const;

 private:
  struct Item {
    std::string key;
    config::Node value;
    int64_t ttl;
  };
  using List = std::list<Item>;

  static bool expired(const Item& item, int64_t now) { return item.ttl != 0 && item.ttl <= now; }
  // The live item at `key` (expired ones are removed), or end().
  List::iterator find_live(const std::string& key, int64_t now);
  void insert_front(Item item);

  const size_t capacity_;
  mutable std::mutex mu_;
  bool enabled_ = false;
  List lru_;  // most recently used first
  std::unordered_map<std::string, List::iterator> index_;
};

}  // namespace sub::kv
