#include "apps/lambda/handlers/handlers.h"

namespace sub::lambda {

std::unique_ptr<Handler> make_handler(std::string_view name) {
  using namespace handlers;  // NOLINT(build/namespaces)
  if (name == "AWS_API_GATEWAY") return make_api_gateway();
  if (name == "AWS_DATA_FIREHOSE" || name == "AWS_KINESIS_DATA_FIREHOSE") {
    return make_data_firehose();
  }
  if (name == "AWS_DYNAMODB_STREAM" || name == "AWS_DYNAMODB") return make_dynamodb_stream();
  if (name == "AWS_KINESIS_DATA_STREAM" || name == "AWS_KINESIS") {
    return make_kinesis_data_stream();
  }
  if (name == "AWS_LAMBDA") return make_lambda();
  if (name == "AWS_S3") return make_s3();
  if (name == "AWS_S3_SNS") return make_s3_sns();
  if (name == "AWS_S3_SQS") return make_s3_sqs();
  if (name == "AWS_SNS") return make_sns();
  if (name == "AWS_SQS") return make_sqs();
  return nullptr;
}

}  // namespace sub::lambda
