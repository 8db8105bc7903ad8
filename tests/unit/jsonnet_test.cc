// Tests of the in-process Jsonnet compiler and of our substation.libsonnet.
//
// The bench configurations in ../shared/bench/configs were compiled with the reference
// (v2.8) library; our library must reproduce them exactly, generated ids included. The
// shorthand table below spells out the expected output of every builder, derived from the
// reference inventory (defaults, aliases, type names).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "config/jsonnet.h"
#include "config/node.h"
#include "core/error.h"

namespace sub::config {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Semantic JSON equality: object member order is ignored, numbers compare by value.
// On a difference `why` names the path and the two values.
bool same(const Node& a, const Node& b, const std::string& path, std::string* why) {
  auto differ = [&](const std::string& what) {
    *why = (path.empty() ? std::string("<root>") : path) + ": " + what + " (got " + a.to_json() +
           ", want " + b.to_json() + ")";
    return false;
  };
  if (a.kind() != b.kind()) return differ("different kinds");
  switch (a.kind()) {
    case Node::Kind::kNull:
      return true;
    case Node::Kind::kBool:
      return a.boolean() == b.boolean() || differ("different booleans");
    case Node::Kind::kNumber:
      return a.number() == b.number() || differ("different numbers");
    case Node::Kind::kString:
      return a.text() == b.text() || differ("different strings");
    case Node::Kind::kArray: {
      if (a.items().size() != b.items().size()) return differ("different lengths");
      for (size_t i = 0; i < a.items().size(); ++i) {
        if (!same(a.items()[i], b.items()[i], path + "[" + std::to_string(i) + "]", why)) {
          return false;
        }
      }
      return true;
    }
    case Node::Kind::kObject: {
      std::map<std::string, const Node*> left;
      std::map<std::string, const Node*> right;
      for (const auto& [k, v] : a.members()) left[k] = &v;
      for (const auto& [k, v] : b.members()) right[k] = &v;
      for (const auto& [k, v] : left) {
        if (!right.count(k)) return differ("unexpected key \"" + k + "\"");
      }
      for (const auto& [k, v] : right) {
        auto it = left.find(k);
        if (it == left.end()) return differ("missing key \"" + k + "\"");
        if (!same(*it->second, *v, path + "." + k, why)) return false;
      }
      return true;
    }
  }
  return false;
}

// Locates ../shared/bench/configs, or explains why the test cannot run.
fs::path bench_dir() { return fs::path(SUBSTATION_SOURCE_DIR) / ".." / "shared/bench/configs"; }

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

#define REQUIRE_SHARED(dir)                                                                 \
  do {                                                                                      \
    if (!fs::is_directory(dir)) {                                                           \
      if (in_ci()) FAIL() << "shared material missing in CI: " << (dir);                    \
      GTEST_SKIP() << "shared material not found at " << (dir) << " (set up /work/shared)"; \
    }                                                                                       \
  } while (0)

TEST(JsonnetBench, EveryBenchConfigMatchesTheReferenceCompilation) {
  const fs::path dir = bench_dir();
  REQUIRE_SHARED(dir);
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const fs::path source = entry.path();
    if (source.extension() != ".jsonnet") continue;
    fs::path expected = source;
    expected.replace_extension(".json");
    ASSERT_TRUE(fs::exists(expected)) << expected;
    SCOPED_TRACE(source.filename().string());
    const std::string got = compile_jsonnet(read_file(source), source.string(), {});
    std::string why;
    EXPECT_TRUE(same(Node::parse(got), Node::parse(read_file(expected)), "", &why)) << why;
    ++compared;
  }
  EXPECT_GE(compared, 5);
}

// Compiles `expr` (which can use `sub`) and the literal `want`, drops generated transform
// ids from the former (they are checked separately) and compares.
void expect_builds(const std::string& expr, const std::string& want) {
  const std::string program = R"(
local sub = std.extVar('sub');
local generated(v) = std.isString(v) && std.length(v) == 17 && v[8] == '-';
local strip(x) =
  if std.isArray(x) then std.map(strip, x)
  else if std.isObject(x) then
    { [k]: strip(x[k]) for k in std.objectFields(x) if !(k == 'id' && generated(x[k])) }
  else x;
{ got: strip()" + expr + R"(), want: )" +
                              want + " }";
  SCOPED_TRACE(expr);
  Node both;
  try {
    both = Node::parse(compile_jsonnet(program, "shorthand.jsonnet", {}));
  } catch (const Error& e) {
    ADD_FAILURE() << e.what();
    return;
  }
  const Node* got = both.find("got");
  const Node* wanted = both.find("want");
  ASSERT_NE(got, nullptr);
  ASSERT_NE(wanted, nullptr);
  std::string why;
  EXPECT_TRUE(same(*got, *wanted, "", &why)) << why;
}

constexpr const char* kBatch = "{ count: 1000, size: 1000000, duration: '1m' }";

std::string batch_plus(const std::string& rest) {
  return "{ batch: " + std::string(kBatch) + rest + " }";
}

TEST(JsonnetLibrary, AggregateAndArrayShorthands) {
  expect_builds("sub.tf.agg.from.arr()", "{ type: 'aggregate_from_array', settings: {} }");
  expect_builds("sub.tf.aggregate.from.array({ obj: { src: 'a', trg: 'b' } })",
                "{ type: 'aggregate_from_array', settings: { object: { source_key: 'a', "
                "target_key: 'b' } } }");
  expect_builds("sub.tf.agg.from.str({ separator: ',' })",
                "{ type: 'aggregate_from_string', settings: { separator: ',' } }");
  expect_builds("sub.tf.agg.to.arr()",
                "{ type: 'aggregate_to_array', settings: " + batch_plus("") + " }");
  expect_builds("sub.tf.agg.to.str({ separator: '\\n', obj: { batch_key: 'k' } })",
                "{ type: 'aggregate_to_string', settings: " +
                    batch_plus(", separator: '\\n', object: { batch_key: 'k' }") + " }");
  expect_builds("sub.tf.arr.join({ separator: '.' })",
                "{ type: 'array_join', settings: { separator: '.' } }");
  expect_builds("sub.tf.array.zip({ object: { source_key: 'a' } })",
                "{ type: 'array_zip', settings: { object: { source_key: 'a' } } }");
}

