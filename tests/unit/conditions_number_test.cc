// number_* conditions: comparisons, bitwise tests, lengths, and Go's number parsing.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "catalogue/config_builder.h"
#include "condition/number/parse.h"
#include "config/node.h"
#include "tests/unit/condition_harness.h"

namespace sub {
namespace {

using sub::testing::build_condition;
using sub::testing::check;

TEST(ConditionsNumberTest, GoParseFloat) {
  using condition::parse_go_float;
  EXPECT_EQ(condition::parse_go_float("1.5"), 1.5);
  EXPECT_EQ(condition::parse_go_float("-2"), -2);
  EXPECT_EQ(condition::parse_go_float("+.5e1"), 5);
  EXPECT_EQ(condition::parse_go_float("5."), 5);
  EXPECT_EQ(condition::parse_go_float("0x1.8p1"), 3);
  EXPECT_EQ(condition::parse_go_float("1e-400"), 0);                  // underflow is not an error
  EXPECT_EQ(condition::parse_go_float("1_000.2_5e1_0"), 1000.25e10);  // Go literal underscores
  EXPECT_EQ(condition::parse_go_float("0x_1p-2"), 0.25);
  EXPECT_TRUE(std::isinf(condition::parse_go_float("-Infinity")));
  EXPECT_TRUE(std::isinf(condition::parse_go_float("inf")));
  EXPECT_TRUE(std::isnan(condition::parse_go_float("NaN")));
  for (const char* bad : {"", " 1", "1 ", "abc", "1e", "0x10", "_1", "1_", "1__0", "1_.5", "1e_1",
                          ".", "+nan", "infin", "1.2.3", "--1", "0x"}) {
    EXPECT_THROW(condition::parse_go_float(bad), Error) << bad;
  }
  try {
    condition::parse_go_float("abc\n");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), R"(strconv.ParseFloat: parsing "abc\n": invalid syntax)");
  }
  try {
    condition::parse_go_float("\xff\xc2\x85\xc3\xa9\x7f");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "strconv.ParseFloat: parsing \"\\xff\\u0085\xc3\xa9\\x7f\": invalid syntax");
  }
  try {
    condition::parse_go_float("1e400");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), R"(strconv.ParseFloat: parsing "1e400": value out of range)");
  }
}

TEST(ConditionsNumberTest, GoParseInt) {
  using condition::parse_go_int;
  EXPECT_EQ(condition::parse_go_int("0"), 0);
  EXPECT_EQ(condition::parse_go_int("+42"), 42);
  EXPECT_EQ(condition::parse_go_int("-9223372036854775808"), INT64_MIN);
  EXPECT_EQ(condition::parse_go_int("9223372036854775807"), INT64_MAX);
  EXPECT_THROW(condition::parse_go_int("9223372036854775808"), Error);
  EXPECT_THROW(condition::parse_go_int("1.0"), Error);
  EXPECT_THROW(condition::parse_go_int("-"), Error);
  EXPECT_THROW(condition::parse_go_int(""), Error);
  try {
    condition::parse_go_int("99999999999999999999");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              R"(strconv.ParseInt: parsing "99999999999999999999": value out of range)");
  }
}

TEST(ConditionsNumberTest, RuneCount) {
  EXPECT_EQ(condition::rune_count(""), 0u);
  EXPECT_EQ(condition::rune_count("abc"), 3u);
  EXPECT_EQ(condition::rune_count("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"), 9u);
  EXPECT_EQ(condition::rune_count("\xff\xfe"), 2u);      // invalid bytes count one each
  EXPECT_EQ(condition::rune_count("\xe2\x82"), 2u);      // truncated sequence
  EXPECT_EQ(condition::rune_count("\xc0\xaf"), 2u);      // overlong
  EXPECT_EQ(condition::rune_count("\xed\xa0\x80"), 3u);  // surrogate
}

TEST(ConditionsNumberTest, CompareDataMode) {
  EXPECT_TRUE(check(build_condition("number_equal_to", R"({"value":2.5})"), "2.5"));
  EXPECT_TRUE(check(build_condition("number_less_than", R"({"value":3})"), "-1e3"));
  EXPECT_TRUE(check(build_condition("number_greater_than", R"({"value":-1})"), "0"));
  try {
    check(build_condition("number_equal_to", R"({"value":1})"), R"({"a":1})");
    FAIL() << "expected a data error";
  } catch (const Error& e) {
    EXPECT_EQ(
        std::string(e.what()),
        R"(condition number_equal_to: strconv.ParseFloat: parsing "{\"a\":1}": invalid syntax)");
  }
  EXPECT_THROW(check(build_condition("number_less_than", "{}"), ""), Error);
  EXPECT_THROW(check(build_condition("number_greater_than", "{}"), "1 "), Error);
}

TEST(ConditionsNumberTest, CompareObjectMode) {
  const std::string data = R"({"a":5,"s":"7","t":10,"f":false,"arr":[1]})";
  // equal_to: a missing source is false, even when the value is 0.
  EXPECT_FALSE(check(build_condition("number_equal_to", R"({"object":{"source_key":"x"}})"), data));
  EXPECT_TRUE(check(
      build_condition("number_equal_to", R"({"object":{"source_key":"s"},"value":7})"), data));
  // less_than / greater_than: a missing source counts as 0.
  EXPECT_TRUE(check(
      build_condition("number_less_than", R"({"object":{"source_key":"x"},"value":1})"), data));
  EXPECT_FALSE(
      check(build_condition("number_greater_than", R"({"object":{"source_key":"x"}})"), data));
  // A present target replaces `value`; a missing one does not.
  EXPECT_TRUE(check(build_condition("number_less_than",
                                    R"({"object":{"source_key":"a","target_key":"t"},"value":1})"),
                    data));
  EXPECT_TRUE(
      check(build_condition("number_less_than",
                            R"({"object":{"source_key":"a","target_key":"nope"},"value":6})"),
            data));
  EXPECT_TRUE(check(build_condition("number_equal_to", R"({"object":{"source_key":"f"}})"), data));
  // Non-JSON data in object mode is a missing value, not an error.
  EXPECT_FALSE(check(build_condition("number_equal_to", R"({"object":{"source_key":"a"}})"), "5"));
  EXPECT_FALSE(build_condition("number_equal_to", "{}")->test(Message::control(), Context{}));
}

TEST(ConditionsNumberTest, CompareConfigErrors) {
  try {
    build_condition("number_equal_to", R"({"value":"10"})");
    FAIL() << "expected a configuration error";
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("condition number_equal_to: value: invalid option", 0), 0u) << what;
  }
  EXPECT_THROW(build_condition("number_less_than", R"({"object":{"source_key":1}})"), ConfigError);
}

