// utility_metric_bytes: reports the number of data bytes that passed.
//
// Settings:
//   metric  {name, attributes, destination (required)}; see services/metrics
// Data messages pass through and their sizes are summed (a 32-bit unsigned counter, as in
// the reference). A control message emits the sum, resets it and passes through.
#include <atomic>
#include <cstdint>

#include "transform/builder.h"

namespace sub::transform {
namespace {

class UtilityMetricBytes final : public Transform {
 public:
  explicit UtilityMetricBytes(metrics::Metric metric) : metric_(std::move(metric)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (msg.is_control()) {
      metric_.emit(bytes_.exchange(0));
    } else {
      bytes_.fetch_add(static_cast<uint32_t>(msg.data().size()));
    }
    out.push_back(std::move(msg));
  }

 private:
  const metrics::Metric metric_;
  mutable std::atomic<uint32_t> bytes_{0};
};

}  // namespace

std::shared_ptr<Transform> new_utility_metric_bytes(const config::Settings& s, Builder& b) {
  return std::make_shared<UtilityMetricBytes>(
      b.services().metrics->read(s, "metric", b.services().stdout_sink));
}

}  // namespace sub::transform
