#include "core/json/scan.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/json/simd.h"
#include "core/json/skip_memo.h"

namespace sub::json::scan {
namespace {

// 1 for closers, 3 for openers (so depth += class - 2), 2 for a quote.
struct TokenClass {
  uint8_t v[256] = {};
  constexpr TokenClass() {
    v[static_cast<unsigned char>('"')] = 2;
    v[static_cast<unsigned char>('{')] = 3;
    v[static_cast<unsigned char>('[')] = 3;
    v[static_cast<unsigned char>('(')] = 3;
    v[static_cast<unsigned char>('}')] = 1;
    v[static_cast<unsigned char>(']')] = 1;
    v[static_cast<unsigned char>(')')] = 1;
  }
};
constexpr TokenClass kTokens;

// Writes the UTF-8 bytes of rune r at d (U+FFFD for a surrogate or a value past U+10FFFF)
// and returns how many (1 to 4).
size_t put_rune(char* d, uint32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  if (r < 0x80) {
    d[0] = static_cast<char>(r);
    return 1;
  }
  if (r < 0x800) {
    d[0] = static_cast<char>(0xC0 | (r >> 6));
    d[1] = static_cast<char>(0x80 | (r & 0x3F));
    return 2;
  }
  if (r < 0x10000) {
    d[0] = static_cast<char>(0xE0 | (r >> 12));
    d[1] = static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    d[2] = static_cast<char>(0x80 | (r & 0x3F));
    return 3;
  }
  d[0] = static_cast<char>(0xF0 | (r >> 18));
  d[1] = static_cast<char>(0x80 | ((r >> 12) & 0x3F));
  d[2] = static_cast<char>(0x80 | ((r >> 6) & 0x3F));
  d[3] = static_cast<char>(0x80 | (r & 0x3F));
  return 4;
}

// Four hex digits as a code unit; 0 when any of them is not hex (strconv.ParseUint fails).
uint32_t hex4(std::string_view s) {
  uint32_t r = 0;
  for (size_t k = 0; k < 4; ++k) {
    char c = s[k];
    uint32_t d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      return 0;
    }
    r = r * 16 + d;
  }
  return r;
}

// utf8.DecodeRuneInString: (rune, width); an invalid byte is (U+FFFD, 1), empty is width 0.
struct Rune {
  uint32_t r;
  size_t w;
};
Rune decode_rune(std::string_view s) {
  if (s.empty()) return {0xFFFD, 0};
  auto p = reinterpret_cast<const unsigned char*>(s.data());
  unsigned char c = p[0];
  if (c < 0x80) return {c, 1};
  size_t n = s.size();
  if (c >= 0xC2 && c < 0xE0) {
    if (n >= 2 && (p[1] & 0xC0) == 0x80) return {((c & 0x1Fu) << 6) | (p[1] & 0x3Fu), 2};
  } else if (c >= 0xE0 && c < 0xF0) {
    unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    if (n >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80) {
      return {((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu), 3};
    }
  } else if (c >= 0xF0 && c < 0xF5) {
    unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    if (n >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
      return {((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu),
              4};
    }
  }
  return {0xFFFD, 1};
}

// utf8.DecodeLastRuneInString.
Rune decode_last_rune(std::string_view s) {
  if (s.empty()) return {0xFFFD, 0};
  size_t end = s.size();
  size_t lim = end >= 4 ? end - 4 : 0;
  size_t start = end - 1;
  while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  Rune r = decode_rune(s.substr(start));
  if (start + r.w != end) return {0xFFFD, 1};
  return r;
}

enum class MatchResult { kNoMatch, kMatch, kStop };

// Compares the non-wildcard tail of the pattern (which starts with '*') against the tail
// of str, trimming what matched from both.
bool trim_suffix(std::string_view& str, std::string_view& pat) {
  while (!str.empty() && pat.size() > 1) {
    Rune pc = decode_last_rune(pat);
    bool esc = false;
    size_t ps = pc.w;
    for (size_t k = 0;; ++k) {
      if (pat.size() < ps + k + 1 || pat[pat.size() - ps - k - 1] != '\\') {
        if (k & 1) {
          esc = true;
          ++ps;
        }
        break;
      }
    }
    if (pc.r == '*' && !esc) return true;
    Rune sc = decode_last_rune(str);
    if (!((pc.r == '?' && !esc) || pc.r == sc.r)) return false;
    str.remove_suffix(sc.w);
    pat.remove_suffix(ps);
  }
  return true;
}

MatchResult match_rec(std::string_view str, std::string_view pat, size_t slen, size_t& counter,
                      size_t maxcomp) {
  if (counter > slen * maxcomp) return MatchResult::kStop;
  ++counter;
  while (!pat.empty()) {
    bool wild = false;
    Rune pc = decode_rune(pat);
    Rune sc = str.empty() ? Rune{0, 0} : decode_rune(str);
    if (pc.r == '?') {
      if (sc.w == 0) return MatchResult::kNoMatch;
    } else if (pc.r == '*') {
      while (pat.size() > 1 && pat[1] == '*') pat.remove_prefix(1);
      if (pat.size() == 1) return MatchResult::kMatch;
      if (!trim_suffix(str, pat)) return MatchResult::kNoMatch;
      if (pat.size() == 1) return MatchResult::kMatch;
      MatchResult r = match_rec(str, pat.substr(1), slen, counter, maxcomp);
      if (r != MatchResult::kNoMatch) return r;
      if (str.empty()) return MatchResult::kNoMatch;
      wild = true;
    } else {
      if (sc.w == 0) return MatchResult::kNoMatch;
      if (pc.r == '\\') {
        pat.remove_prefix(pc.w);
        pc = decode_rune(pat);
        if (pc.w == 0) return MatchResult::kNoMatch;
      }
      if (sc.r != pc.r) return MatchResult::kNoMatch;
    }
    str.remove_prefix(sc.w);
    if (!wild) pat.remove_prefix(pc.w);
  }
  return str.empty() ? MatchResult::kMatch : MatchResult::kNoMatch;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Checks the decimal float grammar Go accepts (digits with optional fraction and exponent,
// no underscores without a base prefix).
bool decimal_syntax(std::string_view s) {
  size_t i = 0, n = s.size();
  size_t digits = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (!all_digits(s.substr(i))) return false;
    i = n;
  }
  return i == n;
}

}  // namespace

namespace {

// With i inside a string (past its opening quote, not right after a backslash): the index
// just past its closing quote, or n + 1 when it never closes (gjson's answer).
size_t string_tail(const char* p, size_t i, size_t n) {
  for (;;) {
    i = find_quote_or_backslash(p, i, n);
    if (i >= n) return n + 1;
    if (p[i] == '"') return i + 1;
    i += 2;  // a backslash and the byte it escapes
  }
}

#if SUB_JSON_SIMD
// Bit k of the result is the xor of bits 0..k of m (16-bit masks): for a mask of quotes,
// the bytes from an opening quote up to (not including) its closing quote.
inline uint32_t prefix_xor16(uint32_t m) {
  m ^= m << 1;
  m ^= m << 2;
  m ^= m << 4;
  m ^= m << 8;
  return m & 0xFFFF;
}
#endif

}  // namespace

#if SUB_JSON_AVX2
[[gnu::target("avx2")]] size_t find_quote_or_backslash_avx2(const char* p, size_t i, size_t n) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i slash = _mm256_set1_epi8('\\');
  for (; i + 32 <= n; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const uint32_t m = static_cast<uint32_t>(_mm256_movemask_epi8(
        _mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, slash))));
    if (m != 0) return i + static_cast<size_t>(__builtin_ctz(m));
  }
  return i;
}
#endif

