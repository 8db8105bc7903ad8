// AWS_KINESIS_DATA_STREAM (v1 AWS_KINESIS): Kinesis records, KPL aggregates de-aggregated
// into their user records (each keeps its own partition key and the aggregate's sequence
// number and arrival time). `stream` is the last record's eventSourceARN.
#include "apps/lambda/event_time.h"
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "services/aws/kinesis_metadata.h"
#include "services/aws/kpl.h"

namespace sub::lambda::handlers {
namespace {

// The members of a record's `kinesis` object the handler reads, found in one pass over it
// (each the first with its name, as a path lookup finds it): the data field is most of the
// record, and a lookup per field skipped it again each time.
struct KinesisFields {
  json::Value data, sequence, arrival, partition_key;

  explicit KinesisFields(const json::Value& rec) {
    rec.get("kinesis").for_each([&](const json::Value& key, const json::Value& v) {
      const std::string_view k = key.str();
      json::Value* slot = k == "data"                          ? &data
                          : k == "sequenceNumber"              ? &sequence
                          : k == "approximateArrivalTimestamp" ? &arrival
                          : k == "partitionKey"                ? &partition_key
                                                               : nullptr;
      if (slot != nullptr && !slot->exists()) *slot = v;
      return true;
    });
  }
};

}  // namespace

Batch kinesis_batch(std::string_view event) {
  require_json(event);
  const std::vector<json::Value> recs = records(event, "Records", "a Kinesis", true);
  const std::string stream = str(recs.back(), "eventSourceARN");
  Batch batch;
  std::vector<aws::KplUserRecord> users;
  for (size_t i = 0; i < recs.size(); ++i) {
    const KinesisFields f(recs[i]);
    if (!f.data.exists()) {
      throw EventError("record " + std::to_string(i) +
                       ": not a Kinesis record: missing kinesis.data");
    }
    const std::string sequence(str_value(f.sequence, "kinesis.sequenceNumber"));
    const gotime::Instant arrival =
        instant_from_epoch_seconds(f.arrival, "kinesis.approximateArrivalTimestamp");
    std::string data = bytes_value(f.data, "kinesis.data");
    batch.begin_record(sequence);
    users.clear();
    bool aggregated = false;
    try {
      aggregated = aws::kpl_deaggregate(data, users);
    } catch (const Error& e) {
      throw EventError("record " + std::to_string(i) + " (" + sequence + "): " + e.what());
    }
    if (!aggregated) {
      const std::string_view key = str_value(f.partition_key, "kinesis.partitionKey");
      batch.add(
          Message(std::move(data), aws::kinesis_record_metadata(arrival, stream, key, sequence)));
      continue;
    }
    for (aws::KplUserRecord& u : users) {
      batch.add(Message(std::move(u.data),
                        aws::kinesis_record_metadata(arrival, stream, u.partition_key, sequence)));
    }
  }
  return batch;
}

namespace {

class KinesisHandler : public Handler {
 public:
  std::string handle(const Invocation& inv) override {
    return run_async(inv, kinesis_batch(inv.event), inv.settings.partial_batch_response);
  }
};

}  // namespace

std::unique_ptr<Handler> make_kinesis_data_stream() { return std::make_unique<KinesisHandler>(); }

}  // namespace sub::lambda::handlers
