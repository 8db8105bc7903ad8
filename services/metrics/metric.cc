#include "services/metrics/metric.h"

namespace sub::metrics {

void Metric::emit(int64_t value, const std::map<std::string, std::string>& extra) const {
  Data data{name, attributes, value};
  for (const auto& [k, v] : extra) data.attributes[k] = v;
  destination->generate(data);
}

}  // namespace sub::metrics
