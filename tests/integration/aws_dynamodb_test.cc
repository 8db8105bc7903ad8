// DynamoDB against moto: the client's operations, send_aws_dynamodb_put (items read back by
// our client and by boto3), enrich_aws_dynamodb_query, the aws_dynamodb KV store and
// meta_kv_store_lock on it.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json/path.h"
#include "services/aws/attribute_value.h"
#include "services/aws/dynamodb.h"
#include "services/aws/error.h"
#include "services/aws/options.h"
#include "tests/integration/aws_test_support.h"
#include "tests/integration/moto_fixture.h"

namespace sub {
namespace {

using itest::MotoTest;

void create_table(const std::string& name, bool sort_key) {
  std::string keys = "KeySchema=[{'AttributeName':'pk','KeyType':'HASH'}";
  std::string attrs = "AttributeDefinitions=[{'AttributeName':'pk','AttributeType':'S'}";
  if (sort_key) {
    keys += ",{'AttributeName':'sk','KeyType':'RANGE'}";
    attrs += ",{'AttributeName':'sk','AttributeType':'S'}";
  }
  itest::run_python(
      "import boto3\nd=boto3.client('dynamodb',region_name='us-east-1')\n"
      "try:\n  d.delete_table(TableName='" +
      name +
      "')\nexcept Exception:\n  pass\n"
      "d.create_table(TableName='" +
      name + "'," + keys + "]," + attrs + "],BillingMode='PAY_PER_REQUEST')\n");
}

std::string arn(const std::string& table) {
  return "arn:aws:dynamodb:us-east-1:123456789012:table/" + table;
}

class DynamoDbMoto : public MotoTest {};

TEST_F(DynamoDbMoto, ClientOperationsAndConditions) {
  create_table("itest-ops", false);
  aws::DynamoDbClient ddb(aws::make_client_options());
  const std::string t = "itest-ops";
  ddb.put_item(t, aws::marshal_item(R"({"pk":"a","n":1,"s":"x"})"));
  EXPECT_EQ(aws::unmarshal_item(json::Value::view_raw(ddb.get_item(t, R"({"pk":{"S":"a"}})", true)))
                .to_json(),
            R"({"n":1,"pk":"a","s":"x"})");
  EXPECT_EQ(ddb.get_item(t, R"({"pk":{"S":"missing"}})"), "");

  aws::DynamoDbClient::Expression cond{"attribute_not_exists(#p)", R"({"#p":"pk"})", ""};
  try {
    ddb.put_item(t, aws::marshal_item(R"({"pk":"a"})"), cond);
    FAIL() << "expected ConditionalCheckFailedException";
  } catch (const aws::ServiceError& e) {
    EXPECT_EQ(e.code(), "ConditionalCheckFailedException");
  }
  aws::DynamoDbClient::Expression update{"SET #s = :s ADD #n :one", R"({"#s":"s","#n":"n"})",
                                         R"({":s":{"S":"y"},":one":{"N":"1"},":x":{"S":"x"}})"};
  ddb.update_item(t, R"({"pk":{"S":"a"}})", update, "#s = :x");
  EXPECT_EQ(
      aws::unmarshal_item(json::Value::view_raw(ddb.get_item(t, R"({"pk":{"S":"a"}})"))).to_json(),
      R"({"n":2,"pk":"a","s":"y"})");
  EXPECT_THROW(ddb.update_item(t, R"({"pk":{"S":"a"}})", update, "#s = :x"), aws::ServiceError);
  ddb.delete_item(t, R"({"pk":{"S":"a"}})");
  EXPECT_EQ(ddb.get_item(t, R"({"pk":{"S":"a"}})"), "");
}

TEST_F(DynamoDbMoto, SendAwsDynamoDbPutWritesGoMarshalledItems) {
  create_table("itest-put", false);
  const std::vector<std::string> data = {
      R"({"pk":"a","n":1.5,"big":12345678901234567890,"m":{"x":[1,"two",null,true,{}]},"e":"","l":[]})",
      R"({"pk":"b","u":"é<&>\"","f":false,"neg":-0.000001,"dup":1,"dup":2})",
  };
  std::vector<std::string> more;
  for (int i = 0; i < 30; ++i)
    more.push_back("{\"pk\":\"k" + std::to_string(i) + "\",\"i\":" + std::to_string(i) + "}");
  auto tf = itest::build_transform("send_aws_dynamodb_put",
                                   "{\"aws\":{\"arn\":\"" + arn("itest-put") + "\"}}");
  std::vector<std::string> all = data;
  all.insert(all.end(), more.begin(), more.end());
  auto out = itest::run_all(*tf, all);
  ASSERT_EQ(out.size(), all.size() + 1);

