// `substation tap --aws-kinesis-data-stream <ARN>` against moto, as a child process:
// - earliest: records put before and while it runs, on both shards of a 2-shard stream, plain
//   and KPL-aggregated, each come out exactly once with the Lambda handler's metadata; SIGINT
//   ends it with exit code 0;
// - latest: only records put after the iterators were opened; debug lines with
//   SUBSTATION_DEBUG; batched output is flushed by the control message sent on SIGTERM;
// - a bad ARN, a bad offset and a missing stream fail fast with one line.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/gotime/layout.h"
#include "core/json/path.h"
#include "services/aws/kinesis.h"
#include "services/aws/kpl.h"
#include "services/aws/options.h"
#include "tests/integration/cli_process.h"
#include "tests/integration/moto_fixture.h"

namespace sub::itest {
namespace {

using std::chrono::seconds;

constexpr const char* kAccount = "123456789012";  // moto's default account
// Explicit hash keys at the start of each half of the hash key range: shard 0 and shard 1 of
// 2 (moto rejects the range's last key, 2^128 - 1).
constexpr const char* kShard0 = "0";
constexpr const char* kShard1 = "170141183460469231731687303715884105728";

// The data and metadata of each message, as one JSON object (metadata fields + "data").
// send_stdout writes a batch of 2 when a third message arrives (a count of 1 would mean the
// default, 1000), so lines appear while tap runs and the rest on the control message.
constexpr const char* kExpose =
    R"({"transforms":[{"type":"object_copy","settings":{"object":{"target_key":"meta data"}}},)"
    R"({"type":"object_copy","settings":{"object":{"source_key":"meta @this"}}},)"
    R"({"type":"send_stdout","settings":{"batch":{"count":2}}}]})";
// Everything held until the control message.
constexpr const char* kHeld =
    R"({"transforms":[{"type":"send_stdout","settings":{"batch":{"count":1000,"duration":"10m"}}}]})";

std::string arn_of(const std::string& name) {
  return std::string("arn:aws:kinesis:us-east-1:") + kAccount + ":stream/" + name;
}

class CliTap : public MotoTest {
 protected:
  void SetUp() override {
    MotoTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    char tmpl[] = "/tmp/sub-cli-tap-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::string config(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  void create_stream(const std::string& name, int shards) {
    kinesis_.client().json(
        "Kinesis_20131202.CreateStream",
        "{\"StreamName\":\"" + name + "\",\"ShardCount\":" + std::to_string(shards) + "}", "1.1");
  }

