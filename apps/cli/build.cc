// `substation build [path]`: compiles `.jsonnet` files to sibling `.json` files and prints
// each built path. A directory is searched at its top level, or throughout with -R.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "apps/cli/commands.h"
#include "config/jsonnet.h"
#include "core/error.h"

namespace sub::cli {
namespace {

namespace fs = std::filesystem;

bool is_jsonnet(const std::string& path) { return fs::path(path).extension() == ".jsonnet"; }

// filepath.Join of a walked directory and an entry name.
std::string join(const std::string& dir, const std::string& name) {
  if (dir == "." || dir.empty()) return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

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

// Walks `dir` in lexical order (as filepath.WalkDir), descending only when recursive.
void build_dir(const std::string& dir, const ExtStrs& ext, bool recursive) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(*it);
  }
  if (ec) throw Error("open " + dir + ": " + ec.message());
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.path().filename().string() < b.path().filename().string();
  });
  for (const fs::directory_entry& e : entries) {
    const std::string path = join(dir, e.path().filename().string());
    if (e.is_directory(ec)) {
      if (recursive) build_dir(path, ext, recursive);
    } else if (is_jsonnet(path)) {
      build_file(path, ext);
    }
  }
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
  std::error_code ec;
  const fs::file_status st = fs::status(args.path, ec);
  if (ec || !fs::exists(st)) throw Error("lstat " + args.path + ": no such file or directory");
  if (fs::is_directory(st)) build_dir(args.path, ext, args.recursive);
  return 0;
}

}  // namespace sub::cli
