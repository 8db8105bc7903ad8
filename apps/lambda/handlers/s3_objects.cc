// S3 event notifications shared by AWS_S3, AWS_S3_SNS and AWS_S3_SQS: each record's object
// is downloaded and read as lines when it is text or compressed text, else as one
// message. Unlike the reference, a non-text object does not end the event: the remaining
// records are read too (defect 5). An s3:TestEvent names no object and is ignored.
#include "apps/lambda/event_time.h"
#include "apps/lambda/go_json.h"
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "services/file/decompress.h"
#include "services/file/line_scanner.h"

namespace sub::lambda::handlers {

std::vector<S3Object> s3_objects(std::string_view s3_event) {
  if (!json::valid(s3_event)) throw EventError("S3 event is not valid JSON");
  if (json::get(s3_event, "Event").str() == "s3:TestEvent") return {};
  const json::Value recs = json::get(s3_event, "Records");
  if (recs.exists() && recs.type() != json::Value::Type::kNull && !recs.is_array()) {
    throw EventError("not an S3 event: \"Records\" is not an array");
  }
  std::vector<S3Object> out;
  size_t i = 0;
  for (const json::Value& rec : recs.to_array()) {
    require_field(rec, "s3", "an S3", i++);
    S3Object obj;
    obj.bucket = str(rec, "s3.bucket.name");
    try {
      obj.key = query_unescape(str(rec, "s3.object.key"));
    } catch (const EventError&) {
      throw;
    } catch (const Error& e) {
      throw EventError("s3.object.key: " + std::string(e.what()));
    }
    std::string meta = "{\"eventTime\":\"";
    meta += reformat_rfc3339(rec.get("eventTime"), "eventTime");
    meta += "\",\"bucketArn\":";
    json::append_go_string(meta, str(rec, "s3.bucket.arn"));
    meta += ",\"bucketName\":";
    json::append_go_string(meta, obj.bucket);
    meta += ",\"objectKey\":";
    json::append_go_string(meta, obj.key);
    meta += ",\"objectSize\":";
    json::append_int(meta, int64(rec, "s3.object.size"));
    meta += '}';
    obj.metadata = std::move(meta);
    out.push_back(std::move(obj));
  }
  return out;
}

void read_s3_object(const S3Object& object, ObjectFetcher& fetcher, size_t max_line, Batch& batch) {
  std::string bytes = fetcher.get(object.bucket, object.key);
  file::OpenedContent content = file::open_content(file::memory_stream(bytes));
  if (content.kind == file::Content::kOther) {
    batch.add(Message(std::move(bytes), object.metadata));
    return;
  }
  file::LineScanner scanner(*content.stream, max_line);
  std::string_view line;
  try {
    while (scanner.next(line)) batch.add(Message(std::string(line), object.metadata));
  } catch (const Error& e) {
    throw Error("s3://" + object.bucket + "/" + object.key + ": " + e.what());
  }
}

Batch s3_batch(std::string_view event, ObjectFetcher& fetcher, size_t max_line) {
  require_json(event);
  Batch batch;
  for (const S3Object& obj : s3_objects(event)) {
    batch.begin_record("s3://" + obj.bucket + "/" + obj.key);
    read_s3_object(obj, fetcher, max_line, batch);
  }
  return batch;
}

namespace {

class S3Handler : public Handler {
 public:
  std::string handle(const Invocation& inv) override {
    return run_async(inv, s3_batch(inv.event, inv.objects, inv.settings.max_line), false);
  }
};

}  // namespace

std::unique_ptr<Handler> make_s3() { return std::make_unique<S3Handler>(); }

}  // namespace sub::lambda::handlers
