// send_aws_dynamodb_put: batches JSON objects and writes them as items with BatchWriteItem.
//
// Settings:
//   aws.arn                  table ARN (required; used as the TableName)
//   aws.assume_role_arn      role assumed through STS for the calls
//   object.batch_key, batch  batching (count <= 25, size <= 16,000,000)
//   auxiliary_transforms     chain applied to each batch before it is written
// Each item must be a JSON object (else `input must be object`) of at most 409,600 bytes;
// it becomes an attribute map as Go's attributevalue.MarshalMap makes it (numbers N, maps M,
// arrays L, null NULL, booleans BOOL, strings S). UnprocessedItems are re-sent with backoff,
// a bounded number of times; what is still unprocessed is an error.
#include <memory>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/aws/attribute_value.h"
#include "services/aws/dynamodb.h"
#include "transform/builder.h"
#include "transform/send/aws_batch_send.h"

namespace sub::transform {
namespace {

class SendAwsDynamoDbPut final : public AwsBatchSend {
 public:
  SendAwsDynamoDbPut(std::string table, std::unique_ptr<aws::DynamoDbClient> client,
                     std::string batch_key, const config::BatchSettings& limits, Auxiliary aux)
      : AwsBatchSend(aws::DynamoDbClient::kMaxItemBytes, std::move(batch_key), limits,
                     std::move(aux)),
        table_(std::move(table)),
        client_(std::move(client)) {}

 private:
  void check_item(std::string_view data) const override { (void)aws::marshal_item(data); }

  void send_items(const std::string&, std::vector<std::string> items,
                  const Context& ctx) const override {
    std::vector<std::string> avs;
    avs.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      try {
        avs.push_back(aws::marshal_item(items[i]));
      } catch (const Error& e) {
        throw Error("item " + std::to_string(i) + " of batch: " + e.what());
      }
    }
    send_in_parts(avs.size(), aws::DynamoDbClient::kMaxBatchCount, [&](size_t start, size_t end) {
      std::vector<std::string> part(std::make_move_iterator(avs.begin() + start),
                                    std::make_move_iterator(avs.begin() + end));
      client_->batch_put(table_, part, client_->retry_options(ctx.deadline));
    });
  }

  const std::string table_;
  const std::unique_ptr<aws::DynamoDbClient> client_;
};

}  // namespace

std::shared_ptr<Transform> new_send_aws_dynamodb_put(const config::Settings& s, Builder& b) {
  auto [arn, options] = read_aws_arn(s);
  const config::Settings aws = s.child("aws");
  std::unique_ptr<aws::DynamoDbClient> client;
  try {
    client = std::make_unique<aws::DynamoDbClient>(std::move(options));
  } catch (const Error& e) {
    aws.fail("arn", e.what());
  }
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  const config::BatchSettings limits =
      config::BatchSettings::read(s, aws::DynamoDbClient::kMaxBatchCount, 16 * 1000 * 1000);
  return std::make_shared<SendAwsDynamoDbPut>(
      std::move(arn), std::move(client), std::move(obj.batch_key), limits, Auxiliary::read(s, b));
}

}  // namespace sub::transform
