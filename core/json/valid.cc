// json::valid: strict RFC 8259 check of one value with optional surrounding whitespace,
// accepting exactly what gjson.Valid accepts, with Go's encoding/json nesting limit: a
// document nested deeper than kMaxNestingDepth containers is not valid (as json.Valid says).
//
// The walk is iterative (an explicit stack of open containers), so hostile input cannot
// exhaust the thread's stack however deep it is nested.
#include <vector>

#include "core/json/path.h"
#include "core/json/simd.h"

namespace sub::json {
namespace {

#if SUB_JSON_AVX2
// The first byte at or after i that a string cannot simply contain (a quote, a backslash or
// a control byte), 32 bytes at a time; or the index where fewer than 32 bytes are left.
[[gnu::target("avx2")]] size_t string_special_avx2(const char* p, size_t i, size_t n) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i slash = _mm256_set1_epi8('\\');
  const __m256i control = _mm256_set1_epi8(0x1F);
  for (; i + 32 <= n; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i low = _mm256_cmpeq_epi8(_mm256_max_epu8(v, control), control);
    const __m256i special = _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, slash)), low);
    const uint32_t m = static_cast<uint32_t>(_mm256_movemask_epi8(special));
    if (m != 0) return i + static_cast<size_t>(__builtin_ctz(m));
  }
  return i;
}
#endif

class Validator {
 public:
  // `enclosing`: how many containers are already open around the text's value.
  explicit Validator(std::string_view s, size_t from = 0, size_t enclosing = 0)
      : s_(s), i_(from), enclosing_(enclosing) {}

  bool document() {
    if (!value()) return false;
    skip_ws();
    return i_ == s_.size();
  }

  // One value from where the validator stands; false when there is no valid one.
  bool one_value() { return value(); }
  // The string whose opening quote is where the validator stands.
  bool one_string() { return string(); }
  size_t at_index() const { return i_; }

 private:
  bool ws(char c) const { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  void skip_ws() {
    while (i_ < s_.size() && ws(s_[i_])) ++i_;
  }
  bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }
  bool digit() const { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; }

  // One value, containers included. `open_` holds the closing byte of every container that
  // is open ('}' or ']'); after each member the walk either closes containers or expects a
  // comma and the next member.
  bool value() {
    open_.clear();
    for (;;) {
      // At the start of a value (an object member's value, an array element, or the root).
      skip_ws();
      if (i_ >= s_.size()) return false;
      const char c = s_[i_];
      if (c == '{' || c == '[') {
        if (enclosing_ + open_.size() >= kMaxNestingDepth) return false;
        ++i_;
        skip_ws();
        if (at(c == '{' ? '}' : ']')) {
          ++i_;  // an empty container is a complete value
        } else {
          open_.push_back(c == '{' ? '}' : ']');
          if (c == '{' && !member_key()) return false;
          continue;
        }
      } else if (!scalar()) {
        return false;
      }
      // A value is complete: close what ends here, or move to the next member.
      for (;;) {
        if (open_.empty()) return true;
        skip_ws();
        if (at(open_.back())) {
          ++i_;
          open_.pop_back();
          continue;
        }
        if (!at(',')) return false;
        ++i_;
        if (open_.back() == '}' && !member_key()) return false;
        break;
      }
    }
  }

  // `"key" :` inside an object, before its value.
  bool member_key() {
    skip_ws();
    if (!at('"') || !string()) return false;
    skip_ws();
    if (!at(':')) return false;
    ++i_;
    return true;
  }

  bool scalar() {
    switch (s_[i_]) {
      case '"':
        return string();
      case 't':
        return word("true");
      case 'f':
        return word("false");
      case 'n':
        return word("null");
      default:
        return number();
    }
  }

  bool word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }

  static bool hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  // The first byte at or after i that a string cannot simply contain (a quote, a backslash
  // or a control byte at most 0x1F), or the text's size.
  size_t special_from(size_t i) const {
    const char* p = s_.data();
    const size_t n = s_.size();
#if SUB_JSON_SIMD
    const simd::Vec quote = simd::splat('"');
    const simd::Vec slash = simd::splat('\\');
    const simd::Vec control = simd::splat(0x1F);
    for (int blocks = 0; i + 16 <= n; ++blocks) {
#if SUB_JSON_AVX2
      // A run longer than its first block (base64 data, a message) goes on 32 at a time.
      if (blocks == 1 && simd::cpu_has_avx2()) {
        i = string_special_avx2(p, i, n);
        if (i + 32 <= n) return i;  // at the byte to look at
        continue;  // under 32 bytes left: the 16-byte blocks, if the loop's test allows one
      }
#endif
      const simd::Vec v = simd::load(p + i);
      const simd::Vec special = simd::either(simd::either(simd::eq(v, quote), simd::eq(v, slash)),
                                             simd::at_most(v, control));
      const uint32_t mask = simd::mask(special);
      if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
      i += 16;
    }
#endif
    for (; i < n; ++i) {
      const auto c = static_cast<unsigned char>(p[i]);
      if (c < ' ' || c == '"' || c == '\\') return i;
    }
    return n;
  }

  bool string() {
    ++i_;
    // From one byte that needs a look to the next: an escaped message (an SNS or SQS body
    // holding JSON) has a backslash every few bytes, and the runs between them are still
    // scanned a block at a time.
    for (;;) {
      i_ = special_from(i_);
      if (i_ >= s_.size()) return false;
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < ' ') return false;
      if (++i_ >= s_.size()) return false;  // a backslash ends the text
      switch (s_[i_]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          break;
        case 'u':
          for (int k = 0; k < 4; ++k) {
            if (++i_ >= s_.size() || !hex(s_[i_])) return false;
          }
          break;
        default:
          return false;
      }
      ++i_;
    }
  }

  bool number() {
    if (at('-')) ++i_;
    if (!digit()) return false;
    if (at('0')) {
      ++i_;
    } else {
      while (digit()) ++i_;
    }
    if (at('.')) {
      ++i_;
      if (!digit()) return false;
      while (digit()) ++i_;
    }
    if (at('e') || at('E')) {
      ++i_;
      if (at('+') || at('-')) ++i_;
      if (!digit()) return false;
      while (digit()) ++i_;
    }
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  size_t enclosing_ = 0;
  std::vector<char> open_;
};

}  // namespace

bool valid(std::string_view json) { return Validator(json).document(); }

size_t valid_string_end(std::string_view json, size_t i) {
  if (i >= json.size() || json[i] != '"') return std::string_view::npos;
  Validator v(json, i);
  return v.one_string() ? v.at_index() : std::string_view::npos;
}

size_t valid_value_end(std::string_view json, size_t i, size_t enclosing) {
  if (i > json.size()) return std::string_view::npos;
  Validator v(json, i, enclosing);
  return v.one_value() ? v.at_index() : std::string_view::npos;
}

}  // namespace sub::json
