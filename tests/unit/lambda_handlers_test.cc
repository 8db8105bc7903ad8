// Event → messages conversions of the Lambda handlers (apps/lambda/handlers), without a
// Runtime API. Built only when apps/lambda is part of the build (SUBSTATION_HAVE_LAMBDA).
#include <gtest/gtest.h>

#ifdef SUBSTATION_HAVE_LAMBDA

#include <fstream>
#include <map>
#include <sstream>

#include "apps/lambda/go_json.h"
#include "apps/lambda/handler.h"
#include "apps/lambda/handlers/handlers.h"
#include "apps/lambda/processor.h"
#include "catalogue/pipeline.h"
#include "config/node.h"
#include "core/json/path.h"
#include "services/output.h"

namespace sub::lambda {
namespace {

std::string fixture(const std::string& rel) {
  const std::string path =
      std::string(SUBSTATION_SOURCE_DIR) + "/../shared/fixtures/lambda-events/" + rel;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class MapFetcher : public ObjectFetcher {
 public:
  std::map<std::string, std::string> objects;
  std::string get(std::string_view bucket, std::string_view key) override {
    auto it = objects.find(std::string(bucket) + "/" + std::string(key));
    if (it == objects.end()) throw Error("no such object " + std::string(key));
    return it->second;
  }
};

// The EventError message `convert` throws for `event`, or "no error".
std::string event_error(Batch (*convert)(std::string_view), const std::string& event) {
  try {
    convert(event);
  } catch (const EventError& e) {
    return e.what();
  }
  return "no error";
}

TEST(LambdaHandlers, KinesisPlain) {
  const Batch b = handlers::kinesis_batch(fixture("aws-lambda-go/kinesis-event.json"));
  ASSERT_EQ(b.messages.size(), 2u);
  EXPECT_EQ(b.messages[0].data(), "Hello World");
  EXPECT_EQ(b.messages[0].metadata(),
            "{\"approximateArrivalTimestamp\":\"2016-12-02T01:18:43.476999998Z\","
            "\"stream\":\"arn:aws:kinesis:us-east-1:123456789012:stream/simple-stream\","
            "\"partitionKey\":\"s1\",\"sequenceNumber\":"
            "\"49568167373333333333333333333333333333333333333333333333\"}");
  EXPECT_EQ(b.record_ids[1], "49568167373333333334444444444444444444444444444444444444");
}

TEST(LambdaHandlers, KinesisKplAggregate) {
  const Batch b = handlers::kinesis_batch(fixture("composed/kinesis-kpl-aggregated-event.json"));
  ASSERT_EQ(b.messages.size(), 9u);
  EXPECT_EQ(b.messages[0].data(), "RECORD 18 iklrpsvyhxnerodfeheru\n");
  EXPECT_EQ(json::get(b.messages[1].metadata(), "partitionKey").str(),
            "c2a75787-469b-4310-840d-d486dca7eb5e");
  EXPECT_EQ(json::get(b.messages[1].metadata(), "sequenceNumber").str(),
            json::get(b.messages[0].metadata(), "sequenceNumber").str());
  EXPECT_EQ(b.messages[8].data(), "Hello World");
  EXPECT_EQ(b.record_of[7], 0u);
  EXPECT_EQ(b.record_of[8], 1u);
}

TEST(LambdaHandlers, KinesisWrongEvent) {
  EXPECT_THROW(handlers::kinesis_batch(fixture("aws-lambda-go/sqs-event.json")), EventError);
  EXPECT_THROW(handlers::kinesis_batch("{\"Records\":[{\"kinesis\""), EventError);
  EXPECT_THROW(handlers::kinesis_batch("{}"), EventError);
}

// The Kinesis handler reads the event in one pass (kinesis_data_stream.cc); it must find
// what path lookups find: keys compared unescaped, the first of a name, any white space.
TEST(LambdaHandlers, KinesisReadsTheEventAsLookupsDo) {
  const auto error_of = [](const std::string& event) {
    return event_error(handlers::kinesis_batch, event);
  };
  const std::string record =
      R"({"kinesis":{"d\u0061ta":"SGk=","data":"bm8=","partitionKey":"p",)"
      R"("sequenceNumber":"7","approximateArrivalTimestamp":1.5},"kinesis":{"data":"bm8="},)"
      R"("eventSourceARN":"arn:first","eventSourceARN":"arn:second"})";
  const Batch b = handlers::kinesis_batch("{ \"Rec\\u006frds\" :\n [ " + record + " ,\n" + record +
                                          " ] , \"Records\": 5 }");
  ASSERT_EQ(b.messages.size(), 2u);
  EXPECT_EQ(b.messages[1].data(), "Hi");
  EXPECT_EQ(json::get(b.messages[0].metadata(), "stream").str(), "arn:first");
  EXPECT_EQ(json::get(b.messages[0].metadata(), "partitionKey").str(), "p");
  EXPECT_EQ(b.record_ids[0], "7");

  EXPECT_EQ(error_of(R"({"Records":{"a":1},"Records":[)" + record + "]}"),
            "not a Kinesis event: no \"Records\" array");
  EXPECT_EQ(error_of("[" + record + "]"), "not a Kinesis event: no \"Records\" array");
  EXPECT_EQ(error_of(R"({"Records":[]})"), "a Kinesis event has no records");
  EXPECT_EQ(error_of(R"({"Records":[)" + record + R"(,7]})"),
            "record 1: not a Kinesis record: missing kinesis.data");
  EXPECT_EQ(error_of(R"({"Records":[{"kinesis":"x"}]})"),
            "record 0: not a Kinesis record: missing kinesis.data");
  // A lookup of kinesis.data goes on past a `kinesis` that is not an object, or lacks data.
  const Batch later = handlers::kinesis_batch(
      R"({"Records":[{"kinesis":"x","kinesis":{"partitionKey":"q"},"kinesis":{"data":"SGk=",)"
      R"("partitionKey":"p","sequenceNumber":"8"},"eventSourceARN":"arn:s"}]})");
  ASSERT_EQ(later.messages.size(), 1u);
  EXPECT_EQ(later.messages[0].data(), "Hi");
  EXPECT_EQ(json::get(later.messages[0].metadata(), "partitionKey").str(), "q");
  EXPECT_EQ(later.record_ids[0], "8");
  EXPECT_EQ(error_of(R"({"Records":[{"kinesis":{"data":"SGk="},"eventSourceARN":1}]})"),
            "event field eventSourceARN: cannot read number as string");
}

// The Kinesis, SQS, SNS and Data Firehose handlers check that the event is valid JSON in
// the same pass that reads their records (valid_json.h): wherever an event is broken, in a
// value they read, one they pass over or between, they refuse it as a separate check with
// json::valid did, and they take every valid one.
TEST(LambdaHandlers, OnePassReadersRefuseWhatValidRefuses) {
  struct Case {
    Batch (*convert)(std::string_view);
    std::string event;
  };
  const auto firehose = [](std::string_view e) {
    handlers::firehose_records(e);
    return Batch{};
  };
  const std::vector<Case> cases = {
      {handlers::kinesis_batch, fixture("aws-lambda-go/kinesis-event.json")},
      {handlers::sqs_batch, fixture("aws-lambda-go/sqs-event.json")},
      {handlers::sns_batch, fixture("aws-lambda-go/sns-event.json")},
      {firehose, fixture("aws-lambda-go/kinesis-firehose-event.json")},
  };
  const std::string bytes = std::string("\"\\,:{}[] \n0-x") + '\x01';
  size_t checked = 0, refused = 0;
  for (const Case& c : cases) {
    ASSERT_FALSE(c.event.empty());
    const auto check = [&](const std::string& event) {
      std::string error = "no error";
      try {
        c.convert(event);
      } catch (const std::exception& e) {  // a bad field of a valid event, too
        error = e.what();
      }
      const bool refuses = error == "event is not valid JSON";
      EXPECT_EQ(refuses, !json::valid(event)) << event;
      ++checked;
      refused += refuses ? 1 : 0;
    };
    check(c.event);
    for (size_t i = 0; i <= c.event.size(); ++i) {
      check(c.event.substr(0, i));
      if (i == c.event.size()) break;
      check(std::string(c.event).erase(i, 1));
      for (char b : bytes) {
        std::string replaced = c.event;
        replaced[i] = b;
        check(replaced);
        check(std::string(c.event).insert(i, 1, b));
      }
    }
  }
  EXPECT_GT(refused, checked / 2);  // most mutations break the JSON; some do not
  EXPECT_LT(refused, checked);

  // The nesting limit counts the containers the reader is in: a value passed over inside a
  // record's `kinesis` object (four levels down) may nest 9,996 more, not 9,997.
  for (size_t depth : {9995, 9996, 9997, 9998}) {
    const std::string event = R"({"Records":[{"kinesis":{"data":"SGk=","deep":)" +
                              std::string(depth, '[') + std::string(depth, ']') + "}}]}";
    const bool refuses = event_error(handlers::kinesis_batch, event) == "event is not valid JSON";
    EXPECT_EQ(refuses, !json::valid(event)) << depth;
    EXPECT_EQ(refuses, depth > json::kMaxNestingDepth - 4) << depth;
  }
}

TEST(LambdaHandlers, Firehose) {
  const auto recs =
      handlers::firehose_records(fixture("aws-lambda-go/kinesis-firehose-event.json"));
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].msg.data(), "Hello World");
  EXPECT_EQ(
      recs[0].msg.metadata(),
      "{\"approximateArrivalTimestamp\":\"2017-10-05T15:33:44.302Z\",\"recordId\":\"record1\"}");
}

// The Data Firehose handler reads the event in one pass (data_firehose.cc); it must find
// what path lookups find: keys compared unescaped, the first of a name, any white space.
TEST(LambdaHandlers, FirehoseReadsTheEventAsLookupsDo) {
  const auto error_of = [](const std::string& event) -> std::string {
    try {
      handlers::firehose_records(event);
    } catch (const EventError& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string record =
      R"({ "record\u0049d" : "r1", "recordId":"r2", "data":"SGk=", "data":"bm8=",)"
      R"( "approximateArrivalTimestamp":1507217624302, "approximateArrivalTimestamp":1 })";
  const auto recs =
      handlers::firehose_records("{\"records\" :\n[ " + record + " ,\n" + record + " ] }");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].record_id, "r1");
  EXPECT_EQ(recs[1].msg.data(), "Hi");
  EXPECT_EQ(recs[0].msg.metadata(),
            "{\"approximateArrivalTimestamp\":\"2017-10-05T15:33:44.302Z\",\"recordId\":\"r1\"}");
  EXPECT_TRUE(handlers::firehose_records(R"({"records":[]})").empty());

  EXPECT_EQ(error_of(R"({"records":{"a":1},"records":[)" + record + "]}"),
            "not a Data Firehose event: no \"records\" array");
  EXPECT_EQ(error_of(R"({"Records":[)" + record + "]}"),
            "not a Data Firehose event: no \"records\" array");
  EXPECT_EQ(error_of(R"({"records":[)" + record + R"(,7]})"),
            "record 1: not a Data Firehose record: missing recordId");
  EXPECT_EQ(error_of(R"({"records":[{"recordId":5,"data":"SGk="}]})"),
            "event field recordId: cannot read number as string");
  EXPECT_EQ(error_of(R"({"records":[{"recordId":"r","data":"!!"}]})"),
            "event field data: illegal base64 data");
}

TEST(LambdaHandlers, DynamodbStream) {
  const Batch b = handlers::dynamodb_batch(fixture("aws-lambda-go/dynamodb-event.json"), 1234);
  ASSERT_EQ(b.messages.size(), 2u);
  EXPECT_EQ(b.messages[0].data(),
            "{\"source\":{\"ts_ms\":1480642020000,\"table\":\"Example-Table\",\"connector\":"
            "\"dynamodb\"},\"ts_ms\":1234,\"op\":\"c\",\"before\":null,\"after\":{\"asdf1\":"
            "\"AAEqQQ==\",\"asdf2\":[\"AAEqQQ==\",\"QSoBAA==\"],\"key\":\"binary\",\"val\":"
            "\"data\"}}");
  EXPECT_EQ(b.messages[0].metadata(),
            "{\"approximateCreationDateTime\":\"2016-12-02T01:27:00Z\",\"eventSourceArn\":"
            "\"arn:aws:dynamodb:us-east-1:123456789012:table/Example-Table/stream/"
            "2016-12-01T00:00:00.000\",\"sequenceNumber\":\"1405400000000002063282832\","
            "\"sizeBytes\":54,\"streamViewType\":\"NEW_AND_OLD_IMAGES\"}");
}

TEST(LambdaHandlers, DynamodbModifyAndKeysOnly) {
  // The powertools event's eventSourceARN has no table (the reference panics on it).
  EXPECT_THROW(
      handlers::dynamodb_batch(fixture("powertools-lambda-python/dynamoStreamEvent.json"), 1),
      EventError);
  const std::string modify =
      "{\"Records\":[{\"eventName\":\"MODIFY\",\"eventSourceARN\":\"a/T/stream/x\",\"dynamodb\":{"
      "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\",\"OldImage\":{\"k\":{\"S\":\"1\"}},"
      "\"NewImage\":{\"k\":{\"S\":\"2\"}}}}]}";
  const Batch b = handlers::dynamodb_batch(modify, 1);
  ASSERT_EQ(b.messages.size(), 1u);
  EXPECT_EQ(json::get(b.messages[0].data(), "op").str(), "u");
  EXPECT_EQ(json::get(b.messages[0].data(), "before.k").str(), "1");
  EXPECT_EQ(json::get(b.messages[0].data(), "after.k").str(), "2");
  const std::string keys_only =
      "{\"Records\":[{\"eventName\":\"INSERT\",\"eventSourceARN\":\"arn:aws:dynamodb:r:1:table/T/"
      "stream/x\",\"dynamodb\":{\"StreamViewType\":\"KEYS_ONLY\",\"Keys\":{}}}]}";
  EXPECT_TRUE(handlers::dynamodb_batch(keys_only, 1).messages.empty());
  const std::string types =
      "{\"Records\":[{\"eventName\":\"REMOVE\",\"eventSourceARN\":\"a/T\",\"dynamodb\":{"
      "\"StreamViewType\":\"OLD_IMAGE\",\"OldImage\":{\"n\":{\"N\":\"1.50\"},\"ns\":{\"NS\":"
      "[\"1\",\"2e3\"]},\"l\":{\"L\":[{\"NULL\":true},{\"BOOL\":false},{\"S\":\"<a>\"}]},\"m\":{"
      "\"M\":{\"z\":{\"N\":\"0\"},\"a\":{\"SS\":[\"x\"]}}}}}}]}";
  const Batch t = handlers::dynamodb_batch(types, 1);
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].data(),
            "{\"source\":{\"ts_ms\":-62135596800000,\"table\":\"T\",\"connector\":\"dynamodb\"},"
            "\"ts_ms\":1,\"op\":\"d\",\"before\":{\"l\":[null,false,\"\\u003ca\\u003e\"],\"m\":{"
            "\"a\":[\"x\"],\"z\":0},\"n\":1.5,\"ns\":[1,2000]},\"after\":null}");
}

