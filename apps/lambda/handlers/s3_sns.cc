// AWS_S3_SNS: SNS notifications whose Message is an S3 event notification.
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"

namespace sub::lambda::handlers {

Batch s3_sns_batch(std::string_view event, ObjectFetcher& fetcher, size_t max_line) {
  require_json(event);
  Batch batch;
  const std::vector<json::Value> recs = records(event, "Records", "an SNS", false);
  for (size_t i = 0; i < recs.size(); ++i) {
    require_field(recs[i], "Sns", "an SNS", i);
    const std::string message = str(recs[i], "Sns.Message");
    std::vector<S3Object> objects;
    try {
      objects = s3_objects(message);
    } catch (const Error& e) {
      throw EventError("record " + std::to_string(i) + ": Sns.Message: " + e.what());
    }
    for (const S3Object& obj : objects) {
      batch.begin_record("s3://" + obj.bucket + "/" + obj.key);
      read_s3_object(obj, fetcher, max_line, batch);
    }
  }
  return batch;
}

namespace {

class S3SnsHandler : public Handler {
 public:
  std::string handle(const Invocation& inv) override {
    return run_async(inv, s3_sns_batch(inv.event, inv.objects, inv.settings.max_line), false);
  }
};

}  // namespace

std::unique_ptr<Handler> make_s3_sns() { return std::make_unique<S3SnsHandler>(); }

}  // namespace sub::lambda::handlers
