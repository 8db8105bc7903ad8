#include "core/json/encode.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include "core/json/simd.h"

namespace sub::json {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes there do not
// form one (Go's rules: no overlongs, no surrogates, nothing above U+10FFFF).
inline size_t utf8_seq_len(const unsigned char* p, size_t n) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) {
    if (n < 2 || (p[1] & 0xC0) != 0x80) return 0;
    return 2;
  }
  if (c < 0xF0) {
    if (n < 3) return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
    if (p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80) return 0;
    return 3;
  }
  if (c < 0xF5) {
    if (n < 4) return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
    if (p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
    return 4;
  }
  return 0;
}

// True for ASCII bytes encoding/json writes unchanged (with HTML escaping on).
inline bool html_safe(unsigned char c) {
  return c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
}

// Index of the first byte at or after i that a JSON string cannot carry as it is: a control
// byte, '"', '\\', any byte of 0x80 and up (UTF-8, checked apart), and with kHtml the '<',
// '>' and '&' that Go escapes too. n when there is none. Sixteen bytes at a time.
template <bool kHtml>
size_t plain_run_end(const unsigned char* p, size_t i, size_t n) {
#if SUB_JSON_SIMD
  const simd::Vec control = simd::splat(0x1F);
  const simd::Vec ascii = simd::splat(0x7F);
  const simd::Vec zero = simd::splat(0);
  const simd::Vec quote = simd::splat('"');
  const simd::Vec slash = simd::splat('\\');
  for (; i + 16 <= n; i += 16) {
    const simd::Vec v = simd::load(reinterpret_cast<const char*>(p + i));
    simd::Vec special = simd::either(simd::at_most(v, control),
                                     simd::eq(simd::at_most(v, ascii), zero));  // >= 0x80
    special = simd::either(special, simd::either(simd::eq(v, quote), simd::eq(v, slash)));
    if constexpr (kHtml) {
      special = simd::either(special, simd::either(simd::eq(v, simd::splat('<')),
                                                   simd::either(simd::eq(v, simd::splat('>')),
                                                                simd::eq(v, simd::splat('&')))));
    }
    const uint32_t m = simd::mask(special);
    if (m != 0) return i + static_cast<size_t>(__builtin_ctz(m));
  }
#endif
  for (; i < n; ++i) {
    const unsigned char c = p[i];
    if (c >= 0x80 || (kHtml ? !html_safe(c) : (c < ' ' || c == '"' || c == '\\'))) return i;
  }
  return n;
}

void append_double(std::string& out, double f, std::chars_format fmt) {
  char buf[400];
  auto res = std::to_chars(buf, buf + sizeof(buf), f, fmt);
  out.append(buf, res.ptr);
}

}  // namespace

void append_go_string(std::string& out, std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  out.reserve(out.size() + n + 2);
  out.push_back('"');
  size_t start = 0;
  size_t i = 0;
  while (i < n) {
    // Runs of plain ASCII go by in blocks; text that is mostly UTF-8 goes byte by byte as
    // before, rather than starting a block at every character.
    if (p[i] < 0x80) {
      i = plain_run_end<true>(p, i, n);
      if (i >= n) break;
    }
    unsigned char c = p[i];
    if (c < 0x80) {
      out.append(s.data() + start, i - start);
      out.push_back('\\');
      switch (c) {
        case '"':
        case '\\':
          out.push_back(static_cast<char>(c));
          break;
        case '\b':
          out.push_back('b');
          break;
        case '\f':
          out.push_back('f');
          break;
        case '\n':
          out.push_back('n');
          break;
        case '\r':
          out.push_back('r');
          break;
        case '\t':
          out.push_back('t');
          break;
        default:
          out.append("u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
      }
      ++i;
      start = i;
      continue;
    }
    size_t len = utf8_seq_len(p + i, n - i);
    if (len == 0) {
      out.append(s.data() + start, i - start);
      out.append("\\ufffd");
      ++i;
      start = i;
      continue;
    }
    // U+2028 and U+2029 are E2 80 A8 / E2 80 A9.
    if (len == 3 && c == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] & 0xFE) == 0xA8) {
      out.append(s.data() + start, i - start);
      out.append(p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
      i += 3;
      start = i;
      continue;
    }
    i += len;
  }
  out.append(s.data() + start, n - start);
  out.push_back('"');
}

void append_sjson_string(std::string& out, std::string_view s) {
  if (plain_run_end<false>(reinterpret_cast<const unsigned char*>(s.data()), 0, s.size()) !=
      s.size()) {
    append_go_string(out, s);
    return;
  }
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  out.append(s);
  out.push_back('"');
}

