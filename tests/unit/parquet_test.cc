// format_from_parquet and the Parquet reader (services/parquet) against pyarrow-written
// fixtures (tests/fixtures/parquet, see make_fixtures.py), plus corrupt input.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "core/error.h"
#include "services/parquet/reader.h"

namespace sub {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  EXPECT_TRUE(f.good()) << path;
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string fixture(const std::string& name) {
  return std::string(SUBSTATION_SOURCE_DIR) + "/tests/fixtures/parquet/" + name;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) out.push_back(line);
  return out;
}

struct Harness {
  Harness() {
    pipeline = catalogue::build_pipeline(
        config::Node::parse(R"({"transforms":[{"type":"format_from_parquet"}]})"), services);
  }
  std::vector<Message> apply(Message m) { return pipeline.chain.apply(std::move(m), Context{}); }
  std::string error(const std::string& data) {
    try {
      apply(Message(data));
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }
  services::Services services;
  catalogue::Pipeline pipeline;
};

class ParquetFixture : public ::testing::TestWithParam<const char*> {};

TEST_P(ParquetFixture, RowsMatchExpectedJson) {
  const std::string name = GetParam();
  const std::vector<std::string> want = lines(slurp(fixture(name + ".jsonl")));
  Harness h;
  const std::vector<Message> out =
      h.apply(Message(slurp(fixture(name + ".parquet")), R"({"src":"s3"})"));
  ASSERT_EQ(out.size(), want.size());
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i].data(), want[i]) << name << " row " << i;
    EXPECT_EQ(out[i].metadata(), R"({"src":"s3"})");
    EXPECT_FALSE(out[i].is_control());
  }
}

// plain_v1: PLAIN, data page v1, uncompressed, every flat type with nulls.
// plain_v2_gzip: the same with data page v2 and GZIP.
// dict_snappy: dictionary pages, SNAPPY, three row groups, several pages per chunk.
// dict_zstd_v2: dictionary pages, ZSTD, data page v2.
// nested(_v2): structs, LIST (nulls, empty, null elements, lists of lists and of structs),
//   MAP, with and without dictionaries.
// types: timestamps, date, decimal, fixed-size binary, unsigned and small integers.
// int96: legacy INT96 timestamps. empty: a file with no rows.
INSTANTIATE_TEST_SUITE_P(Files, ParquetFixture,
                         ::testing::Values("plain_v1", "plain_v2_gzip", "dict_snappy",
                                           "dict_zstd_v2", "nested", "nested_v2", "types", "int96",
                                           "empty"));

TEST(FormatFromParquet, ControlPassesThrough) {
  Harness h;
  const std::vector<Message> out = h.apply(Message::control());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].is_control());
}

TEST(FormatFromParquet, NotParquet) {
  Harness h;
  EXPECT_EQ(h.error(""),
            "transform format_from_parquet (transforms:1): invalid magic header of parquet file");
  EXPECT_EQ(h.error("hello world, not parquet"),
            "transform format_from_parquet (transforms:1): invalid magic header of parquet file");
  EXPECT_EQ(h.error("PAR1"),
            "transform format_from_parquet (transforms:1): invalid magic footer of parquet file");
  EXPECT_EQ(h.error(std::string("PAR1") + std::string("\xff\xff\xff\x7f", 4) + "PAR1"),
            "transform format_from_parquet (transforms:1): invalid footer of parquet file: length "
            "out of bounds");
}

TEST(FormatFromParquet, TruncatedFilesFailCleanly) {
  Harness h;
  for (const char* name : {"plain_v1", "nested", "dict_snappy"}) {
    const std::string file = slurp(fixture(std::string(name) + ".parquet"));
    for (size_t n = 0; n < file.size(); n += 7) {
      const std::string err = h.error(file.substr(0, n));
      EXPECT_EQ(err.rfind("transform format_from_parquet (transforms:1): ", 0), 0u)
          << name << " at " << n;
    }
  }
}

// Single-byte corruption anywhere in a file must give rows or a sub::Error, never a crash
// or an out-of-bounds read (run under the sanitizers to check the latter).
TEST(FormatFromParquet, CorruptBytesNeverCrash) {
  for (const char* name : {"plain_v1", "nested", "dict_zstd_v2"}) {
    const std::string file = slurp(fixture(std::string(name) + ".parquet"));
    for (size_t i = 0; i < file.size(); ++i) {
      for (unsigned char flip : {0x01, 0xFF}) {
        std::string bad = file;
        bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ flip);
        try {
          parquet::read_rows_as_json(bad);
        } catch (const Error&) {
        }
      }
    }
  }
}

TEST(FormatFromParquet, ErrorsNameTheProblem) {
  Harness h;
  std::string file = slurp(fixture("plain_v1.parquet"));
  // Cut the data pages away but keep a valid footer: the column chunks point past it.
  const size_t footer = file.size() - 8 -
                        (static_cast<unsigned char>(file[file.size() - 8]) |
                         (static_cast<unsigned char>(file[file.size() - 7]) << 8));
  const std::string cut = "PAR1" + file.substr(footer);
  EXPECT_NE(h.error(cut).find("transform format_from_parquet (transforms:1): corrupt parquet"),
            std::string::npos)
      << h.error(cut);
}

}  // namespace
}  // namespace sub
