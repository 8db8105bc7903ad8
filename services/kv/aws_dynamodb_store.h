// The `aws_dynamodb` KV store: items of a DynamoDB table.
//
// Settings:
//   aws.arn                   table ARN (required; used as the TableName, gives the region)
//   aws.assume_role_arn       role assumed through STS for the calls
//   attributes.partition_key  the table's partition key attribute (required)
//   attributes.sort_key       the table's sort key; items use the constant sort key
//                             `substation:kv_store`
//   attributes.value          the attribute holding values (required to set)
//   attributes.ttl            the attribute holding the expiry (Unix seconds; required for
//                             TTLs and locks)
//   consistent_read           strongly consistent GetItem (default false)
// Values are stored as Go's attributevalue package stores decoded JSON. set_add ADDs to a
// string or number set (numbers formatted `%f`; mixed lists become string sets). lock is a
// conditional PutItem `attribute_not_exists(pk) OR ttl <= now`; unlock deletes the item.
//
// Unlike the reference, get() treats an item whose ttl has passed as absent (DynamoDB
// deletes expired items up to days late) and honours consistent_read.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "config/settings.h"
#include "services/aws/dynamodb.h"
#include "services/kv/store.h"

namespace sub::kv {

class AwsDynamoDbStore final : public Store {
 public:
  struct Attributes {
    std::string partition_key;
    std::string sort_key;
    std::string value;
    std::string ttl;
  };

  AwsDynamoDbStore(std::string table, aws::ClientOptions options, Attributes attributes,
                   bool consistent_read);

  // Builds the store from its `settings` (errors name the setting).
  static std::shared_ptr<Store> from_settings(const config::Settings& settings);

  std::string_view type() const override { return "aws_dynamodb"; }
  void setup() override;
  bool enabled() const override;
  void close() override {}

  config::Node get(const std::string& key) override;
  void set_with_ttl(const std::string& key, const config::Node& value, int64_t ttl) override;
  void set_add_with_ttl(const std::string& key, const config::Node& value, int64_t ttl) override;

  bool supports_lock() const override { return true; }
  bool lock(const std::string& key, int64_t ttl) override;
  void unlock(const std::string& key) override;

 private:
  const aws::DynamoDbClient& client();
  // The item key {pk: S key[, sk: S "substation:kv_store"]} as AV map members (no braces).
  std::string key_members(const std::string& key) const;
  [[noreturn]] void missing(std::string_view attribute) const;

  const std::string table_;
  const aws::ClientOptions options_;
  const Attributes attrs_;
  const bool consistent_read_;
  mutable std::mutex mu_;
  std::unique_ptr<aws::DynamoDbClient> client_;
};

}  // namespace sub::kv