// The shortest round-trip digits of `f`, laid out without an exponent the way Go's 'f'
// format with precision -1 does: large values end in zeros (1e20 -> 100000000000000000000),
// not in the exact binary expansion that std::to_chars(fixed) would print.
void append_shortest_fixed(std::string& out, double f) {
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof(buf), f, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
  if (!sci.empty() && sci[0] == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  size_t e_pos = sci.find('e');
  std::string_view mant = sci.substr(0, e_pos);
  int exp = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  char digits[24];
  size_t nd = 0;
  for (char c : mant) {
    if (c != '.') digits[nd++] = c;
  }
  const int n = static_cast<int>(nd);
  if (exp >= n - 1) {
    out.append(digits, nd);
    out.append(static_cast<size_t>(exp - (n - 1)), '0');
  } else if (exp >= 0) {
    out.append(digits, static_cast<size_t>(exp) + 1);
    out += '.';
    out.append(digits + exp + 1, static_cast<size_t>(n - exp - 1));
  } else {
    out += "0.";
    out.append(static_cast<size_t>(-exp - 1), '0');
    out.append(digits, nd);
  }
}

void append_float_f(std::string& out, double f) {
  if (std::isnan(f)) {
    out.append("NaN");
    return;
  }
  if (std::isinf(f)) {
    out.append(f > 0 ? "+Inf" : "-Inf");
    return;
  }
  append_shortest_fixed(out, f);
}

void append_float_json(std::string& out, double f) {
  if (!std::isfinite(f)) {
    // encoding/json refuses these (UnsupportedValueError); print what strconv would.
    append_float_f(out, f);
    return;
  }
  double a = std::fabs(f);
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    size_t from = out.size();
    append_double(out, f, std::chars_format::scientific);
    // Go shortens a two-digit negative exponent with a leading zero: e-07 -> e-7.
    size_t n = out.size() - from;
    if (n >= 4 && out[out.size() - 4] == 'e' && out[out.size() - 3] == '-' &&
        out[out.size() - 2] == '0') {
      out[out.size() - 2] = out[out.size() - 1];
      out.pop_back();
    }
    return;
  }
  append_shortest_fixed(out, f);
}

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, res.ptr);
}

void append_uint(std::string& out, uint64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, res.ptr);
}

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Skip eight ASCII bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    size_t len = utf8_seq_len(p + i, n - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string base64_encode(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.resize((in.size() + 2) / 3 * 4);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  size_t n = in.size();
  size_t o = 0;
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8) | p[i + 2];
    out[o++] = kAlphabet[(v >> 18) & 63];
    out[o++] = kAlphabet[(v >> 12) & 63];
    out[o++] = kAlphabet[(v >> 6) & 63];
    out[o++] = kAlphabet[v & 63];
  }
  if (size_t rem = n - i; rem > 0) {
    uint32_t v = uint32_t{p[i]} << 16;
    if (rem == 2) v |= uint32_t{p[i + 1]} << 8;
    out[o++] = kAlphabet[(v >> 18) & 63];
    out[o++] = kAlphabet[(v >> 12) & 63];
    out[o++] = rem == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out[o++] = '=';
  }
  return out;
}

namespace {

// The value of each byte in standard base64: 0..63 for the alphabet, and three markers.
constexpr uint8_t kB64Pad = 0x40;   // '='
constexpr uint8_t kB64Skip = 0x80;  // CR and LF, which Go ignores anywhere
constexpr uint8_t kB64Bad = 0xFF;
constexpr std::array<uint8_t, 256> kB64 = [] {
  std::array<uint8_t, 256> t{};
  t.fill(kB64Bad);
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (uint8_t i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = i;
  t['='] = kB64Pad;
  t['\r'] = kB64Skip;
  t['\n'] = kB64Skip;
  return t;
}();

#if SUB_JSON_AVX2
// Decodes whole blocks of 32 alphabet symbols into 24 bytes each, in AVX2, while at least
// `in_left` >= 45 symbols remain (so that the 32-byte store of a block's 24 bytes stays in a
// buffer sized for the whole input). Stops before the first block with any other byte
// (padding, CR/LF, an error), which the scalar loops then take. Returns the symbols used.
//
// Each byte is checked by two 16-entry tables, one by its low and one by its high nibble:
// the high nibble picks a class bit, the low nibble the classes in which it is not a
// symbol. An offset chosen by the high nibble ('/' apart from '+', which share one) turns
// a symbol into its 6-bit value; multiply-adds then pack four values into three bytes.
[[gnu::target("avx2")]] size_t base64_decode_avx2(const unsigned char* p, size_t in_left, char* o) {
  const __m256i lut_invalid_lo =
      _mm256_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B,
                       0x1B, 0x1B, 0x1A, 0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                       0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
  const __m256i lut_class_hi =
      _mm256_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10,
                       0x10, 0x10, 0x10, 0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10,
                       0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
  const __m256i lut_offset =
      _mm256_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 19, 4, -65,
                       -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i slash = _mm256_set1_epi8('/');
  const __m256i pack_pairs = _mm256_set1_epi32(0x01400140);
  const __m256i pack_quads = _mm256_set1_epi32(0x00011000);
  const __m256i bytes_of_lane =
      _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2, 1, 0, 6, 5, 4, 10,
                       9, 8, 14, 13, 12, -1, -1, -1, -1);
  const __m256i lanes_together = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7);
  size_t used = 0;
  while (in_left - used >= 45) {
    const __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + used));
    const __m256i hi = _mm256_and_si256(_mm256_srli_epi32(in, 4), nibble);
    const __m256i lo = _mm256_and_si256(in, nibble);
    const __m256i bad = _mm256_and_si256(_mm256_shuffle_epi8(lut_invalid_lo, lo),
                                         _mm256_shuffle_epi8(lut_class_hi, hi));
    if (!_mm256_testz_si256(bad, bad)) break;
    const __m256i offset =
        _mm256_shuffle_epi8(lut_offset, _mm256_add_epi8(_mm256_cmpeq_epi8(in, slash), hi));
    const __m256i values = _mm256_add_epi8(in, offset);
    const __m256i pairs = _mm256_maddubs_epi16(values, pack_pairs);
    const __m256i quads = _mm256_madd_epi16(pairs, pack_quads);
    const __m256i packed =
        _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(quads, bytes_of_lane), lanes_together);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(o), packed);
    o += 24;
    used += 32;
  }
  return used;
}
#endif

}  // namespace

