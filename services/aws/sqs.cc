#include "services/aws/sqs.h"

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "services/aws/arn.h"

namespace sub::aws {

namespace {

constexpr std::string_view kTarget = "AmazonSQS.";

std::string call(const Client& c, std::string_view op, std::string body,
                 Client::Clock::time_point deadline = Client::Clock::time_point::max()) {
  return c.json(std::string(kTarget) + std::string(op), std::move(body), "1.0", deadline);
}

void append_field(std::string& body, std::string_view name, std::string_view value) {
  if (body.back() != '{' && body.back() != '[') body.push_back(',');
  body.push_back('"');
  body += name;
  body += "\":";
  json::append_go_string(body, value);
}

}  // namespace

std::string SqsClient::queue_url_from_arn(std::string_view arn) {
  Arn a = Arn::parse(arn);
  if (a.service != "sqs" || a.region.empty() || a.account.empty() || a.resource.empty()) {
    throw Error("aws sqs: \"" + std::string(arn) + "\" is not an SQS queue ARN");
  }
  std::string domain = "amazonaws.com";
  if (a.partition == "aws-cn") domain = "amazonaws.com.cn";
  return "https://sqs." + a.region + "." + domain + "/" + a.account + "/" + a.resource;
}

PartialRetryOptions SqsClient::retry_options(Client::Clock::time_point deadline) const {
  PartialRetryOptions o;
  o.policy = client_.options().retry;
  o.deadline = deadline;
  return o;
}

std::vector<EntryFailure> SqsClient::send_message_batch_once(
    std::string_view queue_url, const std::vector<Entry>& entries,
    Client::Clock::time_point deadline) const {
  std::string body = "{";
  append_field(body, "QueueUrl", queue_url);
  body += ",\"Entries\":[";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) body.push_back(',');
    body += "{";
    append_field(body, "Id", std::to_string(i));
    append_field(body, "MessageBody", entries[i].body);
    if (!entries[i].message_group_id.empty()) {
      append_field(body, "MessageGroupId", entries[i].message_group_id);
    }
    if (!entries[i].deduplication_id.empty()) {
      append_field(body, "MessageDeduplicationId", entries[i].deduplication_id);
    }
    body += "}";
  }
  body += "]}";
  const std::string resp = call(client_, "SendMessageBatch", std::move(body), deadline);
  std::vector<EntryFailure> failures;
  size_t ok = 0;
  json::get(resp, "Successful").for_each([&](const json::Value&, const json::Value&) {
    ++ok;
    return true;
  });
  json::get(resp, "Failed").for_each([&](const json::Value&, const json::Value& f) {
    EntryFailure e;
    const std::string id = f.get("Id").to_string();
    e.index = id.empty() ? entries.size() : static_cast<size_t>(f.get("Id").to_uint());
    if (id != std::to_string(e.index)) e.index = entries.size();
    e.code = f.get("Code").to_string();
    e.message = f.get("Message").to_string();
    e.retryable = !f.get("SenderFault").to_bool() || RetryPolicy::retryable_code(e.code, 0);
    failures.push_back(std::move(e));
    return true;
  });
  if (ok + failures.size() != entries.size()) {
    throw Error("aws sqs SendMessageBatch " + std::string(queue_url) + ": response has " +
                std::to_string(ok + failures.size()) + " results for " +
                std::to_string(entries.size()) + " entries");
  }
  return failures;
}

void SqsClient::send_message_batch(std::string_view queue_url, const std::vector<Entry>& entries,
                                   const PartialRetryOptions& options) const {
  send_with_partial_retry(
      "aws sqs SendMessageBatch " + std::string(queue_url), entries.size(),
      [&](const std::vector<size_t>& idx) {
        std::vector<Entry> subset;
        subset.reserve(idx.size());
        for (size_t i : idx) subset.push_back(entries[i]);
        return send_message_batch_once(queue_url, subset, options.deadline);
      },
      options);
}

void SqsClient::send_message_batch(std::string_view queue_url,
                                   const std::vector<Entry>& entries) const {
  send_message_batch(queue_url, entries, retry_options(Client::Clock::time_point::max()));
}

std::vector<SqsClient::Message> SqsClient::receive_messages(std::string_view queue_url,
                                                            int max_messages,
                                                            int wait_seconds) const {
  std::string body = "{";
  append_field(body, "QueueUrl", queue_url);
  body += ",\"MaxNumberOfMessages\":" + std::to_string(max_messages);
  body += ",\"WaitTimeSeconds\":" + std::to_string(wait_seconds);
  body += ",\"MessageSystemAttributeNames\":[\"All\"],\"AttributeNames\":[\"All\"]}";
  const std::string resp = call(client_, "ReceiveMessage", std::move(body));
  std::vector<Message> out;
  json::get(resp, "Messages").for_each([&](const json::Value&, const json::Value& m) {
    Message msg;
    msg.body = m.get("Body").to_string();
    msg.message_id = m.get("MessageId").to_string();
    msg.receipt_handle = m.get("ReceiptHandle").to_string();
    msg.message_group_id = m.get("Attributes.MessageGroupId").to_string();
    out.push_back(std::move(msg));
    return true;
  });
  return out;
}

void SqsClient::delete_messages(std::string_view queue_url,
                                const std::vector<Message>& messages) const {
  for (size_t start = 0; start < messages.size(); start += kMaxBatchCount) {
    std::string body = "{";
    append_field(body, "QueueUrl", queue_url);
    body += ",\"Entries\":[";
    for (size_t i = start; i < messages.size() && i < start + kMaxBatchCount; ++i) {
      if (i > start) body.push_back(',');
      body += "{";
      append_field(body, "Id", std::to_string(i));
      append_field(body, "ReceiptHandle", messages[i].receipt_handle);
      body += "}";
    }
    body += "]}";
    const std::string resp = call(client_, "DeleteMessageBatch", std::move(body));
    if (json::get(resp, "Failed.#").to_int() > 0) {
      throw Error("aws sqs DeleteMessageBatch " + std::string(queue_url) + ": " +
                  json::get(resp, "Failed.0.Code").to_string());
    }
  }
}

std::string SqsClient::get_queue_url(std::string_view name) const {
  std::string body = "{";
  append_field(body, "QueueName", name);
  body += "}";
  return json::get(call(client_, "GetQueueUrl", std::move(body)), "QueueUrl").to_string();
}

}  // namespace sub::aws
