// Time-to-live values for KV stores.
#pragma once

#include <cstdint>

#include "core/json/value.h"

namespace sub {

// The reference's truncateTTL: an integer TTL written with more than 10 digits (Unix
// milliseconds, microseconds, nanoseconds) is truncated to seconds by dropping the extra
// digits; shorter values are returned as gjson's Int(). The digit count is taken from the
// value's String() form, as the reference does.
int64_t truncate_ttl(const json::Value& v);

}  // namespace sub
