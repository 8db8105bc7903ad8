#include "core/json/encode.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

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

// Go's StdEncoding.DecodeString, written out plainly: CR and LF dropped first, then whole
// quanta of four, padding only in the last one (at its third and fourth or its fourth place).
std::optional<std::string> plain_base64_decode(std::string_view in) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  for (char c : in) {
    if (c != '\r' && c != '\n') s += c;
  }
  if (s.size() % 4 != 0) return std::nullopt;
  std::string out;
  for (size_t q = 0; q < s.size(); q += 4) {
    const bool last = q + 4 == s.size();
    int pad = 0;
    if (last && s[q + 3] == '=') pad = s[q + 2] == '=' ? 2 : 1;
    uint32_t w = 0;
    for (int k = 0; k < 4; ++k) {
      uint32_t v = 0;
      if (k >= 4 - pad) {
        if (s[q + static_cast<size_t>(k)] != '=') return std::nullopt;
      } else {
        const size_t at = alphabet.find(s[q + static_cast<size_t>(k)]);
        if (at == std::string::npos) return std::nullopt;
        v = static_cast<uint32_t>(at);
      }
      w = (w << 6) | v;
    }
    out += static_cast<char>(w >> 16);
    if (pad < 2) out += static_cast<char>((w >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(w & 0xFF);
  }
  return out;
}

TEST(EncodeTest, Base64DecodeAgreesWithAPlainDecoderOnAnyInput) {
  // Long inputs go through 32-symbol blocks (AVX2 where the CPU has it), which must stop at
  // any byte that is not a symbol, wherever it is, and leave it to the byte-wise rules.
  std::mt19937 rng(20261207);
  const std::string symbols = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (int round = 0; round < 20000; ++round) {
    std::string raw(rng() % 300, '\0');
    for (char& c : raw) c = static_cast<char>(rng());
    std::string text = base64_encode(raw);
    switch (rng() % 4) {
      case 0:
        break;  // valid as it is
      case 1:   // any byte value, anywhere
        text.insert(text.begin() + static_cast<std::ptrdiff_t>(rng() % (text.size() + 1)),
                    static_cast<char>(rng()));
        break;
      case 2:  // one byte replaced by any byte value
        if (!text.empty()) text[rng() % text.size()] = static_cast<char>(rng());
        break;
      default:  // line breaks and a symbol replaced by another
        text.insert(rng() % (text.size() + 1), rng() % 2 ? "\n" : "\r\n");
        if (!text.empty() && text[text.size() / 2] != '=' && text[text.size() / 2] != '\n' &&
            text[text.size() / 2] != '\r') {
          text[text.size() / 2] = symbols[rng() % symbols.size()];
        }
        break;
    }
    const std::optional<std::string> want = plain_base64_decode(text);
    const bool ok = base64_decode(text, out);
    ASSERT_EQ(ok, want.has_value()) << text;
    if (ok) {
      ASSERT_EQ(out, *want) << text;
    }
  }
}

TEST(EncodeTest, StringsAreEscapedWhereverTheSpecialByteIs) {
  // Plain runs are passed over 16 bytes at a time: each kind of byte that needs a look must
  // be caught at every offset, in Go's escaping and in sjson's (which escapes only when the
  // string has a control byte, a quote, a backslash or a byte of 0x80 and up).
  struct Case {
    std::string byte, go, sjson_if_alone;  // sjson_if_alone empty: sjson escapes as Go does
  };
  const std::vector<Case> cases = {
      {"\"", "\\\"", ""},
      {"\\", "\\\\", ""},
      {"<", "\\u003c", "<"},
      {">", "\\u003e", ">"},
      {"&", "\\u0026", "&"},
      {"\n", "\\n", ""},
      {"\x01", "\\u0001", ""},
      {"\x7f", "\x7f", "\x7f"},
      {"\xc3\xa9", "\xc3\xa9", ""},
      {"\xff", "\\ufffd", ""},
      {"\xe2\x80\xa8", "\\u2028", ""},
  };
  for (const Case& c : cases) {
    for (size_t len = 0; len < 40; ++len) {
      for (size_t at = 0; at <= len; ++at) {
        const std::string text = std::string(at, 'a') + c.byte + std::string(len - at, 'b');
        const std::string go =
            "\"" + std::string(at, 'a') + c.go + std::string(len - at, 'b') + "\"";
        EXPECT_EQ(go_string(text), go) << len << " " << at;
        const std::string sjson = c.sjson_if_alone.empty()
                                      ? go
                                      : "\"" + std::string(at, 'a') + c.sjson_if_alone +
                                            std::string(len - at, 'b') + "\"";
        EXPECT_EQ(sjson_string(text), sjson) << len << " " << at;
      }
    }
  }
}

TEST(EncodeTest, Compact) {
  std::string out;
  append_compact(out, " { \"a b\" : [ 1 , 2 ] ,\n\t\"c\":\"x \\\" y\" } ");
  EXPECT_EQ(out, R"({"a b":[1,2],"c":"x \" y"})");
}

}  // namespace
}  // namespace sub::json
