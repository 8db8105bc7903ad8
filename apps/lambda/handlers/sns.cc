// AWS_SNS: each record's Message; the metadata of every message comes from the first
// record (as the reference does).
#include "apps/lambda/event_time.h"
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "core/json/encode.h"

namespace sub::lambda::handlers {

Batch sns_batch(std::string_view event) {
  require_json(event);
  const std::vector<json::Value> recs = records(event, "Records", "an SNS", true);
  for (size_t i = 0; i < recs.size(); ++i) require_field(recs[i], "Sns", "an SNS", i);
  const json::Value& first = recs.front();
  std::string meta = "{\"timestamp\":\"";
  meta += reformat_rfc3339(first.get("Sns.Timestamp"), "Sns.Timestamp");
  meta += "\",\"eventSubscriptionArn\":";
  json::append_go_string(meta, str(first, "EventSubscriptionArn"));
  meta += ",\"messageId\":";
  json::append_go_string(meta, str(first, "Sns.MessageId"));
  meta += ",\"subject\":";
  json::append_go_string(meta, str(first, "Sns.Subject"));
  meta += '}';
  Batch batch;
  for (const json::Value& rec : recs) {
    batch.begin_record(str(rec, "Sns.MessageId"));
    batch.add(Message(str(rec, "Sns.Message"), meta));
  }
  return batch;
}

namespace {

class SnsHandler : public Handler {
 public:
  // SNS invokes asynchronously: there is no partial batch response.
  std::string handle(const Invocation& inv) override {
    return run_async(inv, sns_batch(inv.event), false);
  }
};

}  // namespace

std::unique_ptr<Handler> make_sns() { return std::make_unique<SnsHandler>(); }

}  // namespace sub::lambda::handlers
