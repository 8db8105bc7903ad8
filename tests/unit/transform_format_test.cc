// The format_* transforms, including corrupt input and concurrency.
#include <gtest/gtest.h>
#include <zip.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "core/error.h"
#include "core/json/encode.h"
#include "core/shared_library.h"

namespace sub {
namespace {

struct Harness {
  explicit Harness(const std::string& transform_json) {
    pipeline = catalogue::build_pipeline(
        config::Node::parse(R"({"transforms":[)" + transform_json + "]}"), services);
  }
  std::vector<Message> apply(Message m) { return pipeline.chain.apply(std::move(m), Context{}); }
  std::string run(const std::string& data) {
    std::vector<Message> out = apply(Message(data));
    EXPECT_EQ(out.size(), 1u);
    return out.empty() ? "<none>" : out[0].data();
  }
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

std::string unb64(const std::string& s) {
  std::string out;
  EXPECT_TRUE(json::base64_decode(s, out));
  return out;
}

const char kObj[] = R"("settings":{"object":{"source_key":"a","target_key":"a"}})";

TEST(FormatTransform, Base64Vectors) {
  EXPECT_EQ(Harness(R"({"type":"format_from_base64"})").run("Yg=="), "b");
  EXPECT_EQ(Harness(R"({"type":"format_from_base64"})").run("eyJoZWxsbyI6IndvcmxkIn0="),
            R"({"hello":"world"})");
  EXPECT_EQ(
      Harness(std::string(R"({"type":"format_from_base64",)") + kObj + "}").run(R"({"a":"Yg=="})"),
      R"({"a":"b"})");
  EXPECT_EQ(Harness(R"({"type":"format_to_base64"})").run("b"), "Yg==");
  EXPECT_EQ(Harness(std::string(R"({"type":"format_to_base64",)") + kObj + "}").run(R"({"a":"b"})"),
            R"({"a":"Yg=="})");
}

TEST(FormatTransform, Base64BinaryAndErrors) {
  // Data mode keeps binary bytes.
  EXPECT_EQ(Harness(R"({"type":"format_from_base64"})").run("/w=="), std::string("\xff"));
  Harness obj(std::string(R"({"type":"format_from_base64",)") + kObj + "}");
  EXPECT_EQ(obj.error(R"({"a":"/w=="})"),
            "transform format_from_base64 (transforms:1): object.source_key \"a\": cannot write "
            "binary as "
            "object");
  EXPECT_EQ(
      obj.error(R"({"a":"%%%"})"),
      "transform format_from_base64 (transforms:1): object.source_key \"a\": illegal base64 data");
  EXPECT_EQ(Harness(R"({"type":"format_from_base64"})").error("Yg="),
            "transform format_from_base64 (transforms:1): illegal base64 data");
  EXPECT_EQ(obj.run(R"({"b":"Yg=="})"), R"({"b":"Yg=="})");
}

TEST(FormatTransform, GzipVectors) {
  EXPECT_EQ(
      Harness(R"({"type":"format_from_gzip"})").run(unb64("H4sIAAAAAAAA/0rLzwcEAAD//yFlc4wDAAAA")),
      "foo");
  EXPECT_EQ(Harness(R"({"type":"format_from_gzip"})")
                .run(unb64("H4sIAAAAAAAA/6pWykjNyclXslJKz89PSapMVaoFBAAA///WtsSWEwAAAA==")),
            R"({"hello":"goodbye"})");
  // Go's compress/gzip bytes, exactly.
  EXPECT_EQ(Harness(R"({"type":"format_to_gzip"})").run("foo"),
            unb64("H4sIAAAAAAAA/0rLzwcEAAD//yFlc4wDAAAA"));
  EXPECT_EQ(Harness(R"({"type":"format_to_gzip"})").run(""),
            unb64("H4sIAAAAAAAA/wEAAP//AAAAAAAAAAA="));
}

TEST(FormatTransform, GzipRoundTripLarge) {
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "line " + std::to_string(i % 97) + " of the test data\n";
  std::string gz = Harness(R"({"type":"format_to_gzip"})").run(big);
  EXPECT_LT(gz.size(), big.size() / 4);
  EXPECT_EQ(Harness(R"({"type":"format_from_gzip"})").run(gz), big);
  // Large inputs go through libdeflate, small ones through zlib: the same header either way,
  // and both sides of the threshold decompress to their input.
  EXPECT_EQ(gz.substr(0, 10), unb64("H4sIAAAAAAAA/w==").substr(0, 10));
  for (size_t n : {size_t{16383}, size_t{16384}}) {
    const std::string data = big.substr(0, n);
    EXPECT_EQ(Harness(R"({"type":"format_from_gzip"})")
                  .run(Harness(R"({"type":"format_to_gzip"})").run(data)),
              data)
        << n;
  }
  // Two concatenated members decompress to both payloads, as Go's reader does.
  std::string two = Harness(R"({"type":"format_to_gzip"})").run("ab") +
                    Harness(R"({"type":"format_to_gzip"})").run("cd");
  EXPECT_EQ(Harness(R"({"type":"format_from_gzip"})").run(two), "abcd");
}

// One transform keeps its compressors and buffers between messages: a smaller message after
// a larger one, and a larger one after it, still give exactly their own bytes back.
TEST(FormatTransform, GzipReusesItsCompressorAcrossMessages) {
  Harness to(R"({"type":"format_to_gzip"})");
  Harness from(R"({"type":"format_from_gzip"})");
  std::string big;
  for (int i = 0; i < 40000; ++i) big += "event " + std::to_string(i * 7919 % 100003) + "\n";
  for (size_t n : {big.size(), size_t{20000}, size_t{16384}, big.size() / 2, big.size()}) {
    const std::string data = big.substr(0, n);
    EXPECT_EQ(from.run(to.run(data)), data) << n;
  }
}

TEST(FormatTransform, GzipCorrupt) {
  Harness h(R"({"type":"format_from_gzip"})");
  EXPECT_EQ(h.error("not gzip at all"),
            "transform format_from_gzip (transforms:1): gzip: invalid header");
  EXPECT_EQ(h.error(""), "transform format_from_gzip (transforms:1): EOF");
  std::string gz = unb64("H4sIAAAAAAAA/0rLzwcEAAD//yFlc4wDAAAA");
  EXPECT_EQ(h.error(gz.substr(0, gz.size() - 6)),
            "transform format_from_gzip (transforms:1): unexpected EOF");
  std::string bad_crc = gz;
  bad_crc[bad_crc.size() - 8] ^= 0x55;
  EXPECT_EQ(h.error(bad_crc), "transform format_from_gzip (transforms:1): gzip: invalid checksum");
  std::string trailing = gz + "xxxxxxxxxxxx";
  EXPECT_EQ(h.error(trailing), "transform format_from_gzip (transforms:1): gzip: invalid header");
  std::string bad_block = gz;
  bad_block[10] = static_cast<char>(0xff);  // reserved block type
  EXPECT_NE(
      h.error(bad_block).find("transform format_from_gzip (transforms:1): flate: corrupt input"),
      std::string::npos);
}

const char kZip[] =
    "UEsDBAoAAAAAADk/+1gAAAAAAAAAAAAAAAAEABwAdG1wL1VUCQAD7gqlZu8KpWZ1eAsAAQT2AQAABBQAAABQSwMECg"
    "AAAAAANz/7WMiv5KYDAAAAAwAAAAsAHAB0bXAvYmF6LnR4dFVUCQAD6QqlZuoKpWZ1eAsAAQT2AQAABBQAAABxdXhQ"
    "SwMECgAAAAAALD/7WKqM/3YDAAAAAwAAAAsAHAB0bXAvZm9vLnR4dFVUCQAD1AqlZtYKpWZ1eAsAAQT2AQAABBQAAA"
    "BiYXJQSwECHgMKAAAAAAA5P/tYAAAAAAAAAAAAAAAABAAYAAAAAAAAABAA7UEAAAAAdG1wL1VUBQAD7gqlZnV4CwAB"
    "BPYBAAAEFAAAAFBLAQIeAwoAAAAAADc/+1jIr+SmAwAAAAMAAAALABgAAAAAAAEAAACkgT4AAAB0bXAvYmF6LnR4dF"
    "VUBQAD6QqlZnV4CwABBPYBAAAEFAAAAFBLAQIeAwoAAAAAACw/+1iqjP92AwAAAAMAAAALABgAAAAAAAEAAACkgYYA"
    "AAB0bXAvZm9vLnR4dFVUBQAD1AqlZnV4CwABBPYBAAAEFAAAAFBLBQYAAAAAAwADAOwAAADOAAAAAAA=";

TEST(FormatTransform, ZipVector) {
  Harness h(R"({"type":"format_from_zip"})");
  std::vector<Message> out = h.apply(Message(unb64(kZip), R"({"m":1})"));
  ASSERT_EQ(out.size(), 2u);  // the directory entry produces nothing
  EXPECT_EQ(out[0].data(), "qux");
  EXPECT_EQ(out[1].data(), "bar");
  EXPECT_EQ(out[0].metadata(), R"({"m":1})");
  std::vector<Message> ctrl = h.apply(Message::control());
  ASSERT_EQ(ctrl.size(), 1u);
  EXPECT_TRUE(ctrl[0].is_control());
}

TEST(FormatTransform, ZipCorrupt) {
  Harness h(R"({"type":"format_from_zip"})");
  EXPECT_EQ(h.error("definitely not a zip"),
            "transform format_from_zip (transforms:1): zip: not a valid zip file");
  EXPECT_EQ(h.error(""), "transform format_from_zip (transforms:1): zip: not a valid zip file");
  std::string bad = unb64(kZip);
  bad[bad.find("qux")] = 'Q';  // content no longer matches its CRC-32
  EXPECT_NE(h.error(bad).find("tmp/baz.txt"), std::string::npos);
  // A stored entry whose data is shorter than its headers declare (a fuzz finding): an
  // error, as Go's archive/zip gives, not an empty message.
  EXPECT_EQ(
      h.error(unb64("UEsDBBQAAAAAAAAAACEAAAAAAAAAAAEAAAABAAAAZlBLAQIUABQAAAAAAAAAACEAAAAAAAAAAA"
                    "EAAAABAAAAAAAAAAAAAAAAAAAAAABmUEsFBgAAAAABAAEALwAAAB8AAAAAAA==")),
      "transform format_from_zip (transforms:1): zip: f: unexpected EOF");
}

// The functions of libzip that write an archive (the product only reads, and opens libzip
// itself: transform/format/zip_library.h).
// clang-format off
#define TEST_ZIP_WRITER_FUNCTIONS(X) \
  X(zip_close) \
  X(zip_error_fini) \
  X(zip_error_init) \
  X(zip_file_add) \
  X(zip_open_from_source) \
  X(zip_source_buffer) \
  X(zip_source_buffer_create) \
  X(zip_source_close) \
  X(zip_source_free) \
  X(zip_source_keep) \
  X(zip_source_open) \
  X(zip_source_read)
// clang-format on
struct ZipWriter {
  TEST_ZIP_WRITER_FUNCTIONS(SUB_SHARED_LIBRARY_POINTER)
};

const ZipWriter& zip_writer() {
  static const LoadedLibrary<ZipWriter> loaded = load_library<ZipWriter>(
      "libzip.so.4",
      [](SharedLibrary& l, ZipWriter& api) { TEST_ZIP_WRITER_FUNCTIONS(SUB_SHARED_LIBRARY_FIND) });
  return loaded.get("libzip");
}

// A zip archive made in memory with libzip: `files` entries of `size` zero bytes each.
std::string zip_of_zeros(int files, size_t size) {
  const ZipWriter& lib = zip_writer();
  const std::string zeros(size, '\0');
  zip_error_t err;
  lib.zip_error_init(&err);
  zip_source_t* mem = lib.zip_source_buffer_create(nullptr, 0, 0, &err);
  lib.zip_source_keep(mem);
  zip_t* z = lib.zip_open_from_source(mem, ZIP_TRUNCATE, &err);
  for (int i = 0; i < files; ++i) {
    zip_source_t* f = lib.zip_source_buffer(z, zeros.data(), zeros.size(), 0);
    lib.zip_file_add(z, ("f" + std::to_string(i)).c_str(), f, ZIP_FL_ENC_UTF_8);
  }
  lib.zip_close(z);
  std::string out;
  lib.zip_source_open(mem);
  char buf[65536];
  for (zip_int64_t n; (n = lib.zip_source_read(mem, buf, sizeof(buf))) > 0;) {
    out.append(buf, static_cast<size_t>(n));
  }
  lib.zip_source_close(mem);
  lib.zip_source_free(mem);
  lib.zip_error_fini(&err);
  return out;
}

// Decompression bombs fail with a clear error at the limit instead of exhausting memory;
// data under the limit decompresses as before.
TEST(FormatTransform, DecompressionBombsStopAtTheLimit) {
  services::Services services;
  services.max_decompressed = 1 << 20;
  const auto build = [&](const std::string& type) {
    return catalogue::build_pipeline(
        config::Node::parse(R"({"transforms":[{"type":")" + type + R"("}]})"), services);
  };
  const auto error_of = [](const catalogue::Pipeline& p, const std::string& data) -> std::string {
    try {
      (void)p.chain.apply(Message(data), Context{});
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  Harness to_gzip(R"({"type":"format_to_gzip"})");
  const std::string bomb = to_gzip.run(std::string(size_t{8} << 20, '\0'));
  EXPECT_LT(bomb.size(), size_t{64} << 10);
  const catalogue::Pipeline gunzip = build("format_from_gzip");
  EXPECT_EQ(error_of(gunzip, bomb),
            "transform format_from_gzip (transforms:1): gzip: decompressed data exceeds the limit "
            "of 1048576 "
            "bytes");
  EXPECT_EQ(error_of(gunzip, to_gzip.run(std::string(1000, 'a'))), "no error");

  const catalogue::Pipeline unzip = build("format_from_zip");
  EXPECT_EQ(error_of(unzip, zip_of_zeros(1, size_t{4} << 20)),
            "transform format_from_zip (transforms:1): zip: decompressed data exceeds the limit of "
            "1048576 "
            "bytes");
  // Many files that are each small add up.
  EXPECT_EQ(error_of(unzip, zip_of_zeros(40, 64 << 10)),
            "transform format_from_zip (transforms:1): zip: decompressed data exceeds the limit of "
            "1048576 "
            "bytes");
  EXPECT_EQ(error_of(unzip, zip_of_zeros(3, 1000)), "no error");
}

TEST(FormatTransform, PrettyPrintVectors) {
  Harness one(R"({"type":"format_from_pretty_print"})");
  EXPECT_EQ(one.run("{\n\t\t\t\t\"foo\":\"bar\"\n\t\t\t\t}"), R"({"foo":"bar"})");
  Harness many(R"({"type":"format_from_pretty_print"})");
  std::vector<std::string> parts = {
      "{", "\"foo\":\"bar\",", "\"baz\": {", "\t\"qux\": \"corge\"", "}", "}"};
  std::vector<std::string> outs;
  for (const auto& p : parts) {
    for (const Message& m : many.apply(Message(p))) outs.push_back(m.data());
  }
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ(outs[0], R"({"foo":"bar","baz":{"qux":"corge"}})");
}

TEST(FormatTransform, PrettyPrintInvalid) {
  Harness h(R"({"type":"format_from_pretty_print"})");
  EXPECT_EQ(h.error("{\"a\" 1}"),
            "transform format_from_pretty_print (transforms:1): invalid json");
  // The buffer was reset: the next object is read cleanly.
  EXPECT_EQ(h.run("{\"a\": 1}"), R"({"a":1})");
}

TEST(FormatTransform, PrettyPrintConcurrent) {
  Harness h(R"({"type":"format_from_pretty_print"})");
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        auto out = h.apply(Message("{ \"t\": " + std::to_string(t) + " }"));
        if (out.size() == 1 && out[0].data() == "{\"t\":" + std::to_string(t) + "}") ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good.load(), 800);
}

}  // namespace
}  // namespace sub
