// `substation tap [config] --aws-kinesis-data-stream <ARN> [--offset latest|earliest]`: reads
// every shard of a Kinesis data stream through a config until SIGINT or SIGTERM, then sends
// one control message (flushing batches and aggregates) and exits 0.
//
// - The shard list is a snapshot taken at start (ListShards); reshards are not followed. A
//   shard that ends (closed and read to its end) stops being read; when every shard has
//   ended, tap finishes as on a signal.
// - --offset: latest (default) → LATEST shard iterators, earliest → TRIM_HORIZON.
// - Records become messages as in the Lambda AWS_KINESIS_DATA_STREAM handler (apps/cli/
//   tap_shards.h); they are transformed by one worker per CPU, in no particular order.
// - Without a config every message is printed (send_stdout, batch count 1); stdout is
//   flushed every kTick.
// - AWS: default credentials; the region is the ARN's; AWS_ENDPOINT_URL_KINESIS or
//   AWS_ENDPOINT_URL override the endpoint; each call is bounded by kCallTimeout.
// - SUBSTATION_DEBUG (set to anything): debug lines on stderr (services/logger.h).
// - Stopping: the signal handler raises a flag the main thread looks at every kTick; readers
//   then make no new GetRecords call (records already received are still transformed), the
//   workers drain the queue, and the control message is sent. A second signal kills the
//   process. Any error (AWS, transform, stdout) stops every thread and is reported as one
//   line, exit 1, without the control message (as the reference).
// - Progress (--progress, or on its own when stderr is a terminal and stdout is not): records
//   and bytes of record data taken in, once a second and as a summary at the end (apps/cli/
//   progress_reporter.h); the workers count each record with relaxed atomic increments.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "apps/cli/commands.h"
#include "apps/cli/progress_counters.h"
#include "apps/cli/progress_reporter.h"
#include "apps/cli/stop_signals.h"
#include "apps/cli/tap_queue.h"
#include "apps/cli/tap_shards.h"
#include "catalogue/pipeline.h"
#include "core/context.h"
#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "core/message.h"
#include "services/aws/arn.h"
#include "services/aws/http.h"
#include "services/aws/kinesis.h"
#include "services/aws/options.h"
#include "services/logger.h"
#include "services/output.h"
#include "services/services.h"

namespace sub::cli {
namespace {

constexpr std::chrono::milliseconds kTick = MessageQueue::kTick;
constexpr std::chrono::seconds kCallTimeout{15};
constexpr size_t kMaxReaderThreads = 64;

// The first error of any thread, handed to the main thread.
class FirstError {
 public:
  void set(std::string msg) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!msg_) msg_ = std::move(msg);
  }
  std::optional<std::string> get() {
    std::lock_guard<std::mutex> lock(mu_);
    return msg_;
  }

 private:
  std::mutex mu_;
  std::optional<std::string> msg_;
};

std::string iterator_type(const std::string& offset) {
  if (offset == "latest") return "LATEST";
  if (offset == "earliest") return "TRIM_HORIZON";
  throw Error("invalid offset: " + offset + " (use latest or earliest)");
}

aws::Arn stream_arn(const std::string& value) {
  const std::string bad = "invalid Kinesis data stream ARN: " + value +
                          " (want arn:<partition>:kinesis:<region>:<account>:stream/<name>)";
  if (!aws::Arn::is_arn(value)) throw Error(bad);
  aws::Arn arn = aws::Arn::parse(value);
  if (arn.service != "kinesis" || !arn.resource.starts_with("stream/") ||
      arn.resource.size() == 7 || arn.region.empty()) {
    throw Error(bad);
  }
  return arn;
}

aws::ClientOptions client_options(const aws::Arn& arn) {
  aws::ClientOptions o = aws::make_client_options(arn.region);
  o.http = std::make_shared<aws::HttpClient>(
      aws::HttpClient::Options{std::chrono::milliseconds(3000), std::chrono::milliseconds(10000)});
  o.call_timeout = kCallTimeout;
  return o;
}

// GetShardIterator naming the stream by ARN and by name (the API takes "either StreamARN or
// StreamName, or both"): moto's iterators keep only a StreamName, so with the ARN alone its
// GetRecords cannot find the stream.
std::string shard_iterator(const aws::KinesisClient& client, const aws::Arn& arn,
                           const std::string& stream, const std::string& shard,
                           const std::string& type) {
  std::string body = "{\"StreamARN\":";
  json::append_go_string(body, stream);
  body += ",\"StreamName\":";
  json::append_go_string(body, arn.resource_name());
  body += ",\"ShardId\":";
  json::append_go_string(body, shard);
  body += ",\"ShardIteratorType\":";
  json::append_go_string(body, type);
  body += '}';
  const std::string resp =
      client.client().json("Kinesis_20131202.GetShardIterator", std::move(body), "1.1");
  std::string iterator = json::get(resp, "ShardIterator").to_string();
  if (iterator.empty()) throw Error("shard " + shard + ": GetShardIterator returned no iterator");
  return iterator;
}

