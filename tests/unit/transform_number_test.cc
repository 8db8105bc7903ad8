// number_maximum, number_minimum and number_math_*.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "tests/unit/transform_harness.h"

namespace sub {
namespace {

using namespace sub::test_support;  // NOLINT: the shared test harness

TEST(NumberMathTest, DataModeText) {
  EXPECT_EQ(Harness("number_math_addition", "{}").one("[0.1,0.2]"), "0.30000000000000004");
  EXPECT_EQ(Harness("number_math_multiplication", "{}").one("[1.1,1000000000]"), "1100000000");
  EXPECT_EQ(Harness("number_math_multiplication", "{}").one("[1e20,100]"),
            "10000000000000000000000");
  EXPECT_EQ(Harness("number_math_subtraction", "{}").one("[10,\"4\",1]"), "5");
  EXPECT_EQ(Harness("number_math_division", "{}").one("[1,8]"), "0.125");
  EXPECT_EQ(Harness("number_math_division", "{}").one("[1,0]"), "+Inf");
  EXPECT_EQ(Harness("number_math_addition", "{}").one("[]"), "0");
  EXPECT_EQ(Harness("number_math_addition", "{}").one("[5]"), "5");
  // Not an array: unchanged.
  EXPECT_EQ(Harness("number_math_addition", "{}").one("7"), "7");
  EXPECT_EQ(Harness("number_math_addition", "{}").one("not a number"), "not a number");
}

TEST(NumberMathTest, ObjectModeNumber) {
  Harness h("number_math_addition", with_obj("\"x\":0"));
  EXPECT_EQ(h.one(R"({"a":[1,2.5]})"), R"({"a":[1,2.5],"b":3.5})");
  EXPECT_EQ(h.one(R"({"a":[1e20,1e20]})"), R"({"a":[1e20,1e20],"b":200000000000000000000})");
  EXPECT_EQ(h.one(R"({"a":3})"), R"({"a":3})");
  EXPECT_EQ(h.one(R"({"c":1})"), R"({"c":1})");
}

TEST(NumberBoundTest, MaximumMinimum) {
  EXPECT_EQ(Harness("number_maximum", R"({"value":10})").one("3.5"), "10");
  EXPECT_EQ(Harness("number_maximum", R"({"value":10})").one("12.25"), "12.25");
  EXPECT_EQ(Harness("number_minimum", R"({"value":10})").one("12.25"), "10");
  EXPECT_EQ(Harness("number_minimum", "{}").one("1"), "0");  // value defaults to 0
  // Non-numeric data reads as 0.
  EXPECT_EQ(Harness("number_maximum", R"({"value":-5})").one("abc"), "0");
  Harness obj("number_minimum", with_obj(R"("value":2)"));
  EXPECT_EQ(obj.one(R"({"a":"7"})"), R"({"a":"7","b":2})");
  EXPECT_EQ(obj.one(R"({"c":1})"), R"({"c":1})");
}

TEST(NumberTest, ConfigErrors) {
  EXPECT_NE(config_error("number_maximum", R"({"value":"1"})").find("value: invalid option"),
            std::string::npos);
  EXPECT_NE(config_error("number_math_division", R"({"object":{"source_key":"a"}})")
                .find("object.target_key: missing required option"),
            std::string::npos);
  EXPECT_NE(config_error("number_minimum", R"({"object":{"target_key":"a"}})")
                .find("object.source_key: missing required option"),
            std::string::npos);
}

TEST(NumberTest, BadTargetPathIsADataError) {
  std::string e =
      data_error("number_maximum", R"({"object":{"source_key":"a","target_key":"c.x"}})",
                 R"({"a":1,"c":[1]})");
  EXPECT_EQ(e.rfind("transform number_maximum (transforms:1): ", 0), 0u) << e;
  EXPECT_NE(e.find("non-numeric key"), std::string::npos) << e;
}

TEST(NumberTest, ControlPasses) {
  for (const char* type :
       {"number_maximum", "number_minimum", "number_math_addition", "number_math_subtraction",
        "number_math_multiplication", "number_math_division"}) {
    Harness h(type, "{}");
    auto out = h.pipeline.chain.apply(Message::control(), Context{});
    ASSERT_EQ(out.size(), 1u) << type;
    EXPECT_TRUE(out[0].is_control()) << type;
  }
}

}  // namespace
}  // namespace sub