size_t find_quote_or_backslash_far(const char* p, size_t i, size_t n) {
#if SUB_JSON_AVX2
  if (simd::cpu_has_avx2()) {
    i = find_quote_or_backslash_avx2(p, i, n);
    if (i + 32 <= n) return i;  // found
  }
#endif
#if SUB_JSON_SIMD
  const simd::Vec quote = simd::splat('"');
  const simd::Vec slash = simd::splat('\\');
  for (; i + 16 <= n; i += 16) {
    const simd::Vec v = simd::load(p + i);
    const uint32_t m = simd::mask(simd::either(simd::eq(v, quote), simd::eq(v, slash)));
    if (m != 0) return i + static_cast<size_t>(__builtin_ctz(m));
  }
#endif
  while (i < n && p[i] != '"' && p[i] != '\\') ++i;
  return i;
}

bool nests_deeper_than(std::string_view s, size_t limit) {
  size_t depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      bool esc = false, ok = false;
      i = string_end(s, i + 1, esc, ok) - 1;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return true;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return false;
}

namespace {

// skip_container without the memo. `closed` tells whether the closer was found.
size_t skip_container_scan(std::string_view s, size_t i, bool& closed) {
  closed = true;
  const size_t n = s.size();
  const char* p = s.data();
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  int depth = 1;
  bool in_string = false;  // only the vector loop stops inside a string
  ++i;
  while (i < n) {
#if SUB_JSON_SIMD
    // Sixteen bytes at a time. Without a backslash in the block every quote opens or closes
    // a string, so the running parity of the quotes tells which brackets are inside
    // strings; the others change the depth. A block with a backslash goes to the byte loop.
    const simd::Vec quote = simd::splat('"');
    const simd::Vec slash = simd::splat('\\');
    const simd::Vec case_bit = simd::splat(0x20);  // '[' | 0x20 == '{', ']' | 0x20 == '}'
    const simd::Vec brace_open = simd::splat('{');
    const simd::Vec brace_close = simd::splat('}');
    const simd::Vec paren_open = simd::splat('(');
    const simd::Vec paren_close = simd::splat(')');
    for (; i + 16 <= n; i += 16) {
      const simd::Vec v = simd::load(p + i);
      if (simd::any(simd::eq(v, slash))) break;
      const simd::Vec folded = simd::either(v, case_bit);
      const uint32_t quotes = simd::mask(simd::eq(v, quote));
      const uint32_t opens =
          simd::mask(simd::either(simd::eq(folded, brace_open), simd::eq(v, paren_open)));
      const uint32_t closes =
          simd::mask(simd::either(simd::eq(folded, brace_close), simd::eq(v, paren_close)));
      const uint32_t inside = prefix_xor16(quotes) ^ (in_string ? 0xFFFFu : 0u);
      for (uint32_t b = (opens | closes) & ~inside; b != 0; b &= b - 1) {
        const int k = __builtin_ctz(b);
        depth += (opens >> k) & 1 ? 1 : -1;
        if (depth == 0) return i + static_cast<size_t>(k) + 1;
      }
      in_string = (inside >> 15) & 1;
    }
#endif
    // Byte at a time: the rest of a string the vector loop stopped in, then tokens up to
    // the end of the block it could not take (or of the text).
    const size_t stop = std::min(i + 16, n);
    if (in_string) {
      i = string_tail(p, i, n);
      if (i > n) {
        closed = false;
        return n + 1;
      }
      in_string = false;
    }
    while (i < stop) {
      uint8_t c = kTokens.v[u[i]];
      if (c == 0) {
        ++i;
        continue;
      }
      if (c == 2) {
        i = string_tail(p, i + 1, n);
        if (i > n) {
          closed = false;
          return n + 1;
        }
        continue;
      }
      depth += static_cast<int>(c) - 2;
      ++i;
      if (depth == 0) return i;
    }
  }
  closed = false;
  return n;
}

}  // namespace

