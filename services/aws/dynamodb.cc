#include "services/aws/dynamodb.h"

#include <random>
#include <thread>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"

namespace sub::aws {

namespace {

constexpr size_t kListedItems = 3;
constexpr size_t kItemPreview = 200;

void append_table(std::string& body, std::string_view table) {
  body += "\"TableName\":";
  json::append_go_string(body, table);
}

void append_expression(std::string& body, std::string_view field,
                       const DynamoDbClient::Expression& e) {
  if (e.expression.empty()) return;
  body += ",\"";
  body += field;
  body += "\":";
  json::append_go_string(body, e.expression);
}

void append_names_values(std::string& body, const DynamoDbClient::Expression& e) {
  if (!e.names.empty()) body += ",\"ExpressionAttributeNames\":" + e.names;
  if (!e.values.empty()) body += ",\"ExpressionAttributeValues\":" + e.values;
}

}  // namespace

std::string DynamoDbClient::call(std::string_view op, std::string body,
                                 Client::Clock::time_point deadline) const {
  return client_.json("DynamoDB_20120810." + std::string(op), std::move(body), "1.0", deadline);
}

PartialRetryOptions DynamoDbClient::retry_options(Client::Clock::time_point deadline) const {
  PartialRetryOptions o;
  o.policy = client_.options().retry;
  o.deadline = deadline;
  return o;
}

void DynamoDbClient::put_item(std::string_view table, std::string_view item,
                              const Expression& condition) const {
  std::string body = "{";
  append_table(body, table);
  body += ",\"Item\":";
  body += item;
  append_expression(body, "ConditionExpression", condition);
  append_names_values(body, condition);
  body += "}";
  call("PutItem", std::move(body));
}

std::string DynamoDbClient::get_item(std::string_view table, std::string_view key,
                                     bool consistent_read) const {
  std::string body = "{";
  append_table(body, table);
  body += ",\"Key\":";
  body += key;
  if (consistent_read) body += ",\"ConsistentRead\":true";
  body += "}";
  const std::string resp = call("GetItem", std::move(body));
  const json::Value item = json::get(resp, "Item");
  return item.is_object() ? std::string(item.raw()) : std::string();
}

std::vector<std::string> DynamoDbClient::query(std::string_view table,
                                               const QueryInput& input) const {
  std::string body = "{";
  append_table(body, table);
  append_expression(body, "KeyConditionExpression", input.key_condition);
  append_names_values(body, input.key_condition);
  if (input.limit > 0) body += ",\"Limit\":" + std::to_string(input.limit);
  body += input.scan_index_forward ? ",\"ScanIndexForward\":true" : ",\"ScanIndexForward\":false";
  if (input.consistent_read) body += ",\"ConsistentRead\":true";
  body += "}";
  const std::string resp = call("Query", std::move(body));
  std::vector<std::string> items;
  json::get(resp, "Items").for_each([&](const json::Value&, const json::Value& item) {
    items.emplace_back(item.raw());
    return true;
  });
  return items;
}

void DynamoDbClient::update_item(std::string_view table, std::string_view key,
                                 const Expression& update,
                                 std::string_view condition_expression) const {
  std::string body = "{";
  append_table(body, table);
  body += ",\"Key\":";
  body += key;
  append_expression(body, "UpdateExpression", update);
  if (!condition_expression.empty()) {
    body += ",\"ConditionExpression\":";
    json::append_go_string(body, condition_expression);
  }
  append_names_values(body, update);
  body += "}";
  call("UpdateItem", std::move(body));
}

void DynamoDbClient::delete_item(std::string_view table, std::string_view key,
                                 const Expression& condition) const {
  std::string body = "{";
  append_table(body, table);
  body += ",\"Key\":";
  body += key;
  append_expression(body, "ConditionExpression", condition);
  append_names_values(body, condition);
  body += "}";
  call("DeleteItem", std::move(body));
}

std::vector<std::string> DynamoDbClient::batch_put_once(std::string_view table,
                                                        const std::vector<std::string>& items,
                                                        Client::Clock::time_point deadline) const {
  std::string body = "{\"RequestItems\":{";
  json::append_go_string(body, table);
  body += ":[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) body.push_back(',');
    body += "{\"PutRequest\":{\"Item\":";
    body += items[i];
    body += "}}";
  }
  body += "]}}";
  const std::string resp = call("BatchWriteItem", std::move(body), deadline);
  std::vector<std::string> unprocessed;
  json::get(resp, "UnprocessedItems").for_each([&](const json::Value&, const json::Value& reqs) {
    reqs.for_each([&](const json::Value&, const json::Value& r) {
      const json::Value item = r.get("PutRequest.Item");
      if (item.is_object()) unprocessed.emplace_back(item.raw());
      return true;
    });
    return true;
  });
  return unprocessed;
}

void DynamoDbClient::batch_put(std::string_view table, const std::vector<std::string>& items,
                               const PartialRetryOptions& options) const {
  using Clock = Client::Clock;
  std::vector<std::string> pending = items;
  std::minstd_rand rng(std::random_device{}());
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  int rounds = 0;
  const int max_rounds = std::max(1, options.max_rounds);
  while (!pending.empty() && rounds < max_rounds) {
    if (rounds > 0) {
      const auto wait = options.policy.backoff(rounds - 1, uniform(rng));
      if (Clock::now() + wait >= options.deadline) break;
      std::this_thread::sleep_for(wait);
    }
    ++rounds;
    pending = batch_put_once(table, pending, options.deadline);
  }
  if (pending.empty()) return;
  std::string listed;
  for (size_t i = 0; i < pending.size() && i < kListedItems; ++i) {
    if (i > 0) listed += "; ";
    listed +=
        pending[i].size() > kItemPreview ? pending[i].substr(0, kItemPreview) + "..." : pending[i];
  }
  if (pending.size() > kListedItems) {
    listed += "; and " + std::to_string(pending.size() - kListedItems) + " more";
  }
  throw Error("aws dynamodb BatchWriteItem " + std::string(table) + ": " +
              std::to_string(pending.size()) + " of " + std::to_string(items.size()) +
              " items unprocessed after " + std::to_string(rounds) +
              (rounds == 1 ? " attempt: " : " attempts: ") + listed);
}

void DynamoDbClient::batch_put(std::string_view table,
                               const std::vector<std::string>& items) const {
  batch_put(table, items, retry_options(Client::Clock::time_point::max()));
}

}  // namespace sub::aws
