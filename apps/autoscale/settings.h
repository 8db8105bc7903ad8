// The autoscale function's environment: the utilisation threshold of the alarms and the
// datapoints each alarm needs.
#pragma once

#include <cstdint>
#include <functional>

namespace sub::autoscale {

struct Settings {
  // AUTOSCALE_KINESIS_THRESHOLD: upscale at this share of the shard limits, downscale at
  // threshold - 0.35. Values outside [0.4, 0.9] keep the default, as the reference does.
  double threshold = 0.7;
  // AUTOSCALE_KINESIS_UPSCALE_DATAPOINTS: evaluation periods (= datapoints) of the upscale
  // alarm, one minute each.
  int64_t upscale_datapoints = 5;
  // AUTOSCALE_KINESIS_DOWNSCALE_DATAPOINTS: the same for the downscale alarm.
  int64_t downscale_datapoints = 60;

  using Getenv = std::function<const char*(const char*)>;
  // Reads the variables through `getenv`. A value that is not a number (or a datapoint
  // count below 1) throws sub::Error naming the variable (the reference panics).
  static Settings from_env(const Getenv& getenv);
};

}  // namespace sub::autoscale
