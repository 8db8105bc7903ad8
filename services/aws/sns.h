// Amazon SNS over the awsQuery protocol: PublishBatch with partial-failure re-sends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "services/aws/client.h"
#include "services/aws/partial_retry.h"

namespace sub::aws {

class SnsClient {
 public:
  explicit SnsClient(ClientOptions options) : client_(kSns, std::move(options)) {}

  // PublishBatch takes at most 10 entries and 256 KiB in total.
  static constexpr size_t kMaxBatchCount = 10;
  static constexpr size_t kMaxBatchBytes = 256 * 1024;

  struct Entry {
    std::string message;
    std::string message_group_id;  // FIFO topics only
    std::string deduplication_id;  // optional
  };

  // One PublishBatch call; the failures index `entries`.
  std::vector<EntryFailure> publish_batch_once(std::string_view topic_arn,
                                               const std::vector<Entry>& entries,
                                               Client::Clock::time_point deadline) const;
  // PublishBatch re-sending only failed entries (see partial_retry.h).
  void publish_batch(std::string_view topic_arn, const std::vector<Entry>& entries,
                     const PartialRetryOptions& options) const;
  void publish_batch(std::string_view topic_arn, const std::vector<Entry>& entries) const;

  const Client& client() const { return client_; }
  PartialRetryOptions retry_options(Client::Clock::time_point deadline) const;

 private:
  Client client_;
};

}  // namespace sub::aws