  aws::DynamoDbClient ddb(aws::make_client_options());
  EXPECT_EQ(
      aws::unmarshal_item(json::Value::view_raw(ddb.get_item("itest-put", R"({"pk":{"S":"a"}})")))
          .to_json(),
      R"({"big":12345678901234567000,"e":"","l":[],"m":{"x":[1,"two",null,true,{}]},"n":1.5,"pk":"a"})");
  EXPECT_EQ(
      aws::unmarshal_item(json::Value::view_raw(ddb.get_item("itest-put", R"({"pk":{"S":"b"}})")))
          .to_json(),
      R"({"dup":2,"f":false,"neg":-0.000001,"pk":"b","u":"é\u003c\u0026\u003e\""})");
  for (int i = 0; i < 30; i += 7) {
    EXPECT_NE(ddb.get_item("itest-put", "{\"pk\":{\"S\":\"k" + std::to_string(i) + "\"}}"), "");
  }
  // boto3 sees the attribute values Go's attributevalue would have written.
  const std::string py = itest::run_python(
      "import boto3,json\nd=boto3.client('dynamodb',region_name='us-east-1')\n"
      "i=d.get_item(TableName='itest-put',Key={'pk':{'S':'a'}})['Item']\n"
      "print(json.dumps(i,sort_keys=True,separators=(',',':'),ensure_ascii=False))\n");
  EXPECT_EQ(
      py,
      R"({"big":{"N":"12345678901234567000"},"e":{"S":""},"l":{"L":[]},"m":{"M":{"x":{"L":[{"N":"1"},{"S":"two"},{"NULL":true},{"BOOL":true},{"M":{}}]}}},"n":{"N":"1.5"},"pk":{"S":"a"}})"
      "\n");
}

TEST_F(DynamoDbMoto, SendAwsDynamoDbPutRejectsBadItems) {
  auto tf = itest::build_transform("send_aws_dynamodb_put",
                                   "{\"aws\":{\"arn\":\"" + arn("itest-put") + "\"}}");
  std::vector<Message> out;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[1,2]", "input must be object"},
      {"not json", "input must be object"},
      {R"({"pk":"x","":1})", "map key cannot be empty"},
      {"{\"pk\":\"x\",\"v\":\"" + std::string(400 * 1024, 'x') + "\"}", "data exceeded size limit"},
  };
  for (const auto& [data, want] : cases) {
    try {
      tf->transform(Message(data), out, Context{});
      FAIL() << "expected an error for " << data.substr(0, 40);
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(want), std::string::npos) << e.what();
    }
  }
  EXPECT_TRUE(out.empty());
}

TEST_F(DynamoDbMoto, EnrichAwsDynamoDbQuery) {
  create_table("itest-query", true);
  aws::DynamoDbClient ddb(aws::make_client_options());
  for (const char* sk : {"a", "b", "c"}) {
    ddb.put_item("itest-query",
                 aws::marshal_item(std::string(R"({"pk":"u1","sk":")") + sk + R"(","v":1})"));
  }
  auto tf = itest::build_transform(
      "enrich_aws_dynamodb_query",
      "{\"aws\":{\"arn\":\"itest-query\"},\"attributes\":{\"partition_key\":\"pk\","
      "\"sort_key\":\"sk\"},\"limit\":2,\"object\":{\"source_key\":\"k\",\"target_key\":\"r\"}}");
  std::vector<Message> out;
  tf->transform(Message(R"({"k":"u1"})"), out, Context{});
  tf->transform(Message(R"({"k":["u1","b"]})"), out, Context{});
  tf->transform(Message(R"({"k":"nobody"})"), out, Context{});
  tf->transform(Message(R"({"k":["u1","b","c"]})"), out, Context{});
  tf->transform(Message(R"({"other":1})"), out, Context{});
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].data(),
            R"({"k":"u1","r":[{"pk":"u1","sk":"c","v":1},{"pk":"u1","sk":"b","v":1}]})");
  EXPECT_EQ(out[1].data(), R"({"k":["u1","b"],"r":[{"pk":"u1","sk":"b","v":1}]})");
  EXPECT_EQ(out[2].data(), R"({"k":"nobody"})");
  EXPECT_EQ(out[3].data(), R"({"k":["u1","b","c"]})");
  EXPECT_EQ(out[4].data(), R"({"other":1})");
  try {
    itest::build_transform("enrich_aws_dynamodb_query",
                           R"({"aws":{"arn":"t"},"object":{"target_key":"r"}})");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("attributes.partition_key"), std::string::npos)
        << e.what();
  }
}

const char* kStore =
    R"({"type":"aws_dynamodb","settings":{"aws":{"arn":"itest-kv"},
        "attributes":{"partition_key":"pk","sort_key":"sk","value":"v","ttl":"ttl"},
        "consistent_read":true}})";

