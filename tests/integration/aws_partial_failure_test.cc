// Partial-batch failures, throttling, 5xx, dropped connections and slow answers, scripted by
// a fault server on loopback (moto cannot produce them). Proves that only failed entries are
// re-sent, that retries stop at the attempt limit or the deadline, and that every failure
// ends as a returned error naming what failed: no record is lost silently.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "catalogue/config_builder.h"
#include "config/node.h"
#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "services/aws/dynamodb.h"
#include "services/aws/error.h"
#include "services/aws/eventbridge.h"
#include "services/aws/firehose.h"
#include "services/aws/kinesis.h"
#include "services/aws/options.h"
#include "services/aws/sns.h"
#include "services/aws/sqs.h"
#include "services/aws/xml.h"
#include "tests/integration/fault_server.h"
#include "tests/integration/scoped_env.h"

namespace sub {

namespace {

using itest::FaultServer;
using itest::ScopedEnv;
using Clock = std::chrono::steady_clock;

// Credentials and region for a loopback endpoint, independent of moto.
class FaultTest : public ::testing::Test {
 protected:
  ScopedEnv key_{"AWS_ACCESS_KEY_ID", "testing"};
  ScopedEnv secret_{"AWS_SECRET_ACCESS_KEY", "testing"};
  ScopedEnv region_{"AWS_REGION", "us-east-1"};
  ScopedEnv imds_{"AWS_EC2_METADATA_DISABLED", "true"};
  ScopedEnv attempts_{"AWS_MAX_ATTEMPTS", "3"};
};

aws::ClientOptions fast_options() {
  aws::ClientOptions o = aws::make_client_options("us-east-1");
  o.retry.base = std::chrono::milliseconds(5);
  o.retry.max_backoff = std::chrono::milliseconds(20);
  return o;
}

aws::PartialRetryOptions rounds(const aws::ClientOptions& o, int n) {
  aws::PartialRetryOptions r;
  r.policy = o.retry;
  r.max_rounds = n;
  return r;
}

FaultServer::Reply json_reply(std::string body) {
  FaultServer::Reply r;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", "application/x-amz-json-1.0");
  return r;
}

// The SQS entries (Id, body) of a SendMessageBatch request.
std::vector<std::pair<std::string, std::string>> sqs_entries(const FaultServer::Request& req) {
  std::vector<std::pair<std::string, std::string>> out;
  json::get(req.body, "Entries").for_each([&](const json::Value&, const json::Value& e) {
    out.emplace_back(e.get("Id").to_string(), e.get("MessageBody").to_string());
    return true;
  });
  return out;
}

// Answers SendMessageBatch: entries whose body `fails(body, call)` says so fail with `code`.
FaultServer::Handler sqs_handler(std::function<bool(const std::string&, int)> fails,
                                 std::string code, bool sender_fault, std::atomic<int>* calls) {
  return [=](const FaultServer::Request& req) {
    const int call = (*calls)++;
    std::string ok = "[", failed = "[";
    for (const auto& [id, body] : sqs_entries(req)) {
      if (fails(body, call)) {
        if (failed.size() > 1) failed += ",";
        failed += "{\"Id\":\"" + id + "\",\"Code\":\"" + code + "\",\"Message\":\"scripted\"," +
                  "\"SenderFault\":" + (sender_fault ? "true" : "false") + "}";
      } else {
        if (ok.size() > 1) ok += ",";
        ok += "{\"Id\":\"" + id + "\",\"MessageId\":\"m" + id + "\",\"MD5OfMessageBody\":\"x\"}";
      }
    }
    return json_reply("{\"Successful\":" + ok + "],\"Failed\":" + failed + "]}");
  };
}

std::vector<aws::SqsClient::Entry> sqs_batch(const std::vector<std::string>& bodies) {
  std::vector<aws::SqsClient::Entry> out;
  for (const std::string& b : bodies) out.push_back({b, "", ""});
  return out;
}

constexpr std::string_view kQueue = "https://sqs.us-east-1.amazonaws.com/123456789012/q";

TEST_F(FaultTest, SqsResendsOnlyFailedEntries) {
  std::atomic<int> calls{0};
  FaultServer server(sqs_handler(
      [](const std::string& body, int call) { return body.starts_with("flaky") && call < 2; },
      "InternalError", false, &calls));
  ScopedEnv ep("AWS_ENDPOINT_URL_SQS", server.endpoint());
  const aws::ClientOptions o = fast_options();
  aws::SqsClient sqs(o);
  sqs.send_message_batch(kQueue, sqs_batch({"a", "flaky1", "b", "flaky2", "c"}), rounds(o, 5));
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(sqs_entries(reqs[0]).size(), 5u);
  for (size_t i = 1; i < 3; ++i) {
    const auto e = sqs_entries(reqs[i]);
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0].second, "flaky1");
    EXPECT_EQ(e[1].second, "flaky2");
  }
}

