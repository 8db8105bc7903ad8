// `substation vet [path]`: reports errors in configs. Each file is compiled (Jsonnet) and
// its transforms are built, as `read` would, without running anything.
//
// Flags:
//   path             a file (any name), or a directory searched at its top level for
//                    .json, .jsonnet and .libsonnet files (default: .); in a directory, a
//                    .libsonnet that evaluates to a function or to no `transforms` is a
//                    library its configs import, and is skipped
//   -R, --recursive  search subdirectories too
//   --ext-str k=v    Jsonnet external variables (repeatable, k=v[,k=v])
//
// Output, per file, as the reference's (warnings are ours):
//   clean                  the path, on stdout
//   Jsonnet error          the error (with line:column), on stdout
//   configuration error    on stderr, `<file>:transforms:<n> transform <id>: <cause>`, the
//                          transform's JSON indented on the next line, then an empty line
//                          (n: 1-based position in `transforms`); any other problem (a file
//                          that cannot be read, invalid JSON, no transforms) as one line
//                          `<file>: <error>`
//   warning                on stderr, `<file>:transforms:<n> <type>: warning: <key>: <why>`
//                          for a setting the catalogue does not declare (with the closest
//                          declared name) or a value of the wrong JSON type; the file still
//                          counts as clean (exit code 0), as Go ignores unknown keys
// Transforms are built with the file's directory as the working directory (relative paths
// in settings resolve there); Jsonnet imports resolve next to the importing file. When any
// file has an error, `substation vet: N files have errors` ends the run with exit code 1
// (the reference exits 0 whatever it found: a known defect, fixed like `test`'s).
#include <cstdio>
#include <memory>
#include <string>

#include "apps/cli/commands.h"
#include "apps/cli/config_check.h"
#include "apps/cli/walk.h"
#include "catalogue/catalogue.h"
#include "catalogue/settings_check.h"
#include "config/jsonnet.h"
#include "config/node.h"
#include "core/error.h"
#include "services/output.h"
#include "services/services.h"

namespace sub::cli {
namespace {

bool is_config(const std::string& path) {
  return has_extension(path, {".json", ".jsonnet", ".libsonnet"});
}

void report_stdout(const std::string& text) {
  std::fputs(text.c_str(), stdout);
  std::fflush(stdout);
}

void report_stderr(const std::string& text) {
  std::fflush(stdout);
  std::fputs(text.c_str(), stderr);
}

// Settings the catalogue does not declare or whose JSON type is wrong: the config builds
// (Go ignores unknown keys), but a misspelt key silently takes its default.
void report_warnings(const std::string& path, const config::Node& root) {
  const config::Node* transforms = root.find("transforms");
  if (transforms == nullptr) return;
  for (const catalogue::Finding& f :
       catalogue::check_transforms(*transforms, catalogue::Catalogue::builtin())) {
    report_stderr(path + ":transforms:" + std::to_string(f.transform + 1) + " " + f.type +
                  ": warning: " + f.key + ": " + f.message + "\n");
  }
}

// Whether the file is clean (it may still have warnings).
bool vet_file(const std::string& path, const ExtStrs& ext) {
  std::string text;
  try {
    text = load_config_text(path, ext);
  } catch (const config::JsonnetError& e) {
    report_stdout(std::string(e.what()) + "\n");  // as the reference: on stdout
    return false;
  } catch (const Error& e) {
    report_stderr(std::string(e.what()) + "\n");
    return false;
  }
  config::Node root;
  try {
    root = config::Node::parse(text);
  } catch (const Error& e) {
    report_stderr(path + ": " + e.what() + "\n");
    return false;
  }
  // Nothing is sent while vetting, but send_stdout needs a sink to be built.
  services::Services services;
  services.stdout_sink = std::make_shared<services::CaptureSink>();
  try {
    const FileDirectory in_dir(path);
    build_transforms(root, services);
  } catch (const std::exception& e) {
    report_stderr(error_report(path, &root, e));
    return false;
  }
  report_warnings(path, root);
  report_stdout(path + "\n");
  return true;
}

}  // namespace

int run_vet(const VetArgs& args) {
  if (args.path == "help") {
    std::fputs("warning: use -h instead.\n", stdout);
    return 0;
  }
  const ExtStrs ext = parse_ext_strs(args.ext_strs);
  size_t with_errors = 0;
  visit_path(args.path, args.recursive, [&](const std::string& path) {
    if (path == args.path) {
      if (!vet_file(path, ext)) ++with_errors;
    } else if (is_config(path) && !is_library_file(path, ext) && !vet_file(path, ext)) {
      ++with_errors;
    }
  });
  if (with_errors > 0) {
    throw Error(std::to_string(with_errors) + (with_errors == 1 ? " file has" : " files have") +
                " errors");
  }
  return 0;
}

}  // namespace sub::cli
