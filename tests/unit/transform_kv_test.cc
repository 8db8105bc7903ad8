#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "catalogue/config_builder.h"
#include "config/node.h"
#include "core/error.h"
#include "core/json/path.h"
#include "services/output.h"
#include "services/services.h"
#include "tests/unit/kv_test_support.h"

namespace sub {

namespace {

using config::Node;
using sub::testing::TempDir;

class KvTransformTest : public ::testing::Test {
 protected:
  KvTransformTest() { services_.stdout_sink = sink_; }

  transform::Chain build(const std::string& transforms_json) {
    catalogue::ConfigBuilder b(catalogue::Registry::builtin(), services_);
    return b.chain(Node::parse(transforms_json));
  }

  std::string build_error(const std::string& transforms_json) {
    try {
      build(transforms_json);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "no error";
  }

  std::vector<std::string> run(const transform::Chain& chain, std::vector<Message> in) {
    std::vector<std::string> out;
    for (Message& m : chain.apply(std::move(in), ctx_)) {
      out.push_back(m.is_control() ? "<ctrl>" : m.data());
    }
    return out;
  }

  services::Services services_;
  std::shared_ptr<services::CaptureSink> sink_ = std::make_shared<services::CaptureSink>();
  Context ctx_;
};

int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr char kMemory[] = R"({"type":"memory","settings":{"capacity":10}})";

TEST_F(KvTransformTest, SetThenGetThroughTheSharedStore) {
  const std::string set = std::string(R"([{"type":"enrich_kv_store_item_set","settings":{
      "object":{"source_key":"k","target_key":"v"},"prefix":"p","kv_store":)") +
                          kMemory + "}}]";
  const std::string get = std::string(R"([{"type":"enrich_kv_store_get","settings":{
      "object":{"source_key":"k","target_key":"out"},"prefix":"p","kv_store":)") +
                          kMemory + "}}]";
  transform::Chain setter = build(set);
  transform::Chain getter = build(get);
  EXPECT_EQ(run(setter, {Message(R"({"k":"a","v":{"z":1.50,"y":"<b>"}})"),
                         Message(R"({"k":"n","v":30400402455622563})"),
                         Message(R"({"k":"s","v":"text"})"), Message(R"({"nokey":1})")}),
            (std::vector<std::string>{R"({"k":"a","v":{"z":1.50,"y":"<b>"}})",
                                      R"({"k":"n","v":30400402455622563})",
                                      R"({"k":"s","v":"text"})", R"({"nokey":1})"}));
  EXPECT_EQ(
      run(getter, {Message(R"({"k":"a"})"), Message(R"({"k":"n"})"), Message(R"({"k":"s"})"),
                   Message(R"({"k":"missing"})"), Message(R"({"other":1})")}),
      (std::vector<std::string>{R"({"k":"a","out":{"y":"\u003cb\u003e","z":1.5}})",
                                R"({"k":"n","out":30400402455622564})", R"({"k":"s","out":"text"})",
                                R"({"k":"missing","out":null})", R"({"other":1})"}));
}

TEST_F(KvTransformTest, TtlFromKeyAndOffset) {
  const std::string set = std::string(R"([{"type":"enrich_kv_store_item_set","settings":{
      "object":{"source_key":"k","target_key":"v","ttl_key":"ttl"},"kv_store":)") +
                          kMemory + "}}]";
  const std::string get = std::string(R"([{"type":"enrich_kv_store_item_get","settings":{
      "object":{"source_key":"k","target_key":"out"},"kv_store":)") +
                          kMemory + "}}]";
  transform::Chain setter = build(set);
  transform::Chain getter = build(get);
  const std::string past_ms = std::to_string((now_s() - 10) * 1000);
  const std::string future_ns = std::to_string((now_s() + 3600) * 1000000000LL);
  run(setter, {Message(R"({"k":"old","v":1,"ttl":)" + past_ms + "}"),
               Message(R"({"k":"new","v":2,"ttl":)" + future_ns + "}")});
  EXPECT_EQ(run(getter, {Message(R"({"k":"old"})"), Message(R"({"k":"new"})")}),
            (std::vector<std::string>{R"({"k":"old","out":null})", R"({"k":"new","out":2})"}));

  // A negative offset with no ttl_key: expires at once.
  const std::string set_offset = std::string(R"([{"type":"enrich_kv_store_item_set","settings":{
      "object":{"source_key":"k","target_key":"v"},"ttl_offset":"-1s","kv_store":)") +
                                 kMemory + "}}]";
  run(build(set_offset), {Message(R"({"k":"gone","v":3})")});
  EXPECT_EQ(run(getter, {Message(R"({"k":"gone"})")}),
            (std::vector<std::string>{R"({"k":"gone","out":null})"}));
}

TEST_F(KvTransformTest, SetAdd) {
  const std::string add = std::string(R"([{"type":"enrich_kv_store_set_add","settings":{
      "object":{"source_key":"k","target_key":"v"},"kv_store":)") +
                          kMemory + "}}]";
  const std::string get = std::string(R"([{"type":"enrich_kv_store_item_get","settings":{
      "object":{"source_key":"k","target_key":"out"},"kv_store":)") +
                          kMemory + "}}]";
  run(build(add), {Message(R"({"k":"s","v":"a"})"), Message(R"({"k":"s","v":"b"})"),
                   Message(R"({"k":"s","v":"a"})")});
  EXPECT_EQ(run(build(get), {Message(R"({"k":"s"})")}),
            (std::vector<std::string>{R"({"k":"s","out":["a","b"]})"}));
}

TEST_F(KvTransformTest, FileStoresAndCloseOnControl) {
  TempDir dir;
  const std::string csv = dir.write("f.csv", "ip,owner\n10.0.0.1,alice\n");
  const std::string get = R"([{"type":"enrich_kv_store_item_get","settings":{
      "object":{"source_key":"ip","target_key":"owner"},"close_kv_store":true,
      "kv_store":{"type":"csv_file","settings":{"file":")" +
                          csv + R"(","column":"ip"}}}}])";
  transform::Chain chain = build(get);
  EXPECT_EQ(run(chain, {Message(R"({"ip":"10.0.0.1"})"), Message::control()}),
            (std::vector<std::string>{R"({"ip":"10.0.0.1","owner":{"owner":"alice"}})", "<ctrl>"}));
  // The store was closed; the next message loads the (changed) file again.
  dir.write("f.csv", "ip,owner\n10.0.0.1,bob\n");
  EXPECT_EQ(run(chain, {Message(R"({"ip":"10.0.0.1"})")}),
            (std::vector<std::string>{R"({"ip":"10.0.0.1","owner":{"owner":"bob"}})"}));

  // Writing into a read-only store fails at run time.
  const std::string set = R"([{"type":"enrich_kv_store_item_set","settings":{
      "object":{"source_key":"ip","target_key":"ip"},
      "kv_store":{"type":"csv_file","settings":{"file":")" +
                          csv + R"(","column":"ip"}}}}])";
  try {
    run(build(set), {Message(R"({"ip":"x"})")});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(
        e.what(),
        "transform enrich_kv_store_item_set (transforms:1): kv: csv_file: set not supported");
  }

  // A missing file fails on first use, naming the store.
  const std::string missing = R"([{"type":"enrich_kv_store_item_get","settings":{
      "object":{"source_key":"ip","target_key":"o"},
      "kv_store":{"type":"text_file","settings":{"file":")" +
                              dir.path() + R"(/none.txt"}}}}])";
  transform::Chain lazy = build(missing);  // nothing is loaded while building
  try {
    run(lazy, {Message(R"({"ip":"x"})")});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "transform enrich_kv_store_item_get (transforms:1): kv: text_file: no file "
              "found: " +
                  dir.path() + "/none.txt");
  }
}

