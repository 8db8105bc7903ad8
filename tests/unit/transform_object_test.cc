// object_copy, object_delete, object_insert, object_jq and object_to_*.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "tests/unit/transform_harness.h"

namespace sub {
namespace {

using namespace sub::test_support;  // NOLINT: the shared test harness

// ---- object_copy

TEST(ObjectCopyTest, Modes) {
  EXPECT_EQ(Harness("object_copy", with_obj("\"x\":0")).one(R"({"a":[1,{"c":2}]})"),
            R"({"a":[1,{"c":2}],"b":[1,{"c":2}]})");
  EXPECT_EQ(Harness("object_copy", R"({"object":{"source_key":"a"}})").one(R"({"a":"b"})"), "b");
  EXPECT_EQ(Harness("object_copy", R"({"object":{"target_key":"a"}})").one("plain"),
            R"({"a":"plain"})");
  // Missing source and empty data are left alone.
  EXPECT_EQ(Harness("object_copy", with_obj("\"x\":0")).one(R"({"c":1})"), R"({"c":1})");
  EXPECT_EQ(Harness("object_copy", R"({"object":{"target_key":"a"}})").one(""), "");
  EXPECT_EQ(Harness("object_copy", "{}").one("as is"), "as is");
}

TEST(ObjectCopyTest, MetadataTarget) {
  Harness h("object_copy", R"({"object":{"source_key":"a","target_key":"meta x"}})");
  auto out = h.pipeline.chain.apply(Message(R"({"a":5})", "{}"), Context{});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data(), R"({"a":5})");
  EXPECT_EQ(out[0].metadata(), R"({"x":5})");
}

// ---- object_delete

TEST(ObjectDeleteTest, DeletesAndIgnoresMissing) {
  Harness h("object_delete", R"({"object":{"source_key":"a.b"}})");
  EXPECT_EQ(h.one(R"({"a":{"b":1,"c":2}})"), R"({"a":{"c":2}})");
  EXPECT_EQ(h.one(R"({"x":1})"), R"({"x":1})");
  EXPECT_EQ(h.pipeline.chain.apply(Message::control(), Context{})[0].is_control(), true);
}

TEST(ObjectDeleteTest, RequiresSourceKey) {
  EXPECT_NE(config_error("object_delete", "{}").find("object.source_key: missing required option"),
            std::string::npos);
  EXPECT_NE(config_error("object_delete", R"({"object":{"source_key":7}})")
                .find("object.source_key: invalid option"),
            std::string::npos);
  EXPECT_NE(config_error("object_delete", R"({"object":"a"})").find("object: invalid option"),
            std::string::npos);
}

// ---- object_insert

TEST(ObjectInsertTest, ValueKinds) {
  auto insert = [](const std::string& value, const std::string& in) {
    return Harness("object_insert", R"({"object":{"target_key":"v"},"value":)" + value + "}")
        .one(in);
  };
  EXPECT_EQ(insert(R"("s")", "{}"), R"({"v":"s"})");
  EXPECT_EQ(insert("1.5", "{}"), R"({"v":1.5})");
  EXPECT_EQ(insert("1e21", "{}"), R"({"v":1000000000000000000000})");
  EXPECT_EQ(insert("false", "{}"), R"({"v":false})");
  // Objects are marshalled as Go does: keys sorted, strings HTML-escaped.
  EXPECT_EQ(insert(R"({"z":1,"a":"<"})", "{}"), R"({"v":{"a":"\u003c","z":1}})");
  EXPECT_EQ(insert(R"([1,"x",null])", "{}"), R"({"v":[1,"x",null]})");
  // A string holding a JSON object is inserted raw, as written.
  EXPECT_EQ(insert(R"("{\"b\": 2}")", "{}"), R"({"v":{"b": 2}})");
  // Appending to an array, and setting on empty data.
  EXPECT_EQ(Harness("object_insert", R"({"object":{"target_key":"a.-1"},"value":3})")
                .one(R"({"a":[1,2]})"),
            R"({"a":[1,2,3]})");
  EXPECT_EQ(insert("2", ""), R"({"v":2})");
}

TEST(ObjectInsertTest, ConfigErrors) {
  EXPECT_NE(config_error("object_insert", R"({"value":1})")
                .find("object.target_key: missing required option"),
            std::string::npos);
  EXPECT_NE(config_error("object_insert", R"({"object":{"target_key":"a"}})")
                .find("value: missing required option"),
            std::string::npos);
  EXPECT_NE(config_error("object_insert", R"({"object":{"target_key":"a"},"value":null})")
                .find("value: missing required option"),
            std::string::npos);
}

// ---- object_jq

TEST(ObjectJqTest, ResultsAndFormatting) {
  EXPECT_EQ(Harness("object_jq", R"({"filter":".a"})").one(R"({"a":"b"})"), R"("b")");
  EXPECT_EQ(Harness("object_jq", R"({"filter":".a, .c"})").one(R"({"a":"b","c":"d"})"),
            R"(["b","d"])");
  // Keys sorted, numbers printed as Go prints float64, strings HTML-escaped.
  EXPECT_EQ(Harness("object_jq", R"({"filter":"."})")
                .one(R"({"z": 1.50, "a": "<&>", "m": [1e21, 1e-7, 100]})"),
            R"({"a":"\u003c\u0026\u003e","m":[1e+21,1e-7,100],"z":1.5})");
  EXPECT_EQ(Harness("object_jq", R"({"filter":"{n: (.a | length)}"})").one(R"({"a":[1,2,3]})"),
            R"({"n":3})");
}

TEST(ObjectJqTest, Errors) {
  EXPECT_EQ(data_error("object_jq", R"({"filter":"empty"})", "{}"),
            "transform object_jq (transforms:1): no output generated");
  std::string not_json = data_error("object_jq", R"({"filter":"."})", "not json");
  EXPECT_NE(not_json.find("transform object_jq (transforms:1): data is not valid JSON"),
            std::string::npos)
      << not_json;
  std::string runtime = data_error("object_jq", R"({"filter":".a.b"})", R"({"a":"s"})");
  EXPECT_NE(runtime.find("transform object_jq (transforms:1): jq: error"), std::string::npos)
      << runtime;
  std::string inf = data_error("object_jq", R"({"filter":"infinite"})", "{}");
  EXPECT_NE(inf.find("unsupported value"), std::string::npos) << inf;

  EXPECT_NE(config_error("object_jq", "{}").find("filter: missing required option"),
            std::string::npos);
  std::string bad = config_error("object_jq", R"({"filter":".a | | ."})");
  EXPECT_NE(bad.find("filter: invalid option"), std::string::npos) << bad;
}

// gojq's semantics (the reference's jq), each checked against the reference CLI.
TEST(ObjectJqTest, FollowsGojq) {
  auto settings = [](const std::string& filter) {
    std::string quoted;
    for (char c : filter) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return R"({"filter":")" + quoted + R"("})";
  };
  auto jq = [&](const std::string& filter, const std::string& in) {
    return Harness("object_jq", settings(filter)).one(in);
  };
  const std::string in = R"({"b":1,"a":2,"c":{"z":1,"y":2}})";
  EXPECT_EQ(jq("[.[]]", in), R"([2,1,{"y":2,"z":1}])");  // input keys in sorted order
  EXPECT_EQ(jq("[paths]", in), R"([["a"],["b"],["c"],["c","y"],["c","z"]])");
  EXPECT_EQ(jq("tojson", in), R"("{\"a\":2,\"b\":1,\"c\":{\"y\":2,\"z\":1}}")");
  EXPECT_EQ(jq("{z:1,a:2}|to_entries", in), R"([{"key":"a","value":2},{"key":"z","value":1}])");
  EXPECT_EQ(jq("{z:1,a:2}|tostring", in), R"("{\"a\":2,\"z\":1}")");
  // Code points, not bytes.
  EXPECT_EQ(jq(R"("aébéb"|[index("b"), rindex("b"), indices("b")])", in), "[2,4,[2,4]]");
  EXPECT_EQ(jq(R"("abc"|[index(""), indices("")])", in), "[null,[]]");
  EXPECT_EQ(jq("[limit(0; 1, 2)]", in), "[]");
  EXPECT_EQ(jq("[.a, 0 * -1, -0]", in), "[2,0,0]");
  EXPECT_EQ(jq(R"("abc"|ltrimstr("a")|rtrimstr("c"))", in), R"("b")");
  for (const char* bad : {"keys_unsorted", "input_line_number", R"(1|ltrimstr("a"))",
                          R"(1|rtrimstr("a"))", "[limit(-1; 1)]"}) {
    EXPECT_NE(data_error("object_jq", settings(bad), in), "") << bad;
  }
  // The prelude never shows in a compile error.
  const std::string bad = config_error("object_jq", settings(".a | ]"));
  EXPECT_NE(bad.find("filter: invalid option"), std::string::npos) << bad;
  EXPECT_EQ(bad.find("def "), std::string::npos) << bad;
}

TEST(ObjectJqTest, SafeAcrossThreads) {
  Harness h("object_jq", R"({"filter":"[.a, .b] | add"})");
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        std::string in = R"({"a":)" + std::to_string(t) + R"(,"b":)" + std::to_string(i) + "}";
        auto out = h.pipeline.chain.apply(Message(in), Context{});
        if (out.size() != 1 || out[0].data() != std::to_string(t + i)) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

// ---- object_to_*

TEST(ObjectToTest, Conversions) {
  auto conv = [](const std::string& type, const std::string& in) {
    return Harness(type, R"({"object":{"source_key":"a","target_key":"a"}})").one(in);
  };
  EXPECT_EQ(conv("object_to_boolean", R"({"a":"true"})"), R"({"a":true})");
  EXPECT_EQ(conv("object_to_boolean", R"({"a":0})"), R"({"a":false})");
  EXPECT_EQ(conv("object_to_float", R"({"a":"2.50"})"), R"({"a":2.5})");
  EXPECT_EQ(conv("object_to_float", R"({"a":3})"), R"({"a":3})");
  EXPECT_EQ(conv("object_to_integer", R"({"a":-7.9})"), R"({"a":-7})");
  EXPECT_EQ(conv("object_to_integer", R"({"a":"12"})"), R"({"a":12})");
  EXPECT_EQ(conv("object_to_unsigned_integer", R"({"a":"-1"})"), R"({"a":0})");
  EXPECT_EQ(conv("object_to_unsigned_integer", R"({"a":18446744073709551615})"),
            R"({"a":18446744073709551615})");
  EXPECT_EQ(conv("object_to_string", R"({"a":12})"), R"({"a":"12"})");
  EXPECT_EQ(conv("object_to_string", R"({"a":{"b":"<x>"}})"),
            R"({"a":"{\"b\":\"\u003cx\u003e\"}"})");
  // Missing source: unchanged.
  EXPECT_EQ(conv("object_to_integer", R"({"b":1})"), R"({"b":1})");
}

// As in v2.8, an unset key is the empty path: it reads a member named "" and cannot be
// written. So one key alone builds; there is no data mode.
TEST(ObjectToTest, AnUnsetKeyIsTheEmptyPath) {
  // object_to_boolean alone refuses one key without the other, as v2.8 does.
  EXPECT_NE(config_error("object_to_boolean", R"({"object":{"source_key":"a"}})")
                .find("object.target_key: missing required option"),
            std::string::npos);
  EXPECT_EQ(Harness("object_to_boolean", "{}").one(R"({"a":"1"})"), R"({"a":"1"})");
  for (const char* type :
       {"object_to_float", "object_to_integer", "object_to_string", "object_to_unsigned_integer"}) {
    EXPECT_EQ(Harness(type, R"({"object":{"target_key":"o"}})").one(R"({"a":1})"), R"({"a":1})")
        << type;
    EXPECT_NE(Harness(type, R"({"object":{"target_key":"o"}})").one(R"({"":"1"})"), R"({"":"1"})")
        << type;
    EXPECT_NE(data_error(type, R"({"object":{"source_key":"a"}})", R"({"a":"1"})")
                  .find("path cannot be empty"),
              std::string::npos)
        << type;
    EXPECT_EQ(Harness(type, "{}").one(R"({"a":"1"})"), R"({"a":"1"})") << type;
  }
  EXPECT_EQ(Harness("object_to_float", R"({"object":{"target_key":"o"}})").one(R"({"":"3"})"),
            R"({"":"3","o":3})");
}

}  // namespace
}  // namespace sub