TEST_F(FaultTest, SqsNonRetryableEntryFailsAtOnceAndIsNamed) {
  std::atomic<int> calls{0};
  FaultServer server(sqs_handler([](const std::string& body, int) { return body == "bad"; },
                                 "InvalidMessageContents", true, &calls));
  ScopedEnv ep("AWS_ENDPOINT_URL_SQS", server.endpoint());
  const aws::ClientOptions o = fast_options();
  aws::SqsClient sqs(o);
  try {
    sqs.send_message_batch(kQueue, sqs_batch({"a", "b", "bad"}), rounds(o, 5));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("1 of 3 entries failed after 1 attempt"), std::string::npos) << what;
    EXPECT_NE(what.find("#2 InvalidMessageContents: scripted"), std::string::npos) << what;
  }
  EXPECT_EQ(server.request_count(), 1u);
}

TEST_F(FaultTest, SqsStopsAtTheRoundLimit) {
  std::atomic<int> calls{0};
  FaultServer server(sqs_handler([](const std::string& body, int) { return body != "ok"; },
                                 "ThrottlingException", false, &calls));
  ScopedEnv ep("AWS_ENDPOINT_URL_SQS", server.endpoint());
  const aws::ClientOptions o = fast_options();
  aws::SqsClient sqs(o);
  try {
    sqs.send_message_batch(kQueue, sqs_batch({"ok", "x", "y"}), rounds(o, 4));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("2 of 3 entries failed after 4 attempts"), std::string::npos) << what;
    EXPECT_NE(what.find("#1 ThrottlingException"), std::string::npos) << what;
    EXPECT_NE(what.find("#2 ThrottlingException"), std::string::npos) << what;
  }
  EXPECT_EQ(server.request_count(), 4u);
}

TEST_F(FaultTest, SqsStopsAtTheDeadline) {
  std::atomic<int> calls{0};
  FaultServer server(sqs_handler([](const std::string&, int) { return true; },
                                 "ThrottlingException", false, &calls));
  ScopedEnv ep("AWS_ENDPOINT_URL_SQS", server.endpoint());
  aws::ClientOptions o = fast_options();
  o.retry.base = std::chrono::milliseconds(400);
  o.retry.max_backoff = std::chrono::milliseconds(400);
  aws::SqsClient sqs(o);
  aws::PartialRetryOptions r = rounds(o, 1000);
  r.deadline = Clock::now() + std::chrono::milliseconds(900);
  const auto start = Clock::now();
  EXPECT_THROW(sqs.send_message_batch(kQueue, sqs_batch({"a"}), r), Error);
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1500));
  EXPECT_LT(server.request_count(), 20u);  // far below the 1000-round limit
}

TEST_F(FaultTest, ThrottledCallsAreRetriedThen5xxGivesUp) {
  std::atomic<int> calls{0};
  FaultServer server([&](const FaultServer::Request& req) {
    const int call = calls++;
    if (call < 2) {
      FaultServer::Reply r = json_reply(
          "{\"__type\":\"com.amazonaws.sqs#ThrottlingException\",\"message\":\"slow down\"}");
      r.status = 400;
      return r;
    }
    if (call == 2) {
      return sqs_handler([](const std::string&, int) { return false; }, "", false, &calls)(req);
    }
    FaultServer::Reply r = json_reply("{\"__type\":\"InternalFailure\"}");
    r.status = 500;
    return r;
  });
  ScopedEnv ep("AWS_ENDPOINT_URL_SQS", server.endpoint());
  aws::SqsClient sqs(fast_options());
  sqs.send_message_batch(kQueue, sqs_batch({"a", "b"}));
  EXPECT_EQ(server.request_count(), 3u);  // two throttled attempts, then success
  try {
    sqs.send_message_batch(kQueue, sqs_batch({"a"}));
    FAIL() << "expected an error";
  } catch (const aws::ServiceError& e) {
    EXPECT_EQ(e.status(), 500);
    EXPECT_NE(std::string(e.what()).find("SendMessageBatch"), std::string::npos) << e.what();
  }
  EXPECT_EQ(server.request_count(), 6u);  // AWS_MAX_ATTEMPTS=3
}

