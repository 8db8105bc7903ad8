// AWS_SQS: each record's body; the metadata of every message comes from the first record
// (as the reference does). With SUBSTATION_PARTIAL_BATCH_RESPONSE=true the response lists
// the failed messages (ReportBatchItemFailures).
#include "apps/lambda/go_json.h"
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "core/json/encode.h"

namespace sub::lambda::handlers {

Batch sqs_batch(std::string_view event) {
  require_json(event);
  const std::vector<json::Value> recs = records(event, "Records", "an SQS", true);
  for (size_t i = 0; i < recs.size(); ++i) require_field(recs[i], "body", "an SQS", i);
  const json::Value& first = recs.front();
  std::string meta = "{\"eventSourceArn\":";
  json::append_go_string(meta, str(first, "eventSourceARN"));
  meta += ",\"messageId\":";
  json::append_go_string(meta, str(first, "messageId"));
  meta += ",\"bodyMd5\":";
  json::append_go_string(meta, str(first, "md5OfBody"));
  meta += ",\"attributes\":";
  append_string_map(meta, first.get("attributes"));
  meta += '}';
  Batch batch;
  for (const json::Value& rec : recs) {
    batch.begin_record(str(rec, "messageId"));
    batch.add(Message(str(rec, "body"), meta));
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
