// The `aws_cloudwatch_embedded_metrics` destination (no settings): writes each data point
// as one line of CloudWatch Embedded Metric Format JSON to standard output, which Lambda
// forwards to CloudWatch:
//   {"_aws":{"Timestamp":<unix ms>,"CloudWatchMetrics":[{"Namespace":"Substation",
//    "Dimensions":[[<attribute keys>]],"Metrics":[{"Name":<name>}]}]},
//    <attribute key>:<value>,...,<name>:<value>}
// Attribute keys are listed in sorted order (the reference's order was Go's random map
// order) and written as paths, as the reference does. Without attributes the dimension
// set is empty (`[[]]`; the reference wrote `[null]`).
#pragma once

#include <memory>

#include "services/metrics/destination.h"
#include "services/output.h"

namespace sub::metrics {

class AwsCloudWatchEmbeddedMetrics final : public Destination {
 public:
  explicit AwsCloudWatchEmbeddedMetrics(std::shared_ptr<services::OutputSink> out)
      : out_(std::move(out)) {}
  void generate(const Data& data) override;

  // The EMF line for `data` at `unix_ms` (exposed for tests).
  static std::string format(const Data& data, int64_t unix_ms);

 private:
  std::shared_ptr<services::OutputSink> out_;
};

}  // namespace sub::metrics
