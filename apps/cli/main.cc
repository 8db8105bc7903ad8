// `substation`: the command line. Parses the verbs and flags of the reference CLI and
// dispatches to apps/cli/<verb>.cc. Errors end the process with one line on stderr and
// exit code 1; usage errors print CLI11's message and exit 1 too.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include "apps/cli/commands.h"
#include "apps/cli/help_formatter.h"
#include "apps/cli/help_text.h"
#include "apps/cli/play_engine.h"
#include "config/jsonnet.h"

namespace {

namespace help = sub::cli::help;

constexpr const char* kProgressHelp =
    "progress on stderr about once a second, and a summary at the end\n"
    "(default: on when stderr is a terminal and stdout is not)";

CLI::App* add_command(CLI::App& app, const char* name, const help::CommandHelp& text) {
  CLI::App* cmd =
      app.add_subcommand(name, std::string(text.summary) + "\n\n" + text.description + "\n");
  cmd->footer(text.examples);
  return cmd;
}

void add_ext_str(CLI::App* cmd, std::vector<std::string>& into) {
  cmd->add_option("--ext-str", into,
                  "set Jsonnet external variables, read with std.extVar('k'); repeatable,\n"
                  "several k=v pairs by comma (default: none)")
      ->type_name("k=v")
      ->allow_extra_args(false);
}

void add_path(CLI::App* cmd, std::string& into, const char* what) {
  cmd->add_option("path", into,
                  std::string("a file, or a directory whose ") + what +
                      " files are used (default: the current directory)")
      ->type_name("PATH");
}

void add_recursive(CLI::App* cmd, bool& into) {
  cmd->add_flag("-R,--recursive", into, "search the directory's subdirectories too (default: off)");
}

void add_config(CLI::App* cmd, std::string& into, const char* without) {
  cmd->add_option("config", into,
                  std::string("config file: .json, or .jsonnet/.libsonnet compiled with the\n"
                              "Substation library (default: none, ") +
                      without + ")")
      ->type_name("CONFIG");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{std::string(help::kToolSummary) + "\n", "substation"};
  app.formatter(std::make_shared<sub::cli::HelpFormatter>());
  app.footer(help::kToolExamples);
  app.require_subcommand(0, 1);

  sub::cli::ReadArgs read_args;
  CLI::App* read = add_command(app, "read", help::kRead);
  add_config(read, read_args.config, "every event is printed to stdout");
  CLI::Option* file =
      read->add_option("--file", read_args.file, "local file to read (default: standard input)")
          ->type_name("PATH");
  CLI::Option* http =
      read->add_option("--http", read_args.http,
                       "http(s) URL to read; redirects are followed, 429 and 5xx retried")
          ->type_name("URL");
  CLI::Option* aws = read->add_option("--aws", read_args.aws,
                                      "S3 object to read (default AWS credentials and region)")
                         ->type_name("s3://BUCKET/KEY");
  read->add_flag("--progress", read_args.progress, kProgressHelp);
  read->add_option("--threads", read_args.threads,
                   "threads for the leading transforms that keep no state (object_*,\n"
                   "string_*, time_*, ...); the rest keeps the input's order\n"
                   "(default: one per CPU when they are most of the work; 1: one thread)")
      ->type_name("N");
  add_ext_str(read, read_args.ext_strs);

  sub::cli::BuildArgs build_args;
  CLI::App* build = add_command(app, "build", help::kBuild);
  add_path(build, build_args.path, ".jsonnet");
  add_recursive(build, build_args.recursive);
  add_ext_str(build, build_args.ext_strs);

  CLI::App* demo = add_command(app, "demo", help::kDemo);

  sub::cli::FmtArgs fmt_args;
  CLI::App* fmt = add_command(app, "fmt", help::kFmt);
  add_path(fmt, fmt_args.path, ".jsonnet and .libsonnet");
  fmt->add_flag("-w,--write", fmt_args.write,
                "rewrite each file in place instead of printing it (default: off)");
  add_recursive(fmt, fmt_args.recursive);

  sub::cli::VetArgs vet_args;
  CLI::App* vet = add_command(app, "vet", help::kVet);
  add_path(vet, vet_args.path, ".json, .jsonnet and .libsonnet");
  add_recursive(vet, vet_args.recursive);
  add_ext_str(vet, vet_args.ext_strs);

  sub::cli::TestArgs test_args;
  CLI::App* test = add_command(app, "test", help::kTest);
  add_path(test, test_args.path, ".json, .jsonnet and .libsonnet");
  add_recursive(test, test_args.recursive);
  add_ext_str(test, test_args.ext_strs);

  sub::cli::TapArgs tap_args;
  CLI::App* tap = add_command(app, "tap", help::kTap);
  add_config(tap, tap_args.config, "every record is printed to stdout");
  tap->add_option("--aws-kinesis-data-stream", tap_args.stream_arn,
                  "ARN of the Kinesis data stream to tap")
      ->type_name("ARN")
      ->required();
  tap->add_option("--offset", tap_args.offset,
                  "where to start in each shard: latest (new records only) or earliest\n"
                  "(the oldest record kept) (default: latest)")
      ->type_name("latest|earliest");
  tap->add_flag("--progress", tap_args.progress, kProgressHelp);
  add_ext_str(tap, tap_args.ext_strs);

  sub::cli::PlayArgs play_args;
  CLI::App* play = add_command(app, "play", help::kPlay);
  play->add_option("--addr", play_args.addr,
                   "address to listen on; port 0 picks a free port, printed at start\n"
                   "(default: 127.0.0.1:8080)")
      ->type_name("host:port");
  play->add_option("--timeout", play_args.timeout,
                   "seconds a run or test may take, 1 to 3600 (default: 30)")
      ->check(CLI::Range(1, 3600).description(""))
      ->type_name("SECONDS");
  play->add_option("--allow", play_args.allow,
                   "let configs write and read files, use the network, AWS or the\n"
                   "environment: files,network,aws,env or all (default: none)")
      ->type_name("LIST");
  play->add_option("--memory", play_args.memory,
                   "MiB of memory each run may use, 0 for no limit (default: 2048)")
      ->check(CLI::Range(0, 1 << 20).description(""))
      ->type_name("MIB");

  sub::cli::DocsArgs docs_args;
  CLI::App* docs = add_command(app, "docs", help::kDocs);
  docs->add_option("type", docs_args.type,
                   "transform or condition type, e.g. object_copy (default: every type,\n"
                   "one per line)")
      ->type_name("TYPE");
  docs->add_option("--out", docs_args.out, "write the Markdown reference into this folder")
      ->type_name("DIR");
  docs->add_option("--check", docs_args.check,
                   "fail when the Markdown reference in this folder is not current")
      ->type_name("DIR");
  sub::cli::DocsArgs help_args;
  CLI::App* help = add_command(app, "help", help::kHelp);
  help->add_option("type", help_args.type, "transform or condition type (default: this help)")
      ->type_name("TYPE");

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
