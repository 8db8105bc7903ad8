// format_json, format_mime and the media detection service behind format_mime.
#include <gtest/gtest.h>

#include <string>

#include "catalogue/config_builder.h"
#include "config/node.h"
#include "services/media/detect.h"
#include "tests/unit/condition_harness.h"

namespace sub {
namespace {

using sub::testing::build_condition;
using sub::testing::check;

TEST(ConditionsFormatTest, JsonAcceptsAnyJsonValue) {
  condition::ConditionPtr c = build_condition("format_json", "{}");
  EXPECT_TRUE(check(c, R"({"a":[1,2,{"b":null}]})"));
  EXPECT_TRUE(check(c, " [1, 2] "));
  EXPECT_TRUE(check(c, R"("str")"));
  EXPECT_TRUE(check(c, "12.5e3"));
  EXPECT_TRUE(check(c, "null"));
  EXPECT_FALSE(check(c, ""));
  EXPECT_FALSE(check(c, "{"));
  EXPECT_FALSE(check(c, R"({"a":1,})"));
  EXPECT_FALSE(check(c, R"({"a":1}{"b":2})"));
  EXPECT_FALSE(check(c, "abc"));
  EXPECT_FALSE(c->test(Message::control(), Context{}));
}

TEST(ConditionsFormatTest, JsonIgnoresSourceKey) {
  condition::ConditionPtr c = build_condition("format_json", R"({"object":{"source_key":"a"}})");
  EXPECT_TRUE(check(c, R"({"a":"not json"})"));
}

TEST(ConditionsFormatTest, MimeComparesSniffedType) {
  condition::ConditionPtr gz = build_condition("format_mime", R"({"type":"application/x-gzip"})");
  EXPECT_TRUE(check(gz, std::string("\x1f\x8b\x08\x00", 4)));
  EXPECT_FALSE(check(gz, "plain text"));
  EXPECT_FALSE(gz->test(Message::control(), Context{}));
  condition::ConditionPtr text =
      build_condition("format_mime", R"({"type":"text/plain; charset=utf-8"})");
  EXPECT_TRUE(check(text, R"({"a":1})"));
  EXPECT_TRUE(check(text, ""));
  EXPECT_FALSE(check(text, std::string("\x00\x01\x02", 3)));
}

TEST(ConditionsFormatTest, MimeRequiresType) {
  try {
    build_condition("format_mime", "{}");
    FAIL() << "expected a configuration error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "condition format_mime: type: missing required option");
  }
  EXPECT_THROW(build_condition("format_mime", R"({"type":5})"), ConfigError);
}

TEST(MediaDetectTest, CompressionMagics) {
  EXPECT_EQ(media::detect("BZh91AY"), "application/x-bzip2");
  EXPECT_EQ(media::detect(std::string("\x1f\x8b\x08", 3)), "application/x-gzip");
  EXPECT_EQ(media::detect(std::string("\x28\xb5\x2f\xfd\x00", 5)), "application/x-zstd");
  EXPECT_EQ(media::detect(std::string("\xff\x06\x00\x00sNaPpY", 10)),
            "application/x-snappy-framed");
  // The same bytes through plain content sniffing.
  EXPECT_EQ(media::detect_content_type("BZh91AY"), "text/plain; charset=utf-8");
  // The zstd magic alone has no binary-only byte: plain sniffing calls it text.
  EXPECT_EQ(media::detect_content_type(std::string("\x28\xb5\x2f\xfd", 4)),
            "text/plain; charset=utf-8");
}

TEST(MediaDetectTest, WhatwgSignatures) {
  using media::detect_content_type;
  EXPECT_EQ(detect_content_type("  <!doctype html><p>x"), "text/html; charset=utf-8");
  EXPECT_EQ(detect_content_type("<HtMl>"), "text/html; charset=utf-8");
  EXPECT_EQ(detect_content_type("<html"), "text/plain; charset=utf-8");  // no terminator
  EXPECT_EQ(detect_content_type("<b>bold</b>"), "text/html; charset=utf-8");
  EXPECT_EQ(detect_content_type("\n<?xml version=\"1.0\"?>"), "text/xml; charset=utf-8");
  EXPECT_EQ(detect_content_type("%PDF-1.4"), "application/pdf");
  EXPECT_EQ(detect_content_type("%!PS-Adobe-3.0"), "application/postscript");
  EXPECT_EQ(detect_content_type(std::string("\xfe\xff\x00\x41", 4)),
            "text/plain; charset=utf-16be");
  EXPECT_EQ(detect_content_type(std::string("\xff\xfe\x41\x00", 4)),
            "text/plain; charset=utf-16le");
  EXPECT_EQ(detect_content_type("GIF89a...."), "image/gif");
  EXPECT_EQ(detect_content_type("\x89PNG\r\n\x1a\n...."), "image/png");
  EXPECT_EQ(detect_content_type(std::string("\xff\xd8\xff\xe0", 4)), "image/jpeg");
  EXPECT_EQ(detect_content_type(std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(detect_content_type(std::string("RIFF\x10\x00\x00\x00WAVEfmt ", 16)), "audio/wave");
  EXPECT_EQ(detect_content_type("ID3\x03"), "audio/mpeg");
  EXPECT_EQ(detect_content_type(std::string("OggS\x00\x02", 6)), "application/ogg");
  EXPECT_EQ(detect_content_type(std::string("\x00\x00\x00\x18"
                                            "ftypmp42\x00\x00\x00\x00"
                                            "isommp42",
                                            24)),
            "video/mp4");
  EXPECT_EQ(detect_content_type(std::string("\x1a\x45\xdf\xa3", 4)), "video/webm");
  EXPECT_EQ(detect_content_type("wOF2...."), "font/woff2");
  EXPECT_EQ(detect_content_type("PK\x03\x04...."), "application/zip");
  EXPECT_EQ(detect_content_type(std::string("Rar!\x1a\x07\x00", 7)),
            "application/x-rar-compressed");
  EXPECT_EQ(detect_content_type(std::string("\x00\x61\x73\x6d\x01", 5)), "application/wasm");
  EXPECT_EQ(detect_content_type(""), "text/plain; charset=utf-8");
  EXPECT_EQ(detect_content_type("caf\xc3\xa9 \x1b[0m"), "text/plain; charset=utf-8");
  EXPECT_EQ(detect_content_type(std::string("a\x00", 2)), "application/octet-stream");
}

TEST(MediaDetectTest, OnlyTheFirst512BytesCount) {
  std::string data(512, 'a');
  data += std::string(1, '\0');
  EXPECT_EQ(media::detect_content_type(data), "text/plain; charset=utf-8");
  data[100] = '\x01';
  EXPECT_EQ(media::detect_content_type(data), "application/octet-stream");
}

}  // namespace
}  // namespace sub
