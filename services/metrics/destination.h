// Metric destinations: where the utility_metric_* and meta_metric_duration
// transforms send their data points. Implementations are safe for concurrent use.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace sub::metrics {

struct Data {
  std::string name;                               // PascalCase by convention
  std::map<std::string, std::string> attributes;  // dimensions
  int64_t value = 0;
};

class Destination {
 public:
  virtual ~Destination() = default;
  // Sends one data point; failures throw sub::Error.
  virtual void generate(const Data& data) = 0;
};

}  // namespace sub::metrics
