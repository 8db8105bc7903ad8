#include "services/aws/kinesis.h"

#include <random>
#include <thread>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "services/aws/arn.h"

namespace sub::aws {

namespace {

constexpr std::string_view kTarget = "Kinesis_20131202.";

void append_stream(std::string& body, std::string_view stream) {
  body += Arn::is_arn(stream) ? "\"StreamARN\":" : "\"StreamName\":";
  json::append_go_string(body, stream);
}

}  // namespace

std::vector<KinesisClient::PutResult> KinesisClient::put_records_once(
    std::string_view stream, const std::vector<Entry>& entries,
    Client::Clock::time_point deadline) const {
  std::string body = "{";
  append_stream(body, stream);
  body += ",\"Records\":[";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) body.push_back(',');
    body += "{\"Data\":\"";
    body += json::base64_encode(entries[i].data);
    body += "\",\"PartitionKey\":";
    json::append_go_string(body, entries[i].partition_key);
    if (!entries[i].explicit_hash_key.empty()) {
      body += ",\"ExplicitHashKey\":";
      json::append_go_string(body, entries[i].explicit_hash_key);
    }
    body.push_back('}');
  }
  body += "]}";
  std::string resp =
      client_.json(std::string(kTarget) + "PutRecords", std::move(body), "1.1", deadline);
  std::vector<PutResult> out;
  json::get(resp, "Records").for_each([&](const json::Value&, const json::Value& r) {
    PutResult p;
    p.sequence_number = r.get("SequenceNumber").to_string();
    p.shard_id = r.get("ShardId").to_string();
    p.error_code = r.get("ErrorCode").to_string();
    p.error_message = r.get("ErrorMessage").to_string();
    out.push_back(std::move(p));
    return true;
  });
  if (out.size() != entries.size()) {
    throw Error("aws kinesis PutRecords " + std::string(stream) + ": response has " +
                std::to_string(out.size()) + " results for " + std::to_string(entries.size()) +
                " records");
  }
  return out;
}

void KinesisClient::put_records(std::string_view stream, const std::vector<Entry>& entries,
                                int max_rounds, Client::Clock::time_point deadline) const {
  std::vector<Entry> pending = entries;
  std::minstd_rand rng(std::random_device{}());
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::string last_error;
  for (int round = 0; round < max_rounds && !pending.empty(); ++round) {
    if (round > 0)
      std::this_thread::sleep_for(client_.options().retry.backoff(round - 1, uniform(rng)));
    std::vector<PutResult> results = put_records_once(stream, pending, deadline);
    std::vector<Entry> failed;
    for (size_t i = 0; i < results.size(); ++i) {
      if (!results[i].error_code.empty()) {
        last_error = results[i].error_code + ": " + results[i].error_message;
        failed.push_back(std::move(pending[i]));
      }
    }
    pending = std::move(failed);
  }
  if (!pending.empty()) {
    throw Error("aws kinesis PutRecords " + std::string(stream) + ": " +
                std::to_string(pending.size()) + " records still failing after " +
                std::to_string(max_rounds) + " attempts (" + last_error + ")");
  }
}

std::vector<std::string> KinesisClient::list_shards(std::string_view stream) const {
  std::vector<std::string> shards;
  std::string next;
  for (int page = 0; page < 1000; ++page) {
    std::string body = "{";
    if (next.empty()) {
      append_stream(body, stream);
    } else {
      body += "\"NextToken\":";
      json::append_go_string(body, next);
    }
    body += "}";
    std::string resp = client_.json(std::string(kTarget) + "ListShards", std::move(body), "1.1");
    json::get(resp, "Shards").for_each([&](const json::Value&, const json::Value& s) {
      shards.push_back(s.get("ShardId").to_string());
      return true;
    });
    next = json::get(resp, "NextToken").to_string();
    if (next.empty()) break;
  }
  return shards;
}

std::string KinesisClient::get_shard_iterator(std::string_view stream, std::string_view shard_id,
                                              std::string_view type,
                                              std::string_view sequence_number) const {
  std::string body = "{";
  append_stream(body, stream);
  body += ",\"ShardId\":";
  json::append_go_string(body, shard_id);
  body += ",\"ShardIteratorType\":";
  json::append_go_string(body, type);
  if (!sequence_number.empty()) {
    body += ",\"StartingSequenceNumber\":";
    json::append_go_string(body, sequence_number);
  }
  body += "}";
  std::string resp =
      client_.json(std::string(kTarget) + "GetShardIterator", std::move(body), "1.1");
  return json::get(resp, "ShardIterator").to_string();
}

KinesisClient::GetRecordsResult KinesisClient::get_records(std::string_view shard_iterator,
                                                           int limit) const {
  std::string body = "{\"ShardIterator\":";
  json::append_go_string(body, shard_iterator);
  body += ",\"Limit\":" + std::to_string(limit) + "}";
  std::string resp = client_.json(std::string(kTarget) + "GetRecords", std::move(body), "1.1");
  GetRecordsResult out;
  json::get(resp, "Records").for_each([&](const json::Value&, const json::Value& r) {
    Record rec;
    if (!json::base64_decode(r.get("Data").to_string(), rec.data)) {
      throw Error("aws kinesis GetRecords: record data is not base64");
    }
    rec.partition_key = r.get("PartitionKey").to_string();
    rec.sequence_number = r.get("SequenceNumber").to_string();
    rec.arrival_timestamp = r.get("ApproximateArrivalTimestamp").to_float();
    out.records.push_back(std::move(rec));
    return true;
  });
  out.next_shard_iterator = json::get(resp, "NextShardIterator").to_string();
  out.millis_behind_latest = json::get(resp, "MillisBehindLatest").to_int();
  return out;
}

std::string KinesisClient::describe_stream_summary(std::string_view stream) const {
  std::string body = "{";
  append_stream(body, stream);
  body += "}";
  std::string resp =
      client_.json(std::string(kTarget) + "DescribeStreamSummary", std::move(body), "1.1");
  return std::string(json::get(resp, "StreamDescriptionSummary").raw());
}

}  // namespace sub::aws
