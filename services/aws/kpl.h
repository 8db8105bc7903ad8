// KPL record aggregation (the Kinesis Producer Library format): MAGIC F3 89 9A C2, an
// AggregatedRecord protobuf, and the MD5 of the protobuf. See ../shared/fixtures/kpl.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sub::aws {

inline constexpr std::string_view kKplMagic = "\xF3\x89\x9A\xC2";
inline constexpr size_t kKplMaxAggregateSize = 1024 * 1024;

// Builds one aggregated record the way Substation does: one partition-key table entry (and,
// when given, one explicit-hash-key entry) per user record, keys cut to 256 bytes, and no
// more than 1 MiB including magic and digest.
class KplAggregator {
 public:
  // Adds a user record; false (and nothing added) when it would not fit.
  [[nodiscard]] bool add(std::string_view data, std::string_view partition_key,
                         std::string_view explicit_hash_key = "");
  // magic + protobuf + md5(protobuf).
  std::string get() const;
  size_t count() const { return count_; }
  // The first user record's partition key (the aggregate's own PartitionKey).
  const std::string& partition_key() const { return first_partition_key_; }
  void reset();

 private:
  size_t protobuf_size() const { return pk_table_.size() + ehk_table_.size() + records_.size(); }
  std::string pk_table_;   // encoded field-1 entries
  std::string ehk_table_;  // encoded field-2 entries
  std::string records_;    // encoded field-3 entries
  size_t count_ = 0;
  size_t ehk_count_ = 0;  // entries of ehk_table_: a record's index into it
  std::string first_partition_key_;
};

struct KplUserRecord {
  std::string data;
  std::string partition_key;
  std::string explicit_hash_key;
};

// De-aggregates `record` into `out` (appending) and returns true when it is a KPL aggregate:
// at least 4 bytes, the magic, more than 16 bytes after it, and a matching MD5. Otherwise
// returns false and leaves `out` alone (the caller passes the record through). A record whose
// digest matches but whose protobuf is malformed throws sub::Error.
[[nodiscard]] bool kpl_deaggregate(std::string_view record, std::vector<KplUserRecord>& out);

}  // namespace sub::aws
