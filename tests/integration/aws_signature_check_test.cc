// Every AWS client against a moto that verifies SigV4 signatures (INITIAL_NO_AUTH_ACTION_COUNT,
// a key pair created in moto IAM), a wrong secret key, and the S3 CRC32/CRC32C checksums.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "core/json/value.h"
#include "services/aws/attribute_value.h"
#include "services/aws/checksum.h"
#include "services/aws/cloudwatch.h"
#include "services/aws/credentials.h"
#include "services/aws/dynamodb.h"
#include "services/aws/error.h"
#include "services/aws/eventbridge.h"
#include "services/aws/firehose.h"
#include "services/aws/kinesis.h"
#include "services/aws/lambda.h"
#include "services/aws/options.h"
#include "services/aws/s3.h"
#include "services/aws/secrets_manager.h"
#include "services/aws/sns.h"
#include "services/aws/sqs.h"
#include "tests/integration/aws_test_support.h"
#include "tests/integration/moto_fixture.h"
#include "tests/integration/scoped_env.h"

namespace sub {
namespace {

TEST(AwsChecksum, KnownVectors) {
  EXPECT_EQ(aws::crc32c("123456789"), 0xE3069283u);
  EXPECT_EQ(aws::crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(aws::crc32c(""), 0u);
  EXPECT_EQ(aws::crc32(""), 0u);
  EXPECT_EQ(aws::crc32c(std::string(32, '\0')), 0x8A9136AAu);    // RFC 3720 B.4
  EXPECT_EQ(aws::crc32c(std::string(32, '\xFF')), 0x62A8AB43u);  // RFC 3720 B.4
  EXPECT_EQ(aws::checksum_base64(0xE3069283u), "4waSgw==");
  EXPECT_EQ(aws::checksum_base64(0xCBF43926u), "y/Q5Jg==");
}

// moto verifies a re-built request, not the bytes sent: a form body is re-serialized from the
// parsed fields with botocore's urlencode (space as '+', which is also how our form bodies
// encode it), and S3 keys with '+' or '%' fail even for boto3. So S3 keys here have no
// '+'/'%' (real AWS hashes the body and path as sent).
//
// A moto of its own with signature verification on; the process environment points at it
// (endpoint and the IAM key pair) for the duration of each test.
class SignatureCheckMoto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new itest::MotoServer;
    if (!server_->start(itest::MotoOptions{.verify_signatures = true})) {
      failure_ = server_->failure();
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    if (!failure_.empty()) {
      const char* ci = std::getenv("CI");
      if (ci != nullptr && std::string(ci) == "true") FAIL() << "moto required: " << failure_;
      GTEST_SKIP() << "skipped: " << failure_;
    }
    if (!itest::have_boto3()) GTEST_SKIP() << "boto3 not installed (resource set-up)";
    env_.push_back(std::make_unique<itest::ScopedEnv>("AWS_ENDPOINT_URL", server_->endpoint()));
    env_.push_back(
        std::make_unique<itest::ScopedEnv>("AWS_ACCESS_KEY_ID", server_->access_key_id()));
    env_.push_back(
        std::make_unique<itest::ScopedEnv>("AWS_SECRET_ACCESS_KEY", server_->secret_access_key()));
    env_.push_back(std::make_unique<itest::ScopedEnv>("AWS_REGION", "us-east-1"));
  }
  void TearDown() override {
    while (!env_.empty()) env_.pop_back();  // restore in reverse order
  }

  // Client options signing with the moto IAM key, or with `secret` instead of its secret.
  static aws::ClientOptions options(const std::string& secret = "") {
    aws::ClientOptions o = aws::make_client_options("us-east-1");
    o.retry.max_attempts = 1;
    aws::Credentials creds;
    creds.access_key_id = server_->access_key_id();
    creds.secret_access_key = secret.empty() ? server_->secret_access_key() : secret;
    o.credentials = std::make_shared<aws::StaticProvider>(creds);
    return o;
  }

  static itest::MotoServer* server_;
  static std::string failure_;
  std::vector<std::unique_ptr<itest::ScopedEnv>> env_;
};

itest::MotoServer* SignatureCheckMoto::server_ = nullptr;
std::string SignatureCheckMoto::failure_;

const char* const kPy = "import boto3,json\n";

TEST_F(SignatureCheckMoto, KeyPairIsNotTheDummyOne) {
  EXPECT_NE(server_->access_key_id(), "testing");
  EXPECT_FALSE(server_->secret_access_key().empty());
}

TEST_F(SignatureCheckMoto, KinesisPutAndGetRecords) {
  aws::KinesisClient k(options());
  k.client().json("Kinesis_20131202.CreateStream", R"({"StreamName":"sig-kds","ShardCount":1})",
                  "1.1");
  std::vector<aws::KinesisClient::Entry> entries;
  for (int i = 0; i < 5; ++i) entries.push_back({"rec-" + std::to_string(i), "pk", ""});
  k.put_records("sig-kds", entries);
  std::vector<std::string> got;
  for (const std::string& shard : k.list_shards("sig-kds")) {
    std::string it = k.get_shard_iterator("sig-kds", shard, "TRIM_HORIZON");
    for (int i = 0; i < 10 && !it.empty(); ++i) {
      auto r = k.get_records(it);
      for (auto& rec : r.records) got.push_back(rec.data);
      if (r.records.empty()) break;
      it = r.next_shard_iterator;
    }
  }
  EXPECT_EQ(got, (std::vector<std::string>{"rec-0", "rec-1", "rec-2", "rec-3", "rec-4"}));
}

TEST_F(SignatureCheckMoto, S3PutGetAndMultipart) {
  itest::run_python(std::string(kPy) +
                    "boto3.client('s3',region_name='us-east-1').create_bucket(Bucket='sig-s3')\n");
  aws::S3Client s3(options());
  aws::S3Client::PutOptions po;
  s3.put_object("sig-s3", "dir/a b.txt", "hello", po);
  EXPECT_EQ(s3.get_object("sig-s3", "dir/a b.txt"), "hello");

  std::string big(11 * 1024 * 1024, 'x');
  for (size_t i = 0; i < big.size(); i += 4096) big[i] = static_cast<char>('a' + (i / 4096) % 26);
  po.multipart_threshold = 6 * 1024 * 1024;
  po.part_size = 5 * 1024 * 1024;  // 3 parts
  s3.put_object("sig-s3", "big.bin", big, po);
  EXPECT_TRUE(s3.get_object("sig-s3", "big.bin") == big);
}

TEST_F(SignatureCheckMoto, SqsSendMessageBatch) {
  itest::run_python(
      std::string(kPy) +
      "boto3.client('sqs',region_name='us-east-1').create_queue(QueueName='sig-q')\n");
  aws::SqsClient sqs(options());
  const std::string url = sqs.get_queue_url("sig-q");
  sqs.send_message_batch(url, {{"m1", "", ""}, {"m2 é", "", ""}});
  std::vector<std::string> got;
  for (int i = 0; i < 5 && got.size() < 2; ++i) {
    auto batch = sqs.receive_messages(url, 10);
    sqs.delete_messages(url, batch);
    for (const auto& m : batch) got.push_back(m.body);
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"m1", "m2 é"}));
}