TEST(JsonnetLibrary, EnrichShorthands) {
  expect_builds(
      "sub.tf.enrich.aws.dynamodb.query({ aws: { arn: 't' }, attributes: { partition_key: 'pk' "
      "}, obj: { src: 'a', trg: 'b' } })",
      "{ type: 'enrich_aws_dynamodb_query', settings: { aws: { arn: 't' }, attributes: { "
      "partition_key: 'pk' }, limit: 1, scan_index_forward: false, object: { source_key: 'a', "
      "target_key: 'b' } } }");
  expect_builds("sub.tf.enrich.aws.lambda({ aws: { arn: 'f' } })",
                "{ type: 'enrich_aws_lambda', settings: { aws: { arn: 'f' } } }");
  expect_builds("sub.tf.enrich.dns.domain_lookup()",
                "{ type: 'enrich_dns_domain_lookup', settings: { request: { timeout: '1s' } } }");
  expect_builds("sub.tf.enrich.dns.ip_lookup({ request: { timeout: '5s' } })",
                "{ type: 'enrich_dns_ip_lookup', settings: { request: { timeout: '5s' } } }");
  expect_builds("sub.tf.enrich.http.get({ url: 'https://x/${DATA}', headers: { A: 'b' } })",
                "{ type: 'enrich_http_get', settings: { url: 'https://x/${DATA}', headers: { A: "
                "'b' }, request: { timeout: '1s' } } }");
  expect_builds(
      "sub.tf.enrich.http.post({ url: 'u', object: { body_key: 'b', target_key: 't' } })",
      "{ type: 'enrich_http_post', settings: { url: 'u', request: { timeout: '1s' }, object: { "
      "body_key: 'b', target_key: 't' } } }");
  expect_builds(
      "sub.tf.enrich.kv_store.set.add({ kv_store: sub.kv_store.memory(), obj: { src: "
      "'k', trg: 'v' } })",
      "{ type: 'enrich_kv_store_set_add', settings: { kv_store: { type: 'memory', "
      "settings: { capacity: 1024 } }, close_kv_store: false, ttl_offset: '0s', "
      "object: { source_key: 'k', target_key: 'v' } } }");
  expect_builds("sub.tf.enrich.kv_store.sadd({ prefix: 'p' })",
                "{ type: 'enrich_kv_store_set_add', settings: { prefix: 'p', close_kv_store: "
                "false, ttl_offset: '0s' } }");
}

TEST(JsonnetLibrary, FormatAndHashShorthands) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"sub.tf.fmt.from.b64()", "format_from_base64"},
      {"sub.tf.format.from.base64()", "format_from_base64"},
      {"sub.tf.fmt.from.gz()", "format_from_gzip"},
      {"sub.tf.fmt.from.gzip()", "format_from_gzip"},
      {"sub.tf.fmt.from.parquet()", "format_from_parquet"},
      {"sub.tf.fmt.from.pretty_print()", "format_from_pretty_print"},
      {"sub.tf.fmt.from.zip()", "format_from_zip"},
      {"sub.tf.fmt.to.b64()", "format_to_base64"},
      {"sub.tf.fmt.to.base64()", "format_to_base64"},
      {"sub.tf.fmt.to.gz()", "format_to_gzip"},
      {"sub.tf.format.to.gzip()", "format_to_gzip"},
      {"sub.tf.hash.md5()", "hash_md5"},
      {"sub.tf.hash.sha256()", "hash_sha256"},
  };
  for (const auto& [expr, type] : cases) {
    expect_builds(expr, "{ type: '" + type + "', settings: {} }");
  }
  expect_builds("sub.tf.hash.sha256({ obj: { src: 'a', trg: 'b' } })",
                "{ type: 'hash_sha256', settings: { object: { source_key: 'a', target_key: 'b' "
                "} } }");
}

TEST(JsonnetLibrary, MetaShorthands) {
  const std::string drop = "{ type: 'utility_drop', settings: {} }";
  expect_builds(
      "sub.tf.meta.err({ transforms: [sub.tf.util.drop()] })",
      "{ type: 'meta_err', settings: { transforms: [" + drop + "], error_messages: ['.*'] } }");
  expect_builds(
      "sub.tf.meta.err({ transforms: [sub.tf.util.drop()], error_messages: ['x'] })",
      "{ type: 'meta_err', settings: { transforms: [" + drop + "], error_messages: ['x'] } }");
  expect_builds(
      "sub.tf.meta.for_each({ obj: { src: 'a', trg: 'b' }, transforms: [sub.tf.util.drop()] })",
      "{ type: 'meta_for_each', settings: { object: { source_key: 'a', target_key: 'b' }, "
      "transforms: [" +
          drop + "] } }");
  expect_builds(
      "sub.tf.meta.kv_store.lock({ kv_store: sub.kv_store.memory(), object: { ttl_key: 't' }, "
      "transforms: [sub.tf.util.drop()] })",
      "{ type: 'meta_kv_store_lock', settings: { kv_store: { type: 'memory', settings: { "
      "capacity: 1024 } }, object: { ttl_key: 't' }, ttl_offset: '0s', transforms: [" +
          drop + "] } }");
  expect_builds("sub.tf.meta.metric.duration({ metric: { name: 'D' }, transforms: [] })",
                "{ type: 'meta_metric_duration', settings: { metric: { name: 'D' } } }");
  expect_builds(
      "sub.tf.meta.retry({ transforms: [sub.tf.util.drop()], condition: "
      "sub.cnd.fmt.json() })",
      "{ type: 'meta_retry', settings: { retry: { count: 3, delay: '1s' }, error_messages: "
      "['.*'], condition: { type: 'format_json' }, transforms: [" +
          drop + "] } }");
  expect_builds(
      "sub.tf.meta.switch({ cases: [{ condition: sub.cnd.any(sub.cnd.str.eq({ obj: { src: 'a' }, "
      "value: 'b' })), transforms: [sub.tf.util.drop()] }] })",
      "{ type: 'meta_switch', settings: { cases: [{ condition: { type: 'meta_any', settings: { "
      "conditions: [{ type: 'string_equal_to', settings: { object: { source_key: 'a' }, value: "
      "'b' } }] } }, transforms: [" +
          drop + "] }] } }");
}

