// The `bootstrap` Lambda runtime under the AWS Lambda Runtime Interface Emulator
// (aws-lambda-rie on loopback): every handler with the shared fixture events, responses and
// error shapes, failing sinks, bad events and settings. Sends go to send_stdout (captured
// from the emulator's stdout) or to moto. Without aws-lambda-rie (PATH, $SUBSTATION_RIE or
// ~/go/bin) the tests skip, unless CI=true, where they fail.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/json/path.h"
#include "moto_fixture.h"
#include "tests/integration/emulator.h"

namespace {

#ifdef SUBSTATION_LAMBDA_BOOTSTRAP
constexpr const char* kBootstrap = SUBSTATION_LAMBDA_BOOTSTRAP;
#else
constexpr const char* kBootstrap = "";
#endif

// The program the emulator starts: $SUBSTATION_LAMBDA_BOOTSTRAP when set (the packaged zip's
// `bootstrap`, or the arm64 one under qemu: tests/integration/CMakeLists.txt), else the
// bootstrap of this build.
std::string bootstrap_program() {
  const char* over = std::getenv("SUBSTATION_LAMBDA_BOOTSTRAP");
  return over != nullptr && *over != '\0' ? over : kBootstrap;
}

std::string fixture(const std::string& rel) {
  const std::string dir = SUBSTATION_SOURCE_DIR;
  std::ifstream in(dir + "/../shared/fixtures/lambda-events/" + rel, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using sub::itest::find_rie;
using sub::itest::http;
using sub::itest::HttpResult;
using sub::itest::slurp;

// Our bootstrap under the emulator, without the Substation variables of this process.
class Rie : public sub::itest::Emulator {
 public:
  Rie(const std::string& rie, const std::map<std::string, std::string>& env)
      : Emulator(rie, bootstrap_program(), env,
                 {"SUBSTATION_LAMBDA_HANDLER", "SUBSTATION_CONFIG",
                  "SUBSTATION_PARTIAL_BATCH_RESPONSE", "SUBSTATION_DEBUG"}) {}

  // Lines the bootstrap wrote to stdout that are not the emulator's own log lines.
  std::vector<std::string> out_lines() const {
    std::vector<std::string> lines;
    std::stringstream ss(out());
    std::string l;
    while (std::getline(ss, l)) {
      if (l.rfind("START RequestId", 0) == 0 || l.rfind("END RequestId", 0) == 0 ||
          l.rfind("REPORT RequestId", 0) == 0 ||
          (l.rfind("{\"time\":\"", 0) == 0 && l.find("\"level\":\"") != std::string::npos) ||
          l.empty()) {
        continue;
      }
      lines.push_back(l);
    }
    return lines;
  }
};

class LambdaRieTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (bootstrap_program().empty()) GTEST_SKIP() << "bootstrap not built (apps/lambda)";
    rie_ = find_rie();
    if (rie_.empty()) {
      const char* ci = std::getenv("CI");
      if (ci && std::string(ci) == "true") FAIL() << "aws-lambda-rie not installed (CI=true)";
      GTEST_SKIP()
          << "aws-lambda-rie not installed: go install "
             "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@latest";
    }
    char tmpl[] = "/tmp/sub-lambda-cfg-XXXXXX";
    cfg_dir_ = ::mkdtemp(tmpl);
  }
  void TearDown() override {
    if (!cfg_dir_.empty()) std::system(("rm -rf " + cfg_dir_).c_str());
  }

  std::string config(const std::string& name, const std::string& json) {
    const std::string path = cfg_dir_ + "/" + name;
    std::ofstream(path) << json;
    return path;
  }
  std::unique_ptr<Rie> start(const std::string& handler, const std::string& cfg,
                             std::map<std::string, std::string> extra = {}) {
    extra["SUBSTATION_LAMBDA_HANDLER"] = handler;
    if (!cfg.empty()) extra["SUBSTATION_CONFIG"] = cfg;
    return std::make_unique<Rie>(rie_, extra);
  }

  // Data, and metadata with the data under "data": one stdout line per message.
  static constexpr const char* kExpose =
      R"({"concurrency":2,"transforms":[{"type":"object_copy","settings":{"object":{"target_key":"meta data"}}},)"
      R"({"type":"object_copy","settings":{"object":{"source_key":"meta @this"}}},{"type":"send_stdout"}]})";
  static constexpr const char* kStdout = R"({"transforms":[{"type":"send_stdout"}]})";

  std::string rie_;
  std::string cfg_dir_;
};

TEST_F(LambdaRieTest, KinesisDataAndMetadata) {
  auto rie = start("AWS_KINESIS_DATA_STREAM", config("c.json", kExpose));
  const HttpResult r = rie->invoke(fixture("aws-lambda-go/kinesis-event.json"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "null");
  const auto lines = rie->out_lines();
  ASSERT_EQ(lines.size(), 2u) << rie->err();
  const std::string first =
      "{\"approximateArrivalTimestamp\":\"2016-12-02T01:18:43.476999998Z\",\"stream\":"
      "\"arn:aws:kinesis:us-east-1:123456789012:stream/simple-stream\",\"partitionKey\":\"s1\","
      "\"sequenceNumber\":\"49568167373333333333333333333333333333333333333333333333\","
      "\"data\":\"Hello World\"}";
  EXPECT_TRUE(lines[0] == first || lines[1] == first) << lines[0];
}

TEST_F(LambdaRieTest, KinesisKplAndV1Name) {
  auto rie = start("AWS_KINESIS", config("c.json", kStdout));
  const HttpResult r = rie->invoke(fixture("composed/kinesis-kpl-aggregated-event.json"));
  EXPECT_EQ(r.status, 200);
  // 8 user records end in '\n' (send_stdout adds one more): count data lines.
  size_t records = 0;
  for (const auto& l : rie->out_lines())
    records += l.rfind("RECORD ", 0) == 0 || l == "Hello World";
  EXPECT_EQ(records, 9u) << rie->err();
}

TEST_F(LambdaRieTest, SqsSnsDynamodbFirehose) {
  {
    auto rie = start("AWS_SQS", config("c.json", kExpose));
    EXPECT_EQ(rie->invoke(fixture("aws-lambda-go/sqs-event.json")).body, "null");
    const auto lines = rie->out_lines();
    ASSERT_FALSE(lines.empty()) << rie->err();
    EXPECT_EQ(lines[0].rfind("{\"eventSourceArn\":\"arn:aws:sqs:", 0), 0u) << lines[0];
  }
  {
    auto rie = start("AWS_SNS", config("c.json", kExpose));
    EXPECT_EQ(rie->invoke(fixture("aws-lambda-go/sns-event.json")).body, "null");
    const auto lines = rie->out_lines();
    ASSERT_EQ(lines.size(), 1u) << rie->err();
    EXPECT_EQ(lines[0].rfind("{\"timestamp\":\"2015-06-03T17:43:27.123Z\",\"eventSubscriptionArn\":"
                             "\"arn:aws:sns:EXAMPLE\",\"messageId\":\"95df01b4-ee98-5cb9-9903-"
                             "4c221d41eb5e\",\"subject\":\"TestInvoke\",\"data\":",
                             0),
              0u)
        << lines[0];
  }
  {
    auto rie = start("AWS_DYNAMODB_STREAM", config("c.json", kStdout));
    EXPECT_EQ(rie->invoke(fixture("aws-lambda-go/dynamodb-event.json")).body, "null");
    const auto lines = rie->out_lines();
    ASSERT_EQ(lines.size(), 2u) << rie->err();
    EXPECT_EQ(sub::json::get(lines[0], "source.table").str(), "Example-Table");
    EXPECT_EQ(sub::json::get(lines[0], "op").str(), "c");
    EXPECT_GT(sub::json::get(lines[0], "ts_ms").to_int(), 1600000000000);
  }
  {
    auto rie = start(
        "AWS_DATA_FIREHOSE",
        config(
            "c.json",
            R"({"transforms":[{"type":"object_copy","settings":{"object":{"source_key":"meta @this"}}}]})"));
    const HttpResult r = rie->invoke(fixture("aws-lambda-go/kinesis-firehose-event.json"));
    EXPECT_EQ(
        r.body,
        "{\"records\":[{\"recordId\":\"record1\",\"result\":\"Ok\",\"data\":\"eyJhcHByb3hpbWF0ZUFy"
        "cml2YWxUaW1lc3RhbXAiOiIyMDE3LTEwLTA1VDE1OjMzOjQ0LjMwMloiLCJyZWNvcmRJZCI6InJlY29yZDEifQ"
        "==\",\"metadata\":{\"partitionKeys\":null}},{\"recordId\":\"record2\",\"result\":\"Ok\","
        "\"data\":\"eyJhcHByb3hpbWF0ZUFycml2YWxUaW1lc3RhbXAiOiIyMDE3LTEwLTA1VDE1OjMzOjQ0LjMwMloi"
        "LCJyZWNvcmRJZCI6InJlY29yZDIifQ==\",\"metadata\":{\"partitionKeys\":null}}]}")
        << rie->err();
  }
}

TEST_F(LambdaRieTest, ApiGatewayAndLambdaResponsesByteForByte) {
  {
    auto rie = start(
        "AWS_API_GATEWAY",
        config(
            "c.json",
            R"({"transforms":[{"type":"object_copy","settings":{"object":{"source_key":"meta path","target_key":"p"}}}]})"));
    const std::string event =
        R"({"resource":"/r","path":"/a<b","headers":{"b":"2","a":"1"},"body":"{\"x\": 1}"})";
    const HttpResult r = rie->invoke(event);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(
        r.body,
        "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},"
        "\"multiValueHeaders\":null,\"body\":\"[{\\\"x\\\":1,\\\"p\\\":\\\"/a\\\\u003cb\\\"}]\"}")
        << rie->err();
    const HttpResult fixture_r = rie->invoke(fixture("aws-lambda-go/apigw-request.json"));
    EXPECT_EQ(fixture_r.status, 200);
  }
  {
    auto rie = start("AWS_LAMBDA", config("c.json", kStdout));
    const HttpResult r = rie->invoke(fixture("composed/lambda-direct-invoke.json"));
    EXPECT_EQ(r.body, "[{\"event\":\"example\",\"count\":1,\"nested\":{\"ok\":true}}]")
        << rie->err();
    ASSERT_EQ(rie->out_lines().size(), 1u);
    EXPECT_EQ(rie->out_lines()[0], "{\"event\":\"example\",\"count\":1,\"nested\":{\"ok\":true}}");
    const HttpResult drop = rie->invoke("[1,2]");
    EXPECT_EQ(drop.body, "[[1,2]]");
  }
}

TEST_F(LambdaRieTest, FailingSinkFailsTheInvocation) {
  auto rie = start(
      "AWS_SQS",
      config("c.json",
             R"({"transforms":[{"type":"utility_err","settings":{"message":"sink down"}}]})"));
  const HttpResult r = rie->invoke(fixture("aws-lambda-go/sqs-event.json"));
  EXPECT_NE(r.body.find("\"errorType\":\"HandlerError\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("sink down"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("record 0"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.rfind("{\"errorMessage\":", 0), 0u) << r.body;
  // The next invocation still works (fresh pipeline).
  EXPECT_NE(rie->invoke(fixture("aws-lambda-go/sqs-event.json")).body.find("sink down"),
            std::string::npos);
}

TEST_F(LambdaRieTest, PartialBatchResponse) {
  const std::string cfg = config(
      "c.json",
      R"({"transforms":[{"type":"meta_switch","settings":{"cases":[{"condition":{"type":"string_contains","settings":{"value":"fail"}},"transforms":[{"type":"utility_err","settings":{"message":"boom"}}]}]}},{"type":"send_stdout"}]})");
  const std::string event =
      R"({"Records":[{"messageId":"m1","body":"ok one","eventSourceARN":"arn"},{"messageId":"m2","body":"please fail","eventSourceARN":"arn"},{"messageId":"m3","body":"ok two"}]})";
  auto rie = start("AWS_SQS", cfg, {{"SUBSTATION_PARTIAL_BATCH_RESPONSE", "true"}});
  const HttpResult r = rie->invoke(event);
  EXPECT_EQ(r.body, "{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}") << rie->err();
  EXPECT_EQ(rie->out_lines().size(), 2u);
  auto ref = start("AWS_SQS", cfg);
  EXPECT_NE(ref->invoke(event).body.find("boom"), std::string::npos);
}

TEST_F(LambdaRieTest, BadEventsAndSettings) {
  {
    auto rie = start("AWS_KINESIS_DATA_STREAM", config("c.json", kStdout));
    HttpResult r = rie->invoke("{\"Records\":[{\"kinesis\":", 30);
    EXPECT_NE(r.body.find("\"errorType\":\"InvalidEvent\""), std::string::npos) << r.body;
    r = rie->invoke(fixture("aws-lambda-go/sqs-event.json"), 30);
    EXPECT_NE(r.body.find("not a Kinesis record"), std::string::npos) << r.body;
  }
  {
    auto rie = start("AWS_SQS", "");
    const HttpResult r = rie->invoke(fixture("aws-lambda-go/sqs-event.json"), 30);
    EXPECT_NE(r.body.find("\"errorType\":\"ConfigError\""), std::string::npos) << r.body;
  }
  {
    auto rie = start("AWS_SQS", "/nonexistent/config.json");
    const HttpResult r = rie->invoke(fixture("aws-lambda-go/sqs-event.json"), 30);
    EXPECT_NE(r.body.find("no file found"), std::string::npos) << r.body;
  }
  {
    auto rie = start("AWS_SQS", config("bad.json", R"({"transforms":[{"type":"nope"}]})"));
    const HttpResult r = rie->invoke(fixture("aws-lambda-go/sqs-event.json"), 30);
    EXPECT_NE(r.body.find("\"errorType\":\"ConfigError\""), std::string::npos) << r.body;
  }
  {
    auto rie = start("AWS_NOPE", config("c.json", kStdout));
    const HttpResult r = rie->invoke("{}", 30);
    EXPECT_LT(r.seconds, 30);
    EXPECT_NE(r.body.find("invalid handler"), std::string::npos) << r.body << rie->err();
  }
}

TEST_F(LambdaRieTest, JsonnetConfigAndTestEvent) {
  auto rie = start("AWS_S3_SQS", config("c.jsonnet",
                                        "local sub = import 'substation.libsonnet';\n"
                                        "{ transforms: [ sub.tf.send.stdout() ] }\n"));
  const HttpResult r = rie->invoke(fixture("composed/s3-test-event-sqs-event.json"), 30);
  EXPECT_EQ(r.body, "null") << rie->err();
}

class LambdaRieMotoTest : public LambdaRieTest {
 protected:
  void SetUp() override {
    LambdaRieTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    if (!sub::itest::MotoEnvironment::running()) {
      GTEST_SKIP() << "moto not running: " << sub::itest::MotoEnvironment::failure();
    }
  }
  static void put(const std::string& path, const std::string& body) {
    const HttpResult r = http("PUT", sub::itest::MotoEnvironment::endpoint() + path, body, 30);
    ASSERT_EQ(r.status, 200) << path << ": " << r.body;
  }
};

TEST_F(LambdaRieMotoTest, S3HandlersReadObjects) {
  put("/sourcebucket", "");
  put("/sourcebucket/Happy%20Face.jpg", "{\"a\":1}\n{\"a\":2}\n");
  for (const auto& [handler, event] : std::vector<std::pair<std::string, std::string>>{
           {"AWS_S3", "aws-lambda-go/s3-event.json"},
           {"AWS_S3_SNS", "composed/s3-sns-event.json"},
           {"AWS_S3_SQS", "composed/s3-sns-sqs-event.json"}}) {
    auto rie = start(handler, config("c.json", kExpose));
    const HttpResult r = rie->invoke(fixture(event));
    EXPECT_EQ(r.body, "null") << handler << rie->err();
    const auto lines = rie->out_lines();
    ASSERT_EQ(lines.size(), 2u) << handler << slurp(rie->dir() + "/stdout");
    EXPECT_TRUE(lines[0] ==
                    "{\"eventTime\":\"1970-01-01T00:00:00.123Z\",\"bucketArn\":\"arn:aws:s3:::"
                    "mybucket\",\"bucketName\":\"sourcebucket\",\"objectKey\":\"Happy Face.jpg\","
                    "\"objectSize\":1024,\"data\":{\"a\":1}}" ||
                lines[1].find("\"data\":{\"a\":1}") != std::string::npos)
        << lines[0];
  }
}

TEST_F(LambdaRieMotoTest, SendToMissingStreamFails) {
  auto rie = start(
      "AWS_SQS",
      config(
          "c.json",
          R"({"transforms":[{"type":"send_aws_kinesis_data_stream","settings":{"aws":{"arn":"arn:aws:kinesis:us-east-1:123456789012:stream/missing-stream"}}}]})"));
  const HttpResult r = rie->invoke(fixture("aws-lambda-go/sqs-event.json"), 120);
  EXPECT_EQ(r.body.rfind("{\"errorMessage\":", 0), 0u) << r.body;
  EXPECT_NE(r.body.find("HandlerError"), std::string::npos) << r.body;
}

TEST_F(LambdaRieTest, MeasureColdAndWarm) {
  std::string event = "{\"Records\":[";
  for (int i = 0; i < 100; ++i) {
    if (i) event += ',';
    event += "{\"kinesis\":{\"partitionKey\":\"p\",\"sequenceNumber\":\"" + std::to_string(i) +
             "\",\"data\":\"eyJhIjoxfQ==\",\"approximateArrivalTimestamp\":1480641523.477},"
             "\"eventSourceARN\":\"arn:aws:kinesis:us-east-1:1:stream/s\"}";
  }
  event += "]}";
  auto rie = start("AWS_KINESIS_DATA_STREAM",
                   config("c.json", R"({"concurrency":2,"transforms":[{"type":"utility_drop"}]})"),
                   {{"SUBSTATION_DEBUG", "1"}});
  const HttpResult cold = rie->invoke(event);
  ASSERT_EQ(cold.body, "null") << rie->err();
  double total = 0;
  constexpr int kRuns = 50;
  for (int i = 0; i < kRuns; ++i) total += rie->invoke(event).seconds;
  std::printf("[ measure ] first invocation (cold, incl. process start + config build): %.1f ms\n",
              cold.seconds * 1000);
  std::printf("[ measure ] warm 100-record Kinesis invocation round trip: %.2f ms (mean of %d)\n",
              total * 1000 / kRuns, kRuns);
  const std::string err = rie->err() + slurp(rie->dir() + "/stdout");
  const size_t at = err.find("\"init_us\":\"");
  if (at != std::string::npos) {
    std::printf("[ measure ] bootstrap main() to first next request: %s us\n",
                err.substr(at + 11, err.find('"', at + 11) - at - 11).c_str());
  }
}

}  // namespace
