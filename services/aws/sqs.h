// Amazon SQS over the awsJson1.0 protocol (AmazonSQS.*): SendMessageBatch with partial-failure
// re-sends, ReceiveMessage and DeleteMessageBatch (used to read queues back), GetQueueUrl.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "services/aws/client.h"
#include "services/aws/partial_retry.h"

namespace sub::aws {

class SqsClient {
 public:
  explicit SqsClient(ClientOptions options) : client_(kSqs, std::move(options)) {}

  // SendMessageBatch takes at most 10 entries and 256 KiB in total.
  static constexpr size_t kMaxBatchCount = 10;
  static constexpr size_t kMaxBatchBytes = 256 * 1024;

  struct Entry {
    std::string body;
    std::string message_group_id;  // FIFO queues only
    std::string deduplication_id;  // optional
  };
  struct Message {
    std::string body;
    std::string message_id;
    std::string receipt_handle;
    std::string message_group_id;  // attribute MessageGroupId (FIFO)
  };

  // "https://sqs.<region>.<domain>/<account>/<name>" for an SQS queue ARN; throws sub::Error
  // naming the ARN when it is not one.
  static std::string queue_url_from_arn(std::string_view arn);

  // One SendMessageBatch call; the failures index `entries`.
  std::vector<EntryFailure> send_message_batch_once(std::string_view queue_url,
                                                    const std::vector<Entry>& entries,
                                                    Client::Clock::time_point deadline) const;
  // SendMessageBatch re-sending only failed entries (see partial_retry.h).
  void send_message_batch(std::string_view queue_url, const std::vector<Entry>& entries,
                          const PartialRetryOptions& options) const;
  void send_message_batch(std::string_view queue_url, const std::vector<Entry>& entries) const;

  std::vector<Message> receive_messages(std::string_view queue_url, int max_messages = 10,
                                        int wait_seconds = 0) const;
  void delete_messages(std::string_view queue_url, const std::vector<Message>& messages) const;
  std::string get_queue_url(std::string_view name) const;

  const Client& client() const { return client_; }
  PartialRetryOptions retry_options(Client::Clock::time_point deadline) const;

 private:
  Client client_;
};

}  // namespace sub::aws