TEST(ConditionsNumberTest, Bitwise) {
  EXPECT_TRUE(check(build_condition("number_bitwise_and", R"({"value":4})"), "6"));
  EXPECT_FALSE(check(build_condition("number_bitwise_and", R"({"value":1})"), "6"));
  EXPECT_FALSE(check(build_condition("number_bitwise_or", R"({"value":0})"), "0"));
  EXPECT_FALSE(check(build_condition("number_bitwise_xor", R"({"value":5})"), "5"));
  EXPECT_TRUE(check(build_condition("number_bitwise_xor", R"({"value":5})"), "-5"));
  EXPECT_FALSE(check(build_condition("number_bitwise_not", "{}"), "-1"));
  EXPECT_TRUE(check(build_condition("number_bitwise_not", "{}"), "9223372036854775807"));
  // Object mode reads gjson Int(): strings are parsed, floats truncated, missing is 0.
  condition::ConditionPtr c =
      build_condition("number_bitwise_and", R"({"object":{"source_key":"v"},"value":2})");
  EXPECT_TRUE(check(c, R"({"v":"3"})"));
  EXPECT_TRUE(check(c, R"({"v":2.9})"));
  EXPECT_FALSE(check(c, R"({"x":3})"));
  EXPECT_FALSE(check(build_condition("number_bitwise_not", R"({"object":{"source_key":"v"}})"),
                     R"({"v":-1})"));
  try {
    check(build_condition("number_bitwise_and", R"({"value":1})"), "1.0");
    FAIL() << "expected a data error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              R"(condition number_bitwise_and: strconv.ParseInt: parsing "1.0": invalid syntax)");
  }
  EXPECT_THROW(build_condition("number_bitwise_and", R"({"value":1.5})"), ConfigError);
  EXPECT_THROW(build_condition("number_bitwise_or", R"({"value":true})"), ConfigError);
  EXPECT_FALSE(build_condition("number_bitwise_not", "{}")->test(Message::control(), Context{}));
}

TEST(ConditionsNumberTest, Length) {
  EXPECT_TRUE(check(build_condition("number_length_equal_to", R"({"value":0})"), ""));
  EXPECT_TRUE(check(build_condition("number_length_equal_to", R"({"value":6})"), "h\xc3\xa9llo"));
  EXPECT_TRUE(
      check(build_condition("number_length_equal_to", R"({"value":5,"measurement":"char"})"),
            "h\xc3\xa9llo"));
  EXPECT_TRUE(
      check(build_condition("number_length_equal_to", R"({"value":5,"measurement":"rune"})"),
            "h\xc3\xa9llo"));
  // Unknown measurements measure bytes, as the reference does.
  EXPECT_TRUE(
      check(build_condition("number_length_equal_to", R"({"value":6,"measurement":"bytes"})"),
            "h\xc3\xa9llo"));
  const std::string data = R"({"arr":[1,[2,3],{"a":4}],"s":"abcd","n":12345,"o":{"k":"v"}})";
  EXPECT_TRUE(check(
      build_condition("number_length_equal_to", R"({"object":{"source_key":"arr"},"value":3})"),
      data));
  EXPECT_TRUE(check(
      build_condition("number_length_greater_than", R"({"object":{"source_key":"s"},"value":3})"),
      data));
  EXPECT_TRUE(check(
      build_condition("number_length_less_than", R"({"object":{"source_key":"n"},"value":6})"),
      data));
  EXPECT_TRUE(
      check(build_condition("number_length_equal_to", R"({"object":{"source_key":"o"},"value":9})"),
            data));
  EXPECT_TRUE(
      check(build_condition("number_length_equal_to", R"({"object":{"source_key":"x"},"value":0})"),
            data));
  EXPECT_THROW(build_condition("number_length_equal_to", R"({"value":"3"})"), ConfigError);
  EXPECT_THROW(build_condition("number_length_less_than", R"({"measurement":1})"), ConfigError);
  EXPECT_FALSE(build_condition("number_length_less_than", R"({"value":5})")
                   ->test(Message::control(), Context{}));
}

}  // namespace
}  // namespace sub
