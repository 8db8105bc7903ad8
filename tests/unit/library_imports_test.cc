// config/library_imports.h: which imports of the library a file's text has, in code only.
#include "config/library_imports.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config/jsonnet.h"

namespace sub::config {
namespace {

// The imported paths found, for readable expectations.
std::vector<std::string> found(const std::string& source, const std::string& base = "",
                               bool refused = false) {
  std::vector<std::string> out;
  for (const auto& [begin, end] : library_imports(source, base, refused)) {
    out.push_back(source.substr(begin, end - begin));
  }
  return out;
}

using Paths = std::vector<std::string>;

TEST(LibraryImports, FindsImportsInCode) {
  EXPECT_EQ(found("local sub = import 'substation.libsonnet';\n{}"),
            (Paths{"import 'substation.libsonnet'"}));
  EXPECT_EQ(found("local a = import \"../../substation.libsonnet\"; local b = (import\n"
                  "  'x/substation.libsonnet'); a + b"),
            (Paths{"import \"../../substation.libsonnet\"", "import\n  'x/substation.libsonnet'"}));
}

TEST(LibraryImports, IgnoresCommentsStringsAndOtherImports) {
  EXPECT_TRUE(found("// import 'substation.libsonnet'\n{}").empty());
  EXPECT_TRUE(found("# import 'substation.libsonnet'\n{}").empty());
  EXPECT_TRUE(found("/* import 'substation.libsonnet' */ {}").empty());
  EXPECT_TRUE(found("{ a: \"import 'substation.libsonnet'\" }").empty());
  EXPECT_TRUE(found("{ a: 'say \\' import \\'substation.libsonnet\\'' }").empty());
  EXPECT_TRUE(found("{ a: @'it''s import ''substation.libsonnet''' }").empty());
  EXPECT_TRUE(found("{ a: importstr 'substation.libsonnet' }").empty());
  EXPECT_TRUE(found("{ a: myimport 'substation.libsonnet' }").empty());
  EXPECT_TRUE(found("{ a: import 'other.libsonnet' }").empty());
  EXPECT_TRUE(found("{ a: import 'sub\\u0073tation.libsonnet' }").empty());
  // Text blocks are not read through: the file is left as it is.
  EXPECT_TRUE(found("local t = |||\n  x\n|||;\nimport 'substation.libsonnet'").empty());
  // After a comment and a string, code is read again.
  EXPECT_EQ(found("// c\nlocal s = 'x'; /* c */ import 'substation.libsonnet'"),
            (Paths{"import 'substation.libsonnet'"}));
}

TEST(LibraryImports, AVendoredCopyIsImportedAsAFile) {
  char dir_template[] = "/tmp/library-imports-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const std::filesystem::path dir(dir_template);
  std::ofstream(dir / "substation.libsonnet") << "{ vendored: true }\n";
  const std::string base = dir.string() + "/";
  const std::string source = "import 'substation.libsonnet'";
  EXPECT_TRUE(found(source, base).empty());
  EXPECT_EQ(found(source, base, /*refused=*/true), (Paths{source}));
  // And compile_jsonnet uses that copy.
  EXPECT_EQ(compile_jsonnet(source, base + "main.jsonnet"), "{\n   \"vendored\": true\n}\n");
  std::filesystem::remove_all(dir);
}

TEST(LibraryImports, ImportedAndCarriedLibrariesBuildTheSame) {
  const std::string body = "{ t: [sub.tf.obj.cp({ obj: { src: 'a', trg: 'b' } })] }";
  const std::string carried =
      compile_jsonnet("local sub = import 'substation.libsonnet';\n" + body, "a.jsonnet");
  const std::string as_file = compile_jsonnet(
      "local sub = import 'substation.libsonnet';\nlocal t = |||\n  x\n|||;\n" + body, "b.jsonnet");
  EXPECT_EQ(carried, as_file);
}

TEST(LibraryImports, ImportPathIsRelativeToTheImportingFolderUnlessAbsolute) {
  EXPECT_EQ(import_path("/configs/", "lib/x.libsonnet"), "/configs/lib/x.libsonnet");
  EXPECT_EQ(import_path("/configs/", "/opt/x.libsonnet"), "/opt/x.libsonnet");
  EXPECT_EQ(import_path("", "x.libsonnet"), "x.libsonnet");
  EXPECT_EQ(import_path("a/", ""), "a/");
}

}  // namespace
}  // namespace sub::config
