// utility_metric_count: reports the number of data messages that passed.
//
// Settings:
//   metric  {name, attributes, destination (required)}; see services/metrics
// Data messages pass through and are counted (a 32-bit unsigned counter, as in the
// reference). A control message emits the count, resets it and passes through.
#include <atomic>
#include <cstdint>

#include "transform/builder.h"

namespace sub::transform {
namespace {

class UtilityMetricCount final : public Transform {
 public:
  explicit UtilityMetricCount(metrics::Metric metric) : metric_(std::move(metric)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (msg.is_control()) {
      metric_.emit(count_.exchange(0));
    } else {
      count_.fetch_add(1);
    }
    out.push_back(std::move(msg));
  }

 private:
  const metrics::Metric metric_;
  mutable std::atomic<uint32_t> count_{0};
};

}  // namespace

std::shared_ptr<Transform> new_utility_metric_count(const config::Settings& s, Builder& b) {
  return std::make_shared<UtilityMetricCount>(
      b.services().metrics->read(s, "metric", b.services().stdout_sink));
}

}  // namespace sub::transform
