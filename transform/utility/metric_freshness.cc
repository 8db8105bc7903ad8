// utility_metric_freshness: reports how many messages carried a timestamp younger than a
// threshold.
//
// Settings:
//   threshold          (required) Go duration
//   object.source_key  (required) the timestamp, Unix nanoseconds
//   metric             {name, attributes, destination (required)}; see services/metrics
// Data messages pass through; a timestamp of 0 (or missing) is not counted, one younger
// than the threshold counts as a success, any other as a failure. A control message emits
// two data points, with the attribute FreshnessType=Success and FreshnessType=Failure,
// resets both counts and passes through. (Without metric.attributes the reference
// panicked; here the attribute is simply the only one.)
#include <atomic>
#include <chrono>
#include <cstdint>

#include "config/object_settings.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class UtilityMetricFreshness final : public Transform {
 public:
  UtilityMetricFreshness(metrics::Metric metric, std::string source_key,
                         std::chrono::nanoseconds threshold)
      : metric_(std::move(metric)), source_key_(std::move(source_key)), threshold_(threshold) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (msg.is_control()) {
      metric_.emit(success_.exchange(0), {{"FreshnessType", "Success"}});
      metric_.emit(failure_.exchange(0), {{"FreshnessType", "Failure"}});
      out.push_back(std::move(msg));
      return;
    }
    const int64_t ts = msg.get(source_key_).to_int();
    if (ts != 0) {
      const int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
      if (now - ts < threshold_.count()) {
        success_.fetch_add(1);
      } else {
        failure_.fetch_add(1);
      }
    }
    out.push_back(std::move(msg));
  }

 private:
  const metrics::Metric metric_;
  const std::string source_key_;
  const std::chrono::nanoseconds threshold_;
  mutable std::atomic<uint32_t> success_{0};
  mutable std::atomic<uint32_t> failure_{0};
};

}  // namespace

std::shared_ptr<Transform> new_utility_metric_freshness(const config::Settings& s, Builder& b) {
  if (s.string("threshold").empty()) s.missing("threshold");
  const std::chrono::nanoseconds threshold = s.duration("threshold");
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  if (!obj.has_source()) s.missing("object.source_key");
  metrics::Metric metric = b.services().metrics->read(s, "metric", b.services().stdout_sink);
  return std::make_shared<UtilityMetricFreshness>(std::move(metric), std::move(obj.source_key),
                                                  threshold);
}

}  // namespace sub::transform
