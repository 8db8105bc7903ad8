#include "services/aws/cloudwatch.h"

#include <ctime>

#include "core/json/encode.h"
#include "services/aws/request.h"

namespace sub::aws {

namespace {

std::string iso8601(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

void CloudWatchClient::put_metric_data(std::string_view name_space,
                                       const std::vector<Datum>& data) const {
  for (size_t start = 0; start < data.size(); start += kMaxDatums) {
    std::string form;
    append_form(form, "Action", "PutMetricData");
    append_form(form, "Version", "2010-08-01");
    append_form(form, "Namespace", name_space);
    for (size_t i = start; i < data.size() && i < start + kMaxDatums; ++i) {
      const Datum& d = data[i];
      const std::string p = "MetricData.member." + std::to_string(i - start + 1) + ".";
      append_form(form, p + "MetricName", d.name);
      std::string value;
      json::append_float_f(value, d.value);
      append_form(form, p + "Value", value);
      if (!d.unit.empty()) append_form(form, p + "Unit", d.unit);
      append_form(form, p + "Timestamp", iso8601(d.timestamp));
      size_t n = 0;
      for (const auto& [k, v] : d.dimensions) {
        ++n;
        const std::string dp = p + "Dimensions.member." + std::to_string(n) + ".";
        append_form(form, dp + "Name", k);
        append_form(form, dp + "Value", v);
      }
    }
    client_.query("PutMetricData", std::move(form));
  }
}

}  // namespace sub::aws
