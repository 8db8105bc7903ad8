// The `metric` settings block of the metric transforms: a name, attributes and a
// destination, built by Metrics::read.
//
// Settings:
//   metric.name         the metric name
//   metric.attributes   map of string attributes (dimensions)
//   metric.destination  (required) `{type, settings}` of the destination
#pragma once

#include <map>
#include <memory>
#include <string>

#include "services/metrics/destination.h"

namespace sub::metrics {

struct Metric {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::shared_ptr<Destination> destination;

  // Sends `value` with the configured name and attributes plus `extra` attributes.
  void emit(int64_t value, const std::map<std::string, std::string>& extra = {}) const;
};

}  // namespace sub::metrics
