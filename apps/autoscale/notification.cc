#include "apps/autoscale/notification.h"

#include "apps/lambda/handler.h"
#include "core/json/path.h"

namespace sub::autoscale {

bool Notification::upscale() const { return alarm_name.find("upscale") != std::string::npos; }

bool Notification::downscale() const { return alarm_name.find("downscale") != std::string::npos; }

Notification Notification::parse(std::string_view sns_event) {
  if (!json::valid(sns_event)) throw lambda::EventError("autoscale: event is not JSON");
  const json::Value sns = json::get(sns_event, "Records.0.Sns");
  if (!sns.is_object()) throw lambda::EventError("autoscale: event has no SNS record");
  Notification n;
  n.topic_arn = sns.get("TopicArn").to_string();
  const std::string message = sns.get("Message").to_string();
  n.alarm_name = json::get(message, "AlarmName").to_string();
  if (n.alarm_name.empty()) {
    throw lambda::EventError("autoscale: SNS message has no AlarmName");
  }
  json::get(message, "Trigger.Metrics").for_each([&](const json::Value&, const json::Value& m) {
    const std::string id = m.get("Id").to_string();
    if (id != "m1" && id != "m2") return true;
    n.stream = m.get("MetricStat.Metric.Dimensions.0.value").to_string();
    return false;
  });
  if (n.stream.empty()) {
    throw lambda::EventError("autoscale: alarm " + n.alarm_name +
                             " names no stream (no metric m1 or m2 with a dimension)");
  }
  return n;
}

}  // namespace sub::autoscale
