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
constexpr std::string_view kNames[kFields] = {"body", "messageId", "eventSourceARN", "md5OfBody",
                                              "attributes"};
struct SqsRecord {
  json::Value f[kFields];
};

// The records of a valid SQS event, in one pass over it (the bodies are most of it, and a
// lookup per field read each record up to its body again). The errors are records()'.
std::vector<SqsRecord> sqs_records(std::string_view event) {
  const ValidJson j(event);
  std::vector<SqsRecord> out;
  const bool array = j.each_element_of("Records", [&](size_t e) {
    SqsRecord& r = out.emplace_back();
    if (j.at(e) != '{') return j.value_end(e);
    return j.members(e, [&](std::string_view key, size_t v) {
      const size_t end = j.value_end(v);
      for (size_t k = 0; k < kFields; ++k) {
        if (key == kNames[k] && !r.f[k].exists()) r.f[k] = j.value(v, end);
      }
      return end;
    });
  });
  if (!array) throw EventError("not an SQS event: no \"Records\" array");
  if (out.empty()) throw EventError("an SQS event has no records");
  return out;
}

}  // namespace

Batch sqs_batch(std::string_view event) {
  require_json(event);
  const std::vector<SqsRecord> recs = sqs_records(event);
  for (size_t i = 0; i < recs.size(); ++i) {
    if (!recs[i].f[kBody].exists()) {
      throw EventError("record " + std::to_string(i) + ": not an SQS record: missing body");
    }
  }
  const SqsRecord& first = recs.front();
  std::string meta = "{\"eventSourceArn\":";
  json::append_go_string(meta, str_value(first.f[kSourceArn], "eventSourceARN"));
  meta += ",\"messageId\":";
  json::append_go_string(meta, str_value(first.f[kMessageId], "messageId"));
  meta += ",\"bodyMd5\":";
  json::append_go_string(meta, str_value(first.f[kBodyMd5], "md5OfBody"));
  meta += ",\"attributes\":";
  append_string_map(meta, first.f[kAttributes]);
  meta += '}';
  Batch batch;
  for (const SqsRecord& rec : recs) {
    batch.begin_record(std::string(str_value(rec.f[kMessageId], "messageId")));
    batch.add(Message(std::string(str_value(rec.f[kBody], "body")), meta));
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
