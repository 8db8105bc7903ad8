#include "transform/enrich/kv_ttl.h"

#include <chrono>

#include "core/ttl.h"

namespace sub::transform {

KvTtl KvTtl::read(const config::Settings& settings, std::string ttl_key) {
  KvTtl t;
  t.ttl_key_ = std::move(ttl_key);
  // Whole seconds, truncated like Go's int64(d.Seconds()).
  t.offset_seconds_ =
      std::chrono::duration_cast<std::chrono::seconds>(settings.duration("ttl_offset")).count();
  return t;
}

int64_t KvTtl::compute(const Message& msg) const {
  if (!ttl_key_.empty()) return truncate_ttl(msg.get(ttl_key_)) + offset_seconds_;
  if (offset_seconds_ != 0) {
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    return now + offset_seconds_;
  }
  return 0;
}

}  // namespace sub::transform
