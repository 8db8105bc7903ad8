// Amazon Data Firehose over the awsJson1.1 protocol: PutRecordBatch with partial-failure
// re-sends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "services/aws/client.h"
#include "services/aws/partial_retry.h"

namespace sub::aws {

class FirehoseClient {
 public:
  explicit FirehoseClient(ClientOptions options) : client_(kFirehose, std::move(options)) {}

  // PutRecordBatch takes at most 500 records and 4 MiB; a record is at most 1,000 KiB.
  static constexpr size_t kMaxBatchCount = 500;
  static constexpr size_t kMaxRecordBytes = 1000 * 1024;

  // The delivery stream name of `stream` (a name, or an ARN "...:deliverystream/<name>").
  static std::string stream_name(std::string_view stream);

  std::vector<EntryFailure> put_record_batch_once(std::string_view stream,
                                                  const std::vector<std::string>& records,
                                                  Client::Clock::time_point deadline) const;
  void put_record_batch(std::string_view stream, const std::vector<std::string>& records,
                        const PartialRetryOptions& options) const;
  void put_record_batch(std::string_view stream, const std::vector<std::string>& records) const;

  const Client& client() const { return client_; }
  PartialRetryOptions retry_options(Client::Clock::time_point deadline) const;

 private:
  Client client_;
};

}  // namespace sub::aws
