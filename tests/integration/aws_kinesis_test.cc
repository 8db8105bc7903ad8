// Kinesis against moto: records put with our client are read back with our client and with
// boto3, byte for byte; KPL aggregates survive the round trip.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "services/aws/kinesis.h"
#include "services/aws/kpl.h"
#include "services/aws/options.h"
#include "tests/integration/moto_fixture.h"

namespace sub::aws {
namespace {

using sub::itest::MotoTest;

class KinesisMoto : public MotoTest {
 protected:
  void create_stream(const KinesisClient& k, const std::string& name) {
    k.client().json("Kinesis_20131202.CreateStream",
                    "{\"StreamName\":\"" + name + "\",\"ShardCount\":1}", "1.1");
  }
};

std::vector<std::string> read_all(const KinesisClient& k, const std::string& stream,
                                  std::vector<std::string>* keys = nullptr) {
  std::vector<std::string> out;
  for (const std::string& shard : k.list_shards(stream)) {
    std::string it = k.get_shard_iterator(stream, shard, "TRIM_HORIZON");
    for (int i = 0; i < 20 && !it.empty(); ++i) {
      KinesisClient::GetRecordsResult r = k.get_records(it);
      for (auto& rec : r.records) {
        out.push_back(rec.data);
        if (keys != nullptr) keys->push_back(rec.partition_key);
      }
      if (r.records.empty()) break;
      it = r.next_shard_iterator;
    }
  }
  return out;
}

TEST_F(KinesisMoto, PutRecordsReadBackByUsAndBoto3) {
  KinesisClient k(make_client_options());
  create_stream(k, "kds-roundtrip");
  std::string arn = "arn:aws:kinesis:us-east-1:123456789012:stream/kds-roundtrip";
  std::vector<KinesisClient::Entry> entries;
  std::vector<std::string> sent;
  for (int i = 0; i < 25; ++i) {
    std::string data = "{\"n\":" + std::to_string(i) + ",\"s\":\"\xE2\x82\xAC \\u0000\"}";
    if (i == 3) data = std::string("\x00\x01\xFF binary", 10);
    sent.push_back(data);
    entries.push_back({data, "pk-" + std::to_string(i % 3), ""});
  }
  k.put_records(arn, entries);

  std::vector<std::string> keys;
  std::vector<std::string> got = read_all(k, "kds-roundtrip", &keys);
  EXPECT_EQ(got, sent);
  ASSERT_EQ(keys.size(), 25u);
  EXPECT_EQ(keys[4], "pk-1");

  if (!sub::itest::have_boto3()) GTEST_SKIP() << "boto3 not installed: boto3 cross-check skipped";
  std::string out = sub::itest::run_python(R"(
import base64, boto3
k = boto3.client("kinesis")
for s in k.list_shards(StreamName="kds-roundtrip")["Shards"]:
    it = k.get_shard_iterator(StreamName="kds-roundtrip", ShardId=s["ShardId"],
                              ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    for r in k.get_records(ShardIterator=it, Limit=1000)["Records"]:
        print(base64.b64encode(r["Data"]).decode())
)");
  std::vector<std::string> boto;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t nl = out.find('\n', pos);
    std::string line = out.substr(pos, nl - pos);
    std::string raw;
    ASSERT_TRUE(json::base64_decode(line, raw));
    boto.push_back(raw);
    pos = nl == std::string::npos ? out.size() : nl + 1;
  }
  EXPECT_EQ(boto, sent);
}

TEST_F(KinesisMoto, Boto3RecordsReadByUs) {
  if (!sub::itest::have_boto3()) GTEST_SKIP() << "boto3 not installed";
  KinesisClient k(make_client_options());
  create_stream(k, "kds-from-boto");
  sub::itest::run_python(R"(
import boto3
k = boto3.client("kinesis")
k.put_records(StreamName="kds-from-boto", Records=[
    {"Data": b"alpha", "PartitionKey": "a"},
    {"Data": bytes(range(256)), "PartitionKey": "b"}])
)");
  std::vector<std::string> got = read_all(k, "kds-from-boto");
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  EXPECT_EQ(got, (std::vector<std::string>{"alpha", all}));
}

TEST_F(KinesisMoto, KplAggregateRoundTrip) {
  KinesisClient k(make_client_options());
  create_stream(k, "kds-kpl");
  KplAggregator agg;
  std::vector<std::string> sent;
  for (int i = 0; i < 100; ++i) {
    sent.push_back("event " + std::to_string(i));
    ASSERT_TRUE(agg.add(sent.back(), "partition"));
  }
  k.put_records("kds-kpl", {{agg.get(), agg.partition_key(), ""}});
  std::vector<std::string> got = read_all(k, "kds-kpl");
  ASSERT_EQ(got.size(), 1u);
  std::vector<KplUserRecord> users;
  ASSERT_TRUE(kpl_deaggregate(got[0], users));
  ASSERT_EQ(users.size(), sent.size());
  for (size_t i = 0; i < sent.size(); ++i) EXPECT_EQ(users[i].data, sent[i]);
}

TEST_F(KinesisMoto, DescribeAndErrors) {
  KinesisClient k(make_client_options());
  create_stream(k, "kds-describe");
  std::string summary = k.describe_stream_summary("kds-describe");
  EXPECT_EQ(json::get(summary, "StreamName").to_string(), "kds-describe");
  EXPECT_EQ(json::get(summary, "OpenShardCount").to_int(), 1);
  try {
    k.put_records("no-such-stream", {{"x", "k", ""}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("ResourceNotFoundException"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace sub::aws
