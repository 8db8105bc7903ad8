// Metrics: builds metric destinations from `{type, settings}` configs. One per Services
// object. Built-in type: aws_cloudwatch_embedded_metrics (writes to the stdout sink given
// to read()). Other destinations are added with add_type().
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "config/settings.h"
#include "services/metrics/destination.h"
#include "services/metrics/metric.h"
#include "services/output.h"

namespace sub::metrics {

class Metrics {
 public:
  using Factory = std::shared_ptr<Destination> (*)(
      const config::Settings& settings, const std::shared_ptr<services::OutputSink>& stdout_sink);

  Metrics();

  void add_type(std::string type, Factory factory);

  // Reads the `metric` block at `key` of `parent`. `stdout_sink` is where stdout-writing
  // destinations write; when null they write to file descriptor 1.
  Metric read(const config::Settings& parent, std::string_view key,
              const std::shared_ptr<services::OutputSink>& stdout_sink);

 private:
  std::mutex mu_;
  std::map<std::string, Factory, std::less<>> types_;
  std::shared_ptr<services::OutputSink> fallback_stdout_;
};

}  // namespace sub::metrics
