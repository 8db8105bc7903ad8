// The handlers and their event → messages conversions (exposed for tests).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "apps/lambda/batch.h"
#include "apps/lambda/handler.h"
#include "apps/lambda/object_fetcher.h"

namespace sub::lambda::handlers {

// AWS_API_GATEWAY: the request body with {resource, path, headers}.
Message api_gateway_message(std::string_view event);
// The proxy response for the outputs' JSON array body.
std::string api_gateway_response(std::string_view body);

// AWS_DATA_FIREHOSE: one message per record with {approximateArrivalTimestamp, recordId}.
struct FirehoseRecord {
  std::string record_id;
  std::string data;  // decoded, kept for ProcessingFailed
  Message msg;
};
std::vector<FirehoseRecord> firehose_records(std::string_view event);

// AWS_DYNAMODB_STREAM: Debezium-style change records; `now_ms` is the top-level ts_ms.
Batch dynamodb_batch(std::string_view event, int64_t now_ms);
// A DynamoDB image (attribute-value map) as Go marshals the unmarshalled map.
std::string dynamodb_image_json(const json::Value& image);

// AWS_KINESIS_DATA_STREAM: KPL-deaggregated user records.
Batch kinesis_batch(std::string_view event);

// AWS_LAMBDA: the compacted event.
Message lambda_message(std::string_view event);

// S3 objects named by an S3 event notification (an s3:TestEvent names none).
struct S3Object {
  std::string bucket;
  std::string key;  // unescaped
  std::string metadata;
};
std::vector<S3Object> s3_objects(std::string_view s3_event);
// Appends the object's messages: one per line for text and compressed text, else one
// message with the whole object.
void read_s3_object(const S3Object& object, ObjectFetcher& fetcher, size_t max_line, Batch& batch);
Batch s3_batch(std::string_view event, ObjectFetcher& fetcher, size_t max_line);
Batch s3_sns_batch(std::string_view event, ObjectFetcher& fetcher, size_t max_line);
// With `partial`, a record whose body cannot be read is marked failed instead of throwing.
Batch s3_sqs_batch(std::string_view event, ObjectFetcher& fetcher, size_t max_line, bool partial);

// AWS_SNS: Message, with metadata from the first record.
Batch sns_batch(std::string_view event);
// AWS_SQS: body, with metadata from the first record.
Batch sqs_batch(std::string_view event);

std::unique_ptr<Handler> make_api_gateway();
std::unique_ptr<Handler> make_data_firehose();
std::unique_ptr<Handler> make_dynamodb_stream();
std::unique_ptr<Handler> make_kinesis_data_stream();
std::unique_ptr<Handler> make_lambda();
std::unique_ptr<Handler> make_s3();
std::unique_ptr<Handler> make_s3_sns();
std::unique_ptr<Handler> make_s3_sqs();
std::unique_ptr<Handler> make_sns();
std::unique_ptr<Handler> make_sqs();

}  // namespace sub::lambda::handlers