size_t skip_container(std::string_view s, size_t i) {
  bool closed;
  std::string_view doc;
  SkipMemo* memo = SkipMemo::active(s, doc);
  if (memo == nullptr) return skip_container_scan(s, i, closed);
  // The memo's spans are offsets in the whole document; `s` may be a part of it.
  const auto offset = static_cast<size_t>(s.data() - doc.data());
  if (const size_t end = memo->find(offset + i); end != 0 && end - offset <= s.size()) {
    return end - offset;
  }
  const size_t end = skip_container_scan(s, i, closed);
  if (closed) memo->record(doc, offset + i, offset + end);
  return end;
}

std::string_view squash(std::string_view s) {
  if (s.empty()) return s;
  if (s[0] == '"') {
    bool esc, ok;
    return s.substr(0, string_end(s, 1, esc, ok));
  }
  return s.substr(0, skip_container(s, 0));
}

namespace {

// Index of the first byte at or after i that is a backslash or a control character, n if
// none. Eight bytes at a time, as find_quote_or_backslash: the lowest flagged byte of a
// word is exact (borrows only flag bytes above a real hit).
size_t find_backslash_or_control(const char* p, size_t i, size_t n) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  constexpr uint64_t kSlash = kOnes * '\\';
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    const uint64_t b = w ^ kSlash;
    const uint64_t hit = (((w - kOnes * 0x20) & ~w) | ((b - kOnes) & ~b)) & kHigh;
    if (hit != 0) {
      if constexpr (std::endian::native == std::endian::little) {
        return i + (__builtin_ctzll(hit) >> 3);
      } else {
        return i + (__builtin_clzll(hit) >> 3);
      }
    }
  }
  while (i < n && p[i] != '\\' && static_cast<unsigned char>(p[i]) >= ' ') ++i;
  return i;
}

}  // namespace