TEST_F(KvTransformTest, KvBadSettings) {
  EXPECT_EQ(build_error(R"([{"type":"enrich_kv_store_item_get","settings":{
      "object":{"target_key":"o"},"kv_store":{"type":"memory"}}}])"),
            "transform enrich_kv_store_item_get (transforms:1): object.source_key: missing "
            "required option");
  EXPECT_EQ(
      build_error(R"([{"type":"enrich_kv_store_set","settings":{
      "object":{"source_key":"k"},"kv_store":{"type":"memory"}}}])"),
      "transform enrich_kv_store_set (transforms:1): object.target_key: missing required option");
  EXPECT_EQ(build_error(R"([{"type":"enrich_kv_store_set_add","settings":{
      "object":{"source_key":"k","target_key":"v"}}}])"),
            "transform enrich_kv_store_set_add (transforms:1): kv_store: missing required option");
  EXPECT_EQ(
      build_error(R"([{"type":"enrich_kv_store_item_get","settings":{
      "object":{"source_key":"k","target_key":"v"},"kv_store":{"type":"nope"}}}])"),
      "transform enrich_kv_store_item_get (transforms:1): kv_store.type: invalid factory input: "
      "unknown kv store type \"nope\"");
  EXPECT_EQ(build_error(R"([{"type":"enrich_kv_store_item_get","settings":{
      "object":{"source_key":"k","target_key":"v"},
      "kv_store":{"type":"csv_file","settings":{"file":"f.csv"}}}}])"),
            "transform enrich_kv_store_item_get (transforms:1): kv_store.settings.column: missing "
            "required "
            "option");
  const std::string bad_offset = build_error(R"([{"type":"enrich_kv_store_item_set","settings":{
      "object":{"source_key":"k","target_key":"v"},"ttl_offset":"1d",
      "kv_store":{"type":"memory"}}}])");
  EXPECT_EQ(bad_offset.rfind(
                "transform enrich_kv_store_item_set (transforms:1): ttl_offset: invalid option", 0),
            0u)
      << bad_offset;
  EXPECT_EQ(
      build_error(R"([{"type":"meta_kv_store_lock","settings":{
      "kv_store":{"type":"json_file","settings":{"file":"x"}},
      "transforms":[{"type":"utility_drop"}]}}])"),
      "transform meta_kv_store_lock (transforms:1): kv_store.type: invalid factory input: kv store "
      "type cannot lock: \"json_file\"");
  EXPECT_EQ(build_error(R"([{"type":"meta_kv_store_lock","settings":{
      "kv_store":{"type":"memory"}}}])"),
            "transform meta_kv_store_lock (transforms:1): transforms: missing required option");
}

