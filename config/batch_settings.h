// The `batch` settings block of the aggregate_to_*, send_* and utility_control transforms:
// the limits of each batch (transform/common/batch.h keeps the batches).
#pragma once

#include <chrono>
#include <cstdint>

#include "config/settings.h"

namespace sub::config {

struct BatchSettings {
  int64_t count = 1000;
  int64_t size = 1024 * 1024;
  std::chrono::nanoseconds duration = std::chrono::minutes(1);

  // Reads `batch`; counts and sizes <= 1 or absent take the defaults, then are clamped to the
  // service limits `max_count` / `max_size` (0 = no limit).
  static BatchSettings read(const config::Settings& settings, int64_t max_count = 0,
                            int64_t max_size = 0);
};

}  // namespace sub::config