TEST(JsonnetLibrary, NumberNetworkObjectShorthands) {
  const std::vector<std::pair<std::string, std::string>> object_only = {
      {"sub.tf.num.math.add", "number_math_addition"},
      {"sub.tf.number.math.addition", "number_math_addition"},
      {"sub.tf.num.math.sub", "number_math_subtraction"},
      {"sub.tf.num.math.subtraction", "number_math_subtraction"},
      {"sub.tf.num.math.mul", "number_math_multiplication"},
      {"sub.tf.num.math.multiplication", "number_math_multiplication"},
      {"sub.tf.num.math.div", "number_math_division"},
      {"sub.tf.num.math.division", "number_math_division"},
      {"sub.tf.net.domain.registered_domain", "network_domain_registered_domain"},
      {"sub.tf.network.domain.subdomain", "network_domain_subdomain"},
      {"sub.tf.net.domain.tld", "network_domain_top_level_domain"},
      {"sub.tf.net.domain.top_level_domain", "network_domain_top_level_domain"},
      {"sub.tf.obj.cp", "object_copy"},
      {"sub.tf.object.copy", "object_copy"},
      {"sub.tf.obj.del", "object_delete"},
      {"sub.tf.object.delete", "object_delete"},
      {"sub.tf.obj.insert", "object_insert"},
      {"sub.tf.obj.to.bool", "object_to_boolean"},
      {"sub.tf.obj.to.boolean", "object_to_boolean"},
      {"sub.tf.obj.to.float", "object_to_float"},
      {"sub.tf.obj.to.int", "object_to_integer"},
      {"sub.tf.obj.to.integer", "object_to_integer"},
      {"sub.tf.obj.to.str", "object_to_string"},
      {"sub.tf.obj.to.string", "object_to_string"},
      {"sub.tf.obj.to.uint", "object_to_unsigned_integer"},
      {"sub.tf.obj.to.unsigned_integer", "object_to_unsigned_integer"},
      {"sub.tf.str.to.lower", "string_to_lower"},
      {"sub.tf.str.to.upper", "string_to_upper"},
      {"sub.tf.str.to.snake", "string_to_snake"},
      {"sub.tf.str.uuid", "string_uuid"},
      {"sub.tf.time.from.unix", "time_from_unix"},
      {"sub.tf.time.from.unix_milli", "time_from_unix_milli"},
      {"sub.tf.time.now", "time_now"},
      {"sub.tf.time.unix", "time_to_unix"},
      {"sub.tf.time.unix_milli", "time_to_unix_milli"},
  };
  for (const auto& [fn, type] : object_only) {
    expect_builds(
        fn + "({ obj: { src: 'a', trg: 'b' } })",
        "{ type: '" + type + "', settings: { object: { source_key: 'a', target_key: 'b' } } }");
  }
  expect_builds("sub.tf.num.max({ value: 3 })",
                "{ type: 'number_maximum', settings: { value: 3 } }");
  expect_builds("sub.tf.number.minimum({ value: -1 })",
                "{ type: 'number_minimum', settings: { value: -1 } }");
  expect_builds("sub.tf.obj.insert({ obj: { trg: 'a' }, value: { b: [1, 'c'] } })",
                "{ type: 'object_insert', settings: { object: { target_key: 'a' }, value: { b: "
                "[1, 'c'] } } }");
  expect_builds("sub.tf.obj.jq({ filter: '.a' })",
                "{ type: 'object_jq', settings: { filter: '.a' } }");
}

TEST(JsonnetLibrary, SendShorthands) {
  const std::string aux = "[{ type: 'utility_drop', settings: {} }]";
  const std::string file_path = "file_path: { time_format: '2006/01/02', uuid: true }";
  expect_builds(
      "sub.tf.send.stdout({ aux_tforms: [sub.tf.util.drop()] })",
      "{ type: 'send_stdout', settings: " + batch_plus(", auxiliary_transforms: " + aux) + " }");
  expect_builds(
      "sub.tf.send.aws.dynamodb.put({ aws: { arn: 't' } })",
      "{ type: 'send_aws_dynamodb_put', settings: " + batch_plus(", aws: { arn: 't' }") + " }");
  for (const std::string fn : {"firehose", "data_firehose"}) {
    expect_builds(
        "sub.tf.send.aws." + fn + "({ aws: { arn: 'f' } })",
        "{ type: 'send_aws_data_firehose', settings: " + batch_plus(", aws: { arn: 'f' }") + " }");
  }
  expect_builds(
      "sub.tf.send.aws.eventbridge({ description: 'd' })",
      "{ type: 'send_aws_eventbridge', settings: " + batch_plus(", description: 'd'") + " }");
  expect_builds(
      "sub.tf.send.aws.kinesis_data_stream({ aws: { arn: 'k' }, aux_tforms: "
      "[sub.tf.util.drop()] })",
      "{ type: 'send_aws_kinesis_data_stream', settings: " +
          batch_plus(", aws: { arn: 'k' }, use_batch_key_as_partition_key: false, "
                     "enable_record_aggregation: false, auxiliary_transforms: " +
                     aux) +
          " }");
  expect_builds("sub.tf.send.aws.s3({ aws: { arn: 'b' } })",
                "{ type: 'send_aws_s3', settings: " +
                    batch_plus(", aws: { arn: 'b' }, storage_class: 'STANDARD', " + file_path) +
                    " }");
  expect_builds("sub.tf.send.aws.sns({ aws: { arn: 's' } })",
                "{ type: 'send_aws_sns', settings: " + batch_plus(", aws: { arn: 's' }") + " }");
  expect_builds("sub.tf.send.aws.sqs({ aws: { arn: 'q' } })",
                "{ type: 'send_aws_sqs', settings: " + batch_plus(", aws: { arn: 'q' }") + " }");
  expect_builds("sub.tf.send.gcp.storage({ gcp: { resource: 'projects/_/buckets/b' } })",
                "{ type: 'send_gcp_storage', settings: " +
                    batch_plus(", gcp: { resource: 'projects/_/buckets/b' }, " + file_path) + " }");
  expect_builds("sub.tf.send.file({ file_path: { suffix: '.json' } })",
                "{ type: 'send_file', settings: " +
                    batch_plus(", file_path: { time_format: '2006/01/02', uuid: true, suffix: "
                               "'.json' }") +
                    " }");
  expect_builds("sub.tf.send.http.post({ url: 'u', hdr: { A: 'b' } })",
                "{ type: 'send_http_post', settings: " +
                    batch_plus(", url: 'u', headers: { A: 'b' }") + " }");
  // The long name wins over its short form (as in the reference library).
  expect_builds("sub.tf.send.http.post({ url: 'u', hdr: { A: 'b' }, headers: { C: 'd' } })",
                "{ type: 'send_http_post', settings: " +
                    batch_plus(", url: 'u', headers: { C: 'd' }") + " }");
  expect_builds("sub.tf.send.stdout({ batch: { count: 1 } })",
                "{ type: 'send_stdout', settings: { batch: { count: 1, size: 1000000, "
                "duration: '1m' } } }");
}