// The snapshot of shards, each with its first iterator. Stops early on a signal.
std::vector<ShardCursor> open_shards(const aws::KinesisClient& client, const aws::Arn& arn,
                                     const std::string& stream, const std::string& type,
                                     const services::Logger& log) {
  std::vector<ShardCursor> cursors;
  try {
    const std::vector<std::string> ids = client.list_shards(stream);
    log.debug("Retrieved active shards from Kinesis stream.",
              {{"stream", stream}, {"count", std::to_string(ids.size())}});
    for (const std::string& id : ids) {
      if (StopSignals::raised()) break;
      cursors.push_back({id, shard_iterator(client, arn, stream, id, type), {}});
    }
  } catch (const Error& e) {
    throw Error(stream + ": " + e.what());
  }
  return cursors;
}

// Runs the readers and workers until a signal, an error, or the end of every shard. Returns
// the first error, if any; every thread has been joined.
std::optional<std::string> pump(std::vector<ShardCursor> cursors, const aws::KinesisClient& client,
                                const std::string& stream, const transform::Chain& chain,
                                services::FdSink& sink, const services::Logger& log,
                                ProgressCounters& counters) {
  MessageQueue queue;
  std::atomic<bool> stop{false};
  std::atomic<bool> abort{false};
  FirstError error;
  const auto fail = [&](std::string msg) {
    error.set(std::move(msg));
    abort.store(true);
  };

  // Shards dealt round-robin to at most kMaxReaderThreads readers.
  const size_t n_readers = std::min(cursors.size(), kMaxReaderThreads);
  std::vector<std::vector<ShardCursor>> shares(n_readers);
  for (size_t i = 0; i < cursors.size(); ++i)
    shares[i % n_readers].push_back(std::move(cursors[i]));
  std::atomic<size_t> readers_left{n_readers};
  const ShardReading reading{&client, stream, &queue, &stop, &abort, &log};

  Context ctx;
  ctx.cancelled = &abort;
  const size_t n_workers = std::max(1u, std::thread::hardware_concurrency());

  std::vector<std::thread> readers;
  std::vector<std::thread> workers;
  const auto join = [&] {
    stop.store(true);
    for (std::thread& t : readers) t.join();
    queue.close();
    for (std::thread& t : workers) t.join();
  };
  try {
    for (size_t i = 0; i < n_workers; ++i) {
      workers.emplace_back([&] {
        Message msg;
        while (queue.pop(msg, abort)) {
          counters.add_event();
          counters.add_bytes(msg.data().size());
          try {
            (void)chain.apply(std::move(msg), ctx);
          } catch (...) {
            fail(describe(std::current_exception()));
          }
        }
      });
    }
    for (std::vector<ShardCursor>& share : shares) {
      readers.emplace_back([&, share = std::move(share)]() mutable {
        try {
          read_shards(std::move(share), reading);
        } catch (...) {
          fail(stream + " " + describe(std::current_exception()));
        }
        readers_left.fetch_sub(1);
      });
    }
  } catch (const std::exception& e) {
    abort.store(true);
    join();
    return std::string("cannot start threads: ") + e.what();
  }

  // Waits, flushing stdout every tick, until a signal, an error, or no shard left to read.
  while (!StopSignals::raised() && !abort.load() && readers_left.load() > 0) {
    std::this_thread::sleep_for(kTick);
    try {
      sink.flush();
    } catch (...) {
      fail(describe(std::current_exception()));
    }
  }
  if (StopSignals::raised()) log.debug("Interrupted: stopping.", {{"stream", stream}});
  join();
  log.debug("Closed connections to the Kinesis stream.", {{"stream", stream}});
  return error.get();
}

}  // namespace

int run_tap(const TapArgs& args) {
  // The reference's guard against `substation tap help`.
  if (args.config == "help") {
    std::fputs("warning: use -h instead.\n", stdout);
    return 0;
  }
  const std::string type = iterator_type(args.offset);
  const aws::Arn arn = stream_arn(args.stream_arn);
  const services::Logger log(std::getenv("SUBSTATION_DEBUG") != nullptr);

  auto sink = std::make_shared<services::FdSink>(1);
  services::Services services;
  services.stdout_sink = sink;
  const catalogue::Pipeline pipeline =
      build_cli_pipeline(args.config, parse_ext_strs(args.ext_strs), services);

  const StopSignals signals;
  const aws::KinesisClient client(client_options(arn));
  std::vector<ShardCursor> cursors = open_shards(client, arn, args.stream_arn, type, log);
  log.debug("Reading Kinesis shards.", {{"stream", args.stream_arn}, {"offset", args.offset}});

  ProgressCounters counters;
  std::optional<ProgressReporter> progress;
  if (ProgressReporter::wanted(args.progress)) {
    progress.emplace("substation tap", counters, ::isatty(STDERR_FILENO) == 1);
    progress->start();
  }
  if (std::optional<std::string> error =
          pump(std::move(cursors), client, args.stream_arn, pipeline.chain, *sink, log, counters)) {
    try {
      sink->flush();
    } catch (const Error&) {
      // The first error is the one reported.
    }
    if (progress) progress->finish("exit 1: failed, the error follows");
    throw Error(*error);
  }
  log.debug("Closed Substation pipeline.");
  // Control messages flush the pipeline; sent once every data message is done.
  (void)pipeline.chain.apply(Message::control(), Context{});  // sends write their own output
  log.debug("Flushed Substation pipeline.");
  sink->flush();
  if (progress) {
    progress->finish(StopSignals::raised() ? "exit 0: stopped by a signal, batches flushed"
                                           : "exit 0: every shard has ended");
  }
  return 0;
}

}  // namespace sub::cli
