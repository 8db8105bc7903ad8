// Amazon CloudWatch PutMetricData over the awsQuery protocol.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "services/aws/client.h"

namespace sub::aws {

class CloudWatchClient {
 public:
  explicit CloudWatchClient(ClientOptions options) : client_(kCloudWatch, std::move(options)) {}

  // PutMetricData takes at most 1000 data points per call.
  static constexpr size_t kMaxDatums = 1000;

  struct Datum {
    std::string name;
    std::map<std::string, std::string> dimensions;  // at most 30
    double value = 0;
    std::string unit;  // "Count", "Bytes", ...; "" = None
    std::chrono::system_clock::time_point timestamp = std::chrono::system_clock::now();
  };

  // Sends `data` in calls of at most kMaxDatums.
  void put_metric_data(std::string_view name_space, const std::vector<Datum>& data) const;

  const Client& client() const { return client_; }

 private:
  Client client_;
};

}  // namespace sub::aws