TEST(JsonnetLibrary, StringTestTimeUtilityShorthands) {
  expect_builds("sub.tf.str.append({ suffix: '!' })",
                "{ type: 'string_append', settings: { suffix: '!' } }");
  expect_builds("sub.tf.str.capture({ pattern: '(a)' })",
                "{ type: 'string_capture', settings: { pattern: '(a)', count: 0 } }");
  for (const std::string fn : {"repl", "replace"}) {
    expect_builds("sub.tf.str." + fn + "({ pattern: 'a', repl: 'b' })",
                  "{ type: 'string_replace', settings: { pattern: 'a', replacement: 'b' } }");
  }
  expect_builds("sub.tf.string.split({ sep: ',' })",
                "{ type: 'string_split', settings: { separator: ',' } }");
  expect_builds("sub.tf.test.message({ value: { a: 1 } })",
                "{ type: 'test_message', settings: { value: { a: 1 } } }");
  for (const std::string fn : {"from.str", "from.string"}) {
    expect_builds("sub.tf.time." + fn + "({ format: '2006' })",
                  "{ type: 'time_from_string', settings: { format: '2006', location: 'UTC' } }");
  }
  for (const std::string fn : {"to.str", "to.string"}) {
    expect_builds("sub.tf.time." + fn + "({ format: '2006', location: 'Europe/Paris' })",
                  "{ type: 'time_to_string', settings: { format: '2006', location: "
                  "'Europe/Paris' } }");
  }
  expect_builds("sub.tf.util.control()",
                "{ type: 'utility_control', settings: " + batch_plus("") + " }");
  expect_builds("sub.tf.utility.delay({ duration: '1s' })",
                "{ type: 'utility_delay', settings: { duration: '1s' } }");
  expect_builds("sub.tf.util.drop()", "{ type: 'utility_drop', settings: {} }");
  expect_builds("sub.tf.util.err({ message: 'm' })",
                "{ type: 'utility_err', settings: { message: 'm' } }");
  const std::string metric =
      "{ name: 'M', destination: { type: 'aws_cloudwatch_embedded_metrics' } }";
  expect_builds("sub.tf.util.metric.bytes({ metric: " + metric + " })",
                "{ type: 'utility_metric_bytes', settings: { metric: " + metric + " } }");
  expect_builds("sub.tf.util.metric.count({ metric: " + metric + " })",
                "{ type: 'utility_metric_count', settings: { metric: " + metric + " } }");
  expect_builds("sub.tf.util.metric.freshness({ threshold: '5s', obj: { src: 'ts' } })",
                "{ type: 'utility_metric_freshness', settings: { threshold: '5s', object: { "
                "source_key: 'ts' } } }");
  expect_builds(
      "sub.tf.util.secret({ secret: sub.secrets.environment_variable({ id: 'S', name: 'ENV' }) })",
      "{ type: 'utility_secret', settings: { secret: { type: 'environment_variable', settings: "
      "{ id: 'S', name: 'ENV' } } } }");
}

