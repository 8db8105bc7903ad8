// The verbs of the `substation` command line. main.cc parses the flags (CLI11) and calls
// one of these; they throw sub::Error with a one-line message on failure and return the
// process exit code otherwise.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sub::catalogue {
struct Pipeline;
}  // namespace sub::catalogue
namespace sub::services {
struct Services;
}  // namespace sub::services

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

// Whether a `.libsonnet` file met while walking a folder is a library rather than a config:
// it evaluates to a function, or to something without `transforms`. vet and test skip
// those (their configs import them); a file that does not evaluate is not a library, so its
// error is reported.
bool is_library_file(const std::string& path, const ExtStrs& ext);

struct ReadArgs {
  std::string config;  // empty: the default config (send_stdout, batch count 1)
  std::string file;
  std::string http;
  std::string aws;
  bool file_set = false;
  bool http_set = false;
  bool aws_set = false;
  bool progress = false;  // progress lines and a summary on stderr (apps/cli/read.cc)
  // Threads for the order-free steps at the head of the chain (apps/cli/ordered_lines.h);
  // 0: one per CPU. 1 runs everything on one thread.
  size_t threads = 0;
  std::vector<std::string> ext_strs;
};
int run_read(const ReadArgs& args);

// The pipeline of `read` and `tap`: `config` (a file as load_config_text reads it) or, when
// empty, the default config (send_stdout, batch count 1); errors name the config
// (apps/cli/read.cc).
catalogue::Pipeline build_cli_pipeline(const std::string& config, const ExtStrs& ext,
                                       services::Services& services);

struct BuildArgs {
  std::string path = ".";
  bool recursive = false;
  std::vector<std::string> ext_strs;
};
int run_build(const BuildArgs& args);

int run_demo();

// `fmt [path]`: the Jsonnet formatter on .jsonnet / .libsonnet files (apps/cli/fmt.cc).
struct FmtArgs {
  std::string path = ".";
  bool write = false;
  bool recursive = false;
};
int run_fmt(const FmtArgs& args);

// `vet [path]`: compiles configs and builds their pipelines, reporting every error
// (apps/cli/vet.cc).
struct VetArgs {
  std::string path = ".";
  bool recursive = false;
  std::vector<std::string> ext_strs;
};
int run_vet(const VetArgs& args);

// `test [path]`: runs the `tests` of configs (apps/cli/test.cc).
struct TestArgs {
  std::string path = ".";
  bool recursive = false;
  std::vector<std::string> ext_strs;
};
int run_test(const TestArgs& args);

// The report `test` prints for one config, as text: `name` stands for the file path, `load`
// returns the config's JSON text or throws sub::Error; error details (stderr for `test`) and
// send_stdout's lines are included where they come. Runs in the working directory. With
// `with_passes`, each passing test also gets a `--- PASS: <name>` line (the playground's).
std::string test_report(const std::string& name, const std::function<std::string()>& load,
                        bool with_passes = false);

// `tap [config] --aws-kinesis-data-stream <ARN>`: reads every shard of a Kinesis stream
// through a config (apps/cli/tap.cc).
struct TapArgs {
  std::string config;  // empty: the default config (send_stdout, batch count 1)
  std::string stream_arn;
  std::string offset = "latest";
  bool progress = false;  // progress lines and a summary on stderr (apps/cli/tap.cc)
  std::vector<std::string> ext_strs;
};
int run_tap(const TapArgs& args);

// `play [--addr host:port] [--timeout seconds] [--allow files,network,aws,env|all]`: the web
// playground, until SIGINT or SIGTERM (apps/cli/play.cc).
struct PlayArgs {
  std::string addr = "127.0.0.1:8080";
  int timeout = 30;                // seconds a /run or /test may take
  std::vector<std::string> allow;  // capabilities configs may use (apps/cli/play_policy.h)
  int memory = 2048;               // MiB of address space for each run's worker; 0: none
};
int run_play(const PlayArgs& args);

// `substation docs [TYPE]` (also `help TYPE`): the settings of a transform or condition type
// from the catalogue; `--out DIR` writes the reference pages, `--check DIR` fails when the
// pages there differ from the catalogue.
struct DocsArgs {
  std::string type;
  std::string out;
  std::string check;
};
int run_docs(const DocsArgs& args);

}  // namespace sub::cli
