// config/one_line_library.h: the embedded library on one line must be the same library, and
// a text the rewrite cannot carry exactly must be refused.
#include "config/one_line_library.h"

#include <gtest/gtest.h>

#include <string>

#include "config/jsonnet.h"

namespace sub::config {
namespace {

TEST(OneLineLibrary, TheEmbeddedLibraryFitsOnOneLine) {
  const std::string line = one_line_library(substation_library());
  ASSERT_FALSE(line.empty()) << "the library no longer fits on one line: every config that "
                                "reads it with std.extVar('sub') pays for a second std parse";
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(OneLineLibrary, OnOneLineItBuildsWhatTheFileBuilds) {
  // Builders of every family, through the one-line text and through the file itself.
  const std::string body =
      "{ t: [sub.tf.obj.cp({ obj: { src: 'a', trg: 'b' } }), sub.tf.send.stdout(),"
      " sub.tf.meta.switch({ cases: [{ condition: sub.cnd.any([sub.cnd.str.eq({ obj: { src: 'x' },"
      " value: 'y' })]), transforms: [sub.tf.util.drop()] }] }),"
      " sub.tf.enrich.http.get({ url: 'https://example.com/${DATA}' }),"
      " sub.tf.time.to.str({ obj: { src: 't', trg: 't' }, format: '2006-01-02' })],"
      " kv: sub.kv_store.memory({ capacity: 10 }) }";
  const std::string carried = compile_jsonnet(
      "local sub = (" + one_line_library(substation_library()) + ");\n" + body, "a.jsonnet");
  // A text block keeps compile_jsonnet from carrying the library (config/library_imports.h),
  // so this one is the embedded file, imported and evaluated on its own.
  const std::string from_file = compile_jsonnet(
      "local sub = import 'substation.libsonnet';\nlocal unused = |||\n  text\n|||;\n" + body,
      "b.jsonnet");
  EXPECT_EQ(carried, from_file);
}

TEST(OneLineLibrary, TextsItCannotCarryExactlyAreRefused) {
  EXPECT_EQ(one_line_library("// a comment line\n{\n  a: 1,\n}\n"), "{ a: 1, } ");
  EXPECT_EQ(one_line_library("{\n  a: 1,  // after code\n}\n"), "");
  EXPECT_EQ(one_line_library("{\n  a: 1,  # after code\n}\n"), "");
  EXPECT_EQ(one_line_library("{\n  a: /* inline */ 1,\n}\n"), "");
  EXPECT_EQ(one_line_library("{\n  a: |||\n    text\n  |||,\n}\n"), "");
  EXPECT_EQ(one_line_library("{\n  a: 'goes on\n  to here',\n}\n"), "");
}

TEST(OneLineLibrary, ExtVarFilesCompileAsBefore) {
  // compile_jsonnet carries the library for files that read it by extVar; other ext vars and
  // the errors (given by the classic evaluation) are unchanged.
  EXPECT_EQ(compile_jsonnet("{ env: std.extVar('env'), n: std.length(std.extVar('sub').tf) > 0 }",
                            "e.jsonnet", {{"env", "prod"}}),
            compile_jsonnet("local sub = import 'substation.libsonnet';\n"
                            "{ env: std.extVar('env'), n: std.length(sub.tf) > 0 }",
                            "e.jsonnet", {{"env", "prod"}}));
  try {
    compile_jsonnet("local sub = std.extVar('sub');\n{ t: [sub.tf.object.copy(5)] }\n",
                    "bad.jsonnet");
    FAIL() << "no error";
  } catch (const JsonnetError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("bad.jsonnet:2:"), std::string::npos) << what;
    EXPECT_NE(what.find("<extvar:sub>:"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace sub::config