TEST(JsonnetLibrary, ConditionShorthands) {
  const std::string leaf =
      "{ type: 'string_contains', settings: { object: { source_key: 'a' }, value: 'x' } }";
  const std::string leaf_expr = "sub.cnd.str.has({ obj: { src: 'a' }, value: 'x' })";
  for (const std::string op : {"all", "any", "none"}) {
    // A single condition and a list of conditions are both accepted.
    expect_builds("sub.cnd." + op + "(" + leaf_expr + ")",
                  "{ type: 'meta_" + op + "', settings: { conditions: [" + leaf + "] } }");
    expect_builds(
        "sub.condition." + op + "([" + leaf_expr + ", " + leaf_expr + "])",
        "{ type: 'meta_" + op + "', settings: { conditions: [" + leaf + ", " + leaf + "] } }");
    expect_builds(
        "sub.cnd.meta." + op + "({ obj: { src: 'arr' }, conditions: [" + leaf_expr + "] })",
        "{ type: 'meta_" + op +
            "', settings: { object: { source_key: 'arr' }, "
            "conditions: [" +
            leaf + "] } }");
  }
  expect_builds("sub.cnd.fmt.json()", "{ type: 'format_json' }");
  expect_builds("sub.cnd.format.mime({ type: 'application/x-gzip' })",
                "{ type: 'format_mime', settings: { type: 'application/x-gzip' } }");
  expect_builds("sub.cnd.util.random()", "{ type: 'utility_random' }");
  expect_builds("sub.cnd.utility.random()", "{ type: 'utility_random' }");

  const std::vector<std::pair<std::string, std::string>> valued = {
      {"num.eq", "number_equal_to"},
      {"num.equal_to", "number_equal_to"},
      {"number.lt", "number_less_than"},
      {"num.less_than", "number_less_than"},
      {"num.gt", "number_greater_than"},
      {"num.greater_than", "number_greater_than"},
      {"num.bitwise.and", "number_bitwise_and"},
      {"num.bitwise.or", "number_bitwise_or"},
      {"num.bitwise.xor", "number_bitwise_xor"},
      {"str.has", "string_contains"},
      {"string.contains", "string_contains"},
      {"str.eq", "string_equal_to"},
      {"str.equal_to", "string_equal_to"},
      {"str.gt", "string_greater_than"},
      {"str.greater_than", "string_greater_than"},
      {"str.lt", "string_less_than"},
      {"str.less_than", "string_less_than"},
      {"str.prefix", "string_starts_with"},
      {"str.starts_with", "string_starts_with"},
      {"str.suffix", "string_ends_with"},
      {"str.ends_with", "string_ends_with"},
  };
  for (const auto& [fn, type] : valued) {
    expect_builds("sub.cnd." + fn + "({ obj: { src: 'a', trg: 'b' }, value: 1 })",
                  "{ type: '" + type +
                      "', settings: { object: { source_key: 'a', target_key: 'b' }, value: 1 } }");
  }
  expect_builds("sub.cnd.num.bitwise.not({ obj: { src: 'a' } })",
                "{ type: 'number_bitwise_not', settings: { object: { source_key: 'a' } } }");
  const std::vector<std::pair<std::string, std::string>> lengths = {
      {"num.len.eq", "number_length_equal_to"},
      {"num.length.equal_to", "number_length_equal_to"},
      {"num.len.gt", "number_length_greater_than"},
      {"number.length.greater_than", "number_length_greater_than"},
      {"num.len.lt", "number_length_less_than"},
      {"num.len.less_than", "number_length_less_than"},
  };
  for (const auto& [fn, type] : lengths) {
    expect_builds("sub.cnd." + fn + "({ value: 0 })",
                  "{ type: '" + type + "', settings: { value: 0, measurement: 'byte' } }");
  }
  expect_builds("sub.cnd.num.len.eq({ value: 2, measurement: 'char' })",
                "{ type: 'number_length_equal_to', settings: { value: 2, measurement: 'char' } }");
  for (const std::string ip :
       {"global_unicast", "link_local_multicast", "link_local_unicast", "loopback", "multicast",
        "private", "unicast", "unspecified", "valid"}) {
    for (const std::string ns : {"net", "network"}) {
      expect_builds(
          "sub.cnd." + ns + ".ip." + ip + "({ obj: { src: 'ip' } })",
          "{ type: 'network_ip_" + ip + "', settings: { object: { source_key: 'ip' } } }");
    }
  }
  expect_builds("sub.cnd.str.match({ pattern: '^a' })",
                "{ type: 'string_match', settings: { pattern: '^a' } }");
}

TEST(JsonnetLibrary, KvStoresSecretsAndSharedBlocks) {
  expect_builds(
      "sub.kv_store.aws.dynamodb({ aws: { arn: 't' }, attributes: { partition_key: "
      "'PK', value: 'v' } })",
      "{ type: 'aws_dynamodb', settings: { aws: { arn: 't' }, attributes: { "
      "partition_key: 'PK', value: 'v' }, consistent_read: false } }");
  expect_builds("sub.kv_store.csv_file({ file: 'f.csv', column: 'k' })",
                "{ type: 'csv_file', settings: { file: 'f.csv', column: 'k', delimiter: ',' } }");
  expect_builds("sub.kv_store.json_file({ file: 'f.json' })",
                "{ type: 'json_file', settings: { file: 'f.json', is_lines: false } }");
  expect_builds("sub.kv_store.memory({ capacity: 5 })",
                "{ type: 'memory', settings: { capacity: 5 } }");
  expect_builds("sub.kv_store.mmdb({ file: 'g.mmdb' })",
                "{ type: 'mmdb', settings: { file: 'g.mmdb' } }");
  expect_builds("sub.kv_store.text_file({ file: 't.txt' })",
                "{ type: 'text_file', settings: { file: 't.txt' } }");
  expect_builds("sub.secrets.aws.secrets_manager({ id: 'S', aws: { arn: 'a' } })",
                "{ type: 'aws_secrets_manager', settings: { id: 'S', aws: { arn: 'a' } } }");
  expect_builds("sub.secrets.environment_variable({ id: 'S', name: 'N', ttl_offset: '1m' })",
                "{ type: 'environment_variable', settings: { id: 'S', name: 'N', ttl_offset: "
                "'1m' } }");
  expect_builds("sub.config",
                "{ aws: { arn: null, assume_role_arn: null }, gcp: { resource: null }, batch: " +
                    std::string(kBatch) +
                    ", metric: { name: null, attributes: null, destination: null }, object: { "
                    "source_key: null, target_key: null, batch_key: null }, request: { timeout: "
                    "'1s' }, retry: { count: 3, delay: '1s' } }");
  expect_builds("sub.file_path",
                "{ prefix: null, time_format: '2006/01/02', uuid: true, suffix: null }");
  // Extending the library changes the defaults of every builder.
  expect_builds("(sub + { config+: { batch+: { count: 5 } } }).tf.send.stdout()",
                "{ type: 'send_stdout', settings: { batch: { count: 5, size: 1000000, "
                "duration: '1m' } } }");
}

