// The autoscaler's shard arithmetic: banded scale factors (large streams grow and shrink by
// smaller factors) and the clamp to the stream's MinimumShards/MaximumShards tags.
#pragma once

#include <cstdint>

namespace sub::autoscale {

// floor(n × 2) below 5 shards, × 1.75 below 13, × 1.5 below 33, else × 1.25.
int64_t upscale_shards(int64_t n);
// ceil(n / 2) below 5 shards, / 1.75 below 13, / 1.5 below 33, else / 1.25.
int64_t downscale_shards(int64_t n);
// `target` raised to `minimum` and lowered to `maximum` (either 0 = unset), then to at
// least 1.
int64_t clamp_shards(int64_t target, int64_t minimum, int64_t maximum);

}  // namespace sub::autoscale
