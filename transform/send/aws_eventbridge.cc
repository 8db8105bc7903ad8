// send_aws_eventbridge: batches data and puts it on an EventBridge bus with PutEvents.
//
// Settings:
//   aws.arn                  event bus ARN (optional; empty = the account's default bus)
//   aws.assume_role_arn      role assumed through STS for the calls
//   description              the entries' DetailType
//   id                       entries' Source is `substation.<id>` (id defaults to the type)
//   object.batch_key, batch  batching (count <= 10, size <= 262,144)
//   auxiliary_transforms     chain applied to each batch before it is sent
// Each item is an entry's Detail. Items over 256 KiB fail with `data exceeded size limit`.
// Failed entries are re-sent (only those) with backoff, a bounded number of times; what still
// fails is an error. (The reference sent up to 1000 entries per call, allowed 256 MiB items
// and ignored failed entries.)
#include <memory>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/aws/eventbridge.h"
#include "transform/builder.h"
#include "transform/send/aws_batch_send.h"

namespace sub::transform {
namespace {

class SendAwsEventBridge final : public AwsBatchSend {
 public:
  SendAwsEventBridge(std::string bus, std::string source, std::string detail_type,
                     std::unique_ptr<aws::EventBridgeClient> client, std::string batch_key,
                     const config::BatchSettings& limits, Auxiliary aux)
      : AwsBatchSend(aws::EventBridgeClient::kMaxBatchBytes, std::move(batch_key), limits,
                     std::move(aux)),
        bus_(std::move(bus)),
        source_(std::move(source)),
        detail_type_(std::move(detail_type)),
        client_(std::move(client)) {}

 private:
  void send_items(const std::string&, std::vector<std::string> items,
                  const Context& ctx) const override {
    std::vector<aws::EventBridgeClient::Entry> entries;
    entries.reserve(items.size());
    for (std::string& item : items)
      entries.push_back({source_, detail_type_, std::move(item), bus_});
    send_in_parts(entries.size(), aws::EventBridgeClient::kMaxBatchCount,
                  [&](size_t start, size_t end) {
                    std::vector<aws::EventBridgeClient::Entry> part(entries.begin() + start,
                                                                    entries.begin() + end);
                    client_->put_events(part, client_->retry_options(ctx.deadline));
                  });
  }

  const std::string bus_;
  const std::string source_;
  const std::string detail_type_;
  const std::unique_ptr<aws::EventBridgeClient> client_;
};

}  // namespace

std::shared_ptr<Transform> new_send_aws_eventbridge(const config::Settings& s, Builder& b) {
  auto [arn, options] = read_aws_arn(s, false);
  const config::Settings aws = s.child("aws");
  std::unique_ptr<aws::EventBridgeClient> client;
  try {
    client = std::make_unique<aws::EventBridgeClient>(std::move(options));
  } catch (const Error& e) {
    aws.fail("arn", e.what());
  }
  std::string id = s.string("id");
  if (id.empty()) id = "send_aws_eventbridge";
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  const config::BatchSettings limits = config::BatchSettings::read(
      s, aws::EventBridgeClient::kMaxBatchCount, aws::EventBridgeClient::kMaxBatchBytes);
  return std::make_shared<SendAwsEventBridge>(
      std::move(arn), "substation." + id, s.string("description"), std::move(client),
      std::move(obj.batch_key), limits, Auxiliary::read(s, b));
}

}  // namespace sub::transform
