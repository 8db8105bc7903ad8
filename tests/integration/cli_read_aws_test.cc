// `substation read --aws s3://bucket/key` against moto: plain and gzip objects are read one
// message per line, exactly as --file reads them; a missing object, an empty object and a
// location that is not s3://bucket/key each give one line on stderr and exit code 1.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "services/aws/options.h"
#include "services/aws/s3.h"
#include "tests/integration/cli_process.h"
#include "tests/integration/moto_fixture.h"
#include "tests/integration/s3_bucket.h"

namespace sub::itest {
namespace {

constexpr const char* kBucket = "cli-read-aws";
// Empty lines, a CRLF line and a last line without '\n'.
constexpr const char* kText = "{\"a\":1}\n\n{\"b\":2}\r\nlast";
const std::vector<std::string> kLines{"{\"a\":1}", "", "{\"b\":2}", "last"};

std::string gzip(const std::string& in) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&zs, in.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

class CliReadAws : public MotoTest {
 protected:
  void SetUp() override {
    MotoTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    aws::S3Client s3(aws::make_client_options());
    itest::create_bucket(s3, kBucket);
    s3.put_object(kBucket, "dir/odd key+1.jsonl", kText, {});
    s3.put_object(kBucket, "events.jsonl.gz", gzip(kText), {});
    s3.put_object(kBucket, "empty", "", {});
  }

  static std::string url(const std::string& key) {
    return std::string("s3://") + kBucket + "/" + key;
  }
};

TEST_F(CliReadAws, PlainObjectOneMessagePerLine) {
  const CliResult r = run_cli({"read", "--aws", url("dir/odd key+1.jsonl")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(lines_of(r.out), kLines);
}

TEST_F(CliReadAws, GzipObjectIsDecompressed) {
  const CliResult r = run_cli({"read", "--aws", url("events.jsonl.gz")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out), kLines);
}

TEST_F(CliReadAws, SameOutputAsFileWithConfig) {
  // A config that batches every message into one array, emitted by the control message.
  char tmpl[] = "/tmp/sub-cli-read-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  const auto write = [](const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  };
  write(dir + "/array.json",
        R"({"transforms":[{"type":"aggregate_to_array","settings":{"batch":{"count":100}}},)"
        R"({"type":"send_stdout"}]})");
  write(dir + "/events.jsonl", kText);
  const CliResult file = run_cli({"read", dir + "/array.json", "--file", dir + "/events.jsonl"});
  const CliResult s3 = run_cli({"read", dir + "/array.json", "--aws", url("events.jsonl.gz")});
  std::filesystem::remove_all(dir);
  EXPECT_EQ(file.code, 0) << file.err;
  EXPECT_EQ(s3.code, 0) << s3.err;
  EXPECT_EQ(lines_of(s3.out).size(), 1u) << s3.out;
  EXPECT_EQ(s3.out.rfind("[{\"a\":1},", 0), 0u) << s3.out;
  EXPECT_EQ(s3.out, file.out);
}

TEST_F(CliReadAws, MissingObjectIsOneLineError) {
  const CliResult r = run_cli({"read", "--aws", url("no/such.jsonl")});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(
      r.err.rfind("substation read: " + url("no/such.jsonl") + ": aws s3 GetObject: NoSuchKey", 0),
      0u)
      << r.err;
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
}

TEST_F(CliReadAws, MissingBucketEmptyObjectAndBadLocation) {
  CliResult r = run_cli({"read", "--aws", "s3://cli-read-aws-missing/x"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("NoSuchBucket"), std::string::npos) << r.err;
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;

  r = run_cli({"read", "--aws", url("empty")});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "substation read: empty file: " + url("empty") + "\n");

  for (const std::string bad : {"s3://cli-read-aws", "s3://cli-read-aws/", "https://x/y"}) {
    r = run_cli({"read", "--aws", bad});
    EXPECT_EQ(r.code, 1) << bad;
    EXPECT_EQ(r.err, "substation read: invalid s3 object: " + bad + "\n");
  }
}

}  // namespace
}  // namespace sub::itest