int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST_F(DynamoDbMoto, KvStore) {
  create_table("itest-kv", true);
  services::Services services;
  const config::Node cfg = config::Node::parse(std::string("{\"kv_store\":") + kStore + "}");
  const config::Settings s(&cfg, "test");
  auto store = services.kv_stores->store(s, "kv_store");
  store->setup();
  EXPECT_TRUE(store->get("k").is_null());
  store->set("k", config::Node::parse(R"({"a":[1,"x",null],"b":true})"));
  EXPECT_EQ(store->get("k").to_json(), R"({"a":[1,"x",null],"b":true})");
  store->set_with_ttl("live", config::Node::make_string("v"), now() + 3600);
  EXPECT_EQ(store->get("live").to_json(), R"("v")");
  store->set_with_ttl("expired", config::Node::make_string("v"), now() - 10);
  // A reference defect fixed: expired items are absent.
  EXPECT_TRUE(store->get("expired").is_null());

  store->set_add_with_ttl("set", config::Node::make_string("a"), now() + 60);
  store->set_add_with_ttl("set", config::Node::parse(R"(["b","a"])"), now() + 60);
  EXPECT_EQ(store->get("set").to_json(), R"(["a","b"])");
  store->set_add_with_ttl("nums", config::Node::parse("[1,2.5]"), now() + 60);
  store->set_add_with_ttl("nums", config::Node::make_number(3), now() + 60);
  const config::Node nums = store->get("nums");
  ASSERT_TRUE(nums.is_array());
  EXPECT_EQ(nums.items().size(), 3u);
  EXPECT_THROW(store->set_add_with_ttl("bad", config::Node::make_bool(true), 0), Error);
  // The item really has the constant sort key (read back by boto3).
  const std::string py = itest::run_python(
      "import boto3\nd=boto3.client('dynamodb',region_name='us-east-1')\n"
      "print(d.get_item(TableName='itest-kv',Key={'pk':{'S':'k'},'sk':{'S':'substation:kv_store'}})"
      "['Item']['v']['M']['b'])\n");
  EXPECT_EQ(py, "{'BOOL': True}\n");

  auto locker = services.kv_stores->locker(s, "kv_store");
  EXPECT_TRUE(locker->lock("L", now() + 60));
  EXPECT_FALSE(locker->lock("L", now() + 60));
  locker->unlock("L");
  EXPECT_TRUE(locker->lock("L", now() + 60));
  EXPECT_TRUE(locker->lock("old", now() - 1));
  EXPECT_TRUE(locker->lock("old", now() + 60));  // an expired lock is taken over
}

TEST_F(DynamoDbMoto, KvStoreErrorsNameTheSetting) {
  services::Services services;
  for (
      const auto& [cfg, want] : std::vector<std::pair<std::string, std::string>>{
          {R"({"kv_store":{"type":"aws_dynamodb","settings":{"attributes":{"partition_key":"pk"}}}})",
           "aws.arn"},
          {R"({"kv_store":{"type":"aws_dynamodb","settings":{"aws":{"arn":"t"}}}})",
           "attributes.partition_key"}}) {
    const config::Node node = config::Node::parse(cfg);
    try {
      services.kv_stores->store(config::Settings(&node, "test"), "kv_store");
      FAIL() << "expected an error for " << cfg;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(want), std::string::npos) << e.what();
    }
  }
  const config::Node node = config::Node::parse(
      R"({"kv_store":{"type":"aws_dynamodb","settings":{"aws":{"arn":"itest-kv"},"attributes":{"partition_key":"pk","sort_key":"sk"}}}})");
  auto store = services.kv_stores->store(config::Settings(&node, "test"), "kv_store");
  try {
    store->set("k", config::Node::make_string("v"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("attributes.value"), std::string::npos) << e.what();
  }
  try {
    store->lock("k", 1);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("attributes.ttl"), std::string::npos) << e.what();
  }
}

TEST_F(DynamoDbMoto, MetaKvStoreLockRunsOncePerKey) {
  create_table("itest-kv", true);
  auto tf = itest::build_transform(
      "meta_kv_store_lock", std::string(R"({"kv_store":)") + kStore +
                                R"(,"object":{"source_key":"id"},"ttl_offset":"1m","prefix":"p",
          "transforms":[{"type":"object_insert","settings":{"object":{"target_key":"seen"},"value":true}}]})");
  std::vector<Message> out;
  tf->transform(Message(R"({"id":"1"})"), out, Context{});
  tf->transform(Message(R"({"id":"2"})"), out, Context{});
  tf->transform(Message(R"({"id":"1"})"), out, Context{});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].data(), R"({"id":"1","seen":true})");
  EXPECT_EQ(out[1].data(), R"({"id":"2","seen":true})");
  EXPECT_EQ(out[2].data(), R"({"id":"1"})");
  aws::DynamoDbClient ddb(aws::make_client_options());
  EXPECT_NE(ddb.get_item("itest-kv", R"({"pk":{"S":"p:1"},"sk":{"S":"substation:kv_store"}})"), "");
}

}  // namespace
}  // namespace sub
