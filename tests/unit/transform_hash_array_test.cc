// hash_md5, hash_sha256, array_join and array_zip.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "tests/unit/transform_harness.h"

namespace sub {
namespace {

using namespace sub::test_support;  // NOLINT: the shared test harness

TEST(HashTest, DataMode) {
  EXPECT_EQ(Harness("hash_md5", "{}").one(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Harness("hash_sha256", "{}").one(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // Binary data is hashed as bytes.
  EXPECT_EQ(Harness("hash_md5", "{}").one(std::string("\x00\xff", 2)),
            "d07d34efac6328007ad67c7e0a985e00");
}

TEST(HashTest, ObjectMode) {
  // Non-string values are hashed by their JSON text.
  EXPECT_EQ(Harness("hash_md5", with_obj("\"x\":0")).one(R"({"a":1})"),
            R"({"a":1,"b":"c4ca4238a0b923820dcc509a6f75849b"})");
  EXPECT_EQ(Harness("hash_sha256", with_obj("\"x\":0")).one(R"({"c":1})"), R"({"c":1})");
  EXPECT_NE(config_error("hash_sha256", R"({"object":{"source_key":"a"}})")
                .find("object.target_key: missing required option"),
            std::string::npos);
  EXPECT_NE(config_error("hash_md5", R"({"object":[]})").find("object: invalid option"),
            std::string::npos);
}

TEST(HashTest, BadTargetPathIsADataError) {
  std::string e = data_error("hash_sha256", R"({"object":{"source_key":"a","target_key":"c.x"}})",
                             R"({"a":"v","c":[1]})");
  EXPECT_EQ(e.rfind("transform hash_sha256 (transforms:1): ", 0), 0u) << e;
  EXPECT_NE(e.find("non-numeric key"), std::string::npos) << e;
}

TEST(ArrayJoinTest, Joins) {
  EXPECT_EQ(Harness("array_join", R"({"separator":", "})").one(R"(["a",1,{"b":true},null])"),
            R"(a, 1, {"b":true}, )");
  EXPECT_EQ(Harness("array_join", "{}").one(R"(["a","b"])"), "ab");
  // Not an array: unchanged (data and object mode).
  EXPECT_EQ(Harness("array_join", "{}").one("a,b"), "a,b");
  EXPECT_EQ(Harness("array_join", with_obj(R"("separator":"-")")).one(R"({"a":"x"})"),
            R"({"a":"x"})");
  EXPECT_EQ(Harness("array_join", with_obj(R"("separator":"-")")).one(R"({"a":[1,2]})"),
            R"({"a":[1,2],"b":"1-2"})");
  EXPECT_NE(config_error("array_join", R"({"separator":1})").find("separator: invalid option"),
            std::string::npos);
}

TEST(ArrayZipTest, Transposes) {
  Harness data("array_zip", "{}");
  EXPECT_EQ(data.one(R"([["a","b","c"],[1,2]])"), R"([["a",1],["b",2],["c"]])");
  // Inner values are re-marshalled as Go does (sorted keys, float64 numbers).
  EXPECT_EQ(data.one(R"([[{"z":1,"a":2}],[1.50]])"), R"([[{"a":2,"z":1},1.5]])");
  // A scalar counts as a one-element array; nothing at all gives empty data (v2.8), and
  // null in object mode.
  EXPECT_EQ(data.one(R"([["a","b"],"x"])"), R"([["a","x"],["b"]])");
  EXPECT_EQ(data.one("[]"), "");
  EXPECT_EQ(data.one("[[]]"), "");
  EXPECT_EQ(Harness("array_zip", with_obj("\"x\":0")).one(R"({"a":[]})"), R"({"a":[],"b":null})");
  EXPECT_EQ(data.one("not json"), "not json");
  Harness obj("array_zip", with_obj("\"x\":0"));
  EXPECT_EQ(obj.one(R"({"a":[[1],[2]]})"), R"({"a":[[1],[2]],"b":[[1,2]]})");
  EXPECT_EQ(obj.one(R"({"c":1})"), R"({"c":1})");
  EXPECT_NE(config_error("array_zip", R"({"object":{"target_key":"a"}})")
                .find("object.source_key: missing required option"),
            std::string::npos);
}

}  // namespace
}  // namespace sub
