#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "config/node.h"
#include "config/settings.h"
#include "core/error.h"
#include "core/json/path.h"
#include "services/metrics/aws_cloudwatch_embedded_metrics.h"
#include "services/metrics/registry.h"
#include "services/output.h"

namespace sub::metrics {
namespace {

using config::Node;

TEST(EmbeddedMetricsTest, Shape) {
  Data d{"MessagesCount", {{"Pipeline", "p1"}, {"Env", "prod"}}, 42};
  EXPECT_EQ(AwsCloudWatchEmbeddedMetrics::format(d, 1700000000123),
            R"({"_aws":{"Timestamp":1700000000123,"CloudWatchMetrics":[{"Namespace":"Substation",)"
            R"("Dimensions":[["Env","Pipeline"]],"Metrics":[{"Name":"MessagesCount"}]}]},)"
            R"("Env":"prod","Pipeline":"p1","MessagesCount":42})");
}

TEST(EmbeddedMetricsTest, NoAttributes) {
  Data d{"Bytes", {}, 0};
  EXPECT_EQ(AwsCloudWatchEmbeddedMetrics::format(d, 5),
            R"({"_aws":{"Timestamp":5,"CloudWatchMetrics":[{"Namespace":"Substation",)"
            R"("Dimensions":[[]],"Metrics":[{"Name":"Bytes"}]}]},"Bytes":0})");
}

TEST(EmbeddedMetricsTest, GenerateWritesOneLineWithTheCurrentTime) {
  auto sink = std::make_shared<services::CaptureSink>();
  AwsCloudWatchEmbeddedMetrics emf(sink);
  emf.generate(Data{"Count", {{"A", "b"}}, 7});
  ASSERT_EQ(sink->lines().size(), 1u);
  const std::string line = sink->lines()[0];
  EXPECT_GT(json::get(line, "_aws.Timestamp").to_int(), 1'600'000'000'000);
  EXPECT_EQ(json::get(line, "Count").to_int(), 7);
  EXPECT_EQ(json::get(line, "A").to_string(), "b");
  EXPECT_EQ(json::get(line, "_aws.CloudWatchMetrics.0.Dimensions.0.0").to_string(), "A");
}

TEST(MetricsTest, ReadsTheMetricBlock) {
  Metrics metrics;
  auto sink = std::make_shared<services::CaptureSink>();
  const Node cfg = Node::parse(
      R"({"metric":{"name":"N","attributes":{"k":"v"},"destination":{"type":"aws_cloudwatch_embedded_metrics"}}})");
  Metric m = metrics.read(config::Settings(&cfg, "transform t (transforms:1)"), "metric", sink);
  EXPECT_EQ(m.name, "N");
  m.emit(3, {{"Extra", "x"}});
  ASSERT_EQ(sink->lines().size(), 1u);
  EXPECT_EQ(json::get(sink->lines()[0], "_aws.CloudWatchMetrics.0.Dimensions").to_string(),
            R"([["Extra","k"]])");
  EXPECT_EQ(json::get(sink->lines()[0], "N").to_int(), 3);
  EXPECT_EQ(m.attributes.size(), 1u);  // the extra attribute is not kept
}

std::string config_error(const char* json) {
  Metrics metrics;
  const Node n = Node::parse(json);
  try {
    metrics.read(config::Settings(&n, "transform t (transforms:1)"), "metric", nullptr);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(MetricsTest, BadSettings) {
  EXPECT_EQ(config_error("{}"),
            "transform t (transforms:1): metric.destination: missing required option");
  EXPECT_EQ(config_error(R"({"metric":{"destination":{}}})"),
            "transform t (transforms:1): metric.destination.type: missing required option");
  EXPECT_EQ(
      config_error(R"({"metric":{"destination":{"type":"statsd"}}})"),
      "transform t (transforms:1): metric.destination.type: invalid factory input: unknown metric "
      "destination \"statsd\"");
  EXPECT_EQ(config_error(R"({"metric":{"attributes":{"a":1},"destination":{"type":"x"}}})")
                .rfind("transform t (transforms:1): metric.attributes", 0),
            0u);
}

}  // namespace
}  // namespace sub::metrics