TEST_F(KvTransformTest, LockRunsTheChainOncePerKey) {
  const std::string cfg = R"([{"type":"meta_kv_store_lock","settings":{
      "kv_store":{"type":"memory"},"prefix":"lk","ttl_offset":"1h",
      "object":{"source_key":"id"},
      "transforms":[{"type":"utility_drop"}]}}])";
  transform::Chain chain = build(cfg);
  // The first message of each id takes the lock and is dropped by the inner chain; the
  // repeats pass through untouched. Without source the data's hash is the key.
  EXPECT_EQ(
      run(chain, {Message(R"({"id":1})"), Message(R"({"id":1,"x":2})"), Message(R"({"id":2})"),
                  Message(R"({"q":1})"), Message(R"({"q":1})"), Message::control()}),
      (std::vector<std::string>{R"({"id":1,"x":2})", R"({"q":1})", "<ctrl>"}));
  // Locks outlive the control message (until their TTL).
  EXPECT_EQ(run(chain, {Message(R"({"id":1})")}), (std::vector<std::string>{R"({"id":1})"}));
}

TEST_F(KvTransformTest, LockIsReleasedWhenTheChainFails) {
  const std::string cfg = R"([{"type":"meta_kv_store_lock","settings":{
      "kv_store":{"type":"memory","settings":{"capacity":5}},
      "object":{"source_key":"id"},
      "transforms":[{"type":"utility_err","settings":{"message":"boom"}}]}}])";
  transform::Chain failing = build(cfg);
  EXPECT_THROW(run(failing, {Message(R"({"id":1})")}), Error);
  // Same store (same config), a chain that succeeds: the key was released, so the chain
  // runs (drops the message) instead of passing it through.
  const std::string ok = R"([{"type":"meta_kv_store_lock","settings":{
      "kv_store":{"type":"memory","settings":{"capacity":5}},
      "object":{"source_key":"id"},
      "transforms":[{"type":"utility_drop"}]}}])";
  EXPECT_TRUE(run(build(ok), {Message(R"({"id":1})")}).empty());
}

TEST_F(KvTransformTest, SecretIsRetrievedAtBuildAndInterpolated) {
  ::setenv("SUBSTATION_TEST_KV_SECRET", "s3cret", 1);
  transform::Chain chain = build(R"([{"type":"utility_secret","settings":{"secret":{
      "type":"environment_variable",
      "settings":{"id":"tok","name":"SUBSTATION_TEST_KV_SECRET"}}}}])");
  EXPECT_EQ(services_.secrets->interpolate("Bearer ${SECRET:tok}"), "Bearer s3cret");
  EXPECT_EQ(run(chain, {Message("x"), Message::control()}),
            (std::vector<std::string>{"x", "<ctrl>"}));
  EXPECT_EQ(build_error(R"([{"type":"utility_secret","settings":{}}])"),
            "transform utility_secret (transforms:1): secret: missing required option");
}