TEST_F(FaultTest, DroppedConnectionIsRetried) {
  std::atomic<int> calls{0};
  std::atomic<int> inner{0};
  auto ok = sqs_handler([](const std::string&, int) { return false; }, "", false, &inner);
  FaultServer server([&](const FaultServer::Request& req) {
    if (calls++ == 0) {
      FaultServer::Reply r;
      r.drop = true;
      return r;
    }
    return ok(req);
  });
  ScopedEnv ep("AWS_ENDPOINT_URL_SQS", server.endpoint());
  aws::SqsClient sqs(fast_options());
  sqs.send_message_batch(kQueue, sqs_batch({"a"}));
  EXPECT_EQ(server.request_count(), 2u);
}

TEST_F(FaultTest, SlowAnswerEndsAtTheDeadline) {
  FaultServer server([](const FaultServer::Request&) {
    FaultServer::Reply r = json_reply("{\"Successful\":[],\"Failed\":[]}");
    r.delay = std::chrono::seconds(5);
    return r;
  });
  ScopedEnv ep("AWS_ENDPOINT_URL_SQS", server.endpoint());
  aws::SqsClient sqs(fast_options());
  const auto start = Clock::now();
  EXPECT_THROW(sqs.send_message_batch_once(kQueue, sqs_batch({"a"}),
                                           Clock::now() + std::chrono::milliseconds(400)),
               aws::TransportError);
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(2500));
}

TEST_F(FaultTest, SnsResendsOnlyFailedEntries) {
  std::atomic<int> calls{0};
  FaultServer server([&](const FaultServer::Request& req) {
    const int call = calls++;
    // Entries are form fields PublishBatchRequestEntries.member.N.{Id,Message}.
    std::string ok, failed;
    for (int n = 1; n <= 10; ++n) {
      const std::string p = "PublishBatchRequestEntries.member." + std::to_string(n) + ".";
      const size_t at = req.body.find(p + "Id=");
      if (at == std::string::npos) break;
      const size_t v = at + p.size() + 3;
      const std::string id = req.body.substr(v, req.body.find('&', v) - v);
      const size_t m = req.body.find(p + "Message=") + p.size() + 8;
      const std::string msg = req.body.substr(m, req.body.find('&', m) - m);
      if (msg.starts_with("flaky") && call == 0) {
        failed += "<member><Id>" + id +
                  "</Id><Code>InternalError</Code><Message>scripted</Message>"
                  "<SenderFault>false</SenderFault></member>";
      } else {
        ok += "<member><Id>" + id + "</Id><MessageId>m</MessageId></member>";
      }
    }
    FaultServer::Reply r;
    r.body = "<PublishBatchResponse><PublishBatchResult><Successful>" + ok +
             "</Successful><Failed>" + failed +
             "</Failed></PublishBatchResult></PublishBatchResponse>";
    r.headers.emplace_back("Content-Type", "text/xml");
    return r;
  });
  ScopedEnv ep("AWS_ENDPOINT_URL_SNS", server.endpoint());
  const aws::ClientOptions o = fast_options();
  aws::SnsClient sns(o);
  sns.publish_batch("arn:aws:sns:us-east-1:123456789012:t",
                    {{"a", "", ""}, {"flaky", "", ""}, {"b", "", ""}}, rounds(o, 3));
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_NE(reqs[1].body.find("member.1.Message=flaky"), std::string::npos) << reqs[1].body;
  EXPECT_EQ(reqs[1].body.find("member.2."), std::string::npos) << reqs[1].body;
}

