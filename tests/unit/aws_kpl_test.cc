// KPL aggregation and de-aggregation against ../shared/fixtures/kpl (real KPL aggregates).
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/json/path.h"
#include "services/aws/kpl.h"

namespace sub::aws {
namespace {

namespace fs = std::filesystem;

fs::path kpl_dir() {
#ifdef SUBSTATION_SOURCE_DIR
  return fs::path(SUBSTATION_SOURCE_DIR) / ".." / "shared" / "fixtures" / "kpl";
#else
  return fs::path("/work/shared/fixtures/kpl");
#endif
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

#define REQUIRE_KPL_FIXTURES()                                                          \
  do {                                                                                  \
    if (!fs::exists(kpl_dir())) {                                                       \
      const char* ci = std::getenv("CI");                                               \
      if (ci != nullptr && std::string(ci) == "true") FAIL() << "KPL fixtures missing"; \
      GTEST_SKIP() << "KPL fixtures not found at " << kpl_dir();                        \
    }                                                                                   \
  } while (0)

void check_fixture(const std::string& name) {
  std::string bin = slurp(kpl_dir() / (name + ".bin"));
  std::string js = slurp(kpl_dir() / (name + ".json"));
  std::vector<KplUserRecord> recs;
  ASSERT_TRUE(kpl_deaggregate(bin, recs));
  std::vector<json::Value> want = json::get(js, "records").to_array();
  ASSERT_EQ(recs.size(), want.size());
  std::vector<json::Value> pks = json::get(js, "partition_key_table").to_array();
  std::vector<json::Value> ehks = json::get(js, "explicit_hash_key_table").to_array();
  for (size_t i = 0; i < recs.size(); ++i) {
    EXPECT_EQ(recs[i].data, want[i].get("data_utf8").to_string());
    EXPECT_EQ(recs[i].partition_key, pks[want[i].get("partition_key_index").to_int()].to_string());
    if (want[i].get("explicit_hash_key_index").exists()) {
      EXPECT_EQ(recs[i].explicit_hash_key,
                ehks[want[i].get("explicit_hash_key_index").to_int()].to_string());
    }
  }
  // Re-aggregating the same user records gives the same bytes.
  KplAggregator agg;
  for (const auto& r : recs) ASSERT_TRUE(agg.add(r.data, r.partition_key, r.explicit_hash_key));
  EXPECT_EQ(agg.get(), bin) << name;
  EXPECT_EQ(agg.partition_key(), json::get(js, "putrecords_partition_key").to_string());
}

TEST(AwsKpl, DeaggregatesAndReaggregatesNoEhk) {
  REQUIRE_KPL_FIXTURES();
  check_fixture("kpl-no-ehk");
}

TEST(AwsKpl, DeaggregatesAndReaggregatesWithEhk) {
  REQUIRE_KPL_FIXTURES();
  check_fixture("kpl-with-ehk");
}

TEST(AwsKpl, BadDigestAndMagicOnlyPassThrough) {
  REQUIRE_KPL_FIXTURES();
  std::vector<KplUserRecord> recs;
  EXPECT_FALSE(kpl_deaggregate(slurp(kpl_dir() / "kpl-no-ehk-bad-md5.bin"), recs));
  EXPECT_FALSE(kpl_deaggregate(slurp(kpl_dir() / "kpl-magic-only-empty.bin"), recs));
  EXPECT_FALSE(kpl_deaggregate("plain record", recs));
  EXPECT_FALSE(kpl_deaggregate("\xF3\x89", recs));
  EXPECT_TRUE(recs.empty());
}

TEST(AwsKpl, MatchingDigestWithBadProtobufIsAnError) {
  // A record pointing past the key table, framed with a valid digest.
  std::string body("\x0A\x02pk\x1A\x06\x08\x05\x1A\x02hi", 12);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(body.data(), body.size(), md, &len, EVP_md5(), nullptr);
  std::string framed =
      std::string(kKplMagic) + body + std::string(reinterpret_cast<char*>(md), len);
  std::vector<KplUserRecord> out;
  EXPECT_THROW((void)kpl_deaggregate(framed, out), sub::Error);
  // Truncated protobuf with a valid digest.
  std::string trunc("\x0A\x7Fpk", 4);
  EVP_Digest(trunc.data(), trunc.size(), md, &len, EVP_md5(), nullptr);
  std::string framed2 =
      std::string(kKplMagic) + trunc + std::string(reinterpret_cast<char*>(md), len);
  EXPECT_THROW((void)kpl_deaggregate(framed2, out), sub::Error);
  EXPECT_TRUE(out.empty());
}

TEST(AwsKpl, AggregateStaysUnderOneMebibyte) {
  KplAggregator agg;
  std::string item(100000, 'x');
  size_t added = 0;
  while (agg.add(item, "key")) ++added;
  EXPECT_EQ(added, 10u);
  EXPECT_LE(agg.get().size(), kKplMaxAggregateSize);
  std::string long_key(300, 'k');
  agg.reset();
  ASSERT_TRUE(agg.add("a", long_key));
  EXPECT_EQ(agg.partition_key().size(), 256u);
}

}  // namespace
}  // namespace sub::aws
