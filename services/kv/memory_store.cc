#include "services/kv/memory_store.h"

#include <chrono>

#include "core/error.h"

namespace sub::kv {
namespace {

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

MemoryStore::MemoryStore(int64_t capacity)
    : capacity_(static_cast<size_t>(capacity > 0 ? capacity : kDefaultCapacity)) {}

void MemoryStore::setup() {
  std::lock_guard<std::mutex> lock(mu_);
  enabled_ = true;
}

bool MemoryStore::enabled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return enabled_;
}

void MemoryStore::close() {
  std::lock_guard<std::mutex> lock(mu_);
  lru_.clear();
  index_.clear();
  enabled_ = false;
}

size_t MemoryStore::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

MemoryStore::List::iterator MemoryStore::find_live(const std::string& key, int64_t now) {
  auto it = index_.find(key);
  if (it == index_.end()) return lru_.end();
  if (expired(*it->second, now)) {
    lru_.erase(it->second);
    index_.erase(it);
    return lru_.end();
  }
  return it->second;
}

void MemoryStore::insert_front(Item item) {
  lru_.push_front(std::move(item));
  index_[lru_.front().key] = lru_.begin();
  if (lru_.size() > capacity_) {
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
}

config::Node MemoryStore::get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = find_live(key, unix_now());
  if (it == lru_.end()) return config::Node();
  lru_.splice(lru_.begin(), lru_, it);
  return it->value;
}

void MemoryStore::set_with_ttl(const std::string& key, const config::Node& value, int64_t ttl) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = index_.find(key);
  if (found != index_.end()) {
    found->second->value = value;
    found->second->ttl = ttl;
    lru_.splice(lru_.begin(), lru_, found->second);
    return;
  }
  insert_front(Item{key, value, ttl});
}

void MemoryStore::set_add_with_ttl(const std::string& key, const config::Node& value, int64_t ttl) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = find_live(key, unix_now());
  if (it == lru_.end()) {
    insert_front(Item{key, config::Node::make_array({value}), ttl});
    return;
  }
  if (!it->value.is_array()) {
    throw Error("kv: memory: the value at the key is not a set");
  }
  std::vector<config::Node> items = it->value.items();
  const std::string encoded = value.to_json();
  bool present = false;
  for (const config::Node& existing : items) {
    if (existing.to_json() == encoded) {
      present = true;
      break;
    }
  }
  if (!present) items.push_back(value);
  it->value = config::Node::make_array(std::move(items));
  it->ttl = ttl;
  lru_.splice(lru_.begin(), lru_, it);
}

bool MemoryStore::lock(const std::string& key, int64_t ttl) {
  std::lock_guard<std::mutex> lock(mu_);
  if (find_live(key, unix_now()) != lru_.end()) return false;
  insert_front(Item{key, config::Node(), ttl});
  return true;
}

void MemoryStore::unlock(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) return;
  lru_.erase(it->second);
  index_.erase(it);
}

}  // namespace sub::kv
