// The readable form of libjsonnet's errors (config/jsonnet_error_text.h) and the positions
// it finds in them (config/jsonnet_position.h), on error texts as libjsonnet writes them.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "config/jsonnet_error_text.h"
#include "config/jsonnet_position.h"

namespace sub::config {
namespace {

TEST(JsonnetPosition, ParsesTheThreeShapes) {
  const auto point = JsonnetPosition::parse("a.jsonnet:3:7");
  ASSERT_TRUE(point);
  EXPECT_EQ(point->file, "a.jsonnet");
  EXPECT_EQ(point->line, 3u);
  EXPECT_EQ(point->column, 7u);
  EXPECT_EQ(point->end_column, 0u);

  const auto span = JsonnetPosition::parse("dir/a.jsonnet:12:5-19");
  ASSERT_TRUE(span);
  EXPECT_EQ(span->file, "dir/a.jsonnet");
  EXPECT_EQ(span->line, 12u);
  EXPECT_EQ(span->column, 5u);
  EXPECT_EQ(span->end_line, 12u);
  EXPECT_EQ(span->end_column, 19u);

  const auto range = JsonnetPosition::parse("<extvar:sub>:(71:15)-(72:75)");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->file, "<extvar:sub>");
  EXPECT_EQ(range->line, 71u);
  EXPECT_EQ(range->column, 15u);
  EXPECT_EQ(range->end_line, 72u);
  EXPECT_EQ(range->end_column, 75u);
}

TEST(JsonnetPosition, FileNamesMayHoldColons) {
  const auto at = JsonnetPosition::parse("s3://bucket/c:1.jsonnet:4:2");
  ASSERT_TRUE(at);
  EXPECT_EQ(at->file, "s3://bucket/c:1.jsonnet");
  EXPECT_EQ(at->line, 4u);
  EXPECT_EQ(at->column, 2u);
}

TEST(JsonnetPosition, RejectsWhatIsNotAPosition) {
  for (const char* text : {"", "During manifestation", "a.jsonnet", "a.jsonnet:3", ":3:4",
                           "a.jsonnet:x:4", "a.jsonnet:3:4-", "a:(1:2)-(3)", "Field \"a\""}) {
    EXPECT_FALSE(JsonnetPosition::parse(text)) << text;
  }
}

TEST(JsonnetSourceExcerpt, CaretUnderTheColumns) {
  EXPECT_EQ(jsonnet_source_excerpt("first\nlocal f(x) = x + 1;\n", 2, 14, 19, "  "),
            "  2 | local f(x) = x + 1;\n"
            "    |              ^~~~~\n");
  EXPECT_EQ(jsonnet_source_excerpt("abc", 1, 2, 0, ""),
            "1 | abc\n"
            "  |  ^\n");
}

TEST(JsonnetSourceExcerpt, TabsAndMultiByteCharactersKeepTheCaretAligned) {
  // A tab stays a tab; "é" is two bytes and one cell.
  EXPECT_EQ(jsonnet_source_excerpt("\t'é' + x\r\n", 1, 8, 9, ""),
            "1 | \t'é' + x\n"
            "  | \t     ^\n");
}

TEST(JsonnetSourceExcerpt, PastTheEndOfTheLineAndMissingLines) {
  // An error at the end of the file points just past the last character.
  EXPECT_EQ(jsonnet_source_excerpt("{ a: \n", 2, 1, 0, ""),
            "2 |\n"
            "  | ^\n");
  EXPECT_EQ(jsonnet_source_excerpt("{ a: \n", 3, 1, 0, ""), "");
  EXPECT_EQ(jsonnet_source_excerpt("x", 0, 1, 0, ""), "");
}

TEST(JsonnetSourceExcerpt, AColumnPastTheEndOfALongLineMarksItsEnd) {
  // A fuzz finding: a column beyond a line longer than the excerpt threw out_of_range.
  const std::string line(200, 'x');
  const std::string excerpt = jsonnet_source_excerpt(line + "\n", 1, 400, 0, "");
  ASSERT_FALSE(excerpt.empty());
  EXPECT_EQ(excerpt.substr(excerpt.size() - 2), "^\n");
  EXPECT_NE(excerpt.find("xxxx"), std::string::npos);
}

TEST(JsonnetSourceExcerpt, LongLinesAreCutAroundTheColumn) {
  const std::string line = std::string(300, 'a') + "BAD" + std::string(300, 'b');
  const std::string excerpt = jsonnet_source_excerpt(line, 1, 301, 304, "");
  const size_t newline = excerpt.find('\n');
  ASSERT_NE(newline, std::string::npos);
  const std::string shown = excerpt.substr(0, newline);
  const std::string marks = excerpt.substr(newline + 1);
  EXPECT_LT(shown.size(), 200u) << shown;
  EXPECT_EQ(shown.rfind("1 | ...", 0), 0u) << shown;
  EXPECT_TRUE(shown.ends_with("...")) << shown;
  // The caret is under the B of BAD, and three characters are marked.
  EXPECT_EQ(marks.find('^'), shown.find("BAD")) << excerpt;
  EXPECT_NE(marks.find("^~~\n"), std::string::npos) << excerpt;
}

// libjsonnet's texts, as compile_jsonnet receives them.
constexpr std::string_view kStatic = "STATIC ERROR: conf.jsonnet:2:17-19: Unknown variable: st\n";
constexpr std::string_view kConfSource =
    "local sub = std.extVar('sub');\n{ transforms: [ st.tf.obj.cp({}) ] }\n";

TEST(JsonnetErrorText, StaticErrorQuotesItsOwnPosition) {
  EXPECT_EQ(format_jsonnet_error(kStatic, {"conf.jsonnet", kConfSource}, nullptr),
            "STATIC ERROR: conf.jsonnet:2:17-19: Unknown variable: st\n"
            "    2 | { transforms: [ st.tf.obj.cp({}) ] }\n"
            "      |                 ^~");
}

TEST(JsonnetErrorText, RuntimeErrorQuotesTheFirstUserFrameAndListsEveryFrame) {
  const std::string raw =
      "RUNTIME ERROR: Unexpected type number, expected object\n"
      "\tstd.jsonnet:1545:5-33\tfunction <anonymous>\n"
      "\t<extvar:sub>:13:19-43\tobject <anonymous>\n"
      "\t<builtin>/substation.libsonnet:9:1-4\t\n"
      "\tvendor/substation.libsonnet:9:1-4\t\n"
      "\tmain.jsonnet:3:5-30\tthunk <array_element>\n"
      "\tmain.jsonnet:(2:15)-(4:4)\tobject <anonymous>\n"
      "\t...\n"
      "\tDuring manifestation\t\n";
  const std::string source = "{\n  transforms: [\n    sub.tf.obj.cp({ object: 3 }),\n  ],\n}\n";
  std::map<std::string, int> asked;
  const JsonnetSourceReader reader = [&](const std::string& file) -> std::optional<std::string> {
    ++asked[file];
    return "a vendored library line\n";
  };
  EXPECT_EQ(format_jsonnet_error(raw, {"main.jsonnet", source}, reader),
            "RUNTIME ERROR: Unexpected type number, expected object\n"
            "  main.jsonnet:3:5-30:\n"
            "    3 |     sub.tf.obj.cp({ object: 3 }),\n"
            "      |     ^~~~~~~~~~~~~~~~~~~~~~~~~\n"
            "  stack trace:\n"
            "    std.jsonnet:1545:5-33  function <anonymous>\n"
            "    <extvar:sub>:13:19-43  object <anonymous>\n"
            "    <builtin>/substation.libsonnet:9:1-4\n"
            "    vendor/substation.libsonnet:9:1-4\n"
            "    main.jsonnet:3:5-30  thunk <array_element>\n"
            "    main.jsonnet:(2:15)-(4:4)  object <anonymous>\n"
            "    ...\n"
            "    During manifestation");
  // Library files are never read for an excerpt.
  EXPECT_TRUE(asked.empty());
}

TEST(JsonnetErrorText, ImportedFilesAreReadThroughTheReader) {
  const std::string raw =
      "RUNTIME ERROR: in helper\n"
      "\tlib/helper.libsonnet:2:8-25\tthunk <array_element>\n"
      "\tmain.jsonnet:2:15-18\tobject <anonymous>\n";
  const JsonnetSourceReader reader = [](const std::string& file) -> std::optional<std::string> {
    if (file == "lib/helper.libsonnet") return "{\n  t: [ error 'in helper' ],\n}\n";
    return std::nullopt;
  };
  const std::string text =
      format_jsonnet_error(raw, {"main.jsonnet", "local h = import 'x';\n{ t: h.t }\n"}, reader);
  EXPECT_NE(text.find("  lib/helper.libsonnet:2:8-25:\n"
                      "    2 |   t: [ error 'in helper' ],\n"
                      "      |        ^~~~~~~~~~~~~~~~~\n"),
            std::string::npos)
      << text;
}

TEST(JsonnetErrorText, UnreadableFileFallsBackToTheNextUserFrame) {
  const std::string raw =
      "RUNTIME ERROR: boom\n"
      "\tgone.libsonnet:1:1-5\tthunk\n"
      "\tmain.jsonnet:1:3-7\tobject <anonymous>\n";
  const std::string text = format_jsonnet_error(raw, {"main.jsonnet", "{ boom }"}, nullptr);
  EXPECT_NE(text.find("  main.jsonnet:1:3-7:\n    1 | { boom }\n      |   ^~~~\n"),
            std::string::npos)
      << text;
}

TEST(JsonnetErrorText, NoUserFrameMeansNoExcerpt) {
  const std::string raw =
      "RUNTIME ERROR: Undefined external variable: suffix\n"
      "\t<extvar:sub>:1:1\t\n";
  EXPECT_EQ(format_jsonnet_error(raw, {"main.jsonnet", "x"}, nullptr),
            "RUNTIME ERROR: Undefined external variable: suffix\n"
            "  stack trace:\n"
            "    <extvar:sub>:1:1");
}

}  // namespace
}  // namespace sub::config
