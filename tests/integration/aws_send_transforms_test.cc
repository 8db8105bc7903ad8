// send_aws_kinesis_data_stream and send_aws_s3 built from configuration and run against moto.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "catalogue/config_builder.h"
#include "config/node.h"
#include "core/error.h"
#include "services/aws/kinesis.h"
#include "services/aws/kpl.h"
#include "services/aws/options.h"
#include "services/aws/s3.h"
#include "tests/integration/moto_fixture.h"
#include "tests/integration/s3_bucket.h"

namespace sub {

namespace {

using sub::itest::MotoTest;

std::shared_ptr<transform::Transform> build(const std::string& type,
                                            const std::string& settings_json) {
  const catalogue::Registry& registry = catalogue::Registry::builtin();
  services::Services services;
  catalogue::ConfigBuilder builder(registry, services);
  const config::Node settings = config::Node::parse(settings_json);
  return registry.transform(type)(config::Settings(&settings, "transform " + type), builder);
}

void run(transform::Transform& tf, const std::vector<std::string>& data) {
  std::vector<Message> out;
  for (const std::string& d : data) tf.transform(Message(d), out, Context{});
  tf.transform(Message::control(), out, Context{});
  ASSERT_EQ(out.size(), data.size() + 1);
  for (size_t i = 0; i < data.size(); ++i) EXPECT_EQ(out[i].data(), data[i]);
}

std::vector<aws::KinesisClient::Record> read_stream(const aws::KinesisClient& k,
                                                    const std::string& stream) {
  std::vector<aws::KinesisClient::Record> out;
  for (const std::string& shard : k.list_shards(stream)) {
    std::string it = k.get_shard_iterator(stream, shard, "TRIM_HORIZON");
    for (int i = 0; i < 20 && !it.empty(); ++i) {
      auto r = k.get_records(it);
      if (r.records.empty()) break;
      for (auto& rec : r.records) out.push_back(std::move(rec));
      it = r.next_shard_iterator;
    }
  }
  return out;
}

class SendAwsMoto : public MotoTest {};

TEST_F(SendAwsMoto, KinesisDataStreamPlainAndAggregated) {
  aws::KinesisClient k(aws::make_client_options());
  for (const char* name : {"tf-plain", "tf-agg"}) {
    k.client().json("Kinesis_20131202.CreateStream",
                    std::string("{\"StreamName\":\"") + name + "\",\"ShardCount\":2}", "1.1");
  }
  std::vector<std::string> data;
  for (int i = 0; i < 40; ++i) {
    data.push_back("{\"id\":" + std::to_string(i) + ",\"g\":\"" + (i % 2 ? "odd" : "even") + "\"}");
  }
  auto plain = build("send_aws_kinesis_data_stream",
                     R"({"aws":{"arn":"arn:aws:kinesis:us-east-1:123456789012:stream/tf-plain"},
                         "object":{"batch_key":"g"},"use_batch_key_as_partition_key":true})");
  run(*plain, data);
  auto recs = read_stream(k, "tf-plain");
  ASSERT_EQ(recs.size(), data.size());
  std::multiset<std::string> want(data.begin(), data.end()), got;
  for (auto& r : recs) {
    got.insert(r.data);
    EXPECT_EQ(r.partition_key, r.data.find("odd") != std::string::npos ? "odd" : "even");
  }
  EXPECT_EQ(got, want);

  auto agg = build("send_aws_kinesis_data_stream",
                   R"({"aws":{"arn":"arn:aws:kinesis:us-east-1:123456789012:stream/tf-agg"},
                       "enable_record_aggregation":true})");
  run(*agg, data);
  recs = read_stream(k, "tf-agg");
  ASSERT_EQ(recs.size(), 1u);
  std::vector<aws::KplUserRecord> users;
  ASSERT_TRUE(aws::kpl_deaggregate(recs[0].data, users));
  ASSERT_EQ(users.size(), data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    EXPECT_EQ(users[i].data, data[i]);
    EXPECT_EQ(users[i].partition_key, recs[0].partition_key);
  }
}

TEST_F(SendAwsMoto, S3WritesBatchesWithAuxiliaryFraming) {
  aws::S3Client s3(aws::make_client_options());
  itest::create_bucket(s3, "tf-bucket");

  auto tf = build("send_aws_s3", R"({"aws":{"arn":"arn:aws:s3:::tf-bucket"},
      "storage_class":"STANDARD", "use_batch_key_as_prefix":true, "object":{"batch_key":"k"},
      "file_path":{"prefix":"unused","suffix":".bin"}})");
  run(*tf, {R"({"k":"a","v":1})", R"({"k":"b","v":2})", R"({"k":"a","v":3})"});
  EXPECT_EQ(s3.get_object("tf-bucket", "a.bin"), R"({"k":"a","v":1}{"k":"a","v":3})");
  EXPECT_EQ(s3.get_object("tf-bucket", "b.bin"), R"({"k":"b","v":2})");
}

TEST(SendAwsConfig, MissingSettingsAreNamed) {
  try {
    build("send_aws_kinesis_data_stream", "{}");
    FAIL() << "expected an error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("aws.arn"), std::string::npos) << e.what();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("aws.arn"), std::string::npos) << e.what();
  }
  try {
    build("send_aws_s3", R"({"aws":{"arn":"arn:aws:s3:::b"}})");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("storage_class"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sub
