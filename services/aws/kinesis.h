// Kinesis Data Streams over the awsJson1.1 protocol (Kinesis_20131202.*).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "services/aws/client.h"

namespace sub::aws {

class KinesisClient {
 public:
  explicit KinesisClient(ClientOptions options) : client_(kKinesis, std::move(options)) {}

  struct Entry {
    std::string data;
    std::string partition_key;
    std::string explicit_hash_key;  // optional
  };
  struct PutResult {
    std::string sequence_number;
    std::string shard_id;
    std::string error_code;  // empty on success
    std::string error_message;
  };
  struct Record {
    std::string data;
    std::string partition_key;
    std::string sequence_number;
    double arrival_timestamp = 0;  // epoch seconds
  };
  struct GetRecordsResult {
    std::vector<Record> records;
    std::string next_shard_iterator;
    int64_t millis_behind_latest = 0;
  };

  // One PutRecords call (`stream` is a stream ARN or a name); one result per entry.
  std::vector<PutResult> put_records_once(
      std::string_view stream, const std::vector<Entry>& entries,
      Client::Clock::time_point deadline = Client::Clock::time_point::max()) const;
  // PutRecords that re-sends only the failed entries, up to `max_rounds` calls with
  // full-jitter backoff between them; throws naming the stream and the remaining failures.
  void put_records(std::string_view stream, const std::vector<Entry>& entries, int max_rounds = 8,
                   Client::Clock::time_point deadline = Client::Clock::time_point::max()) const;

  std::vector<std::string> list_shards(std::string_view stream) const;
  // type: TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER.
  std::string get_shard_iterator(std::string_view stream, std::string_view shard_id,
                                 std::string_view type,
                                 std::string_view sequence_number = "") const;
  GetRecordsResult get_records(std::string_view shard_iterator, int limit = 1000) const;
  // The raw StreamDescriptionSummary JSON object.
  std::string describe_stream_summary(std::string_view stream) const;

  const Client& client() const { return client_; }

 private:
  Client client_;
};

}  // namespace sub::aws