TEST(LambdaHandlers, Sqs) {
  const Batch b = handlers::sqs_batch(fixture("aws-lambda-go/sqs-event.json"));
  ASSERT_GE(b.messages.size(), 1u);
  const std::string& meta = b.messages[0].metadata();
  EXPECT_EQ(meta.rfind("{\"eventSourceArn\":", 0), 0u) << meta;
  EXPECT_TRUE(json::get(meta, "attributes").is_object());
  // Metadata of every message is the first record's.
  for (const Message& m : b.messages) EXPECT_EQ(m.metadata(), meta);
}

// The SQS handler reads the event in one pass too (sqs.cc), finding what lookups find.
TEST(LambdaHandlers, SqsReadsTheEventAsLookupsDo) {
  const auto error_of = [](const std::string& event) {
    return event_error(handlers::sqs_batch, event);
  };
  const std::string record =
      R"({"messageId":"m1","b\u006fdy":"first body","body":"second","md5OfBody":"x",)"
      R"("attributes":{"SentTimestamp":"1"},"eventSourceARN":"arn:q","messageId":"m2"})";
  const Batch b =
      handlers::sqs_batch("{\"Records\" : [\n" + record + " , " + record + "], \"Records\": [] }");
  ASSERT_EQ(b.messages.size(), 2u);
  EXPECT_EQ(b.messages[1].data(), "first body");
  EXPECT_EQ(b.record_ids[1], "m1");
  EXPECT_EQ(b.messages[0].metadata(), R"({"eventSourceArn":"arn:q","messageId":"m1","bodyMd5":"x",)"
                                      R"("attributes":{"SentTimestamp":"1"}})");

  EXPECT_EQ(error_of(R"({"Records":"x"})"), "not an SQS event: no \"Records\" array");
  EXPECT_EQ(error_of(R"({"Records":[]})"), "an SQS event has no records");
  EXPECT_EQ(error_of(R"({"Records":[)" + record + ",[1]]}"),
            "record 1: not an SQS record: missing body");
  EXPECT_EQ(error_of(R"({"Records":[{"body":1,"messageId":"m"}]})"),
            "event field body: cannot read number as string");
  EXPECT_EQ(error_of(R"({"Records":[{"body":"b","messageId":7}]})"),
            "event field messageId: cannot read number as string");
}

