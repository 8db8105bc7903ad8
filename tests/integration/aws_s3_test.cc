// S3 against moto: small and multipart objects put with our client, read back with our client
// and with boto3.
#include <gtest/gtest.h>

#include <string>

#include "core/error.h"
#include "services/aws/options.h"
#include "services/aws/s3.h"
#include "services/aws/sigv4.h"
#include "tests/integration/moto_fixture.h"
#include "tests/integration/s3_bucket.h"

namespace sub::aws {
namespace {

using sub::itest::create_bucket;
using sub::itest::MotoTest;

class S3Moto : public MotoTest {};

std::string pattern(size_t n) {
  std::string s(n, '\0');
  uint32_t x = 2463534242u;
  for (size_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    s[i] = static_cast<char>(x);
  }
  return s;
}

TEST_F(S3Moto, PutGetSmallObject) {
  S3Client s3(make_client_options());
  create_bucket(s3, "sub-small");
  std::string key = "2024/01/02/odd key+$&=.json";
  std::string body = "{\"a\":1}\n{\"b\":\"\xE2\x82\xAC\"}\n";
  S3Client::PutOptions o;
  o.content_type = "application/json";
  o.storage_class = "STANDARD";
  s3.put_object("sub-small", key, body, o);
  EXPECT_EQ(s3.get_object("sub-small", key), body);

  if (!sub::itest::have_boto3()) GTEST_SKIP() << "boto3 not installed";
  std::string out = sub::itest::run_python(R"(
import hashlib, boto3
o = boto3.client("s3").get_object(Bucket="sub-small", Key="2024/01/02/odd key+$&=.json")
print(hashlib.sha256(o["Body"].read()).hexdigest(), o["ContentType"])
)");
  EXPECT_EQ(out, sha256_hex(body) + " application/json\n");
}

TEST_F(S3Moto, MultipartObject) {
  S3Client s3(make_client_options());
  create_bucket(s3, "sub-multi");
  std::string body = pattern(12 * 1024 * 1024 + 123);
  S3Client::PutOptions o;
  o.multipart_threshold = 6 * 1024 * 1024;
  o.part_size = 5 * 1024 * 1024;
  s3.put_object("sub-multi", "big.bin", body, o);
  std::string got = s3.get_object("sub-multi", "big.bin");
  EXPECT_EQ(got.size(), body.size());
  EXPECT_TRUE(got == body);

  if (!sub::itest::have_boto3()) GTEST_SKIP() << "boto3 not installed";
  std::string out = sub::itest::run_python(R"(
import hashlib, boto3
o = boto3.client("s3").get_object(Bucket="sub-multi", Key="big.bin")
print(hashlib.sha256(o["Body"].read()).hexdigest())
)");
  EXPECT_EQ(out, sha256_hex(body) + "\n");
}

TEST_F(S3Moto, MissingObjectIsAServiceError) {
  S3Client s3(make_client_options());
  create_bucket(s3, "sub-missing");
  try {
    s3.get_object("sub-missing", "nope");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("NoSuchKey"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sub::aws