TEST_F(FaultTest, FirehoseAndEventBridgeResendFailedEntries) {
  std::atomic<int> calls{0};
  FaultServer server([&](const FaultServer::Request& req) {
    const int call = calls++;
    const bool firehose = req.header("x-amz-target").starts_with("Firehose");
    const json::Value list = json::get(req.body, firehose ? "Records" : "Entries");
    std::string out = "[";
    int failed = 0;
    int i = 0;
    list.for_each([&](const json::Value&, const json::Value&) {
      if (i > 0) out += ",";
      if (call % 2 == 0 && i % 2 == 1) {  // odd entries fail on the first call of each API
        out += "{\"ErrorCode\":\"ServiceUnavailableException\",\"ErrorMessage\":\"busy\"}";
        ++failed;
      } else {
        out += firehose ? "{\"RecordId\":\"r\"}" : "{\"EventId\":\"e\"}";
      }
      ++i;
      return true;
    });
    out += "]";
    return json_reply(
        firehose
            ? "{\"FailedPutCount\":" + std::to_string(failed) + ",\"RequestResponses\":" + out + "}"
            : "{\"FailedEntryCount\":" + std::to_string(failed) + ",\"Entries\":" + out + "}");
  });
  ScopedEnv ep1("AWS_ENDPOINT_URL_FIREHOSE", server.endpoint());
  ScopedEnv ep2("AWS_ENDPOINT_URL_EVENTBRIDGE", server.endpoint());
  const aws::ClientOptions o = fast_options();
  aws::FirehoseClient firehose(o);
  firehose.put_record_batch("arn:aws:firehose:us-east-1:123456789012:deliverystream/s",
                            {"r0", "r1", "r2", "r3"}, rounds(o, 3));
  aws::EventBridgeClient events(o);
  events.put_events(
      {{"s", "d", "{\"n\":0}", ""}, {"s", "d", "{\"n\":1}", ""}, {"s", "d", "{\"n\":2}", ""}},
      rounds(o, 3));
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 4u);
  EXPECT_EQ(json::get(reqs[0].body, "DeliveryStreamName").to_string(), "s");
  EXPECT_EQ(json::get(reqs[1].body, "Records.#").to_int(), 2);
  EXPECT_EQ(json::get(reqs[1].body, "Records.0.Data").to_string(), "cjE=");  // r1
  EXPECT_EQ(json::get(reqs[1].body, "Records.1.Data").to_string(), "cjM=");  // r3
  EXPECT_EQ(json::get(reqs[3].body, "Entries.#").to_int(), 1);
  EXPECT_EQ(json::get(reqs[3].body, "Entries.0.Detail").to_string(), "{\"n\":1}");
}

