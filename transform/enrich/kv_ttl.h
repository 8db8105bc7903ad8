// The time-to-live rule shared by the KV transforms that write (enrich_kv_store_item_set,
// enrich_kv_store_set_add, meta_kv_store_lock).
//
// Settings:
//   object.ttl_key  message value holding the expiry as Unix time; more than 10 digits
//                   (ms, us, ns) are truncated to seconds
//   ttl_offset      Go duration added to it, or to now when there is no ttl_key ("0s")
// With neither, items do not expire (TTL 0).
#pragma once

#include <cstdint>
#include <string>

#include "config/settings.h"
#include "core/message.h"

namespace sub::transform {

class KvTtl {
 public:
  static KvTtl read(const config::Settings& settings, std::string ttl_key);

  // The expiry (Unix seconds) for `msg`, or 0 for none.
  int64_t compute(const Message& msg) const;

 private:
  std::string ttl_key_;
  int64_t offset_seconds_ = 0;
};

}  // namespace sub::transform