TEST_F(SignatureCheckMoto, SnsPublishBatch) {
  const std::string topic = itest::run_python(
      std::string(kPy) +
      "print(boto3.client('sns',region_name='us-east-1').create_topic(Name='sig-t')['TopicArn'],"
      "end='')\n");
  aws::SnsClient sns(options());
  EXPECT_NO_THROW(
      sns.publish_batch(topic, {{"a", "", ""}, {"b&c=d", "", ""}, {"with space", "", ""}}));
}

TEST_F(SignatureCheckMoto, DynamoDbPutGetBatchWrite) {
  itest::run_python(std::string(kPy) +
                    "boto3.client('dynamodb',region_name='us-east-1').create_table("
                    "TableName='sig-ddb',KeySchema=[{'AttributeName':'pk','KeyType':'HASH'}],"
                    "AttributeDefinitions=[{'AttributeName':'pk','AttributeType':'S'}],"
                    "BillingMode='PAY_PER_REQUEST')\n");
  aws::DynamoDbClient ddb(options());
  ddb.put_item("sig-ddb", aws::marshal_item(R"({"pk":"a","n":1})"));
  EXPECT_EQ(
      aws::unmarshal_item(json::Value::view_raw(ddb.get_item("sig-ddb", R"({"pk":{"S":"a"}})")))
          .to_json(),
      R"({"n":1,"pk":"a"})");
  ddb.batch_put("sig-ddb",
                {aws::marshal_item(R"({"pk":"b"})"), aws::marshal_item(R"({"pk":"c"})")});
  EXPECT_NE(ddb.get_item("sig-ddb", R"({"pk":{"S":"c"}})"), "");
}

