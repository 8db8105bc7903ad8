#include "core/ttl.h"

#include <limits>
#include <string>

namespace sub {

int64_t truncate_ttl(const json::Value& v) {
  const std::string text = v.to_string();
  const int64_t n = v.to_int();
  if (text.size() <= 10) return n;
  const size_t extra = text.size() - 10;
  // Go computes int64(math.Pow10(extra)); from 10^19 on that conversion overflows and
  // yields math.MinInt64 on every supported platform.
  if (extra >= 19) return n == std::numeric_limits<int64_t>::min() ? 1 : 0;
  int64_t divisor = 1;
  for (size_t i = 0; i < extra; ++i) divisor *= 10;
  return n / divisor;
}

}  // namespace sub