TEST_F(KvTransformTest, MetricCountAndBytes) {
  transform::Chain chain = build(R"([
    {"type":"utility_metric_count","settings":{"metric":{"name":"Count",
      "attributes":{"Pipeline":"p"},"destination":{"type":"aws_cloudwatch_embedded_metrics"}}}},
    {"type":"utility_metric_bytes","settings":{"metric":{"name":"Bytes",
      "destination":{"type":"aws_cloudwatch_embedded_metrics"}}}}])");
  EXPECT_EQ(run(chain, {Message("abc"), Message("de"), Message::control()}),
            (std::vector<std::string>{"abc", "de", "<ctrl>"}));
  std::vector<std::string> lines = sink_->lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(json::get(lines[0], "Count").to_int(), 2);
  EXPECT_EQ(json::get(lines[0], "Pipeline").to_string(), "p");
  EXPECT_EQ(json::get(lines[1], "Bytes").to_int(), 5);
  // Counters restart after each control message.
  run(chain, {Message("z"), Message::control()});
  lines = sink_->lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(json::get(lines[2], "Count").to_int(), 1);
  EXPECT_EQ(json::get(lines[3], "Bytes").to_int(), 1);
  EXPECT_EQ(
      build_error(R"([{"type":"utility_metric_count","settings":{}}])"),
      "transform utility_metric_count (transforms:1): metric.destination: missing required option");
}

TEST_F(KvTransformTest, FreshnessWithoutAttributesDoesNotCrash) {
  transform::Chain chain = build(R"([{"type":"utility_metric_freshness","settings":{
      "threshold":"1m","object":{"source_key":"ts"},
      "metric":{"name":"Fresh","destination":{"type":"aws_cloudwatch_embedded_metrics"}}}}])");
  const int64_t now_ns = now_s() * 1000000000LL;
  run(chain, {Message(R"({"ts":)" + std::to_string(now_ns) + "}"),
              Message(R"({"ts":)" + std::to_string(now_ns - 3600LL * 1000000000LL) + "}"),
              Message(R"({"ts":0})"), Message(R"({"none":1})"), Message::control()});
  const std::vector<std::string> lines = sink_->lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(json::get(lines[0], "FreshnessType").to_string(), "Success");
  EXPECT_EQ(json::get(lines[0], "Fresh").to_int(), 1);
  EXPECT_EQ(json::get(lines[1], "FreshnessType").to_string(), "Failure");
  EXPECT_EQ(json::get(lines[1], "Fresh").to_int(), 1);
  EXPECT_EQ(json::get(lines[0], "_aws.CloudWatchMetrics.0.Dimensions").to_string(),
            R"([["FreshnessType"]])");
  EXPECT_EQ(
      build_error(R"([{"type":"utility_metric_freshness","settings":{
      "object":{"source_key":"ts"},"metric":{"destination":{"type":"aws_cloudwatch_embedded_metrics"}}}}])"),
      "transform utility_metric_freshness (transforms:1): threshold: missing required option");
  EXPECT_EQ(build_error(R"([{"type":"utility_metric_freshness","settings":{"threshold":"1s",
      "metric":{"destination":{"type":"aws_cloudwatch_embedded_metrics"}}}}])"),
            "transform utility_metric_freshness (transforms:1): object.source_key: missing "
            "required option");
}

TEST_F(KvTransformTest, DurationIsEmittedAndReset) {
  transform::Chain chain = build(R"([{"type":"meta_metric_duration","settings":{
      "metric":{"name":"Duration","destination":{"type":"aws_cloudwatch_embedded_metrics"}},
      "transforms":[{"type":"utility_delay","settings":{"duration":"20ms"}}]}}])");
  EXPECT_EQ(run(chain, {Message("a"), Message::control()}),
            (std::vector<std::string>{"a", "<ctrl>"}));
  run(chain, {Message::control()});
  const std::vector<std::string> lines = sink_->lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_GE(json::get(lines[0], "Duration").to_int(), 20'000'000);
  // Nothing ran between the two control messages (the reference repeated the total).
  EXPECT_EQ(json::get(lines[1], "Duration").to_int(), 0);
}

}  // namespace
}  // namespace sub
