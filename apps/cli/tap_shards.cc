#include "apps/cli/tap_shards.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "core/error.h"
#include "core/gotime/layout.h"
#include "services/aws/kinesis_metadata.h"
#include "services/aws/kpl.h"

namespace sub::cli {
namespace {

using Clock = std::chrono::steady_clock;

// ApproximateArrivalTimestamp as the Go SDK decodes it (smithy ParseEpochSeconds): epoch
// seconds × 1000 truncated to whole milliseconds, in UTC.
gotime::Instant arrival_instant(double epoch_seconds) {
  const double ms = epoch_seconds * 1000.0;
  if (!std::isfinite(ms) || std::fabs(ms) > 9.2e15) return {};
  return gotime::Instant::from_unix_nano(static_cast<int64_t>(ms) * 1'000'000);
}

// One GetRecords call on `shard`; queues its messages. False when aborted meanwhile.
bool poll(ShardCursor& shard, const ShardReading& r, std::vector<Message>& messages) {
  aws::KinesisClient::GetRecordsResult result;
  messages.clear();
  try {
    result = r.client->get_records(shard.iterator, kGetRecordsLimit);
    for (const aws::KinesisClient::Record& rec : result.records) {
      append_record_messages(rec, r.stream, messages);
    }
  } catch (const Error& e) {
    throw Error("shard " + shard.id + ": " + e.what());
  }
  shard.iterator = std::move(result.next_shard_iterator);
  if (!messages.empty()) {
    r.log->debug(
        "Retrieved records from Kinesis shard.",
        {{"stream", r.stream}, {"shard", shard.id}, {"count", std::to_string(messages.size())}});
  }
  for (Message& m : messages) {
    if (!r.queue->push(std::move(m), *r.abort)) return false;
  }
  if (shard.iterator.empty()) {
    r.log->debug("Reached end of Kinesis shard.", {{"stream", r.stream}, {"shard", shard.id}});
  }
  return true;
}

}  // namespace

void append_record_messages(const aws::KinesisClient::Record& record, std::string_view stream,
                            std::vector<Message>& out) {
  const gotime::Instant arrival = arrival_instant(record.arrival_timestamp);
  std::vector<aws::KplUserRecord> users;
  bool aggregated = false;
  try {
    aggregated = aws::kpl_deaggregate(record.data, users);
  } catch (const Error& e) {
    throw Error("record " + record.sequence_number + ": " + e.what());
  }
  if (!aggregated) {
    out.emplace_back(record.data,
                     aws::kinesis_record_metadata(arrival, stream, record.partition_key,
                                                  record.sequence_number));
    return;
  }
  for (aws::KplUserRecord& u : users) {
    out.emplace_back(
        std::move(u.data),
        aws::kinesis_record_metadata(arrival, stream, u.partition_key, record.sequence_number));
  }
}

void read_shards(std::vector<ShardCursor> shards, const ShardReading& r) {
  std::vector<Message> messages;
  // Runs until every shard has ended or stop/abort is raised; each pass sleeps at most
  // kTick, so the flags are seen promptly.
  for (;;) {
    if (r.stop->load() || r.abort->load()) return;
    Clock::time_point next = Clock::time_point::max();
    for (ShardCursor& shard : shards) {
      if (shard.iterator.empty()) continue;
      if (shard.next_poll <= Clock::now()) {
        if (!poll(shard, r, messages)) return;
        shard.next_poll = Clock::now() + kPollInterval;
        if (r.stop->load() || r.abort->load()) return;
        if (shard.iterator.empty()) continue;
      }
      next = std::min(next, shard.next_poll);
    }
    if (next == Clock::time_point::max()) return;  // every shard has ended
    std::this_thread::sleep_until(std::min(next, Clock::now() + MessageQueue::kTick));
  }
}

}  // namespace sub::cli
