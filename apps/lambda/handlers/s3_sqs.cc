// AWS_S3_SQS: SQS messages whose body is an S3 event notification (S3 → SQS) or an SNS
// envelope whose Message is one (S3 → SNS → SQS). s3:TestEvent bodies are ignored. With
// SUBSTATION_PARTIAL_BATCH_RESPONSE=true failures are reported per SQS message.
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "core/json/path.h"

namespace sub::lambda::handlers {
namespace {

std::vector<S3Object> objects_of_body(const std::string& body) {
  if (!json::valid(body)) throw EventError("body is not valid JSON");
  const json::Value recs = json::get(body, "Records");
  if ((recs.is_array() && !recs.to_array().empty()) ||
      json::get(body, "Event").str() == "s3:TestEvent") {
    return s3_objects(body);
  }
  // S3 → SNS → SQS: the body is the SNS envelope.
  const json::Value message = json::get(body, "Message");
  if (message.type() != json::Value::Type::kString) {
    throw EventError("body is neither an S3 event nor an SNS envelope");
  }
  return s3_objects(message.str());
}

}  // namespace

Batch s3_sqs_batch(std::string_view event, ObjectFetcher& fetcher, size_t max_line, bool partial) {
  require_json(event);
  Batch batch;
  const std::vector<json::Value> recs = records(event, "Records", "an SQS", false);
  for (size_t i = 0; i < recs.size(); ++i) {
    require_field(recs[i], "body", "an SQS", i);
    const size_t rec = batch.begin_record(str(recs[i], "messageId"));
    Batch one;
    try {
      for (const S3Object& obj : objects_of_body(str(recs[i], "body"))) {
        read_s3_object(obj, fetcher, max_line, one);
      }
    } catch (const Error& e) {
      const std::string msg =
          "record " + std::to_string(i) + " (" + batch.record_ids[rec] + "): " + e.what();
      if (!partial) throw Error(msg);
      batch.fail_record(rec, msg);
      continue;
    }
    for (Message& m : one.messages) batch.add(std::move(m));
  }
  return batch;
}

namespace {

class S3SqsHandler : public Handler {
 public:
  std::string handle(const Invocation& inv) override {
    const bool partial = inv.settings.partial_batch_response;
    return run_async(inv, s3_sqs_batch(inv.event, inv.objects, inv.settings.max_line, partial),
                     partial);
  }
};

}  // namespace

std::unique_ptr<Handler> make_s3_sqs() { return std::make_unique<S3SqsHandler>(); }

}  // namespace sub::lambda::handlers
