// `substation`: the command line. Parses the verbs and flags of the reference CLI and
// dispatches to apps/cli/<verb>.cc. Errors end the process with one line on stderr and
// exit code 1; usage errors print CLI11's message and exit 1 too.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "apps/cli/commands.h"
#include "apps/cli/play_engine.h"
#include "config/jsonnet.h"

namespace {

constexpr const char* kReadHelp =
    "read files: one message per line (gzip, bzip2 and zstd are decompressed), then a "
    "control message. Without a config every message is printed to stdout; without a "
    "source flag stdin is read.";

void add_ext_str(CLI::App* cmd, std::vector<std::string>& into) {
  cmd->add_option("--ext-str", into, "set external variables (k=v[,k=v]), repeatable")
      ->type_name("k=v")
      ->allow_extra_args(false);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"'substation' is a tool for managing Substation configurations.", "substation"};
  app.require_subcommand(0, 1);

  sub::cli::ReadArgs read_args;
  CLI::App* read = app.add_subcommand("read", kReadHelp);
  read->add_option("config", read_args.config, "config file (.json, .jsonnet, .libsonnet)");
  CLI::Option* file = read->add_option("--file", read_args.file, "path to the file to read");
  CLI::Option* http = read->add_option("--http", read_args.http, "http(s) endpoint to read");
  CLI::Option* aws = read->add_option("--aws", read_args.aws, "aws s3 object to read");
  add_ext_str(read, read_args.ext_strs);

  sub::cli::BuildArgs build_args;
  CLI::App* build = app.add_subcommand("build", "build configs: compile .jsonnet to .json");
  build->add_option("path", build_args.path, "file or directory (default: .)");
  build->add_flag("-R,--recursive", build_args.recursive, "recursively build all files");
  add_ext_str(build, build_args.ext_strs);

  CLI::App* demo = app.add_subcommand("demo", "demo substation");

  sub::cli::FmtArgs fmt_args;
  CLI::App* fmt = app.add_subcommand("fmt", "format configs");
  fmt->add_option("path", fmt_args.path, "file or directory (default: .)");
  fmt->add_flag("-w,--write", fmt_args.write, "write result to (source) file instead of stdout");
  fmt->add_flag("-R,--recursive", fmt_args.recursive, "recursively format all files");

  sub::cli::VetArgs vet_args;
  CLI::App* vet = app.add_subcommand("vet", "report config errors");
  vet->add_option("path", vet_args.path, "file or directory (default: .)");
  vet->add_flag("-R,--recursive", vet_args.recursive, "recursively vet all files");
  add_ext_str(vet, vet_args.ext_strs);

  sub::cli::TestArgs test_args;
  CLI::App* test = app.add_subcommand("test", "test configs");
  test->add_option("path", test_args.path, "file or directory (default: .)");
  test->add_flag("-R,--recursive", test_args.recursive, "recursively test all files");
  add_ext_str(test, test_args.ext_strs);

  sub::cli::TapArgs tap_args;
  CLI::App* tap = app.add_subcommand("tap", "tap data streams");
  tap->add_option("config", tap_args.config, "config file (.json, .jsonnet, .libsonnet)");
  tap->add_option("--aws-kinesis-data-stream", tap_args.stream_arn,
                  "AWS Kinesis Data Stream ARN to tap")
      ->required();
  tap->add_option("--offset", tap_args.offset, "the offset to read from (latest, earliest)");
  add_ext_str(tap, tap_args.ext_strs);

  sub::cli::PlayArgs play_args;
  CLI::App* play = app.add_subcommand("play", "start the playground: a local web UI");
  play->add_option("--addr", play_args.addr, "address to listen on (port 0: any free port)")
      ->type_name("host:port")
      ->capture_default_str();
  play->add_option("--timeout", play_args.timeout, "seconds a run or test may take")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  play->add_option("--allow", play_args.allow,
                   "let configs write and read files, use the network, AWS or the environment "
                   "(files,network,aws,env or all; default: none)")
      ->type_name("LIST");
  play->add_option("--memory", play_args.memory, "MiB of memory each run may use (0: no limit)")
      ->check(CLI::Range(0, 1 << 20))
      ->capture_default_str();
  sub::cli::DocsArgs docs_args;
  CLI::App* docs = app.add_subcommand("docs", "show a transform's or condition's settings");
  docs->add_option("type", docs_args.type, "type name (without it: every type, one per line)");
  docs->add_option("--out", docs_args.out, "write the Markdown reference into this folder");
  docs->add_option("--check", docs_args.check,
                   "fail when the Markdown reference in this folder is not current");
  sub::cli::DocsArgs help_args;
  CLI::App* help = app.add_subcommand("help", "show a transform's or condition's settings");
  help->add_option("type", help_args.type, "type name (without it: this help)");

  // The worker process of `play` (apps/cli/play_engine.h): not for people, so not listed.
  CLI::App* play_worker = app.add_subcommand("play-worker", "");
  play_worker->group("");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message (or the help); a usage error exits 1, as every other error
    // does and as the reference's CLI does, not with CLI11's own codes (105, 109, 114...).
    return app.exit(e) == 0 ? 0 : 1;
  }

  const char* verb = "";
  try {
    if (read->parsed()) {
      verb = "read";
      read_args.file_set = file->count() > 0;
      read_args.http_set = http->count() > 0;
      read_args.aws_set = aws->count() > 0;
      return sub::cli::run_read(read_args);
    }
    if (build->parsed()) {
      verb = "build";
      return sub::cli::run_build(build_args);
    }
    if (demo->parsed()) {
      verb = "demo";
      return sub::cli::run_demo();
    }
    if (fmt->parsed()) {
      verb = "fmt";
      return sub::cli::run_fmt(fmt_args);
    }
    if (vet->parsed()) {
      verb = "vet";
      return sub::cli::run_vet(vet_args);
    }
    if (test->parsed()) {
      verb = "test";
      return sub::cli::run_test(test_args);
    }
    if (tap->parsed()) {
      verb = "tap";
      return sub::cli::run_tap(tap_args);
    }
    if (play_worker->parsed()) {
      verb = "play-worker";
      return sub::cli::play::run_worker();
    }
    if (play->parsed()) {
      verb = "play";
      return sub::cli::run_play(play_args);
    }
    if (docs->parsed()) {
      verb = "docs";
      return sub::cli::run_docs(docs_args);
    }
    if (help->parsed() && !help_args.type.empty()) {
      verb = "help";
      return sub::cli::run_docs(help_args);
    }
  } catch (const sub::config::JsonnetError& e) {
    // Several lines by design: the message, a source excerpt and the stack trace.
    std::fflush(stdout);
    std::fprintf(stderr, "substation %s: %s\n", verb, e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::string msg = e.what();
    // One line, whatever the cause.
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    for (char& c : msg) {
      if (c == '\n') c = ' ';
    }
    std::fprintf(stderr, "substation %s: %s\n", verb, msg.c_str());
    return 1;
  }
  std::fputs(app.help().c_str(), stdout);
  return 0;
}
