// AWS_KINESIS_DATA_STREAM (v1 AWS_KINESIS): Kinesis records, KPL aggregates de-aggregated
// into their user records (each keeps its own partition key and the aggregate's sequence
// number and arrival time). `stream` is the last record's eventSourceARN.
#include "apps/lambda/event_time.h"
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "services/aws/kinesis_metadata.h"
#include "services/aws/kpl.h"

namespace sub::lambda::handlers {
Batch kinesis_batch(std::string_view event) {
  require_json(event);
  const std::vector<json::Value> recs = records(event, "Records", "a Kinesis", true);
  const std::string stream = str(recs.back(), "eventSourceARN");
  Batch batch;
  std::vector<aws::KplUserRecord> users;
  for (size_t i = 0; i < recs.size(); ++i) {
    const json::Value& rec = recs[i];
    require_field(rec, "kinesis.data", "a Kinesis", i);
    const std::string sequence = str(rec, "kinesis.sequenceNumber");
    const gotime::Instant arrival = instant_from_epoch_seconds(
        rec.get("kinesis.approximateArrivalTimestamp"), "kinesis.approximateArrivalTimestamp");
    const std::string data = bytes(rec, "kinesis.data");
    batch.begin_record(sequence);
    users.clear();
    bool aggregated = false;
    try {
      aggregated = aws::kpl_deaggregate(data, users);
    } catch (const Error& e) {
      throw EventError("record " + std::to_string(i) + " (" + sequence + "): " + e.what());
    }
    if (!aggregated) {
      batch.add(Message(data, aws::kinesis_record_metadata(
                                  arrival, stream, str(rec, "kinesis.partitionKey"), sequence)));
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