// Generated ids: md5(type)[:8] '-' md5(std.toString(settings as written))[:8]; aliases give
// the same id as the long name.
TEST(JsonnetLibrary, GeneratedIds) {
  const std::string program = R"(
local sub = std.extVar('sub');
local s = { object: { source_key: 'id\\.orig_h', target_key: 'source.ip' } };
[
  sub.tf.object.copy(s).settings.id,
  sub.tf.obj.cp(s).settings.id,
  sub.tf.send.stdout().settings.id,
  sub.tf.send.stdout({}).settings.id,
  sub.tf.util.drop({ id: 'mine' }).settings.id,
  sub.tf.obj.cp({ obj: { src: 'a' } }).settings.id == sub.tf.obj.cp({ object: { source_key: 'a' } }).settings.id,
]
)";
  const Node ids = Node::parse(compile_jsonnet(program, "ids.jsonnet", {}));
  ASSERT_EQ(ids.items().size(), 6u);
  EXPECT_EQ(ids.items()[0].text(), "2bbe3748-271606d8");
  EXPECT_EQ(ids.items()[1].text(), "2bbe3748-271606d8");
  EXPECT_EQ(ids.items()[2].text(), "de19b3c9-67c1890d");
  EXPECT_EQ(ids.items()[3].text(), "de19b3c9-67c1890d");
  EXPECT_EQ(ids.items()[4].text(), "mine");
  // The id hashes the settings as written, so spelling matters.
  EXPECT_FALSE(ids.items()[5].boolean());
}

// Each defect of the v2.8 library produces a working result here.
TEST(JsonnetLibraryFixes, DnsTextLookupEmitsTheFactoryType) {
  for (const std::string fn : {"txt_lookup", "text_lookup"}) {
    expect_builds("sub.tf.enrich.dns." + fn + "()",
                  "{ type: 'enrich_dns_text_lookup', settings: { request: { timeout: '1s' } } }");
  }
}

TEST(JsonnetLibraryFixes, KvItemGetSetEmitCurrentTypeNames) {
  const std::string kv = "{ type: 'memory', settings: { capacity: 1024 } }";
  for (const std::string fn : {"item.get", "iget"}) {
    expect_builds("sub.tf.enrich.kv_store." + fn +
                      "({ kv_store: sub.kv_store.memory(), obj: { src: 'k', trg: 'v' } })",
                  "{ type: 'enrich_kv_store_item_get', settings: { kv_store: " + kv +
                      ", close_kv_store: false, object: { source_key: 'k', target_key: 'v' } } "
                      "}");
  }
  for (const std::string fn : {"item.set", "iset"}) {
    expect_builds("sub.tf.enrich.kv_store." + fn + "({ kv_store: sub.kv_store.memory() })",
                  "{ type: 'enrich_kv_store_item_set', settings: { kv_store: " + kv +
                      ", close_kv_store: false, ttl_offset: '0s' } }");
  }
}

TEST(JsonnetLibraryFixes, TtlKeyAndBodyKeyLandInsideObject) {
  // Written at the top level (where v2.8 put the defaults) they move into the object block.
  expect_builds("sub.tf.enrich.kv_store.item.set({ ttl_key: 'exp', obj: { src: 'k' } })",
                "{ type: 'enrich_kv_store_item_set', settings: { close_kv_store: false, "
                "ttl_offset: '0s', object: { source_key: 'k', ttl_key: 'exp' } } }");
  expect_builds("sub.tf.enrich.kv_store.set.add({ ttl_key: 'exp' })",
                "{ type: 'enrich_kv_store_set_add', settings: { close_kv_store: false, "
                "ttl_offset: '0s', object: { ttl_key: 'exp' } } }");
  expect_builds("sub.tf.meta.kv_store.lock({ ttl_key: 'exp' })",
                "{ type: 'meta_kv_store_lock', settings: { ttl_offset: '0s', object: { ttl_key: "
                "'exp' } } }");
  expect_builds("sub.tf.enrich.http.post({ url: 'u', body_key: 'b' })",
                "{ type: 'enrich_http_post', settings: { url: 'u', request: { timeout: '1s' }, "
                "object: { body_key: 'b' } } }");
  // A value inside the object block wins over a top-level one.
  expect_builds("sub.tf.enrich.http.post({ url: 'u', body_key: 'x', object: { body_key: 'b' } })",
                "{ type: 'enrich_http_post', settings: { url: 'u', request: { timeout: '1s' }, "
                "object: { body_key: 'b' } } }");
}

TEST(JsonnetLibraryFixes, ObjAliasKeepsExtraObjectKeys) {
  expect_builds("sub.tf.enrich.http.post({ url: 'u', obj: { body_key: 'b', trg: 't' } })",
                "{ type: 'enrich_http_post', settings: { url: 'u', request: { timeout: '1s' }, "
                "object: { body_key: 'b', target_key: 't' } } }");
  expect_builds("sub.tf.enrich.kv_store.item.set({ obj: { src: 'k', trg: 'v', ttl_key: 'e' } })",
                "{ type: 'enrich_kv_store_item_set', settings: { close_kv_store: false, "
                "ttl_offset: '0s', object: { source_key: 'k', target_key: 'v', ttl_key: 'e' } } "
                "}");
}

TEST(JsonnetLibraryFixes, BtchIsABatchKeyAlias) {
  expect_builds(
      "sub.tf.send.stdout({ obj: { btch: 'group' } })",
      "{ type: 'send_stdout', settings: " + batch_plus(", object: { batch_key: 'group' }") + " }");
  expect_builds("sub.tf.agg.to.arr({ object: { btch: 'g', trg: 'a' } })",
                "{ type: 'aggregate_to_array', settings: " +
                    batch_plus(", object: { batch_key: 'g', target_key: 'a' }") + " }");
}

TEST(JsonnetLibraryFixes, JsonFileWithoutArguments) {
  expect_builds("sub.kv_store.json_file()", "{ type: 'json_file', settings: { is_lines: false } }");
}

TEST(JsonnetLibraryFixes, SendAwsLambdaIsPrunedAndTakesAuxTforms) {
  expect_builds("sub.tf.send.aws.lambda({ aws: { arn: 'f' }, aux_tforms: [sub.tf.util.drop()] })",
                "{ type: 'send_aws_lambda', settings: " +
                    batch_plus(", aws: { arn: 'f' }, auxiliary_transforms: [{ type: "
                               "'utility_drop', settings: {} }]") +
                    " }");
}

