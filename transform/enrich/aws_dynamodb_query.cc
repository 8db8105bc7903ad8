// enrich_aws_dynamodb_query: queries a DynamoDB table by key and writes the items found.
//
// Settings:
//   aws.arn                   table ARN (required; used as the TableName)
//   aws.assume_role_arn       role assumed through STS for the calls
//   attributes.partition_key  the table's partition key attribute (required)
//   attributes.sort_key       the table's sort key attribute (composite keys)
//   limit                     most items evaluated (0: no limit; the reference sent 0, which
//                             DynamoDB rejects)
//   scan_index_forward        true: ascending sort key order (default false: descending)
//   object.source_key         the key: a string (partition key), or with sort_key a
//                             two-element array [partition, sort]; other arrays: unchanged
//   object.target_key         where the array of items is written (required); no items:
//                             the message is unchanged
// Items are decoded as Go's attributevalue.UnmarshalMap decodes them (numbers float64).
#include <memory>

#include "config/object_settings.h"
#include "core/json/encode.h"
#include "services/aws/attribute_value.h"
#include "services/aws/dynamodb.h"
#include "services/aws/options.h"
#include "services/kv/value.h"
#include "transform/builder.h"
#include "transform/common/aws_arn.h"

namespace sub::transform {
namespace {

class EnrichAwsDynamoDbQuery final : public Transform {
 public:
  EnrichAwsDynamoDbQuery(std::string table, std::unique_ptr<aws::DynamoDbClient> client,
                         std::string partition_key, std::string sort_key, int32_t limit,
                         bool forward, config::ObjectSettings obj)
      : table_(std::move(table)),
        client_(std::move(client)),
        partition_key_(std::move(partition_key)),
        sort_key_(std::move(sort_key)),
        limit_(limit),
        forward_(forward),
        obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  static void append_s(std::string& out, std::string_view s) {
    out += "{\"S\":";
    json::append_go_string(out, s);
    out += "}";
  }

  void apply(Message& msg) const {
    const json::Value value = msg.get(obj_.source_key);
    if (!value.exists()) return;
    aws::DynamoDbClient::QueryInput in;
    in.limit = limit_;
    in.scan_index_forward = forward_;
    std::string names = "{\"#0\":";
    json::append_go_string(names, partition_key_);
    std::string values = "{\":0\":";
    if (value.is_array()) {
      const std::vector<json::Value> parts = value.to_array();
      if (parts.size() != 2 || sort_key_.empty()) return;
      names += ",\"#1\":";
      json::append_go_string(names, sort_key_);
      append_s(values, parts[0].to_string());
      values += ",\":1\":";
      append_s(values, parts[1].to_string());
      in.key_condition.expression = "(#0 = :0) AND (#1 = :1)";
    } else {
      append_s(values, value.to_string());
      in.key_condition.expression = "#0 = :0";
    }
    in.key_condition.names = names + "}";
    in.key_condition.values = values + "}";
    const std::vector<std::string> items = client_->query(table_, in);
    if (items.empty()) return;
    std::vector<config::Node> decoded;
    decoded.reserve(items.size());
    for (const std::string& item : items) {
      decoded.push_back(aws::unmarshal_item(json::Value::view_raw(item)));
    }
    kv::write(msg, obj_.target_key, config::Node::make_array(std::move(decoded)));
  }

  const std::string table_;
  const std::unique_ptr<aws::DynamoDbClient> client_;
  const std::string partition_key_;
  const std::string sort_key_;
  const int32_t limit_;
  const bool forward_;
  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_enrich_aws_dynamodb_query(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  if (!obj.has_target()) s.child("object").missing("target_key");
  const config::Settings attrs = s.child("attributes");
  std::string pk = attrs.string("partition_key");
  if (pk.empty()) attrs.missing("partition_key");
  auto [arn, options] = read_aws_arn(s);
  const int64_t limit = s.integer("limit");
  if (limit < 0 || limit > INT32_MAX) s.fail("limit", "must be between 0 and 2147483647");
  auto client = std::make_unique<aws::DynamoDbClient>(std::move(options));
  return std::make_shared<EnrichAwsDynamoDbQuery>(
      std::move(arn), std::move(client), std::move(pk), attrs.string("sort_key"),
      static_cast<int32_t>(limit), s.boolean("scan_index_forward"), std::move(obj));
}

}  // namespace sub::transform
