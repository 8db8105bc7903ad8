// AWS_SQS: each record's body; the metadata of every message comes from the first record
// (as the reference does). With SUBSTATION_PARTIAL_BATCH_RESPONSE=true the response lists
// the failed messages (ReportBatchItemFailures).
#include <string>
#include <vector>

#include "apps/lambda/go_json.h"
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "apps/lambda/handlers/valid_json.h"
#include "core/json/encode.h"

namespace sub::lambda::handlers {
namespace {

// The members of a record the handler reads, each the first of its name.
enum Field : size_t { kBody, kMessageId, kSourceArn, kBodyMd5, kAttributes, kFields };
constexpr std::array<std::string_view, kFields> kNames = {"body", "messageId", "eventSourceARN",
                                                          "md5OfBody", "attributes"};
using SqsRecord = std::array<json::Value, kFields>;

// The records of an SQS event, in one pass over it that also checks it is valid JSON (the
// bodies are most of it, and a lookup per field read each record up to its body again).
// The errors are "event is not valid JSON" and records()'.
std::vector<SqsRecord> sqs_records(std::string_view event) {
  std::vector<SqsRecord> out;
  if (!ValidJson(event).flat_records("Records", kNames, out)) {
    throw EventError("not an SQS event: no \"Records\" array");
  }
  if (out.empty()) throw EventError("an SQS event has no records");
  return out;
}

}  // namespace

Batch sqs_batch(std::string_view event) {
  const std::vector<SqsRecord> recs = sqs_records(event);
  for (size_t i = 0; i < recs.size(); ++i) {
    if (!recs[i][kBody].exists()) {
      throw EventError("record " + std::to_string(i) + ": not an SQS record: missing body");
    }
  }
  const SqsRecord& first = recs.front();
  std::string meta = "{\"eventSourceArn\":";
  json::append_go_string(meta, str_value(first[kSourceArn], "eventSourceARN"));
  meta += ",\"messageId\":";
  json::append_go_string(meta, str_value(first[kMessageId], "messageId"));
  meta += ",\"bodyMd5\":";
  json::append_go_string(meta, str_value(first[kBodyMd5], "md5OfBody"));
  meta += ",\"attributes\":";
  append_string_map(meta, first[kAttributes]);
  meta += '}';
  Batch batch;
  for (const SqsRecord& rec : recs) {
    batch.begin_record(std::string(str_value(rec[kMessageId], "messageId")));
    batch.add(Message(std::string(str_value(rec[kBody], "body")), meta));
  }
  return batch;
}

namespace {

class SqsHandler : public Handler {
 public:
  std::string handle(const Invocation& inv) override {
    return run_async(inv, sqs_batch(inv.event), inv.settings.partial_batch_response);
  }
};

}  // namespace

std::unique_ptr<Handler> make_sqs() { return std::make_unique<SqsHandler>(); }

}  // namespace sub::lambda::handlers