TEST(JsonnetLibraryFixes, TimeToUnixAlsoUnderTo) {
  expect_builds("sub.tf.time.to.unix()", "{ type: 'time_to_unix', settings: {} }");
  expect_builds("sub.tf.time.to.unix_milli()", "{ type: 'time_to_unix_milli', settings: {} }");
}

TEST(JsonnetLibraryFixes, StringReplaceWithoutPattern) {
  // v2.8 read settings.pattern unconditionally and failed when it was absent.
  expect_builds("sub.tf.str.replace({ repl: 'x' })",
                "{ type: 'string_replace', settings: { replacement: 'x' } }");
}

// ---- The compiler ---------------------------------------------------------------------

TEST(JsonnetCompiler, ImportAndExtVarGiveTheSameLibrary) {
  const std::string body = "{ t: sub.tf.obj.cp({ obj: { src: 'a', trg: 'b' } }) }";
  const std::string by_ext =
      compile_jsonnet("local sub = std.extVar('sub');\n" + body, "a.jsonnet");
  const std::string by_import =
      compile_jsonnet("local sub = import 'substation.libsonnet';\n" + body, "b.jsonnet");
  const std::string by_path =
      compile_jsonnet("local sub = import '../../substation.libsonnet';\n" + body, "c.jsonnet");
  EXPECT_EQ(by_ext, by_import);
  EXPECT_EQ(by_ext, by_path);
  std::string why;
  EXPECT_TRUE(same(Node::parse(by_ext),
                   Node::parse(R"({"t":{"type":"object_copy","settings":{"id":"2bbe3748-3c03d53d",
                     "object":{"source_key":"a","target_key":"b"}}}})"),
                   "", &why))
      << why;
}

TEST(JsonnetCompiler, OtherImportsResolveRelativeToTheImportingFile) {
  const fs::path dir = fs::temp_directory_path() / ("jsonnet_test_" + std::to_string(::getpid()));
  fs::create_directories(dir / "lib");
  std::ofstream(dir / "lib" / "consts.libsonnet") << "{ key: import 'inner.libsonnet' }";
  std::ofstream(dir / "lib" / "inner.libsonnet") << "'source.ip'";
  std::ofstream(dir / "data.txt") << "hello";
  const std::string source = R"(
local sub = std.extVar('sub');
local consts = import 'lib/consts.libsonnet';
{ key: consts.key, text: importstr 'data.txt' }
)";
  const Node out = Node::parse(compile_jsonnet(source, (dir / "main.jsonnet").string()));
  ASSERT_NE(out.find("key"), nullptr);
  EXPECT_EQ(out.find("key")->text(), "source.ip");
  EXPECT_EQ(out.find("text")->text(), "hello");

  try {
    compile_jsonnet("import 'missing.libsonnet'", (dir / "main.jsonnet").string());
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.libsonnet"), std::string::npos) << e.what();
  }
  // A directory is not an empty file (v2.8: `read lib: is a directory`).
  for (const char* kind : {"import", "importstr"}) {
    try {
      compile_jsonnet(std::string("{ x: ") + kind + " 'lib' }", (dir / "main.jsonnet").string());
      ADD_FAILURE() << kind << ": expected an error";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("read lib: is a directory"), std::string::npos)
          << e.what();
    }
  }
  fs::remove_all(dir);
}

// A substation.libsonnet next to the config (an organisation's extended copy) is the one
// imported, as in the reference; without one the embedded library answers.
TEST(JsonnetCompiler, VendoredLibraryIsUsedWhenItExists) {
  const fs::path dir =
      fs::temp_directory_path() / ("jsonnet_vendored_" + std::to_string(::getpid()));
  fs::create_directories(dir / "vendor");
  std::ofstream(dir / "vendor" / "substation.libsonnet")
      << "(import '../base.libsonnet') + { org: { tag: 'acme' } }";
  std::ofstream(dir / "base.libsonnet") << "{ tf: { name: 'vendored' } }";
  const std::string source =
      "local sub = import 'vendor/substation.libsonnet';\n{ org: sub.org.tag, tf: sub.tf.name }";
  const Node out = Node::parse(compile_jsonnet(source, (dir / "main.jsonnet").string()));
  EXPECT_EQ(out.find("org")->text(), "acme");
  EXPECT_EQ(out.find("tf")->text(), "vendored");
  // No file of that name in the config's folder: the embedded library.
  const Node builtin = Node::parse(
      compile_jsonnet("local sub = import 'substation.libsonnet';\n{ n: std.length(sub.tf) > 0 }",
                      (dir / "main.jsonnet").string()));
  EXPECT_TRUE(builtin.find("n")->boolean());
  fs::remove_all(dir);
}

TEST(JsonnetCompiler, ExtStrsAreExtVars) {
  const Node out = Node::parse(
      compile_jsonnet("{ env: std.extVar('env'), n: std.length(std.extVar('sub').tf) > 0 }",
                      "x.jsonnet", {{"env", "prod"}}));
  EXPECT_EQ(out.find("env")->text(), "prod");
  EXPECT_TRUE(out.find("n")->boolean());
}

TEST(JsonnetCompiler, SyntaxErrorNamesFileAndQuotesTheLine) {
  try {
    compile_jsonnet("local sub = std.extVar('sub');\n{ a: [ }\n", "configs/bad.jsonnet");
    FAIL() << "expected an error";
  } catch (const JsonnetError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind("configs/bad.jsonnet: STATIC ERROR: configs/bad.jsonnet:2:8: ", 0), 0u)
        << msg;
    EXPECT_NE(msg.find("\n    2 | { a: [ }\n      |        ^"), std::string::npos) << msg;
    EXPECT_NE(msg.back(), '\n') << msg;
  }
}

