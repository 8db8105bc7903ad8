// DynamoDB attribute-value marshalling (Go attributevalue semantics) and the partial-failure
// retry loop, without a network.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "services/aws/attribute_value.h"
#include "services/aws/partial_retry.h"
#include "services/aws/sqs.h"

namespace sub::aws {
namespace {

TEST(AwsAttributeValue, MarshalsAsGo) {
  EXPECT_EQ(marshal_item(R"({"s":"x","e":"","n":1,"f":-2.5,"big":1e21,"small":1e-7,)"
                         R"("t":true,"no":false,"z":null,"l":[1,[]],"m":{"k":{}}})"),
            R"({"big":{"N":"1000000000000000000000"},"e":{"S":""},"f":{"N":"-2.5"},)"
            R"("l":{"L":[{"N":"1"},{"L":[]}]},"m":{"M":{"k":{"M":{}}}},"n":{"N":"1"},)"
            R"("no":{"BOOL":false},"s":{"S":"x"},"small":{"N":"0.0000001"},"t":{"BOOL":true},)"
            R"("z":{"NULL":true}})");
  EXPECT_EQ(marshal_item(R"( {"a":1,"a":"last"} )"), R"({"a":{"S":"last"}})");
  EXPECT_EQ(marshal_item(R"({"u":"é\u0000<"})"), R"({"u":{"S":"é\u0000\u003c"}})");
  std::string av;
  append_attribute_value(av, config::Node::parse(R"({"b":[1,"x"],"a":null})"));
  EXPECT_EQ(av, R"({"M":{"a":{"NULL":true},"b":{"L":[{"N":"1"},{"S":"x"}]}}})");
}

TEST(AwsAttributeValue, MarshalErrors) {
  for (const char* bad : {"[1]", "\"s\"", "1", "null", "{", ""}) {
    try {
      marshal_item(bad);
      FAIL() << bad;
    } catch (const Error& e) {
      EXPECT_STREQ(e.what(), "input must be object") << bad;
    }
  }
  EXPECT_THROW(marshal_item(R"({"a":{"":1}})"), Error);
}

TEST(AwsAttributeValue, UnmarshalsAsGo) {
  const std::string item =
      R"({"s":{"S":"x"},"n":{"N":"0012.50"},"b":{"B":"AQI="},"ss":{"SS":["a","b"]},)"
      R"("ns":{"NS":["1","2.5"]},"bs":{"BS":["AQ=="]},"l":{"L":[{"NULL":true},{"BOOL":false}]},)"
      R"("m":{"M":{"z":{"N":"1e21"}}}})";
  EXPECT_EQ(unmarshal_item(json::Value::view_raw(item)).to_json(),
            R"({"b":"AQI=","bs":["AQ=="],"l":[null,false],"m":{"z":1e+21},"n":12.5,)"
            R"("ns":[1,2.5],"s":"x","ss":["a","b"]})");
  EXPECT_THROW(unmarshal_attribute_value(json::Value::view_raw(R"({"X":1})")), Error);
  EXPECT_THROW(unmarshal_attribute_value(json::Value::view_raw(R"({"N":"abc"})")), Error);
}

TEST(AwsPartialRetry, ResendsOnlyFailuresAndNamesTheRest) {
  std::vector<std::vector<size_t>> calls;
  PartialRetryOptions o;
  o.policy.base = std::chrono::milliseconds(1);
  o.max_rounds = 3;
  try {
    send_with_partial_retry(
        "op", 5,
        [&](const std::vector<size_t>& idx) {
          calls.push_back(idx);
          std::vector<EntryFailure> f;
          for (size_t i = 0; i < idx.size(); ++i) {
            if (idx[i] == 1) f.push_back({i, "Throttled", "again", true});
            if (idx[i] == 3 && calls.size() == 1) f.push_back({i, "Busy", "", true});
            if (idx[i] == 4) f.push_back({i, "Invalid", "bad", false});
          }
          return f;
        },
        o);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(
        e.what(),
        "op: 2 of 5 entries failed after 3 attempts: #1 Throttled: again; #4 Invalid: bad");
  }
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0], (std::vector<size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(calls[1], (std::vector<size_t>{1, 3}));
  EXPECT_EQ(calls[2], (std::vector<size_t>{1}));
}

TEST(AwsSqs, QueueUrlFromArn) {
  EXPECT_EQ(SqsClient::queue_url_from_arn("arn:aws:sqs:eu-west-1:123456789012:q.fifo"),
            "https://sqs.eu-west-1.amazonaws.com/123456789012/q.fifo");
  EXPECT_THROW(SqsClient::queue_url_from_arn("arn:aws:sqs::123456789012:q"), Error);
  EXPECT_THROW(SqsClient::queue_url_from_arn("q"), Error);
}

}  // namespace
}  // namespace sub::aws
