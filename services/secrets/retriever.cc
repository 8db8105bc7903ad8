#include "services/secrets/retriever.h"

#include "core/error.h"

namespace sub::secrets {

Retriever::Retriever(std::string id, std::chrono::nanoseconds ttl_offset,
                     std::unique_ptr<Source> source, std::shared_ptr<kv::MemoryStore> cache)
    : id_(std::move(id)),
      ttl_offset_(ttl_offset),
      source_(std::move(source)),
      cache_(std::move(cache)) {}

void Retriever::retrieve() {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<std::string> value = source_->fetch();
  if (value) cache_->set(id_, config::Node::make_string(std::move(*value)));
  deadline_ = Clock::now() + ttl_offset_;
}

bool Retriever::expired() const {
  std::lock_guard<std::mutex> lock(mu_);
  return Clock::now() >= deadline_;
}

void Retriever::refresh_if_expired() {
  std::lock_guard<std::mutex> lock(mu_);
  if (Clock::now() < deadline_) return;
  std::optional<std::string> value = source_->fetch();
  if (value) cache_->set(id_, config::Node::make_string(std::move(*value)));
  deadline_ = Clock::now() + ttl_offset_;
}

}  // namespace sub::secrets