TEST_F(FaultTest, EventBridgeFailuresAreErrors) {
  FaultServer server([](const FaultServer::Request&) {
    return json_reply(
        "{\"FailedEntryCount\":1,\"Entries\":[{\"EventId\":\"e\"},"
        "{\"ErrorCode\":\"MalformedDetail\",\"ErrorMessage\":\"Detail is malformed.\"}]}");
  });
  ScopedEnv ep("AWS_ENDPOINT_URL_EVENTBRIDGE", server.endpoint());
  aws::EventBridgeClient events(fast_options());
  try {
    events.put_events({{"s", "d", "{}", ""}, {"s", "d", "nope", ""}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("#1 MalformedDetail: Detail is malformed."),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(server.request_count(), 1u);
}

TEST_F(FaultTest, DynamoDbResendsUnprocessedItems) {
  std::atomic<int> calls{0};
  FaultServer server([&](const FaultServer::Request& req) {
    const int call = calls++;
    const json::Value reqs = json::get(req.body, "RequestItems.t");
    std::string unprocessed = "[";
    int i = 0;
    reqs.for_each([&](const json::Value&, const json::Value& r) {
      if (call == 0 && i >= 1) {
        if (unprocessed.size() > 1) unprocessed += ",";
        unprocessed += std::string(r.raw());
      }
      ++i;
      return true;
    });
    unprocessed += "]";
    return json_reply(unprocessed == "[]" ? "{\"UnprocessedItems\":{}}"
                                          : "{\"UnprocessedItems\":{\"t\":" + unprocessed + "}}");
  });
  ScopedEnv ep("AWS_ENDPOINT_URL_DYNAMODB", server.endpoint());
  const aws::ClientOptions o = fast_options();
  aws::DynamoDbClient ddb(o);
  ddb.batch_put("t", {R"({"pk":{"S":"a"}})", R"({"pk":{"S":"b"}})", R"({"pk":{"S":"c"}})"},
                rounds(o, 3));
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(json::get(reqs[1].body, "RequestItems.t.#").to_int(), 2);
  EXPECT_EQ(json::get(reqs[1].body, "RequestItems.t.0.PutRequest.Item.pk.S").to_string(), "b");
}

TEST_F(FaultTest, DynamoDbAlwaysUnprocessedIsAnError) {
  FaultServer server([](const FaultServer::Request& req) {
    return json_reply("{\"UnprocessedItems\":{\"t\":" +
                      std::string(json::get(req.body, "RequestItems.t").raw()) + "}}");
  });
  ScopedEnv ep("AWS_ENDPOINT_URL_DYNAMODB", server.endpoint());
  const aws::ClientOptions o = fast_options();
  aws::DynamoDbClient ddb(o);
  try {
    ddb.batch_put("t", {R"({"pk":{"S":"a"}})", R"({"pk":{"S":"b"}})"}, rounds(o, 3));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("2 of 2 items unprocessed after 3 attempts"), std::string::npos) << what;
    EXPECT_NE(what.find(R"("S":"a")"), std::string::npos) << what;
  }
  EXPECT_EQ(server.request_count(), 3u);
}

TEST_F(FaultTest, SendTransformReturnsTheErrorAndLosesNothing) {
  // Entries whose body holds "poison" always fail; everything else succeeds at once. The
  // transform's flush must fail naming the poison records, after every other record was
  // accepted exactly once.
  std::atomic<int> calls{0};
  std::mutex mu;
  std::multiset<std::string> accepted;
  auto inner = sqs_handler([](const std::string& b, int) { return b.find("poison") != b.npos; },
                           "InternalError", false, &calls);
  FaultServer server([&](const FaultServer::Request& req) {
    FaultServer::Reply r = inner(req);
    std::set<std::string> failed_ids;
    json::get(r.body, "Failed").for_each([&](const json::Value&, const json::Value& f) {
      failed_ids.insert(f.get("Id").to_string());
      return true;
    });
    std::lock_guard<std::mutex> lock(mu);
    for (const auto& [id, body] : sqs_entries(req)) {
      if (!failed_ids.count(id)) accepted.insert(body);
    }
    return r;
  });
  ScopedEnv ep("AWS_ENDPOINT_URL_SQS", server.endpoint());
  ScopedEnv base("AWS_MAX_ATTEMPTS", "2");
  const catalogue::Registry& registry = catalogue::Registry::builtin();
  services::Services services;
  catalogue::ConfigBuilder builder(registry, services);
  const config::Node settings = config::Node::parse(
      R"({"aws":{"arn":"arn:aws:sqs:us-east-1:123456789012:q"},"batch":{"count":4}})");
  auto tf = registry.transform("send_aws_sqs")(
      config::Settings(&settings, "transform send_aws_sqs"), builder);
  std::vector<Message> out;
  std::vector<std::string> data;
  for (int i = 0; i < 10; ++i) data.push_back("{\"n\":" + std::to_string(i) + "}");
  data[9] = "{\"poison\":9}";
  for (const std::string& d : data) tf->transform(Message(d), out, Context{});
  try {
    tf->transform(Message::control(), out, Context{});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("1 of 2 entries failed"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("#1 InternalError"), std::string::npos) << e.what();
  }
  std::multiset<std::string> want(data.begin(), data.end() - 1);
  EXPECT_EQ(accepted, want);
}

TEST_F(FaultTest, KinesisResendsOnlyFailedRecords) {
  std::atomic<int> calls{0};
  FaultServer server([&](const FaultServer::Request& req) {
    const int call = calls++;
    std::string out = "[";
    int i = 0, failed = 0;
    json::get(req.body, "Records").for_each([&](const json::Value&, const json::Value&) {
      if (i > 0) out += ",";
      if (call == 0 && i == 0) {
        out += "{\"ErrorCode\":\"ProvisionedThroughputExceededException\",\"ErrorMessage\":\"x\"}";
        ++failed;
      } else {
        out += "{\"SequenceNumber\":\"1\",\"ShardId\":\"s\"}";
      }
      ++i;
      return true;
    });
    return json_reply("{\"FailedRecordCount\":" + std::to_string(failed) + ",\"Records\":" + out +
                      "]}");
  });
  ScopedEnv ep("AWS_ENDPOINT_URL_KINESIS", server.endpoint());
  aws::KinesisClient k(fast_options());
  k.put_records("s", {{"a", "p", ""}, {"b", "p", ""}}, 3);
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(json::get(reqs[1].body, "Records.#").to_int(), 1);
  EXPECT_EQ(json::get(reqs[1].body, "Records.0.Data").to_string(), "YQ==");
}

}  // namespace
}  // namespace sub

