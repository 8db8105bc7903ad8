// send_aws_data_firehose: batches data and puts it into a Firehose delivery stream with
// PutRecordBatch.
//
// Settings:
//   aws.arn                  delivery stream ARN (required; a bare name is used as is)
//   aws.assume_role_arn      role assumed through STS for the calls
//   object.batch_key, batch  batching (count <= 500, size <= 4,096,000)
//   auxiliary_transforms     chain applied to each batch before it is sent (framing)
// Items over 1,024,000 bytes fail with `data exceeded size limit`. Records Firehose rejects
// are re-sent (only those) with backoff, a bounded number of times; what still fails is an
// error.
#include <memory>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/aws/firehose.h"
#include "transform/builder.h"
#include "transform/send/aws_batch_send.h"

namespace sub::transform {
namespace {

constexpr size_t kFirehoseItemLimit = 1000 * 1024;

class SendAwsDataFirehose final : public AwsBatchSend {
 public:
  SendAwsDataFirehose(std::string stream, std::unique_ptr<aws::FirehoseClient> client,
                      std::string batch_key, const config::BatchSettings& limits, Auxiliary aux)
      : AwsBatchSend(kFirehoseItemLimit, std::move(batch_key), limits, std::move(aux)),
        stream_(std::move(stream)),
        client_(std::move(client)) {}

 private:
  void send_items(const std::string&, std::vector<std::string> items,
                  const Context& ctx) const override {
    send_in_parts(items.size(), aws::FirehoseClient::kMaxBatchCount, [&](size_t start, size_t end) {
      std::vector<std::string> part(std::make_move_iterator(items.begin() + start),
                                    std::make_move_iterator(items.begin() + end));
      client_->put_record_batch(stream_, part, client_->retry_options(ctx.deadline));
    });
  }

  const std::string stream_;
  const std::unique_ptr<aws::FirehoseClient> client_;
};

}  // namespace

std::shared_ptr<Transform> new_send_aws_data_firehose(const config::Settings& s, Builder& b) {
  auto [arn, options] = read_aws_arn(s);
  const config::Settings aws = s.child("aws");
  std::unique_ptr<aws::FirehoseClient> client;
  try {
    if (aws::FirehoseClient::stream_name(arn).empty()) throw Error("no delivery stream name");
    client = std::make_unique<aws::FirehoseClient>(std::move(options));
  } catch (const Error& e) {
    aws.fail("arn", e.what());
  }
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  const config::BatchSettings limits = config::BatchSettings::read(s, 500, 4096000);
  return std::make_shared<SendAwsDataFirehose>(
      std::move(arn), std::move(client), std::move(obj.batch_key), limits, Auxiliary::read(s, b));
}

}  // namespace sub::transform
