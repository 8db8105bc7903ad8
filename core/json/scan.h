// Low-level scanning of raw JSON text, shared by the gjson-compatible reader, the
// sjson-compatible writer and the modifiers. Nothing here validates: like gjson, malformed input
// gives a best-effort answer and never reads out of bounds.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/json/simd.h"

// The short searches below start with sixteen-byte blocks where a block's mask costs one
// instruction (SSE2, x86-64's baseline); NEON has no such instruction, so arm64 keeps the
// eight-byte words.
#if SUB_JSON_SIMD && defined(__SSE2__)
#define SUB_JSON_BLOCK_FIRST 1
#else
#define SUB_JSON_BLOCK_FIRST 0
#endif

namespace sub::json::scan {

inline bool is_space(char c) { return static_cast<unsigned char>(c) <= ' '; }

// find_quote_or_backslash for the rest of a string that has run past its first 16 bytes
// (a long value, such as base64 data): 32 bytes at a time in AVX2 where the CPU has it.
size_t find_quote_or_backslash_far(const char* p, size_t i, size_t n);

// Index of the first '"' or '\\' at or after i (i itself when i >= n). Keys and most
// values end within 32 bytes, which x86-64 (SSE2, its baseline) reads as two blocks of
// sixteen; what is left of a longer string goes to the wide loop. Elsewhere, and for the
// last bytes of the text, eight bytes at a time: a byte equal to the target becomes zero
// after the xor, and the classic "has a zero byte" expression flags it (exactly, for the
// lowest flagged byte).
inline size_t find_quote_or_backslash(const char* p, size_t i, size_t n) {
#if SUB_JSON_BLOCK_FIRST
  for (int blocks = 0; i + 16 <= n; ++blocks, i += 16) {
    if (blocks == 2) return find_quote_or_backslash_far(p, i, n);
    const simd::Vec v = simd::load(p + i);
    const uint32_t m =
        simd::mask(simd::either(simd::eq(v, simd::splat('"')), simd::eq(v, simd::splat('\\'))));
    if (m != 0) return i + static_cast<size_t>(__builtin_ctz(m));
  }
#endif
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  constexpr uint64_t kQuote = kOnes * '"';
  constexpr uint64_t kSlash = kOnes * '\\';
  for (int words = 0; i + 8 <= n; ++words) {
    if (words == 2) return find_quote_or_backslash_far(p, i, n);
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    uint64_t a = w ^ kQuote;
    uint64_t b = w ^ kSlash;
    uint64_t hit = (((a - kOnes) & ~a) | ((b - kOnes) & ~b)) & kHigh;
    if (hit != 0) {
      if constexpr (std::endian::native == std::endian::little) {
        return i + (__builtin_ctzll(hit) >> 3);
      } else {
        return i + (__builtin_clzll(hit) >> 3);
      }
    }
    i += 8;
  }
  while (i < n && p[i] != '"' && p[i] != '\\') ++i;
  return i;
}

// Whether the n bytes at p and q (sizeof(Word) <= n <= 2 * sizeof(Word)) are equal, by their
// first and last words, which overlap when n is under twice the word.
template <typename Word>
inline bool same_by_end_words(const char* p, const char* q, size_t n) {
  Word x0, y0, x1, y1;
  std::memcpy(&x0, p, sizeof(Word));
  std::memcpy(&y0, q, sizeof(Word));
  std::memcpy(&x1, p + n - sizeof(Word), sizeof(Word));
  std::memcpy(&y1, q + n - sizeof(Word), sizeof(Word));
  return ((x0 ^ y0) | (x1 ^ y1)) == 0;
}

// a == b, for keys: most are under 17 bytes, compared here with two overlapping loads
// each instead of a call to memcmp.
inline bool same_key(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n > 16) return std::memcmp(a.data(), b.data(), n) == 0;
  if (n >= 8) return same_by_end_words<uint64_t>(a.data(), b.data(), n);
  if (n >= 4) return same_by_end_words<uint32_t>(a.data(), b.data(), n);
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// With i just past an opening quote: returns the index just past the closing quote, or
// n when the string is not terminated (then ok is false). esc tells whether a backslash
// was seen.
inline size_t string_end(std::string_view s, size_t i, bool& esc, bool& ok) {
  const char* p = s.data();
  const size_t n = s.size();
  esc = false;
  for (;;) {
    i = find_quote_or_backslash(p, i, n);
    if (i >= n) {
      ok = false;
      return n;
    }
    if (p[i] == '"') {
      ok = true;
      return i + 1;
    }
    esc = true;
    i += 2;
  }
}

// gjson's container skip: i is at an opener ('{', '[' or '('); returns the index just past
// the matching closer, counting every bracket kind alike and skipping strings. Returns n
// when the container is not closed (n + 1 when it ends inside a string, as gjson does).
size_t skip_container(std::string_view s, size_t i);

// True if the text nests more than `limit` objects and arrays inside one another (brackets
// inside strings do not count). Iterative: the guard that recursive walks (@pretty, @dig,
// @flatten:deep) run before they start, so hostile input cannot exhaust the stack.
bool nests_deeper_than(std::string_view s, size_t limit);

// gjson's `squash`: the text of the value starting at s[0] ('{', '[', '(' or '"').
std::string_view squash(std::string_view s);

// The bytes that end a number token, by table (one load instead of four comparisons).
inline constexpr std::array<bool, 256> kNumberEnds = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c <= ' '; ++c) t[static_cast<size_t>(c)] = true;  // is_space
  t[','] = true;
  t[']'] = true;
  t['}'] = true;
  return t;
}();

