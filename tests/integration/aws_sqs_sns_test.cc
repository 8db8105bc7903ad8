// SQS and SNS clients and send transforms against moto: what is written is read back byte
// for byte by our client and by boto3.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json/encode.h"
#include "services/aws/options.h"
#include "services/aws/sns.h"
#include "services/aws/sqs.h"
#include "tests/integration/aws_test_support.h"
#include "tests/integration/moto_fixture.h"

namespace sub {
namespace {

using itest::MotoTest;

// Bodies that need escaping in JSON, form encoding and XML.
const std::vector<std::string> kTricky = {R"({"a":"<b>&amp;</b>","q":"\"quoted\""})",
                                          "tab\tnew\nline\rcr", "unicode é 漢字 😀",
                                          "plus+space %20 &x=y", "x"};

void create_queue(const std::string& name, bool fifo = false) {
  itest::run_python(
      "import boto3\ns=boto3.client('sqs',region_name='us-east-1')\n"
      "s.create_queue(QueueName='" +
      name + "'" +
      (fifo ? ",Attributes={'FifoQueue':'true','ContentBasedDeduplication':'true'}" : "") + ")\n");
}

// Every body left in queue `name`, read (and deleted) by boto3.
std::multiset<std::string> boto3_drain(const std::string& name) {
  const std::string out = itest::run_python(
      "import boto3,base64\ns=boto3.client('sqs',region_name='us-east-1')\n"
      "u=s.get_queue_url(QueueName='" +
      name +
      "')['QueueUrl']\n"
      "for _ in range(20):\n"
      "  ms=s.receive_message(QueueUrl=u,MaxNumberOfMessages=10).get('Messages',[])\n"
      "  if not ms: break\n"
      "  for m in ms:\n"
      "    print(base64.b64encode(m['Body'].encode()).decode())\n"
      "    s.delete_message(QueueUrl=u,ReceiptHandle=m['ReceiptHandle'])\n");
  std::multiset<std::string> bodies;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    std::string body;
    EXPECT_TRUE(json::base64_decode(line, body)) << line;
    bodies.insert(body);
  }
  return bodies;
}

std::vector<aws::SqsClient::Message> drain(const aws::SqsClient& sqs, const std::string& url) {
  std::vector<aws::SqsClient::Message> all;
  for (int i = 0; i < 20; ++i) {
    auto batch = sqs.receive_messages(url, 10);
    if (batch.empty()) break;
    sqs.delete_messages(url, batch);
    for (auto& m : batch) all.push_back(std::move(m));
  }
  return all;
}

class SqsSnsMoto : public MotoTest {};

TEST_F(SqsSnsMoto, SqsClientRoundTrip) {
  create_queue("itest-client");
  aws::SqsClient sqs(aws::make_client_options());
  const std::string url = sqs.get_queue_url("itest-client");
  std::vector<aws::SqsClient::Entry> entries;
  for (const std::string& b : kTricky) entries.push_back({b, "", ""});
  sqs.send_message_batch(url, entries);
  std::multiset<std::string> got;
  for (const auto& m : drain(sqs, url)) got.insert(m.body);
  EXPECT_EQ(got, std::multiset<std::string>(kTricky.begin(), kTricky.end()));

  sqs.send_message_batch(url, entries);
  EXPECT_EQ(boto3_drain("itest-client"),
            std::multiset<std::string>(kTricky.begin(), kTricky.end()));
}

