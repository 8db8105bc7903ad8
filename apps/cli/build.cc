// `substation build [path]`: compiles `.jsonnet` files to sibling `.json` files and prints
// each built path. A directory is searched at its top level, or throughout with -R.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "apps/cli/commands.h"
#include "apps/cli/walk.h"
#include "config/jsonnet.h"
#include "core/error.h"

namespace sub::cli {
namespace {

namespace fs = std::filesystem;

bool is_jsonnet(const std::string& path) { return has_extension(path, {".jsonnet"}); }

void build_file(const std::string& path, const ExtStrs& ext) {
  const std::string json = config::compile_jsonnet(read_text_file(path), path, ext);
  fs::path out(path);
  out.replace_extension(".json");
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  if (!f) throw Error(out.string() + ": cannot write");
  f << json;
  f.close();
  if (!f) throw Error(out.string() + ": write failed");
  std::printf("%s\n", path.c_str());
  std::fflush(stdout);
}

}  // namespace

int run_build(const BuildArgs& args) {
  if (args.path == "help") {
    std::fputs("warning: use -h instead.\n", stdout);
    return 0;
  }
  const ExtStrs ext = parse_ext_strs(args.ext_strs);
  if (is_jsonnet(args.path)) {
    build_file(args.path, ext);
    return 0;
  }
  visit_path(args.path, args.recursive, [&](const std::string& path) {
    if (is_jsonnet(path)) build_file(path, ext);
  });
  return 0;
}

}  // namespace sub::cli