// End of a number token (gjson: up to whitespace, ',', ']' or '}').
inline size_t number_end(std::string_view s, size_t i) {
  ++i;
#if SUB_JSON_BLOCK_FIRST
  // Sixteen bytes at once hold most numbers whole (an epoch with microseconds is 17).
  if (i + 16 <= s.size()) {
    const simd::Vec v = simd::load(s.data() + i);
    const simd::Vec ends = simd::either(
        simd::either(simd::at_most(v, simd::splat(' ')), simd::eq(v, simd::splat(','))),
        simd::either(simd::eq(v, simd::splat(']')), simd::eq(v, simd::splat('}'))));
    const uint32_t m = simd::mask(ends);
    if (m != 0) return i + static_cast<size_t>(__builtin_ctz(m));
    i += 16;
  }
#endif
  for (; i < s.size(); ++i) {
    if (kNumberEnds[static_cast<unsigned char>(s[i])]) return i;
  }
  return s.size();
}

// End of a literal token (a run of lower-case letters).
inline size_t literal_end(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] < 'a' || s[i] > 'z') return i;
  }
  return s.size();
}

// ---- One JSON value, read the way gjson's walkers read it ----
//
// gjson never validates while it looks for a path: it steps over bytes until one of them
// can start a value, guesses the kind of value from that byte alone, and skips to the end
// of it with the loose rules above. The two functions below are that guess and that skip;
// every walker in core/json (get, set, value) calls them instead of keeping its own copy.

// The kinds of value a byte can start, as gjson tells them apart.
enum class ValueKind : uint8_t {
  kNone,       // starts no value: white space, ':' or ',', or any other byte gjson steps over
  kString,     // '"'
  kContainer,  // '{' or '['
  kLiteral,    // 't', 'f', or 'n' followed by 'u' or by nothing ("null")
  kNumber,     // a digit, '+', '-', 'i', 'I', 'N', or 'n' followed by another byte ("nan")
};

// The kind each byte starts, by table: the walkers ask twice per member (at the ':' and at
// the value), and a load was cheaper than the multi-way switch it replaced.
inline constexpr std::array<ValueKind, 256> kValueKinds = [] {
  std::array<ValueKind, 256> t{};
  t['"'] = ValueKind::kString;
  t['{'] = ValueKind::kContainer;
  t['['] = ValueKind::kContainer;
  t['t'] = ValueKind::kLiteral;
  t['f'] = ValueKind::kLiteral;
  t['n'] = ValueKind::kLiteral;  // "nan" is told apart below
  for (char c : std::string_view("+-iIN0123456789")) {
    t[static_cast<unsigned char>(c)] = ValueKind::kNumber;
  }
  return t;
}();

// The kind of value that starts at s[i] (i < s.size()) when gjson looks up a path: in an
// object member, an array element or a top-level value.
// Always inlined, as is value_end: the walkers call both once per value, where a call
// would cost more than the work.
[[gnu::always_inline]] inline ValueKind value_kind(std::string_view s, size_t i) {
  const ValueKind kind = kValueKinds[static_cast<unsigned char>(s[i])];
  if (s[i] == 'n' && i + 1 < s.size() && s[i + 1] != 'u') return ValueKind::kNumber;
  return kind;
}

