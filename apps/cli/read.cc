// `substation read [config]`: reads one source (--file, --http, --aws, or stdin), sniffs
// and decompresses it, sends each line through the pipeline as one message, then one
// control message. Non-text content is sent as a single message.
//
// --aws s3://bucket/key: the object is fetched whole with GetObject (default credentials;
// region from AWS_REGION / AWS_DEFAULT_REGION / the profile; AWS_ENDPOINT_URL_S3 or
// AWS_ENDPOINT_URL override the endpoint) and then read like a file.
//
// Messages reach every transform with state or effects one at a time, in order, as the
// reference applies them (its errgroup has a limit of 1), so chains with fan-out, batching or
// aggregation give identical output. On a file with more than one CPU, the leading steps
// that keep no state (Step::order_free) may run on worker threads a chunk of lines at a
// time, their outputs going on through the rest of the chain in input order
// (apps/cli/ordered_lines.h): by default when they are most of the work, always with
// --threads N, never with --threads 1. Pipes and terminals run line by line.
//
// Failures, as v2.8: a message that fails does not stop the others (batches that fill are
// still sent, files still written); the lines decoded before a read error (a truncated
// gzip) all go through, the unfinished last one included, and then the control message. A
// transform failure skips the final control message. The command exits 1 with the first
// error.
//
// SIGINT/SIGTERM end the input: the control message flushes every batch, then exit 0. When
// stdin is a pipe or a terminal, output is flushed whenever the input goes quiet.
//
// Progress (--progress, or on its own when stderr is a terminal and stdout is not): about
// once a second a line on stderr with the events and bytes read so far, and at the end a
// summary with the counts and what the exit status means (apps/cli/progress_reporter.h).
// Bytes are those read from the source, before decompression. Without it stderr only has
// errors; stdout is the same either way.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "apps/cli/commands.h"
#include "apps/cli/counted_input.h"
#include "apps/cli/ordered_lines.h"
#include "apps/cli/progress_counters.h"
#include "apps/cli/progress_reporter.h"
#include "apps/cli/stop_signals.h"
#include "apps/cli/watched_input.h"
#include "catalogue/pipeline.h"
#include "config/jsonnet.h"
#include "config/node.h"
#include "core/context.h"
#include "core/error.h"
#include "core/message.h"
#include "services/aws/options.h"
#include "services/aws/s3.h"
#include "services/file/decompress.h"
#include "services/file/line_scanner.h"
#include "services/file/reader.h"
#include "services/output.h"
#include "services/services.h"

namespace sub::cli {
namespace {

// The reference's default config for read-like commands: print every message.
constexpr std::string_view kDefaultConfig = R"(local sub = std.extVar('sub');

{
  transforms: [
    sub.tf.send.stdout({ batch: { size: 100000000000, count: 1 } }),
  ],
}
)";

// The bytes of `s3://bucket/key`. Throws `invalid s3 object: <location>` for another shape,
// `<location>: <AWS error>` when GetObject fails and `empty file: <location>` (as the
// reference) for an empty object.
std::string fetch_s3(const std::string& location) {
  constexpr std::string_view kScheme = "s3://";
  const size_t slash = location.find('/', kScheme.size());
  if (!location.starts_with(kScheme) || slash == std::string::npos || slash == kScheme.size() ||
      slash + 1 == location.size()) {
    throw Error("invalid s3 object: " + location);
  }
  const std::string bucket = location.substr(kScheme.size(), slash - kScheme.size());
  const std::string key = location.substr(slash + 1);
  std::string body;
  try {
    body = aws::S3Client(aws::make_client_options()).get_object(bucket, key);
  } catch (const Error& e) {
    throw Error(location + ": " + e.what());
  }
  if (body.empty()) throw Error("empty file: " + location);
  return body;
}

std::unique_ptr<file::ByteStream> open_source(const ReadArgs& args,
                                              const std::function<void()>& on_idle) {
  if (args.file_set) return file::open_path(args.file);
  if (args.http_set) return file::memory_stream(file::fetch_http(args.http));
  if (args.aws_set) return file::memory_stream(fetch_s3(args.aws));
  struct stat st {};
  if (::fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) return file::open_stdin();
  return std::make_unique<WatchedInput>(STDIN_FILENO, "stdin", on_idle);
}

std::string source_name(const ReadArgs& args) {
  if (args.file_set) return args.file;
  if (args.http_set) return args.http;
  if (args.aws_set) return args.aws;
  return "stdin";
}

}  // namespace