bool base64_decode(std::string_view in, std::string& out) {
  // Go's StdEncoding: padding required, CR and LF anywhere are ignored, trailing bits
  // after the last full byte need not be zero. Output is written into a buffer sized once
  // (at most 3 bytes per 4 symbols), not appended byte by byte.
  out.resize(in.size() / 4 * 3 + 3);
  char* o = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const auto* end = p + in.size();
#if SUB_JSON_AVX2
  if (in.size() >= 45 && simd::cpu_has_avx2()) {
    const size_t used = base64_decode_avx2(p, in.size(), o);
    p += used;
    o += used / 4 * 3;
  }
#endif
  // Whole quanta of four alphabet symbols, the common case, a table lookup each.
  while (end - p >= 4) {
    const uint32_t a = kB64[p[0]], b = kB64[p[1]], c = kB64[p[2]], d = kB64[p[3]];
    if (((a | b | c | d) & 0xC0) != 0) break;  // padding, CR/LF or a bad byte: go slowly
    const uint32_t w = (a << 18) | (b << 12) | (c << 6) | d;
    o[0] = static_cast<char>(w >> 16);
    o[1] = static_cast<char>((w >> 8) & 0xFF);
    o[2] = static_cast<char>(w & 0xFF);
    o += 3;
    p += 4;
  }
  // The rest, symbol by symbol: line breaks, padding and the errors.
  uint32_t quad[4] = {0, 0, 0, 0};
  int q = 0;
  int pad = 0;
  bool ok = true;
  for (; p < end && ok; ++p) {
    const uint8_t v = kB64[*p];
    if (v == kB64Skip) continue;
    if (q == 5) {
      ok = false;  // data after the padding
    } else if (v == kB64Pad) {
      // Padding may start at the third or fourth symbol of a quantum.
      if (pad == 0 && q < 2) {
        ok = false;
      } else {
        ++pad;
        ++q;
        if (q == 4) q = 5;
      }
    } else if (pad > 0 || v == kB64Bad) {
      ok = false;
    } else {
      quad[q++] = v;
      if (q == 4) {
        const uint32_t w = (quad[0] << 18) | (quad[1] << 12) | (quad[2] << 6) | quad[3];
        o[0] = static_cast<char>(w >> 16);
        o[1] = static_cast<char>((w >> 8) & 0xFF);
        o[2] = static_cast<char>(w & 0xFF);
        o += 3;
        q = 0;
      }
    }
  }
  if (ok && pad > 0) {
    if (q != 5) {
      ok = false;
    } else {
      // Two data symbols (pad 2) give one byte, three (pad 1) give two.
      uint32_t w = (quad[0] << 18) | (quad[1] << 12);
      if (pad == 1) w |= quad[2] << 6;
      *o++ = static_cast<char>(w >> 16);
      if (pad == 1) *o++ = static_cast<char>((w >> 8) & 0xFF);
    }
  } else if (ok && q != 0) {
    ok = false;
  }
  out.resize(static_cast<size_t>(o - out.data()));
  return ok;
}

void append_compact(std::string& out, std::string_view json) {
  out.reserve(out.size() + json.size());
  size_t i = 0;
  const size_t n = json.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(json[i]);
    if (c <= ' ') {
      ++i;
      continue;
    }
    if (c != '"') {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    // Copy a string verbatim, honouring backslash escapes.
    size_t start = i++;
    while (i < n) {
      if (json[i] == '\\') {
        i += 2;
        continue;
      }
      if (json[i] == '"') {
        ++i;
        break;
      }
      ++i;
    }
    if (i > n) i = n;
    out.append(json.data() + start, i - start);
  }
}

}  // namespace sub::json
