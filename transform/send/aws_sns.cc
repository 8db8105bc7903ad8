// send_aws_sns: batches data and publishes it to an SNS topic with PublishBatch.
//
// Settings:
//   aws.arn                  topic ARN (required); gives the region
//   aws.assume_role_arn      role assumed through STS for the calls
//   object.batch_key, batch  batching (count <= 10, size <= 262,144)
//   auxiliary_transforms     chain applied to each batch before it is sent
// A `.fifo` topic gets one new MessageGroupId per batch. Items over 256 KiB fail with
// `data exceeded size limit` (the reference allowed 256 MiB). Entries SNS rejects are
// re-sent (only those) with backoff, a bounded number of times; what still fails is an error.
#include <memory>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/aws/arn.h"
#include "services/aws/sns.h"
#include "transform/builder.h"
#include "transform/common/file_path.h"
#include "transform/send/aws_batch_send.h"

namespace sub::transform {
namespace {

class SendAwsSns final : public AwsBatchSend {
 public:
  SendAwsSns(std::string arn, std::unique_ptr<aws::SnsClient> client, std::string batch_key,
             const config::BatchSettings& limits, Auxiliary aux)
      : AwsBatchSend(aws::SnsClient::kMaxBatchBytes, std::move(batch_key), limits, std::move(aux)),
        arn_(std::move(arn)),
        fifo_(arn_.ends_with(".fifo")),
        client_(std::move(client)) {}

 private:
  void send_items(const std::string&, std::vector<std::string> items,
                  const Context& ctx) const override {
    const std::string group = fifo_ ? new_uuid_v4() : std::string();
    std::vector<aws::SnsClient::Entry> entries;
    entries.reserve(items.size());
    for (std::string& item : items) entries.push_back({std::move(item), group, ""});
    send_in_parts(entries.size(), aws::SnsClient::kMaxBatchCount, [&](size_t start, size_t end) {
      std::vector<aws::SnsClient::Entry> part(entries.begin() + start, entries.begin() + end);
      client_->publish_batch(arn_, part, client_->retry_options(ctx.deadline));
    });
  }

  const std::string arn_;
  const bool fifo_;
  const std::unique_ptr<aws::SnsClient> client_;
};

}  // namespace

std::shared_ptr<Transform> new_send_aws_sns(const config::Settings& s, Builder& b) {
  auto [arn, options] = read_aws_arn(s);
  const config::Settings aws = s.child("aws");
  std::unique_ptr<aws::SnsClient> client;
  try {
    const aws::Arn parsed = aws::Arn::parse(arn);
    if (parsed.service != "sns") throw Error("\"" + arn + "\" is not an SNS topic ARN");
    client = std::make_unique<aws::SnsClient>(std::move(options));
  } catch (const Error& e) {
    aws.fail("arn", e.what());
  }
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  const config::BatchSettings limits = config::BatchSettings::read(
      s, aws::SnsClient::kMaxBatchCount, aws::SnsClient::kMaxBatchBytes);
  return std::make_shared<SendAwsSns>(std::move(arn), std::move(client), std::move(obj.batch_key),
                                      limits, Auxiliary::read(s, b));
}

}  // namespace sub::transform
