#include "apps/autoscale/scaling.h"

#include <cmath>

namespace sub::autoscale {
namespace {

double factor(int64_t n) {
  if (n < 5) return 2;
  if (n < 13) return 1.75;
  if (n < 33) return 1.5;
  return 1.25;
}

}  // namespace

int64_t upscale_shards(int64_t n) {
  return static_cast<int64_t>(std::floor(static_cast<double>(n) * factor(n)));
}

int64_t downscale_shards(int64_t n) {
  return static_cast<int64_t>(std::ceil(static_cast<double>(n) / factor(n)));
}

int64_t clamp_shards(int64_t target, int64_t minimum, int64_t maximum) {
  if (minimum != 0 && target < minimum) target = minimum;
  if (maximum != 0 && target > maximum) target = maximum;
  if (target < 1) target = 1;
  return target;
}

}  // namespace sub::autoscale
