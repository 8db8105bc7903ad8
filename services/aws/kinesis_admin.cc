#include "services/aws/kinesis_admin.h"

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "services/aws/arn.h"

namespace sub::aws {
namespace {

constexpr std::string_view kTarget = "Kinesis_20131202.";
// Bounds of the paginated loops (ListShards returns up to 1000 shards per page, streams
// have at most a few thousand; a stream has at most 50 tags).
constexpr int kMaxPages = 1000;

std::string stream_body(std::string_view stream) {
  std::string body = "{";
  body += Arn::is_arn(stream) ? "\"StreamARN\":" : "\"StreamName\":";
  json::append_go_string(body, stream);
  return body;
}

}  // namespace

int64_t KinesisAdminClient::active_shard_count(std::string_view stream) const {
  int64_t active = 0;
  std::string next;
  for (int page = 0; page < kMaxPages; ++page) {
    std::string body;
    if (next.empty()) {
      body = stream_body(stream) + "}";
    } else {
      body = "{\"NextToken\":";
      json::append_go_string(body, next);
      body += "}";
    }
    const std::string resp =
        client_.json(std::string(kTarget) + "ListShards", std::move(body), "1.1");
    json::get(resp, "Shards").for_each([&](const json::Value&, const json::Value& s) {
      if (!s.get("SequenceNumberRange.EndingSequenceNumber").exists()) ++active;
      return true;
    });
    next = json::get(resp, "NextToken").to_string();
    if (next.empty()) return active;
  }
  throw Error("aws kinesis ListShards " + std::string(stream) + ": more than " +
              std::to_string(kMaxPages) + " pages");
}

void KinesisAdminClient::update_shard_count(std::string_view stream, int64_t target) const {
  std::string body = stream_body(stream);
  body += ",\"TargetShardCount\":";
  json::append_int(body, target);
  body += ",\"ScalingType\":\"UNIFORM_SCALING\"}";
  client_.json(std::string(kTarget) + "UpdateShardCount", std::move(body), "1.1");
}

std::string KinesisAdminClient::stream_status(std::string_view stream) const {
  const std::string resp = client_.json(std::string(kTarget) + "DescribeStreamSummary",
                                        stream_body(stream) + "}", "1.1");
  const json::Value status = json::get(resp, "StreamDescriptionSummary.StreamStatus");
  if (!status.exists()) {
    throw Error("aws kinesis DescribeStreamSummary " + std::string(stream) +
                ": response has no StreamStatus");
  }
  return status.to_string();
}

std::vector<KinesisAdminClient::Tag> KinesisAdminClient::list_tags(std::string_view stream) const {
  std::vector<Tag> tags;
  std::string last;
  for (int page = 0; page < kMaxPages; ++page) {
    std::string body = stream_body(stream);
    if (!last.empty()) {
      body += ",\"ExclusiveStartTagKey\":";
      json::append_go_string(body, last);
    }
    body += "}";
    const std::string resp =
        client_.json(std::string(kTarget) + "ListTagsForStream", std::move(body), "1.1");
    size_t got = 0;
    json::get(resp, "Tags").for_each([&](const json::Value&, const json::Value& t) {
      tags.emplace_back(t.get("Key").to_string(), t.get("Value").to_string());
      ++got;
      return true;
    });
    if (got == 0 || !json::get(resp, "HasMoreTags").to_bool()) return tags;
    last = tags.back().first;
  }
  throw Error("aws kinesis ListTagsForStream " + std::string(stream) + ": more than " +
              std::to_string(kMaxPages) + " pages");
}

void KinesisAdminClient::add_tags(std::string_view stream, const std::vector<Tag>& tags) const {
  std::string body = stream_body(stream);
  body += ",\"Tags\":{";
  for (size_t i = 0; i < tags.size(); ++i) {
    if (i > 0) body.push_back(',');
    json::append_go_string(body, tags[i].first);
    body.push_back(':');
    json::append_go_string(body, tags[i].second);
  }
  body += "}}";
  client_.json(std::string(kTarget) + "AddTagsToStream", std::move(body), "1.1");
}

}  // namespace sub::aws
