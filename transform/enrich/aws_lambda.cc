// enrich_aws_lambda: invokes a Lambda function synchronously with a value of the message and
// writes the function's response.
//
// Settings:
//   aws.arn               function ARN (required; the FunctionName)
//   aws.assume_role_arn   role assumed through STS for the calls
//   object.source_key     the payload (required); missing: message unchanged; must be JSON
//                         (else `message must be JSON object`)
//   object.target_key     where the response payload is written (required)
// A function error fails with the response's `errorMessage`.
#include <memory>

#include "config/object_settings.h"
#include "core/json/path.h"
#include "services/aws/lambda.h"
#include "services/aws/options.h"
#include "transform/builder.h"
#include "transform/common/aws_arn.h"

namespace sub::transform {
namespace {

class EnrichAwsLambda final : public Transform {
 public:
  EnrichAwsLambda(std::string arn, std::unique_ptr<aws::LambdaClient> client,
                  config::ObjectSettings obj)
      : arn_(std::move(arn)), client_(std::move(client)), obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const override {
    if (!msg.is_control()) apply(msg, ctx);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg, const Context& ctx) const {
    const json::Value value = msg.get(obj_.source_key);
    if (!value.exists()) return;
    std::string payload = value.to_string();
    if (!json::valid(payload)) {
      throw Error("key " + obj_.source_key + ": message must be JSON object");
    }
    const aws::LambdaClient::InvokeResult r =
        client_->invoke(arn_, std::move(payload), ctx.deadline);
    if (!r.function_error.empty()) {
      throw Error(json::get(r.payload, "errorMessage").to_string());
    }
    msg.set_bytes(obj_.target_key, r.payload);
  }

  const std::string arn_;
  const std::unique_ptr<aws::LambdaClient> client_;
  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_enrich_aws_lambda(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  if (!obj.has_source()) s.child("object").missing("source_key");
  if (!obj.has_target()) s.child("object").missing("target_key");
  auto [arn, options] = read_aws_arn(s);
  auto client = std::make_unique<aws::LambdaClient>(std::move(options));
  return std::make_shared<EnrichAwsLambda>(std::move(arn), std::move(client), std::move(obj));
}

}  // namespace sub::transform
