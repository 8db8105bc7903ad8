// meta_metric_duration: measures the wall time spent in a chain and reports it as a metric.
//
// Settings:
//   transforms  the chain that is measured
//   metric      {name, attributes, destination (required)}; see services/metrics
// Each data message goes through the chain and the time it took (nanoseconds, errors
// included) is added up. A control message first emits the total, then goes through the
// chain. The total restarts from zero after each emit (the reference never reset it, so
// every metric repeated all earlier time).
#include <atomic>
#include <chrono>

#include "transform/builder.h"

namespace sub::transform {
namespace {

class MetaMetricDuration final : public Transform {
 public:
  MetaMetricDuration(metrics::Metric metric, Chain chain)
      : metric_(std::move(metric)), chain_(std::move(chain)) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const override {
    if (msg.is_control()) {
      metric_.emit(total_ns_.exchange(0));
      for (Message& m : chain_.apply(std::move(msg), ctx)) out.push_back(std::move(m));
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    struct AddElapsed {
      std::atomic<int64_t>& total;
      std::chrono::steady_clock::time_point start;
      ~AddElapsed() {
        total.fetch_add(std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count());
      }
    } add{total_ns_, start};
    for (Message& m : chain_.apply(std::move(msg), ctx)) out.push_back(std::move(m));
  }

 private:
  const metrics::Metric metric_;
  const Chain chain_;
  mutable std::atomic<int64_t> total_ns_{0};
};

}  // namespace

std::shared_ptr<Transform> new_meta_metric_duration(const config::Settings& s, Builder& b) {
  metrics::Metric metric = b.services().metrics->read(s, "metric", b.services().stdout_sink);
  Chain chain = b.nested_chain(s, "transforms");
  return std::make_shared<MetaMetricDuration>(std::move(metric), std::move(chain));
}

}  // namespace sub::transform