  aws::KinesisClient kinesis_{aws::make_client_options()};
  std::string dir_;
};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST_F(CliTap, EarliestReadsEveryRecordOnceWithMetadata) {
  const std::string name = "cli-tap-earliest";
  const std::string arn = arn_of(name);
  create_stream(name, 2);

  std::vector<std::string> expected;
  std::vector<aws::KinesisClient::Entry> before;
  for (int i = 0; i < 6; ++i) {
    before.push_back({"{\"n\":" + std::to_string(i) + "}", "pk-" + std::to_string(i),
                      i % 2 == 0 ? kShard0 : kShard1});
    expected.push_back(before.back().data);
  }
  const std::vector<aws::KinesisClient::PutResult> put = kinesis_.put_records_once(arn, before);
  ASSERT_EQ(put[0].error_code, "");
  ASSERT_NE(put[0].shard_id, put[1].shard_id) << "both shards hold records";

  CliProcess tap({"tap", config("expose.json", kExpose), "--aws-kinesis-data-stream", arn,
                  "--offset", "earliest"});
  ASSERT_TRUE(tap.started());

  // While it runs: one KPL aggregate of 5 user records and 2 more plain records.
  aws::KplAggregator agg;
  for (int j = 0; j < 5; ++j) {
    const std::string data = "{\"kpl\":" + std::to_string(j) + "}";
    ASSERT_TRUE(agg.add(data, "kpl-" + std::to_string(j)));
    expected.push_back(data);
  }
  const std::vector<aws::KinesisClient::PutResult> put_agg =
      kinesis_.put_records_once(arn, {{agg.get(), agg.partition_key(), kShard1}});
  ASSERT_EQ(put_agg[0].error_code, "");
  kinesis_.put_records(arn, {{"{\"late\":1}", "late", kShard0}, {"{\"late\":2}", "late", kShard1}});
  expected.push_back("{\"late\":1}");
  expected.push_back("{\"late\":2}");

  // 13 messages in batches of 2: 12 lines while it runs, the last with the control message
  // sent on SIGINT.
  const bool all_but_last = tap.wait_for_out(
      [&](const std::string& out) { return lines_of(out).size() + 1 >= expected.size(); },
      seconds(30));
  EXPECT_EQ(lines_of(tap.out()).size() + 1, expected.size());
  EXPECT_TRUE(all_but_last) << "stdout:\n" << tap.out() << "stderr:\n" << tap.err();
  tap.signal(SIGINT);
  EXPECT_EQ(tap.wait(seconds(10)), 0) << tap.err();
  EXPECT_EQ(tap.err(), "");

  const std::vector<std::string> lines = lines_of(tap.out());
  std::vector<std::string> data;
  std::string first, kpl2;
  for (const std::string& line : lines) {
    data.emplace_back(json::get(line, "data").raw());
    if (data.back() == "{\"n\":0}") first = line;
    if (data.back() == "{\"kpl\":2}") kpl2 = line;
  }
  EXPECT_EQ(sorted(data), sorted(expected)) << tap.out();

  // A plain record: the Lambda AWS_KINESIS_DATA_STREAM handler's metadata.
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first.rfind("{\"approximateArrivalTimestamp\":\"", 0), 0u) << first;
  EXPECT_EQ(json::get(first, "stream").to_string(), arn);
  EXPECT_EQ(json::get(first, "partitionKey").to_string(), "pk-0");
  EXPECT_EQ(json::get(first, "sequenceNumber").to_string(), put[0].sequence_number);
  // The arrival time in UTC with at most millisecond digits (the Go SDK's decoding), within a
  // millisecond of what GetRecords reports.
  const std::string when = json::get(first, "approximateArrivalTimestamp").to_string();
  ASSERT_FALSE(when.empty());
  EXPECT_EQ(when.back(), 'Z') << when;
  const size_t dot = when.find('.');
  if (dot != std::string::npos) {
    EXPECT_LE(when.size() - dot - 2, 3u) << when;
  }
  const gotime::Instant t = gotime::parse("2006-01-02T15:04:05Z07:00", when, *gotime::Zone::utc());
  const std::string it = kinesis_.get_shard_iterator(name, put[0].shard_id, "AT_SEQUENCE_NUMBER",
                                                     put[0].sequence_number);
  const aws::KinesisClient::GetRecordsResult got = kinesis_.get_records(it, 1);
  ASSERT_EQ(got.records.size(), 1u);
  EXPECT_LT(std::fabs(static_cast<double>(t.unix_nano()) - got.records[0].arrival_timestamp * 1e9),
            1e6)
      << when;

