// send_aws_lambda: batches data and invokes a Lambda function asynchronously (`Event`) once
// per item.
//
// Settings:
//   aws.arn                  function ARN (required)
//   aws.assume_role_arn      role assumed through STS for the calls
//   object.batch_key, batch  batching
//   auxiliary_transforms     chain applied to each batch before it is sent
// Items over 268,435,456 bytes fail with `data exceeded size limit` (as the reference; Lambda
// itself rejects larger event payloads with an error that names the function).
#include <memory>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/aws/lambda.h"
#include "transform/builder.h"
#include "transform/send/aws_batch_send.h"

namespace sub::transform {
namespace {

constexpr size_t kLambdaItemLimit = 1024 * 1024 * 256;

class SendAwsLambda final : public AwsBatchSend {
 public:
  SendAwsLambda(std::string arn, std::unique_ptr<aws::LambdaClient> client, std::string batch_key,
                const config::BatchSettings& limits, Auxiliary aux)
      : AwsBatchSend(kLambdaItemLimit, std::move(batch_key), limits, std::move(aux)),
        arn_(std::move(arn)),
        client_(std::move(client)) {}

 private:
  void send_items(const std::string&, std::vector<std::string> items,
                  const Context& ctx) const override {
    send_in_parts(items.size(), 1, [&](size_t i, size_t) {
      client_->invoke_async(arn_, std::move(items[i]), ctx.deadline);
    });
  }

  const std::string arn_;
  const std::unique_ptr<aws::LambdaClient> client_;
};

}  // namespace

std::shared_ptr<Transform> new_send_aws_lambda(const config::Settings& s, Builder& b) {
  auto [arn, options] = read_aws_arn(s);
  const config::Settings aws = s.child("aws");
  std::unique_ptr<aws::LambdaClient> client;
  try {
    client = std::make_unique<aws::LambdaClient>(std::move(options));
  } catch (const Error& e) {
    aws.fail("arn", e.what());
  }
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  return std::make_shared<SendAwsLambda>(std::move(arn), std::move(client),
                                         std::move(obj.batch_key), config::BatchSettings::read(s),
                                         Auxiliary::read(s, b));
}

}  // namespace sub::transform
