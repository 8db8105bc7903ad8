// Registers the send_aws_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_send_aws_data_firehose(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_send_aws_dynamodb_put(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_send_aws_eventbridge(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_send_aws_kinesis_data_stream(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_send_aws_lambda(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_send_aws_s3(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_send_aws_sns(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_send_aws_sqs(const config::Settings& s, Builder& b);

void register_send_aws_transforms(Registry& r) {
  // The v2.8 factory knows only `send_aws_data_firehose` (not the older
  // `send_aws_kinesis_data_firehose`).
  r.add_transform("send_aws_data_firehose", &new_send_aws_data_firehose);
  r.add_transform("send_aws_dynamodb_put", &new_send_aws_dynamodb_put);
  r.add_transform("send_aws_eventbridge", &new_send_aws_eventbridge);
  r.add_transform("send_aws_kinesis_data_stream", &new_send_aws_kinesis_data_stream);
  r.add_transform("send_aws_lambda", &new_send_aws_lambda);
  r.add_transform("send_aws_s3", &new_send_aws_s3);
  r.add_transform("send_aws_sns", &new_send_aws_sns);
  r.add_transform("send_aws_sqs", &new_send_aws_sqs);
}

}  // namespace sub
