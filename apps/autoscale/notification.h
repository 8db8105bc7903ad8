// The CloudWatch alarm notification the autoscaler receives through SNS.
#pragma once

#include <string>
#include <string_view>

namespace sub::autoscale {

struct Notification {
  std::string topic_arn;   // Records[0].Sns.TopicArn: the alarms' action
  std::string alarm_name;  // Message.AlarmName
  // Message.Trigger.Metrics[i].MetricStat.Metric.Dimensions.0.value of the first metric
  // with Id m1 or m2.
  std::string stream;

  bool upscale() const;    // the alarm name contains "upscale"
  bool downscale() const;  // the alarm name contains "downscale"

  // Reads Records[0] of an SNS event. Throws lambda::EventError when there is no record,
  // no alarm name or no stream.
  static Notification parse(std::string_view sns_event);
};

}  // namespace sub::autoscale