namespace sub {
namespace {

using itest::FaultServer;
using itest::ScopedEnv;

std::string build_error(const std::string& type, const std::string& settings) {
  const catalogue::Registry& registry = catalogue::Registry::builtin();
  services::Services services;
  catalogue::ConfigBuilder builder(registry, services);
  const config::Node node = config::Node::parse(settings);
  try {
    registry.transform(type)(config::Settings(&node, "transform " + type), builder);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// Without a region a config still builds (vet and test never call AWS, as with the AWS
// SDKs); the first call fails naming what to set.
TEST(AwsBadInput, MissingRegionIsNamedAtTheFirstCall) {
  ScopedEnv r1("AWS_REGION"), r2("AWS_DEFAULT_REGION"), e1("AWS_ENDPOINT_URL");
  ScopedEnv e2("AWS_ENDPOINT_URL_EVENTBRIDGE"), p("AWS_PROFILE");
  ScopedEnv cfg("AWS_CONFIG_FILE", "/nonexistent/config");
  ScopedEnv key("AWS_ACCESS_KEY_ID", "testing"), secret("AWS_SECRET_ACCESS_KEY", "testing");
  EXPECT_EQ(build_error("send_aws_eventbridge", "{}"), "");
  const catalogue::Registry& registry = catalogue::Registry::builtin();
  services::Services services;
  catalogue::ConfigBuilder builder(registry, services);
  const config::Node node = config::Node::parse("{}");
  auto tf = registry.transform("send_aws_eventbridge")(
      config::Settings(&node, "transform send_aws_eventbridge"), builder);
  std::vector<Message> out;
  tf->transform(Message("{}"), out, Context{});
  try {
    tf->transform(Message::control(), out, Context{});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("no region (set aws.arn, AWS_REGION or AWS_DEFAULT_REGION)"),
              std::string::npos)
        << what;
  }
  const std::string sqs = build_error("send_aws_sqs", R"({"aws":{"arn":"arn:aws:sqs::1:q"}})");
  EXPECT_NE(sqs.find("aws.arn"), std::string::npos) << sqs;  // a malformed ARN still is one
}

TEST(AwsBadInput, MalformedArnsAreNamed) {
  for (const auto& [type, settings] : std::vector<std::pair<std::string, std::string>>{
           {"send_aws_sqs", R"({"aws":{"arn":"sqs:queue"}})"},
           {"send_aws_sns", R"({"aws":{"arn":"arn:aws:sqs:us-east-1:1:q"}})"},
           {"send_aws_dynamodb_put", R"({"aws":{}})"},
           {"send_aws_data_firehose", R"({})"},
           {"send_aws_lambda", R"({"aws":{"arn":""}})"}}) {
    const std::string what = build_error(type, settings);
    EXPECT_NE(what.find("aws.arn"), std::string::npos) << type << ": " << what;
  }
}

TEST(AwsBadInput, MissingCredentialsFailTheSend) {
  FaultServer server([](const FaultServer::Request&) { return FaultServer::Reply{}; });
  ScopedEnv ep("AWS_ENDPOINT_URL_SQS", server.endpoint());
  ScopedEnv region("AWS_REGION", "us-east-1");
  ScopedEnv k("AWS_ACCESS_KEY_ID"), s("AWS_SECRET_ACCESS_KEY"), t("AWS_SESSION_TOKEN");
  ScopedEnv p("AWS_PROFILE"), w("AWS_WEB_IDENTITY_TOKEN_FILE"),
      c1("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  ScopedEnv c2("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  ScopedEnv cfg("AWS_CONFIG_FILE", "/nonexistent/config");
  ScopedEnv cred("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
  ScopedEnv imds("AWS_EC2_METADATA_DISABLED", "true");
  const catalogue::Registry& registry = catalogue::Registry::builtin();
  services::Services services;
  catalogue::ConfigBuilder builder(registry, services);
  const config::Node node =
      config::Node::parse(R"({"aws":{"arn":"arn:aws:sqs:us-east-1:123456789012:q"}})");
  auto tf = registry.transform("send_aws_sqs")(config::Settings(&node, "t"), builder);
  std::vector<Message> out;
  tf->transform(Message("x"), out, Context{});
  try {
    tf->transform(Message::control(), out, Context{});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no credentials"), std::string::npos) << e.what();
  }
  EXPECT_EQ(server.request_count(), 0u);
}

TEST(AwsBadInput, FifoTopicsGetOneGroupPerBatch) {
  FaultServer server([](const FaultServer::Request& req) {
    std::string ok;
    for (int n = 1; n <= 10; ++n) {
      if (req.body.find("member." + std::to_string(n) + ".Id=") == std::string::npos) break;
      ok += "<member><Id>" + std::to_string(n - 1) + "</Id></member>";
    }
    FaultServer::Reply r;
    r.body = "<PublishBatchResponse><PublishBatchResult><Successful>" + ok +
             "</Successful><Failed/></PublishBatchResult></PublishBatchResponse>";
    return r;
  });
  ScopedEnv ep("AWS_ENDPOINT_URL_SNS", server.endpoint());
  ScopedEnv k("AWS_ACCESS_KEY_ID", "testing"), s("AWS_SECRET_ACCESS_KEY", "testing");
  const catalogue::Registry& registry = catalogue::Registry::builtin();
  services::Services services;
  catalogue::ConfigBuilder builder(registry, services);
  const config::Node node = config::Node::parse(
      R"({"aws":{"arn":"arn:aws:sns:us-east-1:123456789012:t.fifo"},"batch":{"count":2}})");
  auto tf = registry.transform("send_aws_sns")(config::Settings(&node, "t"), builder);
  std::vector<Message> out;
  for (const char* d : {"a", "b", "c"}) tf->transform(Message(d), out, Context{});
  tf->transform(Message::control(), out, Context{});
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 2u);
  auto group = [](const std::string& body, int n) {
    const std::string key = "member." + std::to_string(n) + ".MessageGroupId=";
    const size_t at = body.find(key);
    if (at == std::string::npos) return std::string();
    const size_t v = at + key.size();
    return body.substr(v, body.find('&', v) - v);
  };
  EXPECT_FALSE(group(reqs[0].body, 1).empty());
  EXPECT_EQ(group(reqs[0].body, 1), group(reqs[0].body, 2));
  EXPECT_NE(group(reqs[0].body, 1), group(reqs[1].body, 1));
}

// A sender whose flush fails keeps every batch that was not delivered: when the endpoint
// comes back, the next control message delivers all of them. Before, the batches were taken
// out before sending, so the second flush found nothing and "succeeded" with the data gone.
struct SenderCase {
  std::string type;
  std::string settings;  // aws.arn and batching
  std::string endpoint_env;
};

void PrintTo(const SenderCase& c, std::ostream* os) { *os << c.type; }

class SenderKeepsFailedBatches : public FaultTest,
                                 public ::testing::WithParamInterface<SenderCase> {};

TEST_P(SenderKeepsFailedBatches, UntilTheyAreDelivered) {
  const SenderCase& c = GetParam();
  std::atomic<bool> down{true};
  std::mutex mu;
  std::vector<std::string> delivered;  // request bodies answered with success
  FaultServer server([&](const FaultServer::Request& req) {
    FaultServer::Reply r;
    if (down) {
      r.status = 500;
      r.body = R"({"__type":"InternalFailure","message":"scripted outage"})";
      r.headers.emplace_back("Content-Type", "application/x-amz-json-1.1");
      return r;
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      delivered.push_back(req.body);
    }
    const std::string target = req.header("x-amz-target");
    if (target.find("PutRecords") != std::string::npos) {
      std::string recs = "[";
      json::get(req.body, "Records").for_each([&](const json::Value&, const json::Value&) {
        if (recs.size() > 1) recs += ",";
        recs += R"({"SequenceNumber":"1","ShardId":"shardId-000000000000"})";
        return true;
      });
      return json_reply(R"({"FailedRecordCount":0,"Records":)" + recs + "]}");
    }
    if (target.find("SendMessageBatch") != std::string::npos) {
      std::string ok = "[";
      for (const auto& [id, body] : sqs_entries(req)) {
        if (ok.size() > 1) ok += ",";
        ok += R"({"Id":")" + id + R"(","MessageId":"m","MD5OfMessageBody":"x"})";
      }
      return json_reply(R"({"Successful":)" + ok + R"(],"Failed":[]})");
    }
    r.headers.emplace_back("ETag", "\"0\"");  // S3 PutObject
    return r;
  });
  ScopedEnv ep(c.endpoint_env, server.endpoint());
  ScopedEnv base("AWS_MAX_ATTEMPTS", "1");
  const catalogue::Registry& registry = catalogue::Registry::builtin();
  services::Services services;
  catalogue::ConfigBuilder builder(registry, services);
  const config::Node settings = config::Node::parse(c.settings);
  auto tf = registry.transform(c.type)(config::Settings(&settings, "transform " + c.type), builder);
  std::vector<Message> out;
  const std::vector<std::string> data = {R"({"k":"a","n":"item-0"})", R"({"k":"b","n":"item-1"})",
                                         R"({"k":"a","n":"item-2"})", R"({"k":"c","n":"item-3"})"};
  for (const std::string& d : data) tf->transform(Message(d), out, Context{});
  EXPECT_THROW(tf->transform(Message::control(), out, Context{}), Error);
  EXPECT_TRUE(delivered.empty());
  down = false;
  tf->transform(Message::control(), out, Context{});
  // Three batch keys, three deliveries, every item in exactly one of them.
  ASSERT_EQ(delivered.size(), 3u);
  for (const std::string& d : data) {
    const std::string item = std::string(json::get(d, "n").to_string());
    int seen = 0;
    for (const std::string& body : delivered) {
      // Kinesis carries the data base64-encoded: "item-N" encodes differently in each
      // position, so compare against the whole record's encoding instead.
      if (body.find(item) != std::string::npos ||
          body.find(json::base64_encode(d)) != std::string::npos) {
        ++seen;
      }
    }
    EXPECT_EQ(seen, 1) << c.type << ": " << d;
  }
  // Nothing is left: a third flush sends nothing more.
  tf->transform(Message::control(), out, Context{});
  EXPECT_EQ(delivered.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(
    Senders, SenderKeepsFailedBatches,
    ::testing::Values(
        SenderCase{
            "send_aws_kinesis_data_stream",
            R"({"aws":{"arn":"arn:aws:kinesis:us-east-1:123456789012:stream/s"},"object":{"batch_key":"k"}})",
            "AWS_ENDPOINT_URL_KINESIS"},
        SenderCase{
            "send_aws_sqs",
            R"({"aws":{"arn":"arn:aws:sqs:us-east-1:123456789012:q"},"object":{"batch_key":"k"}})",
            "AWS_ENDPOINT_URL_SQS"},
        SenderCase{
            "send_aws_s3",
            R"({"aws":{"arn":"arn:aws:s3:::bucket"},"storage_class":"STANDARD","file_path":{"uuid":true},"object":{"batch_key":"k"}})",
            "AWS_ENDPOINT_URL_S3"}),
    [](const ::testing::TestParamInfo<SenderCase>& info) { return info.param.type; });

}  // namespace
}  // namespace sub
