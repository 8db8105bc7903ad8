// The shard readers of `substation tap`: GetRecords on each shard, then kPollInterval before
// the next call on that shard (the reference's pause, which keeps well under the 5 calls per
// second per shard limit); each record, KPL aggregates de-aggregated, becomes one message
// with the Lambda AWS_KINESIS_DATA_STREAM handler's metadata (services/aws/kinesis_metadata.h).
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "apps/cli/tap_queue.h"
#include "core/message.h"
#include "services/aws/kinesis.h"
#include "services/logger.h"

namespace sub::cli {

inline constexpr std::chrono::milliseconds kPollInterval{500};
// Records asked for per GetRecords call (the API's maximum and the reference's default).
inline constexpr int kGetRecordsLimit = 10000;

struct ShardCursor {
  std::string id;
  std::string iterator;  // empty once the shard has ended (closed and read to its end)
  std::chrono::steady_clock::time_point next_poll{};
};

struct ShardReading {
  const aws::KinesisClient* client = nullptr;
  std::string stream;  // the ARN: the messages' `stream` metadata
  MessageQueue* queue = nullptr;
  // Raised by the main thread on SIGINT/SIGTERM: no new GetRecords call; the records of a
  // call already answered are still queued.
  const std::atomic<bool>* stop = nullptr;
  // Raised on any error: return at once.
  const std::atomic<bool>* abort = nullptr;
  const services::Logger* log = nullptr;
};

// Appends the messages of one record: its user records when it is a KPL aggregate (each with
// its own partition key and the aggregate's sequence number and arrival time), else the
// record itself. Throws sub::Error for a corrupt aggregate.
void append_record_messages(const aws::KinesisClient::Record& record, std::string_view stream,
                            std::vector<Message>& out);

// Reads `shards` (one thread's share, polled in turn) until each has ended, or stop/abort
// (looked at at least every MessageQueue::kTick). Throws sub::Error naming the shard.
void read_shards(std::vector<ShardCursor> shards, const ShardReading& r);

}  // namespace sub::cli
