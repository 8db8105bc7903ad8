#include "core/json/encode.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace sub::json {
namespace {

std::string go_string(std::string_view s) {
  std::string out;
  append_go_string(out, s);
  return out;
}

std::string sjson_string(std::string_view s) {
  std::string out;
  append_sjson_string(out, s);
  return out;
}

std::string float_f(double f) {
  std::string out;
  append_float_f(out, f);
  return out;
}

std::string float_json(double f) {
  std::string out;
  append_float_json(out, f);
  return out;
}

TEST(EncodeTest, GoStringEscapes) {
  EXPECT_EQ(go_string("abc"), R"("abc")");
  EXPECT_EQ(go_string("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(go_string("<a&b>"), R"("\u003ca\u0026b\u003e")");
  EXPECT_EQ(go_string("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(go_string(std::string_view("\x00\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
  EXPECT_EQ(go_string("\x7f"), "\"\x7f\"");
  EXPECT_EQ(go_string("é€😀"), "\"é€😀\"");
  EXPECT_EQ(go_string("\xe2\x80\xa8\xe2\x80\xa9"), R"("\u2028\u2029")");
  EXPECT_EQ(go_string("a\xffz"), R"("a\ufffdz")");
  EXPECT_EQ(go_string("\xc0\x80"), R"("\ufffd\ufffd")");            // overlong
  EXPECT_EQ(go_string("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");  // surrogate
  EXPECT_EQ(go_string("\xe2\x82"), R"("\ufffd\ufffd")");            // truncated
}

TEST(EncodeTest, SjsonStringIsPlainWhenPrintableAscii) {
  EXPECT_EQ(sjson_string("a<b>&"), R"("a<b>&")");  // no HTML escaping on the fast path
  EXPECT_EQ(sjson_string("\x7f"), "\"\x7f\"");
  EXPECT_EQ(sjson_string("a<\"b"), R"("a\u003c\"b")");  // otherwise encoding/json
  EXPECT_EQ(sjson_string("é<"), "\"é\\u003c\"");
  EXPECT_EQ(sjson_string(""), R"("")");
}

TEST(EncodeTest, FloatF) {
  EXPECT_EQ(float_f(1.1), "1.1");
  EXPECT_EQ(float_f(3), "3");
  EXPECT_EQ(float_f(-0.0), "-0");
  EXPECT_EQ(float_f(0.0123456789), "0.0123456789");
  EXPECT_EQ(float_f(1e21), "1000000000000000000000");
  EXPECT_EQ(float_f(1e-7), "0.0000001");
  EXPECT_EQ(float_f(3.0400402455622564e16), "30400402455622564");
  EXPECT_EQ(float_f(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(float_f(INFINITY), "+Inf");
  EXPECT_EQ(float_f(-INFINITY), "-Inf");
}

TEST(EncodeTest, FloatJson) {
  EXPECT_EQ(float_json(1.5), "1.5");
  EXPECT_EQ(float_json(1e20), "100000000000000000000");
  EXPECT_EQ(float_json(1e21), "1e+21");
  EXPECT_EQ(float_json(-1.5e300), "-1.5e+300");
  EXPECT_EQ(float_json(1e-6), "0.000001");
  EXPECT_EQ(float_json(1e-7), "1e-7");  // Go trims the exponent's leading zero
  EXPECT_EQ(float_json(1.5e-10), "1.5e-10");
  EXPECT_EQ(float_json(0), "0");
}

TEST(EncodeTest, Ints) {
  std::string out;
  append_int(out, INT64_MIN);
  out.push_back(' ');
  append_uint(out, UINT64_MAX);
  EXPECT_EQ(out, "-9223372036854775808 18446744073709551615");
}

TEST(EncodeTest, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii text that is long enough"));
  EXPECT_TRUE(is_valid_utf8("é€😀 and more ascii after it"));
  EXPECT_TRUE(is_valid_utf8("\xf4\x8f\xbf\xbf"));
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xc1\xbf"));          // overlong
  EXPECT_FALSE(is_valid_utf8("abcdefghij\xff"));
  EXPECT_FALSE(is_valid_utf8("\xe2\x82"));
}

TEST(EncodeTest, Base64) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("\xff\xfe"), "//4=");
  std::string out;
  EXPECT_TRUE(base64_decode("Zm9vYg==", out));
  EXPECT_EQ(out, "foob");
  EXPECT_TRUE(base64_decode("Zm9v\r\nYmE=", out));  // CR/LF ignored like Go
  EXPECT_EQ(out, "fooba");
  EXPECT_TRUE(base64_decode("", out));
  EXPECT_EQ(out, "");
  EXPECT_FALSE(base64_decode("Zm9vYg", out));  // padding required
  EXPECT_FALSE(base64_decode("Zm9v=", out));
  EXPECT_FALSE(base64_decode("Zg==Zg==", out));  // data after padding
  EXPECT_FALSE(base64_decode("Z===", out));
  EXPECT_FALSE(base64_decode("Zm9!", out));
  // Every length and line-break placement round-trips, through the fast path (whole
  // quanta) and the symbol-by-symbol rest alike.
  std::string raw;
  for (int n = 0; n < 64; ++n) {
    const std::string text = base64_encode(raw);
    for (size_t at = 0; at <= text.size(); at += 3) {
      std::string broken = text;
      broken.insert(at, "\r\n");
      ASSERT_TRUE(base64_decode(broken, out)) << broken;
      EXPECT_EQ(out, raw) << broken;
    }
    raw += static_cast<char>(n * 37 + 11);
  }
  EXPECT_TRUE(base64_decode("eyJmIjoiZyJ9", out));
  EXPECT_EQ(out, R"({"f":"g"})");
}

TEST(EncodeTest, Compact) {
  std::string out;
  append_compact(out, " { \"a b\" : [ 1 , 2 ] ,\n\t\"c\":\"x \\\" y\" } ");
  EXPECT_EQ(out, R"({"a b":[1,2],"c":"x \" y"})");
}

}  // namespace
}  // namespace sub::json
