// `substation read [config]`: reads one source (--file, --http, or stdin), sniffs and
// decompresses it, sends each line through the pipeline as one message, then one control
// message. Non-text content is sent as a single message.
//
// Messages are applied one at a time, in order, as the reference does (its errgroup has a
// limit of 1), so chains with fan-out, batching or aggregation give identical output.
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "apps/cli/commands.h"
#include "config/jsonnet.h"
#include "config/node.h"
#include "core/context.h"
#include "core/error.h"
#include "core/message.h"
#include "services/file/decompress.h"
#include "services/file/line_scanner.h"
#include "services/file/reader.h"
#include "services/output.h"
#include "services/services.h"
#include "transform/pipeline.h"

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

constexpr size_t kStdoutBuffer = size_t{4} << 20;

std::unique_ptr<file::ByteStream> open_source(const ReadArgs& args) {
  if (args.file_set) return file::open_path(args.file);
  if (args.http_set) return file::memory_stream(file::fetch_http(args.http));
  if (args.aws_set) {
    throw Error("--aws " + args.aws + ": reading from AWS S3 is not supported yet");
  }
  return file::open_stdin();
}

std::string source_name(const ReadArgs& args) {
  if (args.file_set) return args.file;
  if (args.http_set) return args.http;
  return "stdin";
}

}  // namespace

int run_read(const ReadArgs& args) {
  // The reference's guard against `substation read help`.
  if (args.config == "help") {
    std::fputs("warning: use -h instead.\n", stdout);
    return 0;
  }
  const ExtStrs ext = parse_ext_strs(args.ext_strs);
  const std::string where = args.config.empty() ? "default config" : args.config;
  const std::string text = args.config.empty() ? config::compile_jsonnet(kDefaultConfig, where, ext)
                                               : load_config_text(args.config, ext);

  auto sink = std::make_shared<FdSink>(1, kStdoutBuffer);
  Services services;
  services.stdout_sink = sink;
  Pipeline pipeline;
  try {
    pipeline = build_pipeline(config::Node::parse(text), services);
  } catch (const Error& e) {
    throw Error(where + ": " + e.what());
  }
  const Chain& chain = pipeline.chain;
  const Context ctx;

  const std::string name = source_name(args);
  std::unique_ptr<file::ByteStream> source = open_source(args);
  try {
    file::OpenedContent content = file::open_content(std::move(source));
    if (content.kind == file::Content::kOther) {
      chain.apply(Message(file::read_all(*content.stream)), ctx);
    } else {
      file::LineScanner scanner(*content.stream);
      std::string_view line;
      while (scanner.next(line)) chain.apply(Message(std::string(line)), ctx);
    }
  } catch (const Error& e) {
    sink->flush();
    throw Error(name + ": " + e.what());
  }
  // Control messages flush the pipeline; sent once every data message is done.
  chain.apply(Message::control(), ctx);
  sink->flush();
  return 0;
}

}  // namespace sub::cli
