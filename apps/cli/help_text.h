// What `substation --help` and `substation COMMAND --help` say. Each command has a summary
// (its line in the command list), a description (what it does, what it prints, its exit
// status) and examples; options describe themselves, with their defaults, in main.cc.
#pragma once

namespace sub::cli::help {

struct CommandHelp {
  const char* summary;
  const char* description;
  const char* examples;
};

inline constexpr const char* kToolSummary =
    "'substation' is a tool for managing Substation configurations: it runs data through\n"
    "them (read, tap), checks (vet), tests (test), formats (fmt) and compiles (build) them,\n"
    "documents their transforms and conditions (docs) and serves a playground (play).";

inline constexpr const char* kToolExamples =
    "Examples:\n"
    "  substation read config.jsonnet --file events.jsonl\n"
    "  substation test -R configs/\n"
    "  substation docs object_copy\n"
    "\n"
    "Run 'substation COMMAND --help' for what a command does and its options.\n";

inline constexpr CommandHelp kRead = {
    "read events from a file, URL, S3 object or stdin through a config",
    "Reads one source, sends each line through the config's transforms as one message, then\n"
    "one control message (which flushes batches and aggregates). gzip, bzip2 and zstd input is\n"
    "decompressed; input that is not text is sent as a single message. The source is --file,\n"
    "--http or --aws; without one, standard input. Without a config every event is printed to\n"
    "stdout. SIGINT or SIGTERM stops reading; the control message still flushes every batch.\n"
    "\n"
    "Threads: on a file, the leading transforms that keep no state run on a thread per CPU\n"
    "when they are most of the work (or always with --threads N); the rest of the config\n"
    "sees every message in input order, so the output is the same as with --threads 1.\n"
    "Pipes and terminals are read line by line on one thread.\n"
    "\n"
    "Progress: with --progress, or when stderr is a terminal and stdout is not, a line on\n"
    "stderr about once a second (events in, bytes in, events/s) and a summary at the end.\n"
    "\n"
    "Exit status: 0 when every event was processed (or reading was stopped by a signal);\n"
    "1 on the first error (a failed event does not stop the others).",
    "Examples:\n"
    "  substation read --file events.jsonl\n"
    "  substation read config.jsonnet --file events.jsonl.gz --ext-str env=prod\n"
    "  zcat logs.gz | substation read config.jsonnet --progress > out.jsonl\n"};

inline constexpr CommandHelp kTap = {
    "tap an AWS Kinesis data stream through a config",
    "Reads every shard of a Kinesis data stream through the config's transforms until SIGINT\n"
    "or SIGTERM (or until every shard has ended), then sends one control message and exits 0.\n"
    "Records are transformed in no particular order. Without a config every record is printed\n"
    "to stdout. AWS: default credentials; the region is the ARN's; AWS_ENDPOINT_URL_KINESIS\n"
    "overrides the endpoint. SUBSTATION_DEBUG=true prints debug lines on stderr.\n"
    "Not for production workloads.\n"
    "\n"
    "Progress: with --progress, or when stderr is a terminal and stdout is not, a line on\n"
    "stderr about once a second (events in, bytes in, events/s) and a summary at the end.\n"
    "\n"
    "Exit status: 0 after a signal or the end of every shard; 1 on any error.",
    "Examples:\n"
    "  substation tap --aws-kinesis-data-stream arn:aws:kinesis:us-east-1:123456789012:stream/s\n"
    "  substation tap --aws-kinesis-data-stream arn:aws:kinesis:us-east-1:123456789012:stream/s "
    "--offset earliest\n"
    "  substation tap config.jsonnet --aws-kinesis-data-stream "
    "arn:aws:kinesis:us-east-1:123456789012:stream/s\n"};

inline constexpr CommandHelp kBuild = {
    "compile .jsonnet configs to .json",
    "Compiles each .jsonnet file (with the Substation library) to a .json file beside it and\n"
    "prints each path it built. A directory is searched at its top level, or throughout with\n"
    "-R. Jsonnet errors show the line in error and the stack trace.\n"
    "\n"
    "Exit status: 0 when every file built; 1 at the first file that does not.",
    "Examples:\n"
    "  substation build config.jsonnet\n"
    "  substation build -R configs/\n"
    "  substation build configs/ --ext-str env=prod\n"};

inline constexpr CommandHelp kDemo = {
    "show how Substation transforms data",
    "Runs a built-in configuration over an anonymized CloudTrail event and prints the input,\n"
    "the output (partly normalized to the Elastic Common Schema) and the configuration. Needs\n"
    "no files and no network.",
    "Examples:\n"
    "  substation demo\n"
    "  substation demo | less\n"};

inline constexpr CommandHelp kFmt = {
    "format .jsonnet and .libsonnet configs",
    "Formats Jsonnet files with the standard formatter (2-space indent, single quotes, sorted\n"
    "imports) and prints the result to stdout, or with -w rewrites each file and prints its\n"
    "path. A directory is searched at its top level, or throughout with -R; other files are\n"
    "left alone.\n"
    "\n"
    "Exit status: 0 when every file parsed; 1 otherwise (the file is left as it was).",
    "Examples:\n"
    "  substation fmt config.jsonnet\n"
    "  substation fmt -w config.jsonnet\n"
    "  substation fmt -w -R configs/\n"};

inline constexpr CommandHelp kVet = {
    "report errors in configs",
    "Compiles each config and builds its transforms without running anything. Prints the path\n"
    "of each clean file on stdout; a Jsonnet error (with the line in error) on stdout; a\n"
    "configuration error on stderr as `<file>:transforms:<n> transform <id>: <cause>`, with\n"
    "the transform's JSON. Settings the catalogue does not know are warnings on stderr. In a\n"
    "directory, .libsonnet files that are libraries (functions, or without transforms) are\n"
    "skipped.\n"
    "\n"
    "Exit status: 0 when every file is clean (warnings allowed); 1 otherwise.",
    "Examples:\n"
    "  substation vet config.jsonnet\n"
    "  substation vet -R configs/\n"
    "  substation vet configs/ --ext-str env=prod\n"};

inline constexpr CommandHelp kTest = {
    "run the tests of configs",
    "Runs the `tests` of each config: each test's transforms make messages, which go through\n"
    "the config's transforms; the test passes when its condition holds for every result.\n"
    "Prints one line per file: `ok <file> <time>`, `FAIL <file>` after the failing messages,\n"
    "`? <file> [no tests]` or `? <file> [error]` (the error on stderr).\n"
    "\n"
    "Exit status: 0 when no file failed or had an error; 1 otherwise.",
    "Examples:\n"
    "  substation test config.jsonnet\n"
    "  substation test -R configs/\n"
    "  substation test configs/ --ext-str env=prod\n"};

inline constexpr CommandHelp kPlay = {
    "start the playground: a local web UI to edit, run and test configs",
    "Serves the playground on --addr until SIGINT or SIGTERM. Each run or test happens in a\n"
    "worker process with a time and memory limit. Configs may not read or write files, use\n"
    "the network, AWS or the environment unless --allow says so.",
    "Examples:\n"
    "  substation play\n"
    "  substation play --addr 127.0.0.1:0 --timeout 10\n"
    "  substation play --allow files,network --memory 4096\n"};

inline constexpr CommandHelp kDocs = {
    "show a transform's or condition's settings",
    "Prints the settings of a transform or condition type from the catalogue, or every type\n"
    "with its summary. --out writes the Markdown reference; --check fails when a folder's\n"
    "reference differs from the catalogue.\n"
    "\n"
    "Exit status: 0; 1 for an unknown type (the closest names are suggested) or a stale\n"
    "reference.",
    "Examples:\n"
    "  substation docs\n"
    "  substation docs object_copy\n"
    "  substation docs --check docs/reference\n"};

inline constexpr CommandHelp kHelp = {
    "show a transform's or condition's settings (as docs)",
    "With a type name, prints its settings as `substation docs TYPE` does; without, this\n"
    "help.",
    "Examples:\n"
    "  substation help string_replace\n"
    "  substation help\n"};

}  // namespace sub::cli::help
