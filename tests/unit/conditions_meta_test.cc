// meta_all / meta_any / meta_none and their aliases.
#include <gtest/gtest.h>

#include <string>

#include "catalogue/config_builder.h"
#include "config/node.h"
#include "tests/unit/condition_harness.h"

namespace sub {
namespace {

using sub::testing::build_condition;
using sub::testing::check;

const char* kHasA = R"({"type":"string_contains","settings":{"value":"a"}})";
const char* kHasB = R"({"type":"string_contains","settings":{"value":"b"}})";

std::string with(const std::string& conditions, const std::string& source = "") {
  std::string s = R"({"conditions":[)" + conditions + "]";
  if (!source.empty()) s += R"(,"object":{"source_key":")" + source + R"("})";
  return s + "}";
}

TEST(ConditionsMetaTest, AliasesAreRegistered) {
  for (const char* t : {"meta_all", "all", "meta_any", "any", "meta_none", "none"}) {
    EXPECT_NE(catalogue::Registry::builtin().condition(t), nullptr) << t;
  }
}

TEST(ConditionsMetaTest, WholeMessage) {
  const std::string both = std::string(kHasA) + "," + kHasB;
  EXPECT_TRUE(check(build_condition("all", with(both)), "ab"));
  EXPECT_FALSE(check(build_condition("all", with(both)), "a"));
  EXPECT_TRUE(check(build_condition("any", with(both)), "b"));
  EXPECT_FALSE(check(build_condition("any", with(both)), "c"));
  EXPECT_TRUE(check(build_condition("none", with(both)), "c"));
  EXPECT_FALSE(check(build_condition("none", with(both)), "cb"));
}

TEST(ConditionsMetaTest, EmptyConditionLists) {
  EXPECT_TRUE(check(build_condition("meta_all", "{}"), "x"));
  EXPECT_FALSE(check(build_condition("meta_any", "{}"), "x"));
  try {
    build_condition("meta_none", "{}");
    FAIL() << "expected a configuration error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "condition meta_none: conditions: missing required option");
  }
}

TEST(ConditionsMetaTest, ArraySourceTestsEveryElement) {
  condition::ConditionPtr all = build_condition("all", with(kHasA, "z"));
  EXPECT_TRUE(check(all, R"({"z":["a","ba","ca"]})"));
  EXPECT_FALSE(check(all, R"({"z":["a","b"]})"));
  EXPECT_TRUE(check(all, R"({"z":[]})"));  // vacuously true
  condition::ConditionPtr any = build_condition("any", with(kHasA, "z"));
  EXPECT_TRUE(check(any, R"({"z":["x","y","a"]})"));
  EXPECT_FALSE(check(any, R"({"z":[]})"));
  condition::ConditionPtr none = build_condition("none", with(kHasA, "z"));
  EXPECT_TRUE(check(none, R"({"z":["x","y"]})"));
  EXPECT_FALSE(check(none, R"({"z":["x","a"]})"));
  // Elements are seen as their text: objects raw, strings unquoted.
  condition::ConditionPtr obj = build_condition(
      "all", with(R"({"type":"string_equal_to","settings":{"value":"{\"k\":1}"}})", "z"));
  EXPECT_TRUE(check(obj, R"({"z":[{"k":1}]})"));
}

TEST(ConditionsMetaTest, MissingSourceIsFalseForAllThree) {
  for (const char* t : {"all", "any", "none"}) {
    EXPECT_FALSE(check(build_condition(t, with(kHasA, "missing")), R"({"z":"a"})")) << t;
  }
}

TEST(ConditionsMetaTest, ScalarSourceIsTheValue) {
  EXPECT_TRUE(check(build_condition("all", with(kHasA, "z")), R"({"z":"cat","y":"dog"})"));
  EXPECT_FALSE(check(build_condition("all", with(kHasB, "z")), R"({"z":"cat","y":"bird"})"));
  // meta_none inspects the value too (the reference inspects the whole data here).
  EXPECT_TRUE(check(build_condition("none", with(kHasB, "z")), R"({"z":"cat","y":"bird"})"));
  EXPECT_FALSE(check(build_condition("none", with(kHasA, "z")), R"({"z":"cat","y":"dog"})"));
}

TEST(ConditionsMetaTest, MetadataIsCopiedToElementMessages) {
  condition::ConditionPtr c = build_condition(
      "all",
      with(
          R"({"type":"string_equal_to","settings":{"object":{"source_key":"meta k"},"value":"v"}})",
          "z"));
  EXPECT_TRUE(check(c, R"({"z":["a","b"]})", R"({"k":"v"})"));
  EXPECT_FALSE(check(c, R"({"z":["a","b"]})", R"({"k":"w"})"));
}

TEST(ConditionsMetaTest, NestingAndControlMessages) {
  condition::ConditionPtr c = build_condition(
      "any", with(std::string(R"({"type":"none","settings":{"conditions":[)") + kHasA + "]}}"));
  EXPECT_TRUE(check(c, "xyz"));
  EXPECT_FALSE(check(c, "abc"));
  EXPECT_FALSE(c->test(Message::control(), Context{}));
  EXPECT_FALSE(build_condition("none", with(kHasA))->test(Message::control(), Context{}));
  EXPECT_FALSE(build_condition("all", "{}")->test(Message::control(), Context{}));
}

TEST(ConditionsMetaTest, NestedErrorsPropagate) {
  condition::ConditionPtr c =
      build_condition("all", with(R"({"type":"number_equal_to","settings":{"value":1}})"));
  EXPECT_THROW(check(c, "not a number"), Error);
}

TEST(ConditionsMetaTest, BadConfigurationNamesTheKey) {
  try {
    build_condition("all", R"({"conditions":[{"type":"no_such_condition"}]})");
    FAIL() << "expected a configuration error";
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("conditions[0]"), std::string::npos) << what;
    EXPECT_NE(what.find("no_such_condition"), std::string::npos) << what;
  }
  EXPECT_THROW(build_condition("all", R"({"conditions":{"type":"format_json"}})"), ConfigError);
  EXPECT_THROW(build_condition("all", R"({"conditions":["format_json"]})"), ConfigError);
  EXPECT_THROW(build_condition("any", R"({"conditions":[{"type":"string_match"}]})"), ConfigError);
  EXPECT_THROW(build_condition("all", R"({"object":{"source_key":3}})"), ConfigError);
}

}  // namespace
}  // namespace sub