// The kind of an element when gjson splits a whole array into its elements (Result.Array,
// and sjson when it re-joins an array to pad it): a simpler guess than value_kind, in which
// every 'n' starts a literal and only a digit or '-' starts a number.
inline ValueKind element_kind(char c) {
  const ValueKind kind = value_kind(std::string_view(&c, 1), 0);  // a lone 'n' is a literal
  if (kind == ValueKind::kNumber && c != '-' && (c < '0' || c > '9')) return ValueKind::kNone;
  return kind;
}

// The index just past the value of kind `kind` (not kNone) that starts at s[i]. For a
// string, esc tells whether it has a backslash and ok whether it is closed (an unclosed one
// ends at s.size()); every other kind sets esc false and ok true. A container ends where
// skip_container says: s.size() + 1 when the text ends inside a string, so callers that cut
// the value out of `s` clamp to s.size().
[[gnu::always_inline]] inline size_t value_end(std::string_view s, size_t i, ValueKind kind,
                                               bool& esc, bool& ok) {
  esc = false;
  ok = true;
  switch (kind) {
    case ValueKind::kString:
      return string_end(s, i + 1, esc, ok);
    case ValueKind::kContainer:
      return skip_container(s, i);
    case ValueKind::kLiteral:
      return literal_end(s, i);
    default:
      return number_end(s, i);
  }
}

// The fast lane of an object walk looking for the plain key `key` (no wildcard, compared
// byte for byte). From `i`, just past the object's '{' or just past one of its values, it
// steps over members written the common way, `"k":v` after an optional ',' with no white
// space and no backslash in the key, whose key is not `key`, and returns the position
// after the last one. There the careful walk goes on: at the member with that key, at one
// written any other way, or at the end of the object. Each member it passes is one that
// the careful walk (gjson's parseObject) would read the same way and pass too, so the walk
// ends as it would have without it; it only saves the per-byte dispatch of the general
// loop, which cost about 180 instructions a member on Zeek events.
[[gnu::always_inline]] inline size_t skip_plain_members(std::string_view json, size_t i,
                                                        std::string_view key) {
  const char* p = json.data();
  const size_t n = json.size();
  for (;;) {
    size_t k = i;
    if (k < n && p[k] == ',') ++k;
    if (k >= n || p[k] != '"') return i;
    const size_t key_end = find_quote_or_backslash(p, k + 1, n);
    // A quote ends the key (not a backslash, not the end of the text), and a ':' and the
    // first byte of the value follow it.
    if (key_end + 2 >= n || p[key_end] != '"' || p[key_end + 1] != ':') return i;
    if (same_key(std::string_view(p + k + 1, key_end - k - 1), key)) return i;
    const size_t v = key_end + 2;
    size_t end;
    switch (value_kind(json, v)) {
      case ValueKind::kString:
        end = find_quote_or_backslash(p, v + 1, n);
        if (end >= n || p[end] != '"') return i;
        ++end;
        break;
      case ValueKind::kNumber:
        end = number_end(json, v);
        break;
      case ValueKind::kLiteral:
        end = literal_end(json, v);
        break;
      case ValueKind::kContainer:
        end = skip_container(json, v);
        if (end >= n) return i;
        break;
      default:
        return i;
    }
    i = end;
  }
}

// Decodes JSON string contents (without quotes) the way gjson does: stops quietly at a
// control character or a bad escape, and pairs UTF-16 surrogates.
void append_unescaped(std::string& out, std::string_view s);
inline std::string unescape(std::string_view s) {
  std::string out;
  append_unescaped(out, s);
  return out;
}

// Whether the underscores of number text `s` are where Go's number syntax allows them: each
// between two digits, or between a base prefix (0b, 0o, 0x) and a digit.
bool go_underscores_ok(std::string_view s);

// strconv.ParseFloat(s, 64) with errors mapped to its returned value (0, or +/-Inf on
// overflow).
double parse_float(std::string_view s);

// gjson's parseInt / parseUint: only digits (and a leading '-'), wrapping on overflow.
bool parse_int(std::string_view s, int64_t& out);
bool parse_uint(std::string_view s, uint64_t& out);

// strconv.ParseBool of the lower-cased text; ok is false when it is not a boolean.
bool parse_bool(std::string_view s, bool& ok);

// True when `s` equals `lower` (all lower case) once its ASCII capitals are lowered.
bool ieq(std::string_view s, std::string_view lower);

// tidwall/match.MatchLimit(str, pattern, 10000): '*' any run, '?' any one rune, '\\'
// escapes the next pattern character.
bool match_limit(std::string_view str, std::string_view pattern);

}  // namespace sub::json::scan