TEST(LambdaHandlers, Sns) {
  const Batch b = handlers::sns_batch(fixture("aws-lambda-go/sns-event.json"));
  ASSERT_EQ(b.messages.size(), 1u);
  EXPECT_EQ(b.messages[0].metadata(),
            "{\"timestamp\":\"2015-06-03T17:43:27.123Z\",\"eventSubscriptionArn\":"
            "\"arn:aws:sns:EXAMPLE\",\"messageId\":\"95df01b4-ee98-5cb9-9903-4c221d41eb5e\","
            "\"subject\":\"TestInvoke\"}");
}

// The SNS handler reads the event in one pass (sns.cc); it must find what path lookups
// find: keys compared unescaped, the first match of each path, any white space.
TEST(LambdaHandlers, SnsReadsTheEventAsLookupsDo) {
  const auto error_of = [](const std::string& event) {
    return event_error(handlers::sns_batch, event);
  };
  // Sns.MessageId is in the third `Sns`, Sns.Subject in the second; Message's escaped key.
  const std::string record =
      R"({"Sns":"first","EventSubscriptionArn":"arn:sub","Sns":{"Subject":"s1","Type":7},)"
      R"("EventSubscriptionArn":"arn:other","Sns" : {"MessageId":"m1","Subject":"s2",)"
      R"("Mess\u0061ge":"hello","Message":"no","Timestamp":"2015-06-03T17:43:27.123Z"}})";
  const Batch b = handlers::sns_batch("{ \"Records\" :\n [ " + record + " ,\n" + record + " ] }");
  ASSERT_EQ(b.messages.size(), 2u);
  EXPECT_EQ(b.messages[1].data(), "hello");
  EXPECT_EQ(b.record_ids[0], "m1");
  EXPECT_EQ(b.messages[0].metadata(),
            "{\"timestamp\":\"2015-06-03T17:43:27.123Z\",\"eventSubscriptionArn\":\"arn:sub\","
            "\"messageId\":\"m1\",\"subject\":\"s1\"}");

  EXPECT_EQ(error_of(R"({"Records":{"a":1},"Records":[)" + record + "]}"),
            "not an SNS event: no \"Records\" array");
  EXPECT_EQ(error_of(R"({"Records":[]})"), "an SNS event has no records");
  EXPECT_EQ(error_of(R"({"Records":[)" + record + R"(,{"sns":{}}]})"),
            "record 1: not an SNS record: missing Sns");
  EXPECT_EQ(error_of(R"({"Records":[)" + record + R"(,7]})"),
            "record 1: not an SNS record: missing Sns");
  EXPECT_EQ(error_of(R"({"Records":[{"Sns":{"MessageId":"m","Message":1,)"
                     R"("Timestamp":"2015-06-03T17:43:27Z"}}]})"),
            "event field Sns.Message: cannot read number as string");
  EXPECT_EQ(error_of(R"({"Records":[{"Sns":{"MessageId":"m","Message":"x","Subject":[],)"
                     R"("Timestamp":"2015-06-03T17:43:27Z"}}]})"),
            "event field Sns.Subject: cannot read array as string");
}

