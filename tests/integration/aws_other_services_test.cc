// Firehose, EventBridge, Lambda, Secrets Manager and CloudWatch against moto.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "services/aws/cloudwatch.h"
#include "services/aws/eventbridge.h"
#include "services/aws/firehose.h"
#include "services/aws/lambda.h"
#include "services/aws/options.h"
#include "services/aws/secrets_manager.h"
#include "services/aws/sqs.h"
#include "tests/integration/aws_test_support.h"
#include "tests/integration/fault_server.h"
#include "tests/integration/moto_fixture.h"
#include "tests/integration/scoped_env.h"

namespace sub {
namespace {

using itest::MotoTest;

std::vector<std::string> lines_b64(const std::string& out) {
  std::vector<std::string> v;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    std::string d;
    EXPECT_TRUE(json::base64_decode(line, d)) << line;
    v.push_back(d);
  }
  return v;
}

class OtherAwsMoto : public MotoTest {};

TEST_F(OtherAwsMoto, FirehoseWritesRecordsToS3) {
  itest::run_python(
      "import boto3\ns3=boto3.client('s3',region_name='us-east-1')\n"
      "s3.create_bucket(Bucket='itest-fh')\n"
      "f=boto3.client('firehose',region_name='us-east-1')\n"
      "f.create_delivery_stream(DeliveryStreamName='itest-fh',ExtendedS3DestinationConfiguration="
      "{'RoleARN':'arn:aws:iam::123456789012:role/r','BucketARN':'arn:aws:s3:::itest-fh'})\n");
  aws::FirehoseClient fh(aws::make_client_options());
  fh.put_record_batch("itest-fh", {"a\n", "b\x01\xff\n"});
  auto tf = itest::build_transform(
      "send_aws_data_firehose",
      R"({"aws":{"arn":"arn:aws:firehose:us-east-1:123456789012:deliverystream/itest-fh"}})");
  itest::run_all(*tf, {"{\"x\":1}", "{\"x\":2}"});
  const std::vector<std::string> objects = lines_b64(itest::run_python(
      "import boto3,base64\ns3=boto3.client('s3',region_name='us-east-1')\n"
      "for o in sorted(s3.list_objects_v2(Bucket='itest-fh')['Contents'],key=lambda "
      "o:o['LastModified']):\n"
      "  "
      "print(base64.b64encode(s3.get_object(Bucket='itest-fh',Key=o['Key'])['Body'].read()).decode("
      "))\n"));
  std::multiset<std::string> got(objects.begin(), objects.end());
  EXPECT_EQ(got, (std::multiset<std::string>{"a\nb\x01\xff\n", "{\"x\":1}{\"x\":2}"}));
}

TEST_F(OtherAwsMoto, EventBridgeDeliversToARuleTarget) {
  itest::run_python(
      "import boto3,json\nsqs=boto3.client('sqs',region_name='us-east-1')\n"
      "u=sqs.create_queue(QueueName='itest-eb')['QueueUrl']\n"
      "a=sqs.get_queue_attributes(QueueUrl=u,AttributeNames=['QueueArn'])['Attributes']['QueueArn']"
      "\n"
      "e=boto3.client('events',region_name='us-east-1')\n"
      "e.put_rule(Name='itest',EventPattern=json.dumps({'source':['substation.eb']}))\n"
      "e.put_targets(Rule='itest',Targets=[{'Id':'q','Arn':a}])\n");
  std::vector<std::string> data;
  for (int i = 0; i < 13; ++i) data.push_back("{\"n\":" + std::to_string(i) + "}");
  // batch count 1000 is clamped to PutEvents' 10 (the reference sent 1000 and failed).
  auto tf = itest::build_transform(
      "send_aws_eventbridge", R"({"id":"eb","description":"Test Event","batch":{"count":1000}})");
  itest::run_all(*tf, data);
  aws::SqsClient sqs(aws::make_client_options());
  const std::string url = sqs.get_queue_url("itest-eb");
  std::multiset<std::string> details;
  for (int i = 0; i < 10; ++i) {
    auto batch = sqs.receive_messages(url, 10);
    if (batch.empty()) break;
    sqs.delete_messages(url, batch);
    for (const auto& m : batch) {
      EXPECT_EQ(json::get(m.body, "detail-type").to_string(), "Test Event");
      EXPECT_EQ(json::get(m.body, "source").to_string(), "substation.eb");
      std::string compact;
      json::append_compact(compact, json::get(m.body, "detail").raw());
      details.insert(compact);
    }
  }
  EXPECT_EQ(details, std::multiset<std::string>(data.begin(), data.end()));
  std::vector<Message> out;
  EXPECT_THROW(tf->transform(Message(std::string(256 * 1024 + 1, 'x')), out, Context{}), Error);
}

TEST_F(OtherAwsMoto, LambdaInvokeAndTransforms) {
  itest::run_python(
      "import boto3,io,zipfile,json,urllib.request,os\n"
      "req=urllib.request.Request(os.environ['AWS_ENDPOINT_URL']+'/moto-api/config',"
      "data=json.dumps({'lambda':{'use_docker':False}}).encode(),method='POST')\n"
      "urllib.request.urlopen(req).read()\n"
      "iam=boto3.client('iam',region_name='us-east-1')\n"
      "try:\n  r=iam.create_role(RoleName='itest-l',AssumeRolePolicyDocument='{}')['Role']['Arn']\n"
      "except Exception:\n  r=iam.get_role(RoleName='itest-l')['Role']['Arn']\n"
      "b=io.BytesIO()\nz=zipfile.ZipFile(b,'w')\nz.writestr('f.py','def h(e,c): return "
      "e')\nz.close()\n"
      "l=boto3.client('lambda',region_name='us-east-1')\n"
      "try:\n  l.create_function(FunctionName='itest-fn',Runtime='python3.12',Role=r,Handler='f.h',"
      "Code={'ZipFile':b.getvalue()})\nexcept l.exceptions.ResourceConflictException:\n  pass\n");
  const std::string fn = "arn:aws:lambda:us-east-1:123456789012:function:itest-fn";
  aws::LambdaClient lambda(aws::make_client_options());
  const auto r = lambda.invoke(fn, R"({"hello":"wörld"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.payload, R"({"hello":"wörld"})");  // the simple backend echoes the payload
  lambda.invoke_async(fn, R"({"async":true})");

  auto enrich = itest::build_transform(
      "enrich_aws_lambda", "{\"aws\":{\"arn\":\"" + fn +
                               "\"},\"object\":{\"source_key\":\"in\",\"target_key\":\"out\"}}");
  std::vector<Message> out;
  enrich->transform(Message(R"({"in":{"a":1}})"), out, Context{});
  enrich->transform(Message(R"({"x":1})"), out, Context{});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].data(), R"({"in":{"a":1},"out":{"a":1}})");
  EXPECT_EQ(out[1].data(), R"({"x":1})");
  EXPECT_THROW(enrich->transform(Message(R"({"in":"not json"})"), out, Context{}), Error);