catalogue::Pipeline build_cli_pipeline(const std::string& config, const ExtStrs& ext,
                                       services::Services& services) {
  const std::string where = config.empty() ? "default config" : config;
  const std::string text = config.empty() ? config::compile_jsonnet(kDefaultConfig, where, ext)
                                          : load_config_text(config, ext);
  try {
    return catalogue::build_pipeline(config::Node::parse(text), services);
  } catch (const Error& e) {
    throw Error(where + ": " + e.what());
  }
}

int run_read(const ReadArgs& args) {
  // The reference's guard against `substation read help`.
  if (args.config == "help") {
    std::fputs("warning: use -h instead.\n", stdout);
    return 0;
  }
  auto sink = std::make_shared<services::FdSink>(1);
  services::Services services;
  services.stdout_sink = sink;
  const catalogue::Pipeline pipeline =
      build_cli_pipeline(args.config, parse_ext_strs(args.ext_strs), services);
  const transform::Chain& chain = pipeline.chain;
  const Context ctx;

  const std::string name = source_name(args);
  if (!args.file_set && !args.http_set && !args.aws_set && ::isatty(0) == 1) {
    // Otherwise a first-time user sees nothing happen and waits.
    std::fputs(
        "substation read: reading events from standard input, one per line; end with Ctrl-D "
        "(or give --file, --http or --aws)\n",
        stderr);
  }
  const StopSignals signals;
  ProgressCounters counters;
  std::unique_ptr<file::ByteStream> source =
      std::make_unique<CountedInput>(open_source(args, [&] { sink->flush(); }), counters);
  std::optional<ProgressReporter> progress;
  if (ProgressReporter::wanted(args.progress)) {
    progress.emplace("substation read", counters, ::isatty(STDERR_FILENO) == 1);
    progress->start();
  }
  // The first failure; everything after it still runs, as in the reference. A transform
  // failure also skips the final control message; a read failure does not.
  std::optional<std::string> failure;
  bool skip_control = false;  // a transform failed (or the file was empty)
  // `line` is the input line of a data message (0: the control message or content that is
  // not lines), so a data error says which event it was.
  // One vector carries every line through the chain: it keeps its capacity, so a line costs
  // no allocation for it.
  std::vector<Message> msgs;
  const auto apply = [&](Message msg, uint64_t line) {
    try {
      msgs.clear();
      msgs.push_back(std::move(msg));
      msgs = chain.apply(std::move(msgs), ctx);
      msgs.clear();  // what leaves the last transform ends here
    } catch (const Error& e) {
      if (!failure) failure = (line > 0 ? "line " + std::to_string(line) + ": " : "") + e.what();
      skip_control = true;
    }
  };
  try {
    file::OpenedContent content = file::open_content(std::move(source));
    // As v2.8, an empty file is an error (its content type cannot be detected); nothing
    // runs, not even the control message. Empty stdin is just no input.
    if (content.empty && args.file_set) {
      failure = "media file: EOF";
      skip_control = true;
      content.stream.reset();
    } else if (content.kind == file::Content::kOther) {
      // Non-text content is one message, so it is bounded like a line.
      counters.add_event();
      apply(Message(file::read_all(*content.stream, file::kMaxLineBytes)), 0);
    } else {
      file::LineScanner scanner(*content.stream);
      // On a stop signal, a pipe ends at once (what was read still runs); a file stops here.
      const bool interactive = content.stream->interactive();
      const auto [head, rest] = split_order_free_prefix(chain);
      const size_t threads = args.threads > 0 ? args.threads : std::thread::hardware_concurrency();
      // A pipe or terminal runs line by line: waiting to fill a chunk would hold events back.
      uint64_t number = 0;
      bool done = false;
      if (threads > 1 && !head.empty() && !interactive) {
        LineHooks hooks;
        hooks.counted = [&] { counters.add_event(); };
        hooks.stop = [] { return StopSignals::raised(); };
        hooks.fail = [&](uint64_t line, const std::string& error) {
          if (!failure) failure = "line " + std::to_string(line) + ": " + error;
          skip_control = true;
        };
        // --threads N asks for threads; by default they are used when they pay.
        done =
            run_lines_ordered(scanner, head, rest, ctx, threads, args.threads == 0, hooks, number);
      }
      std::string_view line;
      while (!done && scanner.next(line)) {
        counters.add_event();
        apply(Message(std::string(line)), ++number);
        if (StopSignals::raised() && !interactive) break;
      }
    }
  } catch (const Error& e) {
    if (!failure) failure = e.what();
  }
  if (!skip_control) apply(Message::control(), 0);
  sink->flush();
  if (progress) {
    progress->finish(failure                 ? "exit 1: failed, the error follows"
                     : StopSignals::raised() ? "exit 0: stopped by a signal, batches flushed"
                                             : "exit 0: every event was processed");
  }
  if (failure) throw Error(name + ": " + *failure);
  return 0;
}

}  // namespace sub::cli