  // A user record of the aggregate: its own partition key, the aggregate's sequence number.
  ASSERT_FALSE(kpl2.empty());
  EXPECT_EQ(json::get(kpl2, "partitionKey").to_string(), "kpl-2");
  EXPECT_EQ(json::get(kpl2, "sequenceNumber").to_string(), put_agg[0].sequence_number);
  EXPECT_EQ(json::get(kpl2, "stream").to_string(), arn);
}

TEST_F(CliTap, LatestSkipsOlderRecordsAndFlushesOnSigterm) {
  const std::string name = "cli-tap-latest";
  const std::string arn = arn_of(name);
  create_stream(name, 1);
  kinesis_.put_records(arn, {{"before", "k", ""}});

  CliProcess tap({"tap", config("held.json", kHeld), "--aws-kinesis-data-stream", arn},
                 {{"SUBSTATION_DEBUG", "1"}});
  ASSERT_TRUE(tap.started());
  ASSERT_TRUE(tap.wait_for_err(
      [](const std::string& err) {
        return err.find("\"msg\":\"Reading Kinesis shards.\"") != std::string::npos;
      },
      seconds(30)))
      << tap.err();
  kinesis_.put_records(arn, {{"after", "k", ""}});
  ASSERT_TRUE(tap.wait_for_err(
      [](const std::string& err) {
        return err.find("\"msg\":\"Retrieved records from Kinesis shard.\"") != std::string::npos;
      },
      seconds(30)))
      << tap.err();
  EXPECT_EQ(tap.out(), "") << "held until the control message";

  tap.signal(SIGTERM);
  EXPECT_EQ(tap.wait(seconds(10)), 0) << tap.err();
  EXPECT_EQ(tap.out(), "after\n");
  const std::string err = tap.err();
  EXPECT_NE(err.find("\"level\":\"debug\",\"msg\":\"Retrieved active shards from Kinesis "
                     "stream.\",\"stream\":\"" +
                     arn + "\",\"count\":\"1\""),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("\"msg\":\"Flushed Substation pipeline.\""), std::string::npos) << err;
}

TEST_F(CliTap, StopsPromptlyWithoutRecords) {
  const std::string name = "cli-tap-idle";
  create_stream(name, 2);
  CliProcess tap({"tap", "--aws-kinesis-data-stream", arn_of(name)}, {{"SUBSTATION_DEBUG", "1"}});
  ASSERT_TRUE(tap.wait_for_err(
      [](const std::string& err) {
        return err.find("Reading Kinesis shards.") != std::string::npos;
      },
      seconds(30)))
      << tap.err();
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // a few idle polls
  const auto t0 = std::chrono::steady_clock::now();
  tap.signal(SIGINT);
  EXPECT_EQ(tap.wait(seconds(10)), 0) << tap.err();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, seconds(2));
  EXPECT_EQ(tap.out(), "");
}

TEST_F(CliTap, TransformErrorEndsItWithOneLine) {
  // An error in a worker thread reaches the main thread, stops the readers and is reported.
  const std::string name = "cli-tap-error";
  create_stream(name, 2);
  kinesis_.put_records(arn_of(name), {{"x", "k", ""}});
  CliProcess tap({"tap",
                  config("err.json", R"({"transforms":[{"type":"utility_err",)"
                                     R"("settings":{"message":"boom"}},{"type":"send_stdout"}]})"),
                  "--aws-kinesis-data-stream", arn_of(name), "--offset", "earliest"});
  EXPECT_EQ(tap.wait(seconds(15)), 1) << tap.err();
  EXPECT_EQ(tap.err(), "substation tap: boom\n");
  EXPECT_EQ(tap.out(), "");
}

TEST_F(CliTap, BadArnOffsetAndMissingStreamFailFast) {
  CliResult r = run_cli({"tap", "--aws-kinesis-data-stream", "not-an-arn"}, seconds(30));
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.rfind("substation tap: invalid Kinesis data stream ARN: not-an-arn", 0), 0u)
      << r.err;
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_LT(r.seconds, 5);

  r = run_cli({"tap", "--aws-kinesis-data-stream", "arn:aws:sqs:us-east-1:123456789012:queue"},
              seconds(30));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("invalid Kinesis data stream ARN"), std::string::npos) << r.err;

  r = run_cli({"tap", "--aws-kinesis-data-stream", arn_of("x"), "--offset", "oldest"}, seconds(30));
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "substation tap: invalid offset: oldest (use latest or earliest)\n");

  const std::string missing = arn_of("cli-tap-no-such-stream");
  r = run_cli({"tap", "--aws-kinesis-data-stream", missing}, seconds(30));
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.rfind("substation tap: " + missing +
                            ": aws kinesis ListShards: "
                            "ResourceNotFoundException",
                        0),
            0u)
      << r.err;
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_LT(r.seconds, 10);
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace sub::itest