  auto send = itest::build_transform("send_aws_lambda", "{\"aws\":{\"arn\":\"" + fn + "\"}}");
  EXPECT_EQ(itest::run_all(*send, {"{\"e\":1}", "{\"e\":2}"}).size(), 3u);
}

TEST_F(OtherAwsMoto, LambdaFunctionErrorsAndAsyncHeaders) {
  itest::FaultServer server([](const itest::FaultServer::Request& req) {
    itest::FaultServer::Reply r;
    if (req.header("x-amz-invocation-type") == "Event") {
      r.status = 202;
      return r;
    }
    r.body = R"({"errorMessage":"boom","errorType":"Exception"})";
    r.headers.emplace_back("X-Amz-Function-Error", "Unhandled");
    return r;
  });
  itest::ScopedEnv ep("AWS_ENDPOINT_URL_LAMBDA", server.endpoint());
  const std::string fn = "arn:aws:lambda:us-east-1:123456789012:function:f";
  auto send = itest::build_transform("send_aws_lambda", "{\"aws\":{\"arn\":\"" + fn + "\"}}");
  itest::run_all(*send, {"{\"e\":1}", "{\"e\":2}"});
  auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].target,
            "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af/"
            "invocations");
  EXPECT_EQ(reqs[1].body, "{\"e\":2}");
  auto enrich = itest::build_transform(
      "enrich_aws_lambda", "{\"aws\":{\"arn\":\"" + fn +
                               "\"},\"object\":{\"source_key\":\"in\",\"target_key\":\"out\"}}");
  std::vector<Message> out;
  try {
    enrich->transform(Message(R"({"in":{}})"), out, Context{});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "boom");
  }
}

TEST_F(OtherAwsMoto, SecretsManagerSecret) {
  const std::string secret_arn = itest::run_python(
      "import boto3\ns=boto3.client('secretsmanager',region_name='us-east-1')\n"
      "print(s.create_secret(Name='itest-secret',SecretString='s3cr3t \\u00e9')['ARN'],end='')\n");
  aws::SecretsManagerClient sm(aws::make_client_options());
  EXPECT_EQ(sm.get_secret_value(secret_arn).string, "s3cr3t é");
  services::Services services;
  const config::Node cfg = config::Node::parse(
      "{\"secret\":{\"type\":\"aws_secrets_manager\",\"settings\":{\"id\":\"sm\",\"aws\":{\"arn\":"
      "\"" +
      secret_arn + "\"}}}}");
  auto retriever = services.secrets->retriever(config::Settings(&cfg, "test"), "secret");
  retriever->retrieve();
  EXPECT_EQ(services.secrets->interpolate("token=${SECRET:sm}"), "token=s3cr3t é");
  const config::Node bad =
      config::Node::parse(R"({"secret":{"type":"aws_secrets_manager","settings":{"id":"x"}}})");
  try {
    services.secrets->retriever(config::Settings(&bad, "test"), "secret");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("aws.arn"), std::string::npos) << e.what();
  }
}

TEST_F(OtherAwsMoto, CloudWatchPutMetricData) {
  aws::CloudWatchClient cw(aws::make_client_options());
  cw.put_metric_data("Substation", {{"ItestCount", {{"Pipeline", "p1"}}, 3, "Count"},
                                    {"ItestBytes", {}, 1.5, ""}});
  const std::string out = itest::run_python(
      "import boto3\nc=boto3.client('cloudwatch',region_name='us-east-1')\n"
      "for m in sorted(c.list_metrics(Namespace='Substation')['Metrics'],key=lambda "
      "m:m['MetricName']):\n"
      "  print(m['MetricName'],[(d['Name'],d['Value']) for d in m['Dimensions']])\n");
  EXPECT_EQ(out, "ItestBytes []\nItestCount [('Pipeline', 'p1')]\n");
}

}  // namespace
}  // namespace sub
