// AWS_KINESIS_DATA_STREAM (v1 AWS_KINESIS): Kinesis records, KPL aggregates de-aggregated
// into their user records (each keeps its own partition key and the aggregate's sequence
// number and arrival time). `stream` is the last record's eventSourceARN.
#include <string>
#include <vector>

#include "apps/lambda/event_time.h"
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "apps/lambda/handlers/valid_json.h"
#include "services/aws/kinesis_metadata.h"
#include "services/aws/kpl.h"

namespace sub::lambda::handlers {
namespace {

// What the handler reads of each record: four members of its `kinesis` objects, each as a
// path lookup finds it.
struct KinesisRecord {
  json::Value data, sequence, arrival, partition_key;
};

// The records of a Kinesis event, in one pass over it that also checks it is valid JSON
// (the base64 data is most of the event: validating it, then reading "Records" as a value,
// then its elements, then each record's `kinesis` object and then its members read it five
// times), and the last record's eventSourceARN (the only one the handler uses). The errors
// are "event is not valid JSON" and those of records().
std::vector<KinesisRecord> kinesis_records(std::string_view event, json::Value& last_arn) {
  const ValidJson j(event);
  std::vector<KinesisRecord> out;
  out.reserve(event.size() / 512 + 1);  // a record with its base64 data is rarely shorter
  const bool array = j.each_element_of("Records", [&](size_t e) {
    KinesisRecord& r = out.emplace_back();
    last_arn = json::Value();
    if (j.at(e) != '{') return j.value_end(e);
    return j.members(e, [&](std::string_view rkey, size_t v) {
      if (rkey == "eventSourceARN" && !last_arn.exists()) {
        size_t end;
        last_arn = j.value_at(v, end);
        return end;
      }
      // Every `kinesis` object is searched, as a lookup of kinesis.data goes on to the next
      // member named kinesis when one has no data (or is not an object).
      if (rkey != "kinesis" || j.at(v) != '{') return j.value_end(v);
      return j.members(v, [&](std::string_view k, size_t f) {
        json::Value* slot = k == "data"                          ? &r.data
                            : k == "sequenceNumber"              ? &r.sequence
                            : k == "approximateArrivalTimestamp" ? &r.arrival
                            : k == "partitionKey"                ? &r.partition_key
                                                                 : nullptr;
        if (slot == nullptr || slot->exists()) return j.value_end(f);
        size_t end;
        *slot = j.value_at(f, end);
        return end;
      });
    });
  });
  if (!array) throw EventError("not a Kinesis event: no \"Records\" array");
  return out;
}

}  // namespace

Batch kinesis_batch(std::string_view event) {
  json::Value last_arn;
  const std::vector<KinesisRecord> recs = kinesis_records(event, last_arn);
  if (recs.empty()) throw EventError("a Kinesis event has no records");
  const std::string stream(str_value(last_arn, "eventSourceARN"));
  Batch batch;
  std::vector<aws::KplUserRecord> users;
  for (size_t i = 0; i < recs.size(); ++i) {
    const KinesisRecord& f = recs[i];
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