TEST(LambdaHandlers, ApiGateway) {
  const Message m = handlers::api_gateway_message(fixture("aws-lambda-go/apigw-request.json"));
  EXPECT_EQ(json::get(m.metadata(), "resource").str(), "/{proxy+}");
  EXPECT_EQ(json::get(m.metadata(), "path").str(), "/hello/world");
  EXPECT_EQ(m.metadata().find("\"headers\":{\"Accept\":"), m.metadata().find("\"headers\""));
  const Message v2 =
      handlers::api_gateway_message(fixture("aws-lambda-go/apigw-v2-request-no-authorizer.json"));
  EXPECT_EQ(json::get(v2.metadata(), "resource").str(), "");
}

TEST(LambdaHandlers, LambdaCompacts) {
  EXPECT_EQ(handlers::lambda_message(fixture("composed/lambda-direct-invoke.json")).data(),
            "{\"event\":\"example\",\"count\":1,\"nested\":{\"ok\":true}}");
  EXPECT_THROW(handlers::lambda_message("{\"a\":"), EventError);
}

TEST(LambdaHandlers, S3ObjectsAndLines) {
  MapFetcher f;
  f.objects["sourcebucket/Happy Face.jpg"] = "line one\nline two\n";
  const Batch b = handlers::s3_batch(fixture("aws-lambda-go/s3-event.json"), f, 1000);
  ASSERT_EQ(b.messages.size(), 2u);
  EXPECT_EQ(b.messages[1].data(), "line two");
  EXPECT_EQ(
      b.messages[0].metadata(),
      "{\"eventTime\":\"1970-01-01T00:00:00.123Z\",\"bucketArn\":\"arn:aws:s3:::mybucket\","
      "\"bucketName\":\"sourcebucket\",\"objectKey\":\"Happy Face.jpg\",\"objectSize\":1024}");
}