TEST_F(SignatureCheckMoto, FirehosePutRecordBatch) {
  itest::run_python(
      std::string(kPy) +
      "boto3.client('s3',region_name='us-east-1').create_bucket(Bucket='sig-fh')\n"
      "boto3.client('firehose',region_name='us-east-1').create_delivery_stream("
      "DeliveryStreamName='sig-fh',ExtendedS3DestinationConfiguration="
      "{'RoleARN':'arn:aws:iam::123456789012:role/r','BucketARN':'arn:aws:s3:::sig-fh'})\n");
  aws::FirehoseClient fh(options());
  fh.put_record_batch("sig-fh", {"a\n", "b\n"});
  const std::string n = itest::run_python(
      std::string(kPy) +
      "print(boto3.client('s3',region_name='us-east-1').list_objects_v2(Bucket='sig-fh')["
      "'KeyCount'],end='')\n");
  EXPECT_EQ(n, "1");
}

TEST_F(SignatureCheckMoto, EventBridgePutEvents) {
  aws::EventBridgeClient eb(options());
  EXPECT_NO_THROW(eb.put_events({{"substation.sig", "Test", R"({"a":1})", ""}}));
}

TEST_F(SignatureCheckMoto, LambdaInvoke) {
  // moto's dockerless backend echoes the payload.
  itest::run_python(
      std::string(kPy) +
      "import io,zipfile,urllib.request,os\n"
      "req=urllib.request.Request(os.environ['AWS_ENDPOINT_URL']+'/moto-api/config',"
      "data=json.dumps({'lambda':{'use_docker':False}}).encode(),method='POST')\n"
      "urllib.request.urlopen(req).read()\n"
      "r=boto3.client('iam',region_name='us-east-1').create_role(RoleName='sig-l',"
      "AssumeRolePolicyDocument='{}')['Role']['Arn']\n"
      "b=io.BytesIO()\nz=zipfile.ZipFile(b,'w')\nz.writestr('f.py','def h(e,c): return e')\n"
      "z.close()\n"
      "boto3.client('lambda',region_name='us-east-1').create_function(FunctionName='sig-fn',"
      "Runtime='python3.12',Role=r,Handler='f.h',Code={'ZipFile':b.getvalue()})\n");
  aws::LambdaClient lambda(options());
  const auto r = lambda.invoke("sig-fn", R"({"x":1})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.payload, R"({"x":1})");
  EXPECT_NO_THROW(lambda.invoke_async("sig-fn", R"({"y":2})"));
}

TEST_F(SignatureCheckMoto, SecretsManagerGetSecretValue) {
  const std::string arn = itest::run_python(
      std::string(kPy) +
      "print(boto3.client('secretsmanager',region_name='us-east-1').create_secret(Name='sig-s',"
      "SecretString='v4 ok')['ARN'],end='')\n");
  aws::SecretsManagerClient sm(options());
  EXPECT_EQ(sm.get_secret_value(arn).string, "v4 ok");
}

TEST_F(SignatureCheckMoto, CloudWatchPutMetricData) {
  aws::CloudWatchClient cw(options());
  cw.put_metric_data("SigCheck", {{"Count", {{"Pipeline", "p1"}}, 2, "Count"}});
  const std::string out = itest::run_python(
      std::string(kPy) +
      "m=boto3.client('cloudwatch',region_name='us-east-1').list_metrics(Namespace='SigCheck')\n"
      "print(len(m['Metrics']),end='')\n");
  EXPECT_EQ(out, "1");
}

TEST_F(SignatureCheckMoto, WrongSecretKeyIsASignatureError) {
  aws::SqsClient sqs(options("not-the-secret"));
  try {
    sqs.get_queue_url("sig-q");
    FAIL() << "expected a signature error";
  } catch (const aws::ServiceError& e) {
    EXPECT_EQ(e.code(), "SignatureDoesNotMatch") << e.what();
    EXPECT_NE(std::string(e.what()).find("signature"), std::string::npos) << e.what();
  }
  aws::S3Client s3(options("not-the-secret"));
  try {
    s3.get_object("sig-s3", "x");
    FAIL() << "expected a signature error";
  } catch (const aws::ServiceError& e) {
    EXPECT_EQ(e.code(), "SignatureDoesNotMatch") << e.what();
  }
}

TEST_F(SignatureCheckMoto, S3ChecksumsSeenByS3) {
  itest::run_python(std::string(kPy) +
                    "boto3.client('s3',region_name='us-east-1').create_bucket(Bucket='sig-ck')\n");
  aws::S3Client s3(options());
  aws::S3Client::PutOptions po;
  po.checksum_algorithm = "CRC32";
  s3.put_object("sig-ck", "crc32", "123456789", po);
  po.checksum_algorithm = "CRC32C";
  s3.put_object("sig-ck", "crc32c", "123456789", po);
  std::string big(6 * 1024 * 1024 + 17, 'q');
  po.multipart_threshold = 5 * 1024 * 1024;
  po.part_size = 5 * 1024 * 1024;
  s3.put_object("sig-ck", "crc32c-multipart", big, po);
  EXPECT_TRUE(s3.get_object("sig-ck", "crc32c-multipart") == big);

  auto tf = itest::build_transform("send_aws_s3", R"({"aws":{"arn":"arn:aws:s3:::sig-ck"},
      "storage_class":"STANDARD", "checksum_algorithm":"CRC32C",
      "file_path":{"prefix":"tf","suffix":".json"}})");
  itest::run_all(*tf, {R"({"a":1})", R"({"a":2})"});

  const std::string out = itest::run_python(
      std::string(kPy) +
      "s3=boto3.client('s3',region_name='us-east-1')\n"
      "def h(k):\n"
      "  r=s3.head_object(Bucket='sig-ck',Key=k,ChecksumMode='ENABLED')['ResponseMetadata']"
      "['HTTPHeaders']\n"
      "  return r.get('x-amz-checksum-crc32') or r.get('x-amz-checksum-crc32c')\n"
      "print(h('crc32'))\nprint(h('crc32c'))\n"
      "tf=[o['Key'] for o in s3.list_objects_v2(Bucket='sig-ck',Prefix='tf')['Contents']]\n"
      "print(len(tf), h(tf[0]))\n");
  const std::string tf_body = R"({"a":1}{"a":2})";
  EXPECT_EQ(out, "y/Q5Jg==\n4waSgw==\n1 " + aws::checksum_base64(aws::crc32c(tf_body)) + "\n");
}

}  // namespace
}  // namespace sub
