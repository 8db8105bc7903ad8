// The `object` settings block shared by most transforms (reference §1.7), and the batch
// settings of §1.8.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "config/settings.h"

namespace sub {

struct ObjectSettings {
  std::string source_key;
  std::string target_key;
  std::string batch_key;
  std::string ttl_key;   // kv set / set_add / lock only
  std::string body_key;  // enrich_http_post only

  static ObjectSettings read(const config::Settings& settings);

  bool has_source() const { return !source_key.empty(); }
  bool has_target() const { return !target_key.empty(); }
  // Data mode: neither key set. Object mode: both set.
  bool data_mode() const { return source_key.empty() && target_key.empty(); }

  // The rule of most transforms: both keys or neither. Exactly one set is a config error
  // naming the missing key.
  void require_both_or_neither(const config::Settings& settings) const;
};

struct BatchSettings {
  int64_t count = 1000;
  int64_t size = 1024 * 1024;
  std::chrono::nanoseconds duration = std::chrono::minutes(1);

  // Reads `batch`; counts and sizes <= 1 or absent take the defaults, then are clamped to the
  // service limits `max_count` / `max_size` (0 = no limit).
  static BatchSettings read(const config::Settings& settings, int64_t max_count = 0,
                            int64_t max_size = 0);
};

}  // namespace sub
