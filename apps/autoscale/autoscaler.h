// The Kinesis shard autoscaler (Substation's cmd/aws/lambda/autoscale): on an upscale or
// downscale alarm it reshards the stream named by the alarm's metrics, records the time in
// the stream's LastScalingEvent tag and re-creates both of the stream's alarms for the new
// shard count.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "apps/autoscale/notification.h"
#include "apps/autoscale/settings.h"
#include "core/context.h"
#include "services/aws/cloudwatch_alarms.h"
#include "services/aws/kinesis_admin.h"
#include "services/logger.h"

namespace sub::autoscale {

class Autoscaler {
 public:
  using Now = std::function<std::chrono::system_clock::time_point()>;

  struct Options {
    // DescribeStreamSummary polling after UpdateShardCount: every `poll_interval`, at most
    // `max_polls` times and never past the invocation's deadline.
    std::chrono::milliseconds poll_interval{1000};
    int max_polls = 600;
    Now now = [] { return std::chrono::system_clock::now(); };
  };

  enum class Outcome {
    kCoolingDown,  // the last scaling event is too recent; the alarm was reset
    kUnchanged,    // the target equals the current count
    kScaled,
  };
  struct Result {
    Outcome outcome = Outcome::kUnchanged;
    int64_t shards = 0;  // active shards before
    int64_t target = 0;  // after clamping (0 when cooling down)
  };

  Autoscaler(Settings settings, std::shared_ptr<const aws::KinesisAdminClient> kinesis,
             std::shared_ptr<const aws::CloudWatchAlarmsClient> cloudwatch, services::Logger log,
             Options options);

  // Handles one alarm notification. Throws sub::Error on an AWS failure, a malformed tag
  // or an alarm name with neither "upscale" nor "downscale".
  Result handle(const Notification& n, const Context& ctx) const;

  // Cool-downs after the last scaling event.
  static constexpr std::chrono::minutes kUpscaleCooldown{3};
  static constexpr std::chrono::minutes kDownscaleCooldown{30};
  // The alarms' metric math for `shards` shards: m1/m2 IncomingRecords/IncomingBytes sums
  // per 60 s, e1/e2 FILL(…,REPEAT), e3/e4 the share of the per-shard limits (1000 records,
  // 1 MiB per second), e5 MAX([e3,e4]) (returned).
  static std::vector<aws::CloudWatchAlarmsClient::MetricQuery> alarm_metrics(
      const std::string& stream, int64_t shards);

 private:
  void wait_for_update(const std::string& stream, const Context& ctx) const;
  void reset_alarms(const Notification& n, int64_t shards) const;

  Settings settings_;
  std::shared_ptr<const aws::KinesisAdminClient> kinesis_;
  std::shared_ptr<const aws::CloudWatchAlarmsClient> cloudwatch_;
  services::Logger log_;
  Options options_;
};

}  // namespace sub::autoscale
