// `substation fmt [path]`: formats Jsonnet configs (.jsonnet, .libsonnet) with the standard
// formatter (config::format_jsonnet: go-jsonnet's default options).
//
// Flags:
//   path             a file, or a directory searched at its top level (default: .)
//   -w, --write      rewrite each file in place and print its path, instead of printing the
//                    formatted text followed by an empty line (the reference's Println)
//   -R, --recursive  search subdirectories too
//
// A file that does not parse stops the command: `substation fmt: <file>: <error>`, exit 1.
#include <cstdio>
#include <fstream>
#include <string>

#include "apps/cli/commands.h"
#include "apps/cli/walk.h"
#include "config/jsonnet.h"
#include "core/error.h"

namespace sub::cli {
namespace {

bool is_formattable(const std::string& path) {
  return has_extension(path, {".jsonnet", ".libsonnet"});
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) throw Error(path + ": cannot write");
  f << text;
  f.close();
  if (!f) throw Error(path + ": write failed");
}

void format_file(const std::string& path, bool write) {
  const std::string formatted = config::format_jsonnet(read_text_file(path), path);
  if (write) {
    write_file(path, formatted);
    std::printf("%s\n", path.c_str());
  } else {
    std::fwrite(formatted.data(), 1, formatted.size(), stdout);
    std::fputc('\n', stdout);
  }
  std::fflush(stdout);
}

}  // namespace

int run_fmt(const FmtArgs& args) {
  if (args.path == "help") {
    std::fputs("warning: use -h instead.\n", stdout);
    return 0;
  }
  if (is_formattable(args.path)) {
    format_file(args.path, args.write);
    return 0;
  }
  visit_path(args.path, args.recursive, [&](const std::string& path) {
    if (is_formattable(path)) format_file(path, args.write);
  });
  return 0;
}

}  // namespace sub::cli