TEST(LambdaHandlers, S3BinaryObjectDoesNotEndTheEvent) {
  MapFetcher f;
  f.objects["b/bin"] = std::string("\x00\x01\x02\xff", 4);
  f.objects["b/text"] = "x\ny";
  const std::string event =
      "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"bin\"}}},"
      "{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"text\"}}}]}";
  const Batch b = handlers::s3_batch(event, f, 1000);
  ASSERT_EQ(b.messages.size(), 3u);
  EXPECT_EQ(b.messages[0].data().size(), 4u);
  EXPECT_EQ(b.messages[2].data(), "y");
}

TEST(LambdaHandlers, S3ViaSnsAndSqs) {
  MapFetcher f;
  f.objects["sourcebucket/Happy Face.jpg"] = "a\n";
  EXPECT_EQ(handlers::s3_sns_batch(fixture("composed/s3-sns-event.json"), f, 1000).messages.size(),
            1u);
  EXPECT_EQ(handlers::s3_sqs_batch(fixture("composed/s3-sns-sqs-event.json"), f, 1000, false)
                .messages.size(),
            1u);
  EXPECT_TRUE(
      handlers::s3_sqs_batch(fixture("composed/s3-test-event-sqs-event.json"), f, 1000, false)
          .messages.empty());
  const Batch missing =
      handlers::s3_sqs_batch(fixture("powertools-lambda-python/s3SqsEvent.json"), f, 1000, true);
  EXPECT_EQ(missing.failed_records.size(), 1u);
  EXPECT_THROW(
      handlers::s3_sqs_batch(fixture("powertools-lambda-python/s3SqsEvent.json"), f, 1000, false),
      Error);
}