void append_unescaped(std::string& out, std::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  // Unescaped text is never longer than its escaped form (an escape of 2, 6 or 12 bytes
  // gives at most 1, 3 or 4), so it is written straight into room made for all of it.
  const size_t base = out.size();
  out.resize(base + n);
  char* const start = out.data() + base;
  char* d = start;
  size_t i = 0;
  for (;;) {
    // The plain run up to the next backslash (or control character) in one copy.
    const size_t j = find_backslash_or_control(p, i, n);
    std::memcpy(d, p + i, j - i);
    d += j - i;
    if (j >= n || p[j] != '\\') break;  // the end, or a control character: stop there
    i = j + 1;
    if (i >= n) break;
    const char e = p[i];
    if (e == '\\' || e == '/' || e == '"') {
      *d++ = e;
    } else if (e == 'b') {
      *d++ = '\b';
    } else if (e == 'f') {
      *d++ = '\f';
    } else if (e == 'n') {
      *d++ = '\n';
    } else if (e == 'r') {
      *d++ = '\r';
    } else if (e == 't') {
      *d++ = '\t';
    } else if (e == 'u') {
      if (i + 5 > n) break;
      uint32_t r = hex4(s.substr(i + 1));
      i += 5;
      if (r >= 0xD800 && r <= 0xDFFF && n - i >= 6 && s[i] == '\\' && s[i + 1] == 'u') {
        const uint32_t r2 = hex4(s.substr(i + 2));
        if (r < 0xDC00 && r2 >= 0xDC00 && r2 < 0xE000) {
          r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
        } else {
          r = 0xFFFD;
        }
        i += 6;
      }
      d += put_rune(d, r);
      continue;  // i is past the escape
    } else {
      break;  // not an escape: stop, as gjson does
    }
    ++i;
  }
  out.resize(base + static_cast<size_t>(d - start));
}

bool go_underscores_ok(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  char last = '^';  // '^' start, '0' digit or base prefix, '_' underscore, '!' anything else
  size_t i = 0;
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0') {
    const char b = static_cast<char>(s[1] | 0x20);
    if (b == 'b' || b == 'o' || b == 'x') {
      i = 2;
      last = '0';
      hex = b == 'x';
    }
  }
  for (; i < s.size(); ++i) {
    const char c = s[i];
    const char lc = static_cast<char>(c | 0x20);
    if ((c >= '0' && c <= '9') || (hex && lc >= 'a' && lc <= 'f')) {
      last = '0';
    } else if (c == '_') {
      if (last != '0') return false;
      last = '_';
    } else {
      if (last == '_') return false;
      last = '!';
    }
  }
  return last != '_';
}

double parse_float(std::string_view s) {
  if (s.find('_') != std::string_view::npos) {
    // Go's syntax allows digit separators; the value is that of the text without them.
    if (!go_underscores_ok(s)) return 0;
    std::string plain;
    plain.reserve(s.size());
    for (char c : s) {
      if (c != '_') plain += c;
    }
    return parse_float(plain);
  }
  std::string_view body = s;
  bool neg = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (ieq(body, "inf") || ieq(body, "infinity")) return neg ? -HUGE_VAL : HUGE_VAL;
  if (ieq(body, "nan")) return std::nan("");
  bool hex = body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X');
  if (hex) {
    // Hexadecimal floats need a 'p' exponent in Go; strtod does the rest.
    if (body.find_first_of("pP") == std::string_view::npos) return 0;
    std::string tmp(s);
    char* end = nullptr;
    double v = std::strtod(tmp.c_str(), &end);
    return end == tmp.c_str() + tmp.size() ? v : 0;
  }
  if (!decimal_syntax(body)) return 0;
  double v = 0;
  auto res = std::from_chars(body.data(), body.data() + body.size(), v);
  if (res.ec == std::errc::result_out_of_range) {
    std::string tmp(body);
    v = std::strtod(tmp.c_str(), nullptr);
  } else if (res.ec != std::errc() || res.ptr != body.data() + body.size()) {
    return 0;
  }
  return neg ? -v : v;
}

bool parse_int(std::string_view s, int64_t& out) {
  size_t i = 0;
  bool neg = false;
  if (!s.empty() && s[0] == '-') neg = true, i = 1;
  if (i == s.size()) return false;
  uint64_t n = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    n = n * 10 + static_cast<uint64_t>(s[i] - '0');
  }
  out = static_cast<int64_t>(neg ? 0 - n : n);
  return true;
}

bool parse_uint(std::string_view s, uint64_t& out) {
  if (s.empty()) return false;
  uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  out = n;
  return true;
}

bool parse_bool(std::string_view s, bool& ok) {
  ok = true;
  if (s == "1" || ieq(s, "t") || ieq(s, "true")) return true;
  if (s == "0" || ieq(s, "f") || ieq(s, "false")) return false;
  ok = false;
  return false;
}

bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k) {
    char c = a[k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[k]) return false;
  }
  return true;
}

bool match_limit(std::string_view str, std::string_view pattern) {
  if (pattern == "*") return true;
  size_t counter = 0;
  return match_rec(str, pattern, str.size(), counter, 10000) == MatchResult::kMatch;
}

}  // namespace sub::json::scan
