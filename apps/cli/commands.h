// The verbs of the `substation` command line. main.cc parses the flags (CLI11) and calls
// one of these; they throw sub::Error with a one-line message on failure and return the
// process exit code otherwise.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sub::cli {

using ExtStrs = std::map<std::string, std::string>;

// `--ext-str` values: each flag holds `k=v` pairs separated by commas (cobra's
// StringToString); later pairs win.
ExtStrs parse_ext_strs(const std::vector<std::string>& flags);

// The whole content of a local file, or sub::Error `<path>: <reason>`.
std::string read_text_file(const std::string& path);

// The JSON text of a configuration file: `.json` as is, `.jsonnet` / `.libsonnet`
// compiled with the Substation library and `ext`.
std::string load_config_text(const std::string& path, const ExtStrs& ext);

struct ReadArgs {
  std::string config;  // empty: the default config (send_stdout, batch count 1)
  std::string file;
  std::string http;
  std::string aws;
  bool file_set = false;
  bool http_set = false;
  bool aws_set = false;
  std::vector<std::string> ext_strs;
};
int run_read(const ReadArgs& args);

struct BuildArgs {
  std::string path = ".";
  bool recursive = false;
  std::vector<std::string> ext_strs;
};
int run_build(const BuildArgs& args);

int run_demo();

}  // namespace sub::cli
