#include "services/metrics/aws_cloudwatch_embedded_metrics.h"

#include <chrono>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"

namespace sub::metrics {
namespace {

void set(std::string& doc, std::string_view path, std::string_view raw) {
  std::string out;
  json::set_raw(doc, path, raw, out);
  doc = std::move(out);
}

std::string quoted(std::string_view s) {
  std::string raw;
  json::append_sjson_string(raw, s);
  return raw;
}

}  // namespace

std::string AwsCloudWatchEmbeddedMetrics::format(const Data& data, int64_t unix_ms) {
  std::string doc;
  try {
    std::string raw;
    json::append_int(raw, unix_ms);
    set(doc, "_aws.Timestamp", raw);
    set(doc, "_aws.CloudWatchMetrics.0.Namespace", "\"Substation\"");
    std::string dims = "[";
    for (const auto& [key, value] : data.attributes) {
      if (dims.size() > 1) dims += ',';
      json::append_go_string(dims, key);
      set(doc, key, quoted(value));
    }
    dims += ']';
    set(doc, "_aws.CloudWatchMetrics.0.Dimensions.-1", dims);
    set(doc, "_aws.CloudWatchMetrics.0.Metrics.0.Name", quoted(data.name));
    raw.clear();
    json::append_int(raw, data.value);
    set(doc, data.name, raw);
  } catch (const Error& e) {
    throw Error(std::string("metrics aws_cloudwatch_embedded_metrics: ") + e.what());
  }
  return doc;
}

void AwsCloudWatchEmbeddedMetrics::generate(const Data& data) {
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  out_->write_line(format(data, now_ms));
}

}  // namespace sub::metrics