TEST_F(SqsSnsMoto, SendAwsSqsBatchesAndFifoGroups) {
  create_queue("itest-tf");
  create_queue("itest-tf.fifo", true);
  std::vector<std::string> data;
  for (int i = 0; i < 23; ++i) data.push_back("{\"i\":" + std::to_string(i) + "}");
  auto tf = itest::build_transform(
      "send_aws_sqs", R"({"aws":{"arn":"arn:aws:sqs:us-east-1:123456789012:itest-tf"}})");
  auto out = itest::run_all(*tf, data);
  ASSERT_EQ(out.size(), data.size() + 1);
  EXPECT_EQ(boto3_drain("itest-tf"), std::multiset<std::string>(data.begin(), data.end()));

  auto fifo = itest::build_transform(
      "send_aws_sqs",
      R"({"aws":{"arn":"arn:aws:sqs:us-east-1:123456789012:itest-tf.fifo"},"batch":{"count":3}})");
  itest::run_all(*fifo, {"f1", "f2", "f3", "f4"});
  aws::SqsClient sqs(aws::make_client_options());
  const auto msgs = drain(sqs, sqs.get_queue_url("itest-tf.fifo"));
  ASSERT_EQ(msgs.size(), 4u);
  std::set<std::string> groups;
  for (const auto& m : msgs) {
    EXPECT_FALSE(m.message_group_id.empty());
    groups.insert(m.message_group_id);
  }
  EXPECT_EQ(groups.size(), 2u);  // one group per batch: [f1 f2 f3] [f4]
}

TEST_F(SqsSnsMoto, SendAwsSqsRejectsOversizeAndBadArns) {
  auto tf = itest::build_transform(
      "send_aws_sqs", R"({"aws":{"arn":"arn:aws:sqs:us-east-1:123456789012:itest-tf"}})");
  std::vector<Message> out;
  try {
    tf->transform(Message(std::string(256 * 1024 + 1, 'x')), out, Context{});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("data exceeded size limit"), std::string::npos);
  }
  tf->transform(Message(std::string(256 * 1024, 'x')), out, Context{});  // the limit itself fits
  for (const char* bad : {R"({"aws":{"arn":"not-an-arn"}})",
                          R"({"aws":{"arn":"arn:aws:sns:us-east-1:123456789012:t"}})"}) {
    try {
      itest::build_transform("send_aws_sqs", bad);
      FAIL() << "expected an error for " << bad;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("aws.arn"), std::string::npos) << e.what();
    }
  }
}

TEST_F(SqsSnsMoto, SnsPublishBatchReachesSubscribedQueue) {
  itest::run_python(
      "import boto3\nsns=boto3.client('sns',region_name='us-east-1')\n"
      "sqs=boto3.client('sqs',region_name='us-east-1')\n"
      "t=sns.create_topic(Name='itest-topic')['TopicArn']\n"
      "u=sqs.create_queue(QueueName='itest-sns-q')['QueueUrl']\n"
      "a=sqs.get_queue_attributes(QueueUrl=u,AttributeNames=['QueueArn'])['Attributes']['QueueArn']"
      "\n"
      "sns.subscribe(TopicArn=t,Protocol='sqs',Endpoint=a,Attributes={'RawMessageDelivery':'true'})"
      "\n");
  const std::string topic = "arn:aws:sns:us-east-1:123456789012:itest-topic";
  aws::SnsClient sns(aws::make_client_options());
  std::vector<aws::SnsClient::Entry> entries;
  for (const std::string& b : kTricky) entries.push_back({b, "", ""});
  sns.publish_batch(topic, entries);
  EXPECT_EQ(boto3_drain("itest-sns-q"), std::multiset<std::string>(kTricky.begin(), kTricky.end()));

  std::vector<std::string> data;
  for (int i = 0; i < 15; ++i) data.push_back("{\"sns\":" + std::to_string(i) + "}");
  auto tf = itest::build_transform("send_aws_sns", "{\"aws\":{\"arn\":\"" + topic + "\"}}");
  itest::run_all(*tf, data);
  aws::SqsClient sqs(aws::make_client_options());
  std::multiset<std::string> got;
  for (const auto& m : drain(sqs, sqs.get_queue_url("itest-sns-q"))) got.insert(m.body);
  EXPECT_EQ(got, std::multiset<std::string>(data.begin(), data.end()));
}

}  // namespace
}  // namespace sub
