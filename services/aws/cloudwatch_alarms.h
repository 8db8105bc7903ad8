// Amazon CloudWatch metric alarms over the awsQuery protocol (Version 2010-08-01):
// PutMetricAlarm (metric-math alarms), SetAlarmState and DescribeAlarms.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "services/aws/client.h"

namespace sub::aws {

class CloudWatchAlarmsClient {
 public:
  explicit CloudWatchAlarmsClient(ClientOptions options)
      : client_(kCloudWatch, std::move(options)) {}

  // One entry of an alarm's Metrics: a metric (MetricStat) or an expression.
  struct MetricQuery {
    std::string id;
    std::string expression;  // empty for a MetricStat query
    std::string label;
    bool return_data = false;
    // MetricStat (used when `expression` is empty).
    std::string name_space;
    std::string metric_name;
    std::vector<std::pair<std::string, std::string>> dimensions;  // name, value
    int64_t period = 0;
    std::string stat;
  };

  struct Alarm {
    std::string name;
    std::string description;
    bool actions_enabled = true;
    std::vector<std::string> alarm_actions;
    int64_t evaluation_periods = 0;
    int64_t datapoints_to_alarm = 0;  // 0: not sent
    double threshold = 0;
    std::string comparison_operator;
    std::string treat_missing_data;  // empty: not sent
    std::vector<MetricQuery> metrics;
    // Read back by DescribeAlarms only.
    std::string state_value;
    std::string state_reason;
  };

  // Creates or replaces the alarm.
  void put_metric_alarm(const Alarm& alarm) const;
  // state: OK, ALARM or INSUFFICIENT_DATA.
  void set_alarm_state(std::string_view name, std::string_view state,
                       std::string_view reason) const;
  // The metric alarms with these names (those that exist), in the service's order.
  std::vector<Alarm> describe_alarms(const std::vector<std::string>& names) const;

  const Client& client() const { return client_; }

 private:
  Client client_;
};

}  // namespace sub::aws
