// string_append, string_capture, string_replace, string_split, string_to_lower,
// string_to_upper, string_to_snake and string_uuid. Expected values of the Go-specific
// behaviours (regexp template expansion, empty matches, case mapping, strcase) were
// produced with the Go standard library and strcase v0.3.0.
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "tests/unit/transform_harness.h"

namespace sub {
namespace {

using namespace sub::test_support;  // NOLINT: the shared test harness

// ---- string_append

TEST(StringAppendTest, DataAndObject) {
  EXPECT_EQ(Harness("string_append", R"({"suffix":"c"})").one("ab"), "abc");
  EXPECT_EQ(Harness("string_append", with_obj(R"("suffix":"!")")).one(R"({"a":"x"})"),
            R"({"a":"x","b":"x!"})");
  // Non-string sources use their JSON text.
  EXPECT_EQ(Harness("string_append", with_obj(R"("suffix":"0")")).one(R"({"a":1})"),
            R"({"a":1,"b":"10"})");
}

TEST(StringAppendTest, SuffixKeyAndMissingValues) {
  Harness h("string_append", with_obj(R"("suffix_key":"s")"));
  EXPECT_EQ(h.one(R"({"a":"x","s":"_y"})"), R"({"a":"x","s":"_y","b":"x_y"})");
  EXPECT_EQ(h.one(R"({"a":"x"})"), R"({"a":"x"})");  // no suffix: unchanged
  EXPECT_EQ(h.one(R"({"s":"x"})"), R"({"s":"x"})");  // no source: unchanged
  // Control messages pass untouched.
  EXPECT_EQ(Harness("string_append", R"({"suffix":"c"})")
                .pipeline.chain.apply(Message::control(), Context{})
                .size(),
            1u);
}

TEST(StringAppendTest, ConfigErrors) {
  EXPECT_NE(config_error("string_append", "{}").find("suffix: missing required option"),
            std::string::npos);
  EXPECT_NE(config_error("string_append", R"({"suffix_key":"s"})").find("object.source_key"),
            std::string::npos);
  EXPECT_NE(config_error("string_append", R"({"suffix":1})").find("suffix: invalid option"),
            std::string::npos);
  EXPECT_NE(config_error("string_append", R"({"suffix":"x","object":{"source_key":"a"}})")
                .find("object.target_key: missing required option"),
            std::string::npos);
}

// ---- string_capture

TEST(StringCaptureTest, SingleMatchUsesLastGroup) {
  EXPECT_EQ(Harness("string_capture", R"j({"pattern":"(a)(b+)"})j").one("xabbby"), "bbb");
  EXPECT_EQ(Harness("string_capture", R"j({"pattern":"(z)"})j").one("abc"), "");
  EXPECT_EQ(Harness("string_capture", with_obj(R"j("pattern":"(z)")j")).one(R"({"a":"x"})"),
            R"({"a":"x","b":""})");
}

TEST(StringCaptureTest, CountGivesArrays) {
  EXPECT_EQ(Harness("string_capture", R"j({"pattern":"(\\d)","count":2})j").one("a1b2c3"),
            R"(["1","2"])");
  // Go's FindAll: an empty match right after a match is skipped.
  EXPECT_EQ(Harness("string_capture", R"j({"pattern":"(a*)","count":10})j").one("baaac"),
            R"(["","aaa",""])");
  // No match: empty data / a JSON null in object mode.
  EXPECT_EQ(Harness("string_capture", R"j({"pattern":"(z)","count":2})j").one("abc"), "");
  EXPECT_EQ(
      Harness("string_capture", with_obj(R"j("pattern":"(z)","count":2)j")).one(R"({"a":"x"})"),
      R"({"a":"x","b":null})");
  // Strings are escaped the way Go marshals them.
  EXPECT_EQ(
      Harness("string_capture", with_obj(R"j("pattern":"(.)","count":1)j")).one(R"({"a":"<"})"),
      R"({"a":"<","b":["\u003c"]})");
}

TEST(StringCaptureTest, NamedGroups) {
  Harness data("string_capture", R"j({"pattern":"(?P<user>\\w+)@(?P<host>\\w+)"})j");
  EXPECT_EQ(data.one("bob@example"), R"({"user":"bob","host":"example"})");
  // No match: a new, empty message.
  EXPECT_EQ(data.one("nothing"), "");
  Harness obj("string_capture", with_obj(R"j("pattern":"(?P<user>\\w+)@(?P<host>\\w+)")j"));
  EXPECT_EQ(obj.one(R"({"a":"bob@example"})"),
            R"({"a":"bob@example","b":{"user":"bob","host":"example"}})");
}

TEST(StringCaptureTest, NamedGroupsKeepMetadata) {
  Harness h("string_capture", R"j({"pattern":"(?P<x>\\d+)"})j");
  auto out = h.pipeline.chain.apply(Message("n=42", R"({"m":1})"), Context{});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data(), R"({"x":"42"})");
  EXPECT_EQ(out[0].metadata(), R"({"m":1})");
}

TEST(StringCaptureTest, ConfigErrors) {
  EXPECT_NE(config_error("string_capture", "{}").find("pattern: missing required option"),
            std::string::npos);
  std::string bad = config_error("string_capture", R"({"pattern":"(unclosed"})");
  EXPECT_NE(bad.find("string_capture"), std::string::npos) << bad;
  EXPECT_NE(bad.find("pattern: invalid option: error parsing regexp"), std::string::npos) << bad;
  EXPECT_NE(config_error("string_capture", R"j({"pattern":"(a)","count":"2"})j").find("count"),
            std::string::npos);
  EXPECT_NE(config_error("string_capture", R"j({"pattern":"(a)","count":1.5})j").find("count"),
            std::string::npos);
}

// ---- string_replace

TEST(StringReplaceTest, GoTemplateExpansion) {
  auto repl = [](const std::string& tmpl) {
    config::Node t = config::Node::make_string(tmpl);
    Harness h("string_replace",
              R"j({"pattern":"(?P<first>\\w+)@(?P<dom>\\w+)","replacement":)j" + t.to_json() + "}");
    return h.one("mail bob@ex end");
  };
  EXPECT_EQ(repl("$1"), "mail bob end");
  EXPECT_EQ(repl("${1}x"), "mail bobx end");
  EXPECT_EQ(repl("$1x"), "mail  end");  // the group named "1x" does not exist
  EXPECT_EQ(repl("$$1"), "mail $1 end");
  EXPECT_EQ(repl("${dom}-$first"), "mail ex-bob end");
  EXPECT_EQ(repl("$2$"), "mail ex$ end");
  EXPECT_EQ(repl("${"), "mail ${ end");
  EXPECT_EQ(repl("$01"), "mail  end");
  EXPECT_EQ(repl("${1"), "mail ${1 end");
}

TEST(StringReplaceTest, EmptyMatchesAndObjectMode) {
  EXPECT_EQ(Harness("string_replace", R"({"pattern":"x*","replacement":"-"})").one("abc"),
            "-a-b-c-");
  EXPECT_EQ(Harness("string_replace", R"({"pattern":"x*","replacement":"-"})").one("axxbx"),
            "-a-b-");
  EXPECT_EQ(Harness("string_replace", R"({"pattern":"a|","replacement":"<$0>"})").one("baaac"),
            "<>b<a><a><a>c<>");
  EXPECT_EQ(Harness("string_replace", with_obj(R"("pattern":"o","replacement":"0")"))
                .one(R"({"a":"foo"})"),
            R"({"a":"foo","b":"f00"})");
  // Missing source: unchanged.
  EXPECT_EQ(Harness("string_replace", with_obj(R"("pattern":"o")")).one(R"({"c":1})"),
            R"({"c":1})");
}

TEST(StringReplaceTest, ConfigErrors) {
  EXPECT_NE(config_error("string_replace", R"({"replacement":"x"})")
                .find("pattern: missing required option"),
            std::string::npos);
  EXPECT_NE(config_error("string_replace", R"({"pattern":"[z-a]"})").find("error parsing regexp"),
            std::string::npos);
  EXPECT_NE(config_error("string_replace", R"({"pattern":"a","replacement":["x"]})")
                .find("replacement: invalid option"),
            std::string::npos);
}

// ---- string_split

TEST(StringSplitTest, DataAndObject) {
  EXPECT_EQ(Harness("string_split", R"({"separator":","})").one("a,b,,c"), R"(["a","b","","c"])");
  // Parts holding JSON objects/arrays are inserted raw in data mode.
  EXPECT_EQ(Harness("string_split", R"({"separator":"|"})").one(R"({"x":1}|b)"),
            R"([{"x":1},"b"])");
  EXPECT_EQ(Harness("string_split", with_obj(R"("separator":"::")")).one(R"({"a":"x::<y>"})"),
            R"({"a":"x::<y>","b":["x","\u003cy\u003e"]})");
  EXPECT_EQ(Harness("string_split", with_obj(R"("separator":".")")).one(R"({"z":1})"),
            R"({"z":1})");
}

TEST(StringSplitTest, ConfigErrors) {
  EXPECT_NE(config_error("string_split", "{}").find("separator: missing required option"),
            std::string::npos);
  EXPECT_NE(config_error("string_split", R"({"separator":","})").find("no error"),
            std::string::npos);
}

// ---- string_to_lower / string_to_upper / string_to_snake

TEST(StringCaseTest, UnicodeSimpleCaseMapping) {
  Harness lower("string_to_lower", "{}");
  Harness upper("string_to_upper", "{}");
  EXPECT_EQ(lower.one("ÀÉÎ Straße ǅ"), "àéî straße ǆ");
  EXPECT_EQ(upper.one("ÀÉÎ Straße ǅ"), "ÀÉÎ STRAßE Ǆ");
  EXPECT_EQ(lower.one("İ"), "i");
  EXPECT_EQ(upper.one("ΣΑΣ σας"), "ΣΑΣ ΣΑΣ");
  EXPECT_EQ(upper.one("ꞵ 𐐨"), "Ꞵ 𐐀");
  // Each byte of invalid UTF-8 becomes U+FFFD, as Go's strings.Map does.
  EXPECT_EQ(lower.one("A\xff\xe2\x82Z"), "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
}

TEST(StringCaseTest, ObjectMode) {
  EXPECT_EQ(Harness("string_to_upper", with_obj("\"x\":0")).one(R"({"a":"abc"})"),
            R"({"a":"abc","b":"ABC"})");
  EXPECT_EQ(Harness("string_to_lower", with_obj("\"x\":0")).one(R"({"c":"ABC"})"),
            R"({"c":"ABC"})");
  EXPECT_NE(config_error("string_to_lower", R"({"object":{"target_key":"b"}})")
                .find("object.source_key: missing required option"),
            std::string::npos);
}

TEST(StringCaseTest, SnakeCase) {
  Harness snake("string_to_snake", "{}");
  EXPECT_EQ(snake.one("JSONData"), "json_data");
  EXPECT_EQ(snake.one("userID"), "user_id");
  EXPECT_EQ(snake.one("a1B"), "a_1_b");
  EXPECT_EQ(snake.one("Hello World"), "hello_world");
  EXPECT_EQ(snake.one("  some-thing.else  "), "some_thing_else");
  EXPECT_EQ(snake.one("aB1cD"), "a_b_1_c_d");
  EXPECT_EQ(snake.one("HTTPServer2Go"), "http_server_2_go");
  EXPECT_EQ(snake.one("ÀbC"), "Àb_c");  // non-ASCII bytes are copied as they are
  EXPECT_EQ(snake.one("v1.2.3"), "v_1_2_3");
  EXPECT_EQ(snake.one("\u00a0xY\u3000"), "x_y");  // Unicode white space trimmed
}

TEST(StringDataErrorTest, BadTargetPath) {
  std::string e =
      data_error("string_to_upper", R"({"object":{"source_key":"a","target_key":"c.x"}})",
                 R"({"a":"v","c":[1]})");
  EXPECT_EQ(e.rfind("transform string_to_upper (transforms:1): ", 0), 0u) << e;
  EXPECT_NE(e.find("non-numeric key"), std::string::npos) << e;
}

// ---- string_uuid

TEST(StringUuidTest, RandomVersion4) {
  Harness h("string_uuid", "{}");
  const std::regex v4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string id = h.one("ignored");
    EXPECT_TRUE(std::regex_match(id, v4)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(StringUuidTest, TargetKey) {
  Harness h("string_uuid", R"({"object":{"target_key":"id"}})");
  std::string out = h.one(R"({"a":1})");
  const std::regex obj(R"(^\{"a":1,"id":"[0-9a-f-]{36}"\}$)");
  EXPECT_TRUE(std::regex_match(out, obj)) << out;
  EXPECT_EQ(h.pipeline.chain.apply(Message::control(), Context{})[0].is_control(), true);
}

}  // namespace
}  // namespace sub
