// The Lambda handlers' event conversions (event JSON -> messages and metadata) for an
// invocation of 100 records of a Zeek conn event each, as Kinesis, SQS, SNS and Data
// Firehose deliver them.
// Items are records.
#include <benchmark/benchmark.h>

#ifdef SUBSTATION_HAVE_LAMBDA

#include <string>

#include "apps/lambda/handlers/handlers.h"
#include "core/json/encode.h"

namespace {

constexpr int kRecords = 100;
const std::string kLine =
    R"({"ts":1717200000.000781,"uid":"CXoF42XNyd8h0HmX15","id.orig_h":"170.37.148.131",)"
    R"("id.orig_p":51416,"id.resp_h":"10.0.36.113","id.resp_p":23,"proto":"tcp",)"
    R"("conn_state":"S0","local_orig":false,"local_resp":true,"missed_bytes":0,)"
    R"("history":"S","orig_pkts":1,"orig_ip_bytes":44,"resp_pkts":0,"resp_ip_bytes":0,)"
    R"("community_id":"1:PNWl7zJTTM3ryfQGeco2FH0V84c="})";

std::string kinesis_event() {
  std::string e = R"({"Records":[)";
  for (int i = 0; i < kRecords; ++i) {
    if (i > 0) e += ',';
    e += R"({"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"p",)";
    e += R"("sequenceNumber":"4956816737333333333333333333333333333333333333333333)" +
         std::to_string(1000 + i) + "\",";
    e += R"("data":")" + sub::json::base64_encode(kLine) + R"(",)";
    e += R"("approximateArrivalTimestamp":1480641523.477},"eventSource":"aws:kinesis",)";
    e += R"("eventVersion":"1.0","eventID":"shardId-000000000000:1","eventName":)";
    e += R"("aws:kinesis:record","awsRegion":"us-east-1","eventSourceARN":)";
    e += R"("arn:aws:kinesis:us-east-1:123456789012:stream/bench"})";
  }
  return e + "]}";
}

std::string sqs_event() {
  std::string e = R"({"Records":[)";
  for (int i = 0; i < kRecords; ++i) {
    if (i > 0) e += ',';
    e += R"({"messageId":"m-)" + std::to_string(i) + R"(","receiptHandle":"r","body":)";
    sub::json::append_go_string(e, kLine);
    e += R"(,"attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1523232000000"},)";
    e += R"("messageAttributes":{},"md5OfBody":"7b270e59b47ff90a553787216d55d91d",)";
    e += R"("eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:1:q",)";
    e += R"("awsRegion":"us-east-1"})";
  }
  return e + "]}";
}

std::string sns_event() {
  std::string e = R"({"Records":[)";
  for (int i = 0; i < kRecords; ++i) {
    if (i > 0) e += ',';
    e += R"({"EventVersion":"1.0","EventSubscriptionArn":"arn:aws:sns:us-east-1:1:t:s",)";
    e += R"("EventSource":"aws:sns","Sns":{"Signature":"EXAMPLE","MessageId":"m-)" +
         std::to_string(i) + R"(","Type":"Notification","TopicArn":"arn:aws:sns:us-east-1:1:t",)";
    e += R"("MessageAttributes":{},"SignatureVersion":"1","Timestamp":"2024-06-01T00:00:00.123Z",)";
    e += R"("SigningCertUrl":"EXAMPLE","Message":)";
    sub::json::append_go_string(e, kLine);
    e += R"(,"UnsubscribeUrl":"EXAMPLE","Subject":"bench"}})";
  }
  return e + "]}";
}

std::string firehose_event() {
  std::string e = R"({"invocationId":"i","deliveryStreamArn":"arn:aws:firehose:us-east-1:1:d",)";
  e += R"("region":"us-east-1","records":[)";
  for (int i = 0; i < kRecords; ++i) {
    if (i > 0) e += ',';
    e += R"({"recordId":"r-)" + std::to_string(i) +
         R"(","approximateArrivalTimestamp":1717200000123,)";
    e += R"("data":")" + sub::json::base64_encode(kLine) + R"("})";
  }
  return e + "]}";
}

void BM_KinesisBatch(benchmark::State& state) {
  const std::string event = kinesis_event();
  for (auto _ : state) {
    sub::lambda::Batch b = sub::lambda::handlers::kinesis_batch(event);
    benchmark::DoNotOptimize(b.messages.data());
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * kRecords);
}
BENCHMARK(BM_KinesisBatch);

void BM_SqsBatch(benchmark::State& state) {
  const std::string event = sqs_event();
  for (auto _ : state) {
    sub::lambda::Batch b = sub::lambda::handlers::sqs_batch(event);
    benchmark::DoNotOptimize(b.messages.data());
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * kRecords);
}
BENCHMARK(BM_SqsBatch);

void BM_SnsBatch(benchmark::State& state) {
  const std::string event = sns_event();
  for (auto _ : state) {
    sub::lambda::Batch b = sub::lambda::handlers::sns_batch(event);
    benchmark::DoNotOptimize(b.messages.data());
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * kRecords);
}
BENCHMARK(BM_SnsBatch);

void BM_FirehoseRecords(benchmark::State& state) {
  const std::string event = firehose_event();
  for (auto _ : state) {
    std::vector<sub::lambda::handlers::FirehoseRecord> r =
        sub::lambda::handlers::firehose_records(event);
    benchmark::DoNotOptimize(r.data());
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * kRecords);
}
BENCHMARK(BM_FirehoseRecords);

}  // namespace

#endif
