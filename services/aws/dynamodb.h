// Amazon DynamoDB over the awsJson1.0 protocol (DynamoDB_20120810.*). Items, keys and
// expression attribute values are AV maps in their JSON wire form (see attribute_value.h);
// expression attribute names/values are JSON objects ("" when unused).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "services/aws/client.h"
#include "services/aws/partial_retry.h"

namespace sub::aws {

class DynamoDbClient {
 public:
  explicit DynamoDbClient(ClientOptions options) : client_(kDynamoDB, std::move(options)) {}

  // BatchWriteItem takes at most 25 requests; an item is at most 400 KiB.
  static constexpr size_t kMaxBatchCount = 25;
  static constexpr size_t kMaxItemBytes = 400 * 1024;

  struct Expression {
    std::string expression;  // ConditionExpression / UpdateExpression / KeyConditionExpression
    std::string names;       // ExpressionAttributeNames JSON object, or ""
    std::string values;      // ExpressionAttributeValues JSON object (AVs), or ""
  };
  struct QueryInput {
    Expression key_condition;
    int32_t limit = 0;  // 0: no Limit sent
    bool scan_index_forward = true;
    bool consistent_read = false;
  };

  // `table` is a table name or ARN. A failed condition throws ServiceError with code
  // ConditionalCheckFailedException.
  void put_item(std::string_view table, std::string_view item,
                const Expression& condition = {}) const;
  // The item's AV map JSON, or "" when there is none.
  std::string get_item(std::string_view table, std::string_view key,
                       bool consistent_read = false) const;
  // Items (AV map JSON each) of one Query page.
  std::vector<std::string> query(std::string_view table, const QueryInput& input) const;
  // `update.expression` is the UpdateExpression; `condition` (optional) shares the names and
  // values of `update`.
  void update_item(std::string_view table, std::string_view key, const Expression& update,
                   std::string_view condition_expression = "") const;
  void delete_item(std::string_view table, std::string_view key,
                   const Expression& condition = {}) const;

  // One BatchWriteItem call of PutRequests; returns the unprocessed items (AV map JSON).
  std::vector<std::string> batch_put_once(std::string_view table,
                                          const std::vector<std::string>& items,
                                          Client::Clock::time_point deadline) const;
  // BatchWriteItem re-sending UnprocessedItems with backoff, at most options.max_rounds calls;
  // throws naming the table and the items left.
  void batch_put(std::string_view table, const std::vector<std::string>& items,
                 const PartialRetryOptions& options) const;
  void batch_put(std::string_view table, const std::vector<std::string>& items) const;

  const Client& client() const { return client_; }
  PartialRetryOptions retry_options(Client::Clock::time_point deadline) const;
  // The JSON-1.0 call of operation `op` (e.g. "CreateTable"), for tests and tools.
  std::string call(std::string_view op, std::string body,
                   Client::Clock::time_point deadline = Client::Clock::time_point::max()) const;

 private:
  Client client_;
};

}  // namespace sub::aws
