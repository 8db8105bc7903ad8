// string_* conditions.
#include <gtest/gtest.h>

#include <re2/re2.h>

#include <string>
#include <vector>

#include "catalogue/config_builder.h"
#include "condition/string/whole_text_literals.h"
#include "config/node.h"
#include "core/json/encode.h"
#include "tests/unit/condition_harness.h"

namespace sub {
namespace {

using sub::testing::build_condition;
using sub::testing::check;

TEST(ConditionsStringTest, DataMode) {
  EXPECT_TRUE(check(build_condition("string_contains", R"({"value":"b"})"), "abc"));
  EXPECT_TRUE(check(build_condition("string_contains", "{}"), "anything"));  // empty value
  EXPECT_TRUE(check(build_condition("string_starts_with", R"({"value":"ab"})"), "abc"));
  EXPECT_FALSE(check(build_condition("string_starts_with", R"({"value":"abcd"})"), "abc"));
  EXPECT_TRUE(check(build_condition("string_ends_with", R"({"value":"bc"})"), "abc"));
  EXPECT_TRUE(check(build_condition("string_equal_to", R"({"value":""})"), ""));
  EXPECT_FALSE(check(build_condition("string_equal_to", R"({"value":"a"})"), "a\n"));
  // Bytewise ordering: bytes >= 0x80 sort after ASCII.
  EXPECT_TRUE(check(build_condition("string_greater_than", R"({"value":"z"})"), "\xc3\xa9"));
  EXPECT_TRUE(check(build_condition("string_less_than", R"({"value":"abc"})"), "ab"));
  EXPECT_FALSE(check(build_condition("string_less_than", R"({"value":"abc"})"), "abc"));
  EXPECT_TRUE(
      check(build_condition("string_contains", R"({"value":"\u0000"})"), std::string("a\0b", 3)));
}

// Numbers in every condition that reads text: 1.0 is "1", 1e-7 is "0.0000001", 1e21 is
// "1000000000000000000000"; integers stay as written. Checked against the v2.8 binary.
TEST(ConditionsStringTest, NumbersCompareAsGjsonStrings) {
  const auto eq = [](const std::string& json, const std::string& want) {
    return check(build_condition("string_equal_to",
                                 R"({"object":{"source_key":"a"},"value":")" + want + R"("})"),
                 R"({"a":)" + json + "}");
  };
  EXPECT_TRUE(eq("1.0", "1"));
  EXPECT_TRUE(eq("1e-7", "0.0000001"));
  EXPECT_TRUE(eq("1e21", "1000000000000000000000"));
  EXPECT_TRUE(eq("1E2", "100"));
  EXPECT_TRUE(eq("-0.0", "-0"));
  EXPECT_TRUE(eq("123456789012345678901", "123456789012345678901"));  // an integer as written
  EXPECT_TRUE(check(
      build_condition("number_length_equal_to", R"({"object":{"source_key":"a"},"value":22})"),
      R"({"a":1e21})"));
  EXPECT_TRUE(
      check(build_condition("string_match", R"({"object":{"source_key":"a"},"pattern":"^1\\.5$"})"),
            R"({"a":1.50})"));
  EXPECT_TRUE(check(
      build_condition(
          "meta_any",
          R"({"object":{"source_key":"b"},"conditions":[{"type":"string_equal_to","settings":{"value":"2"}}]})"),
      R"({"b":[2.0,3]})"));
}

TEST(ConditionsStringTest, ObjectModeUsesValueText) {
  const std::string data = R"({"s":"x\"y","n":1.50,"b":true,"o":{"k": 1},"nul":null})";
  EXPECT_TRUE(check(
      build_condition("string_equal_to", R"({"object":{"source_key":"s"},"value":"x\"y"})"), data));
  // A number compares as gjson's String() gives it, as v2.8 does: 1.50 is "1.5".
  EXPECT_TRUE(check(
      build_condition("string_equal_to", R"({"object":{"source_key":"n"},"value":"1.5"})"), data));
  EXPECT_FALSE(check(
      build_condition("string_equal_to", R"({"object":{"source_key":"n"},"value":"1.50"})"), data));
  EXPECT_TRUE(check(
      build_condition("string_equal_to", R"({"object":{"source_key":"b"},"value":"true"})"), data));
  EXPECT_TRUE(check(
      build_condition("string_equal_to", R"({"object":{"source_key":"o"},"value":"{\"k\": 1}"})"),
      data));
  EXPECT_TRUE(check(
      build_condition("string_equal_to", R"({"object":{"source_key":"nul"},"value":""})"), data));
  // Missing source: equal_to is false; the others compare "".
  EXPECT_FALSE(check(
      build_condition("string_equal_to", R"({"object":{"source_key":"x"},"value":""})"), data));
  EXPECT_TRUE(check(
      build_condition("string_contains", R"({"object":{"source_key":"x"},"value":""})"), data));
  EXPECT_TRUE(check(
      build_condition("string_less_than", R"({"object":{"source_key":"x"},"value":"a"})"), data));
  EXPECT_FALSE(check(
      build_condition("string_starts_with", R"({"object":{"source_key":"x"},"value":"a"})"), data));
}

TEST(ConditionsStringTest, TargetKey) {
  const std::string data = R"({"a":"abc","b":"abd","c":"abc"})";
  EXPECT_TRUE(
      check(build_condition("string_equal_to", R"({"object":{"source_key":"a","target_key":"c"}})"),
            data));
  EXPECT_TRUE(
      check(build_condition("string_less_than",
                            R"({"object":{"source_key":"a","target_key":"b"},"value":"a"})"),
            data));
  EXPECT_TRUE(
      check(build_condition("string_greater_than",
                            R"({"object":{"source_key":"b","target_key":"a"},"value":"z"})"),
            data));
  // A missing target falls back to `value`.
  EXPECT_TRUE(
      check(build_condition("string_equal_to",
                            R"({"object":{"source_key":"a","target_key":"zz"},"value":"abc"})"),
            data));
  // contains / starts_with / ends_with ignore target_key.
  EXPECT_TRUE(
      check(build_condition("string_contains",
                            R"({"object":{"source_key":"a","target_key":"b"},"value":"bc"})"),
            data));
}

TEST(ConditionsStringTest, Match) {
  EXPECT_TRUE(check(build_condition("string_match", R"({"pattern":"^a.c$"})"), "abc"));
  EXPECT_FALSE(check(build_condition("string_match", R"({"pattern":"^a.c$"})"), "abc\n"));
  EXPECT_TRUE(check(build_condition("string_match", R"({"pattern":"(?i)ABC"})"), "xabcx"));
  EXPECT_TRUE(check(build_condition("string_match", R"({"pattern":"^{.*}$"})"), R"({"a":1})"));
  EXPECT_TRUE(check(build_condition("string_match", R"({"pattern":"\\d{3}"})"), "a123"));
  condition::ConditionPtr c =
      build_condition("string_match", R"({"pattern":"^1\\.5","object":{"source_key":"n"}})");
  EXPECT_TRUE(check(c, R"({"n":1.5})"));
  EXPECT_FALSE(check(c, R"({"m":1.5})"));
  EXPECT_FALSE(c->test(Message::control(), Context{}));
}

// string_match answers a whole-text choice of literals (`^(S0|REJ)$`) by comparing: the
// shapes it takes, and on every one the same answer as RE2 (Go's regexp) for texts that
// equal a literal, contain one, extend one or differ by case or a trailing newline.
TEST(ConditionsStringTest, WholeTextLiteralsMatchAsTheRegexpDoes) {
  using condition::whole_text_literals;
  const auto literals = [](std::string_view p) {
    const auto l = whole_text_literals(p);
    if (!l) return std::string("none");
    std::string out;
    for (const std::string& s : *l) out += "[" + s + "]";
    return out;
  };
  EXPECT_EQ(literals("^(S0|REJ|OTH|RSTOS0|RSTRH|SH|SHR)$"),
            "[S0][REJ][OTH][RSTOS0][RSTRH][SH][SHR]");
  EXPECT_EQ(literals("^error$"), "[error]");
  EXPECT_EQ(literals("^(?:a-b|c d|)$"), "[a-b][c d][]");
  EXPECT_EQ(literals("^$"), "[]");
  EXPECT_EQ(literals("^()$"), "[]");
  for (const char* p :
       {"S0|REJ",     "^S0|REJ$", "^(S0|REJ)", "(S0|REJ)$", "^(a)(b)$", "^(a|b)c$", "^(?i)abc$",
        "^(?i:abc)$", "^a.c$",    "^a\\.c$",   "^abc\\$",   "^a+$",     "^[ab]$",   "^(a|(b))$",
        "^é$",        "^a{2}$",   "^a\\b$",    "^",         "$",        ""}) {
    EXPECT_EQ(literals(p), "none") << p;
  }

  const std::vector<std::string> patterns = {"^(S0|REJ|OTH|RSTOS0|RSTRH|SH|SHR)$",
                                             "^error$",
                                             "^(?:a-b|c d|)$",
                                             "^$",
                                             "^()$",
                                             "^(x|xy|xyz)$",
                                             "^(GET|POST|'q'|\"d\"|<t>|a=b;c)$"};
  const std::vector<std::string> texts = {
      "",    "S0",  "S",     "S00",   "s0",     "S0\n",  "\nS0", "xS0",   "REJ",
      "SHR", "SH",  "error", "Error", "errors", "a-b",   "c d",  "c  d",  "x",
      "xy",  "xyz", "xyzz",  "GET",   "'q'",    "\"d\"", "<t>",  "a=b;c", std::string("S0\0", 3)};
  for (const std::string& p : patterns) {
    ASSERT_TRUE(whole_text_literals(p)) << p;
    std::string settings = R"({"pattern":)";
    json::append_go_string(settings, p);
    const auto c = build_condition("string_match", settings + "}");
    const RE2 re(p);
    ASSERT_TRUE(re.ok()) << p;
    for (const std::string& t : texts) {
      EXPECT_EQ(check(c, t), RE2::PartialMatch(t, re)) << p << " on " << t;
    }
  }
}

TEST(ConditionsStringTest, ConfigErrors) {
  try {
    build_condition("string_match", "{}");
    FAIL() << "expected a configuration error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "condition string_match: pattern: missing required option");
  }
  try {
    build_condition("string_match", R"({"pattern":"a("})");
    FAIL() << "expected a configuration error";
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    EXPECT_EQ(
        what.rfind("condition string_match: pattern: invalid option: error parsing regexp", 0), 0u)
        << what;
  }
  EXPECT_THROW(build_condition("string_contains", R"({"value":1})"), ConfigError);
  EXPECT_THROW(build_condition("string_equal_to", R"({"value":["a"]})"), ConfigError);
  EXPECT_THROW(build_condition("string_less_than", R"({"object":[]})"), ConfigError);
}

TEST(ConditionsStringTest, ControlMessagesAreFalse) {
  for (const char* t : {"string_contains", "string_ends_with", "string_starts_with",
                        "string_equal_to", "string_greater_than", "string_less_than"}) {
    EXPECT_FALSE(build_condition(t, "{}")->test(Message::control(), Context{})) << t;
  }
}

}  // namespace
}  // namespace sub
