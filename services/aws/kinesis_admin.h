// Kinesis Data Streams administration (awsJson1.1, Kinesis_20131202.*): the calls the
// shard autoscaler makes — counting open shards, resharding, stream status and tags.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "services/aws/client.h"

namespace sub::aws {

class KinesisAdminClient {
 public:
  explicit KinesisAdminClient(ClientOptions options) : client_(kKinesis, std::move(options)) {}

  using Tag = std::pair<std::string, std::string>;  // key, value

  // ListShards (every page): the shards without an EndingSequenceNumber.
  int64_t active_shard_count(std::string_view stream) const;
  // UpdateShardCount with ScalingType UNIFORM_SCALING.
  void update_shard_count(std::string_view stream, int64_t target) const;
  // DescribeStreamSummary: StreamStatus (CREATING, DELETING, ACTIVE, UPDATING).
  std::string stream_status(std::string_view stream) const;
  // ListTagsForStream, following HasMoreTags with ExclusiveStartTagKey.
  std::vector<Tag> list_tags(std::string_view stream) const;
  // AddTagsToStream (at most 50 tags per call).
  void add_tags(std::string_view stream, const std::vector<Tag>& tags) const;

  const Client& client() const { return client_; }

 private:
  Client client_;
};

}  // namespace sub::aws