TEST(LambdaHandlers, GoEncodings) {
  EXPECT_EQ(query_unescape("a+b%2Fc"), "a b/c");
  EXPECT_THROW(query_unescape("%zz"), Error);
  std::string out;
  append_compact_html(out, "{ \"a\" : \"<&>\" }");
  EXPECT_EQ(out, "{\"a\":\"\\u003c\\u0026\\u003e\"}");
  EXPECT_EQ(workers_for(0), 1u);
  EXPECT_EQ(workers_for(3), 3u);
  EXPECT_GE(workers_for(-1), 1u);
}

TEST(LambdaHandlers, Registry) {
  for (const char* name :
       {"AWS_API_GATEWAY", "AWS_DATA_FIREHOSE", "AWS_DYNAMODB_STREAM", "AWS_KINESIS_DATA_STREAM",
        "AWS_LAMBDA", "AWS_S3", "AWS_S3_SNS", "AWS_S3_SQS", "AWS_SNS", "AWS_SQS",
        "AWS_KINESIS_DATA_FIREHOSE", "AWS_KINESIS", "AWS_DYNAMODB"}) {
    EXPECT_NE(make_handler(name), nullptr) << name;
  }
  EXPECT_EQ(make_handler("AWS_NOPE"), nullptr);
}

// The control message that ends a batch goes through the same chain as the data: a failure
// only it can cause (send_stdout runs its auxiliary chain when it flushes) names the step and
// its position like any data error.
TEST(LambdaProcessor, ControlMessageErrorNamesTheStepAndItsPosition) {
  services::Services services;
  services.stdout_sink = std::make_shared<services::CaptureSink>();
  const catalogue::Pipeline pipeline =
      catalogue::build_pipeline(config::Node::parse(R"({"transforms":[
      {"type":"object_copy","settings":{"object":{"source_key":"a","target_key":"b"}}},
      {"type":"send_stdout","settings":{"auxiliary_transforms":[
        {"type":"utility_err","settings":{"message":"late"}}]}}]})"),
                                services);
  WorkerPool pool(1, 16);
  std::vector<Message> msgs;
  msgs.emplace_back(R"({"a":1})");
  msgs.emplace_back(R"({"a":2})");
  const BatchOutcome outcome = process_batch(pipeline.chain, std::move(msgs), pool, 1, Context{},
                                             /*stop_on_error=*/true);
  EXPECT_TRUE(outcome.failures.empty());
  EXPECT_TRUE(outcome.control_applied);
  EXPECT_EQ(outcome.control_error.value_or("<none>"), "transform send_stdout (transforms:2): late");
}

}  // namespace
}  // namespace sub::lambda

#else

TEST(LambdaHandlers, NotBuilt) {
  GTEST_SKIP() << "apps/lambda is not part of this build (add_subdirectory(apps/lambda))";
}

#endif
