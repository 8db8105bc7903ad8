// The time_* transforms, including behaviour without vectors.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "core/error.h"

namespace sub {
namespace {

struct Harness {
  explicit Harness(const std::string& transform_json) {
    pipeline = catalogue::build_pipeline(
        config::Node::parse(R"({"transforms":[)" + transform_json + "]}"), services);
  }
  std::string run(const std::string& data) {
    std::vector<Message> out = pipeline.chain.apply(Message(data), Context{});
    EXPECT_EQ(out.size(), 1u);
    return out.empty() ? "<none>" : out[0].data();
  }
  services::Services services;
  catalogue::Pipeline pipeline;
};

std::string run_error(const std::string& transform_json, const std::string& data) {
  Harness h(transform_json);
  try {
    h.run(data);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

std::string config_error(const std::string& transform_json) {
  try {
    Harness h(transform_json);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST(TimeTransform, FromStringVectors) {
  EXPECT_EQ(
      Harness(R"({"type":"time_from_string","settings":{"format":"2006-01-02T15:04:05.000Z"}})")
          .run("2021-12-19T01:31:30.000Z"),
      "1639877490000000000");
  EXPECT_EQ(
      Harness(
          R"({"type":"time_from_string","settings":{"format":"2006-01-02T15:04:05.000Z","location":"America/New_York"}})")
          .run("2021-12-19T01:31:30.000Z"),
      "1639895490000000000");
  EXPECT_EQ(
      Harness(
          R"({"type":"time_from_string","settings":{"object":{"source_key":"a","target_key":"a"},"format":"2006-01-02T15:04:05.000Z"}})")
          .run(R"({"a":"2021-12-19T01:31:30.000Z"})"),
      R"({"a":1639877490000000000})");
}

TEST(TimeTransform, FromStringErrorsNameTransformFieldAndLayout) {
  EXPECT_EQ(run_error(R"({"type":"time_from_string","settings":{"format":"2006-01-02"}})", "x"),
            "transform time_from_string (transforms:1): format 2006-01-02: parsing time \"x\" as "
            "\"2006-01-02\": cannot parse \"x\" as \"2006\"");
  EXPECT_EQ(
      run_error(
          R"({"type":"time_from_string","settings":{"object":{"source_key":"a","target_key":"b"},"format":"2006","location":"Europe/London"}})",
          R"({"a":"20x"})"),
      "transform time_from_string (transforms:1): object.source_key \"a\": format 2006 location "
      "Europe/London: "
      "parsing time \"20x\" as \"2006\": cannot parse \"20x\" as \"2006\"");
}

TEST(TimeTransform, UnknownLocationFailsPerMessage) {
  // As in the reference, the zone is only reported when a message is transformed.
  EXPECT_EQ(
      run_error(R"({"type":"time_to_string","settings":{"format":"2006","location":"Not/AZone"}})",
                "0"),
      "transform time_to_string (transforms:1): location Not/AZone: unknown time zone Not/AZone");
  EXPECT_EQ(
      run_error(
          R"({"type":"time_from_string","settings":{"format":"2006","location":"Mars/Base"}})",
          "2006"),
      "transform time_from_string (transforms:1): location Mars/Base: unknown time zone Mars/Base");
}

TEST(TimeTransform, ConfigErrors) {
  EXPECT_NE(config_error(R"({"type":"time_from_string"})").find("format: missing required option"),
            std::string::npos);
  EXPECT_NE(config_error(R"({"type":"time_to_string","settings":{"format":""}})")
                .find("format: missing required option"),
            std::string::npos);
  EXPECT_NE(config_error(R"({"type":"time_to_unix","settings":{"object":{"source_key":"a"}}})")
                .find("object.target_key: missing required option"),
            std::string::npos);
  EXPECT_NE(config_error(R"({"type":"time_from_unix","settings":{"object":{"target_key":"a"}}})")
                .find("object.source_key: missing required option"),
            std::string::npos);
}

TEST(TimeTransform, ToStringVectors) {
  EXPECT_EQ(
      Harness(
          R"({"type":"time_to_string","settings":{"format":"2006-01-02T15:04:05.000Z","location":"UTC"}})")
          .run("1639877490000000000"),
      "2021-12-19T01:31:30.000Z");
  EXPECT_EQ(
      Harness(
          R"({"type":"time_to_string","settings":{"format":"2006-01-02T15:04:05.000Z","location":"America/New_York"}})")
          .run("1639895490000000000"),
      "2021-12-19T01:31:30.000Z");
  EXPECT_EQ(
      Harness(
          R"({"type":"time_to_string","settings":{"object":{"source_key":"a","target_key":"a"},"format":"2006-01-02T15:04:05.000Z","location":"UTC"}})")
          .run(R"({"a":1639877490000000000})"),
      R"({"a":"2021-12-19T01:31:30.000Z"})");
  EXPECT_EQ(
      Harness(
          R"({"type":"time_to_string","settings":{"format":"Mon Jan _2 15:04:05 MST 2006","location":"Asia/Kolkata"}})")
          .run("1639877490123456789"),
      "Sun Dec 19 07:01:30 IST 2021");
}

TEST(TimeTransform, UnixConversions) {
  EXPECT_EQ(Harness(R"({"type":"time_from_unix"})").run("1639895490"), "1639895490000000000");
  EXPECT_EQ(Harness(R"({"type":"time_from_unix_milli"})").run("1639895490000"),
            "1639895490000000000");
  EXPECT_EQ(Harness(R"({"type":"time_to_unix"})").run("1639895490000000000"), "1639895490");
  EXPECT_EQ(Harness(R"({"type":"time_to_unix_milli"})").run("1639895490000000000"),
            "1639895490000");
  // Int(): a JSON number's fraction is dropped; data "1.9" is the string "1.9", which
  // gjson's Int() reads as 0. Negative instants round down like Go's Unix().
  EXPECT_EQ(Harness(R"({"type":"time_from_unix"})").run("1.9"), "0");
  EXPECT_EQ(
      Harness(
          R"({"type":"time_from_unix","settings":{"object":{"source_key":"a","target_key":"a"}}})")
          .run(R"({"a":1.9})"),
      R"({"a":1000000000})");
  EXPECT_EQ(Harness(R"({"type":"time_to_unix"})").run("-1"), "-1");
  EXPECT_EQ(Harness(R"({"type":"time_to_unix_milli"})").run("-1"), "-1");
  const std::string obj = R"({"object":{"source_key":"a","target_key":"b"}})";
  EXPECT_EQ(
      Harness(R"({"type":"time_from_unix","settings":)" + obj + "}").run(R"({"a":1639877490})"),
      R"({"a":1639877490,"b":1639877490000000000})");
  EXPECT_EQ(Harness(R"({"type":"time_to_unix_milli","settings":)" + obj + "}")
                .run(R"({"a":1639877490000000000})"),
            R"({"a":1639877490000000000,"b":1639877490000})");
}

TEST(TimeTransform, MissingSourceAndControlPassThrough) {
  Harness h(R"({"type":"time_to_unix","settings":{"object":{"source_key":"x","target_key":"y"}}})");
  EXPECT_EQ(h.run(R"({"a":1})"), R"({"a":1})");
  std::vector<Message> out = h.pipeline.chain.apply(Message::control(), Context{});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].is_control());
}

TEST(TimeTransform, NowData) {
  Harness h(R"({"type":"time_now"})");
  const int64_t before = now_ns();
  const std::string got = h.run("ignored");
  const int64_t after = now_ns();
  const int64_t v = std::stoll(got);
  EXPECT_GE(v, before);
  EXPECT_LE(v, after);
}

TEST(TimeTransform, NowTarget) {
  Harness h(R"({"type":"time_now","settings":{"object":{"target_key":"ts"}}})");
  const int64_t before = now_ns();
  Message m(R"({"a":1})");
  std::vector<Message> out = h.pipeline.chain.apply(std::move(m), Context{});
  ASSERT_EQ(out.size(), 1u);
  const int64_t v = out[0].get("ts").to_int();
  EXPECT_GE(v, before);
  EXPECT_EQ(out[0].get("a").to_int(), 1);
}

}  // namespace
}  // namespace sub
