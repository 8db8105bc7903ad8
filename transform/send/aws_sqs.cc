// send_aws_sqs: batches data and sends it to an SQS queue with SendMessageBatch.
//
// Settings:
//   aws.arn                  queue ARN (required); gives the region and the queue URL
//   aws.assume_role_arn      role assumed through STS for the calls
//   object.batch_key, batch  batching (count <= 10, size <= 262,144)
//   auxiliary_transforms     chain applied to each batch before it is sent
// A `.fifo` queue gets one new MessageGroupId per batch. Items over 256 KiB fail with
// `data exceeded size limit` (the reference allowed 256 MiB). Entries SQS rejects are
// re-sent (only those) with backoff, a bounded number of times; what still fails is an error.
#include <memory>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/aws/sqs.h"
#include "transform/builder.h"
#include "transform/common/file_path.h"
#include "transform/send/aws_batch_send.h"

namespace sub::transform {
namespace {

class SendAwsSqs final : public AwsBatchSend {
 public:
  SendAwsSqs(std::string queue_url, std::unique_ptr<aws::SqsClient> client, std::string batch_key,
             const config::BatchSettings& limits, Auxiliary aux)
      : AwsBatchSend(aws::SqsClient::kMaxBatchBytes, std::move(batch_key), limits, std::move(aux)),
        queue_url_(std::move(queue_url)),
        fifo_(queue_url_.ends_with(".fifo")),
        client_(std::move(client)) {}

 private:
  void send_items(const std::string&, std::vector<std::string> items,
                  const Context& ctx) const override {
    const std::string group = fifo_ ? new_uuid_v4() : std::string();
    std::vector<aws::SqsClient::Entry> entries;
    entries.reserve(items.size());
    for (std::string& item : items) entries.push_back({std::move(item), group, ""});
    // The auxiliary chain may change the count: keep each call within the API limit.
    send_in_parts(entries.size(), aws::SqsClient::kMaxBatchCount, [&](size_t start, size_t end) {
      std::vector<aws::SqsClient::Entry> part(entries.begin() + start, entries.begin() + end);
      client_->send_message_batch(queue_url_, part, client_->retry_options(ctx.deadline));
    });
  }

  const std::string queue_url_;
  const bool fifo_;
  const std::unique_ptr<aws::SqsClient> client_;
};

}  // namespace

std::shared_ptr<Transform> new_send_aws_sqs(const config::Settings& s, Builder& b) {
  auto [arn, options] = read_aws_arn(s);
  const config::Settings aws = s.child("aws");
  std::string url;
  std::unique_ptr<aws::SqsClient> client;
  try {
    url = aws::SqsClient::queue_url_from_arn(arn);
    client = std::make_unique<aws::SqsClient>(std::move(options));
  } catch (const Error& e) {
    aws.fail("arn", e.what());
  }
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  const config::BatchSettings limits = config::BatchSettings::read(
      s, aws::SqsClient::kMaxBatchCount, aws::SqsClient::kMaxBatchBytes);
  return std::make_shared<SendAwsSqs>(std::move(url), std::move(client), std::move(obj.batch_key),
                                      limits, Auxiliary::read(s, b));
}

}  // namespace sub::transform
