// Registers the send_aws_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_send_aws_kinesis_data_stream(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_send_aws_s3(const config::Settings& s, Builder& b);

void register_send_aws_transforms(Registry& r) {
  r.add_transform("send_aws_kinesis_data_stream", &new_send_aws_kinesis_data_stream);
  r.add_transform("send_aws_s3", &new_send_aws_s3);
}

}  // namespace sub
