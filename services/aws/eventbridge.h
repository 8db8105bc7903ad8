// Amazon EventBridge over the awsJson1.1 protocol: PutEvents with partial-failure re-sends
// (the reference ignored FailedEntryCount).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "services/aws/client.h"
#include "services/aws/partial_retry.h"

namespace sub::aws {

class EventBridgeClient {
 public:
  explicit EventBridgeClient(ClientOptions options) : client_(kEventBridge, std::move(options)) {}

  // PutEvents takes at most 10 entries and 256 KiB in total.
  static constexpr size_t kMaxBatchCount = 10;
  static constexpr size_t kMaxBatchBytes = 256 * 1024;

  struct Entry {
    std::string source;
    std::string detail_type;
    std::string detail;          // a JSON object
    std::string event_bus_name;  // name or ARN; "" for the default bus
  };

  std::vector<EntryFailure> put_events_once(const std::vector<Entry>& entries,
                                            Client::Clock::time_point deadline) const;
  void put_events(const std::vector<Entry>& entries, const PartialRetryOptions& options) const;
  void put_events(const std::vector<Entry>& entries) const;

  const Client& client() const { return client_; }
  PartialRetryOptions retry_options(Client::Clock::time_point deadline) const;

 private:
  Client client_;
};

}  // namespace sub::aws