TEST(JsonnetCompiler, RuntimeErrorHasExcerptAndOneFramePerLine) {
  try {
    compile_jsonnet("{\n  a: error 'boom',\n}\n", "rt.jsonnet");
    FAIL() << "expected an error";
  } catch (const JsonnetError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind("rt.jsonnet: RUNTIME ERROR: boom\n", 0), 0u) << msg;
    EXPECT_NE(msg.find("\n  rt.jsonnet:2:6-18:\n    2 |   a: error 'boom',\n"
                       "      |      ^~~~~~~~~~~~\n"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("\n  stack trace:\n    rt.jsonnet:2:6-18  "), std::string::npos) << msg;
    EXPECT_NE(msg.find("\n    During manifestation"), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\t'), std::string::npos) << msg;
  }
}

// Columns of line 1 are the user's, the polyfill in front of every file not counted, and
// the excerpt is the user's line.
TEST(JsonnetCompiler, LineOneErrorPointsIntoTheUsersText) {
  try {
    compile_jsonnet("{ a: nope }", "one.jsonnet");
    FAIL() << "expected an error";
  } catch (const JsonnetError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("one.jsonnet:1:6-10: Unknown variable: nope\n"
                       "    1 | { a: nope }\n"
                       "      |      ^~~~"),
              std::string::npos)
        << msg;
  }
}

// The first frame in the user's files is excerpted: here an imported file, read from disk.
TEST(JsonnetCompiler, ErrorInImportQuotesTheImportedFile) {
  const fs::path dir = fs::temp_directory_path() / ("jsonnet-err-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  { std::ofstream(dir / "helper.libsonnet") << "{\n  t: [ error 'in helper' ],\n}\n"; }
  try {
    compile_jsonnet("local h = import 'helper.libsonnet';\n{ transforms: h.t }\n",
                    (dir / "main.jsonnet").string());
    FAIL() << "expected an error";
  } catch (const JsonnetError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("helper.libsonnet:2:8-25:\n    2 |   t: [ error 'in helper' ],\n"),
              std::string::npos)
        << msg;
  }
  fs::remove_all(dir);
}

// With file imports refused (the playground), nothing but the given source is quoted, even
// when an error message imitates a stack frame naming a file.
TEST(JsonnetCompiler, RefusedImportsQuoteNoFile) {
  JsonnetLimits limits;
  limits.file_imports_refused = "refused";
  try {
    compile_jsonnet("error 'x\\n\\t/etc/hostname:1:1\\tfake'", "config", {}, limits);
    FAIL() << "expected an error";
  } catch (const JsonnetError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("\n    /etc/hostname:1:1  fake"), std::string::npos) << msg;  // the bait
    EXPECT_EQ(msg.find("  /etc/hostname:1:1:\n"), std::string::npos) << msg;
    EXPECT_NE(msg.find("\n  config:1:"), std::string::npos) << msg;
  }
}

// Functions of the go-jsonnet 0.20 standard library that libjsonnet 0.18 lacks.
TEST(JsonnetCompiler, NewerStdFunctionsAreAvailable) {
  const std::string program = R"({
  any: [std.any([false, true]), std.any([])],
  all: [std.all([true, true]), std.all([true, false])],
  sum: std.sum([1, 2, 3]),
  avg: std.avg([1, 2, 3]),
  min: std.minArray([3, 1, 2]),
  max: std.maxArray(['a', 'c', 'b']),
  contains: [std.contains([1, 2], 2), std.contains([1, 2], 3)],
  remove: std.remove([1, 2, 1], 1),
  removeAt: std.removeAt([1, 2, 3], 1),
  flat: std.flattenDeepArray([1, [2, [3, [4]]]]),
  without: std.objectRemoveKey({ a: 1, b: 2 }, 'a'),
  kv: std.objectKeysValues({ a: 1 }),
  trim: std.trim(' \t x y \n'),
  empty: [std.isEmpty(''), std.isEmpty('a')],
  eq: std.equalsIgnoreCase('AbC', 'aBc'),
  round: [std.round(1.5), std.round(1.4), std.round(-1.5)],
  xor: [std.xor(true, false), std.xnor(true, false)],
  splitR: std.splitLimitR('a.b.c', '.', 1),
})";
  const std::string want = R"({"any":[true,false],"all":[true,false],"sum":6,"avg":2,"min":1,
    "max":"c","contains":[true,false],"remove":[2,1],"removeAt":[1,3],"flat":[1,2,3,4],
    "without":{"b":2},"kv":[{"key":"a","value":1}],"trim":"x y","empty":[true,false],"eq":true,
    "round":[2,1,-1],"xor":[true,false],"splitR":["a.b","c"]})";
  std::string why;
  EXPECT_TRUE(
      same(Node::parse(compile_jsonnet(program, "std.jsonnet")), Node::parse(want), "", &why))
      << why;
}

TEST(JsonnetCompiler, EmbeddedLibraryIsTheSourceFile) {
  const std::string on_disk =
      read_file(fs::path(SUBSTATION_SOURCE_DIR) / "config" / "substation.libsonnet");
  EXPECT_EQ(std::string(substation_library()), on_disk);
}

TEST(JsonnetFormatter, FormatsWithStandardOptions) {
  EXPECT_EQ(format_jsonnet("{a:1,\"b\":\"x\", c:[1,2]}", "f.jsonnet"),
            "{ a: 1, b: 'x', c: [1, 2] }\n");
  EXPECT_EQ(format_jsonnet("local x=import \"b.libsonnet\";\nlocal y=import \"a.libsonnet\";\nx",
                           "f.jsonnet"),
            "local y = import 'a.libsonnet';\nlocal x = import 'b.libsonnet';\nx\n");
  try {
    format_jsonnet("{ a: ", "broken.jsonnet");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("broken.jsonnet: ", 0), 0u) << e.what();
  }
}

TEST(JsonnetFormatter, LibraryIsAlreadyFormatted) {
  const std::string lib(substation_library());
  EXPECT_EQ(format_jsonnet(lib, "substation.libsonnet"), lib);
}

}  // namespace
}  // namespace sub::config
