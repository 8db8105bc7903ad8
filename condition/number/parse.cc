#include "condition/number/parse.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "core/error.h"
#include "core/json/scan.h"

namespace sub::condition {
namespace {

// Length of the valid UTF-8 sequence starting at s[i] (no overlongs, surrogates or code
// points above U+10FFFF), or 0 when the byte there does not start one.
size_t utf8_len(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  if (c < 0xC2 || c > 0xF4) return 0;
  const size_t want = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + want > s.size()) return 0;
  // The second byte's range depends on the first.
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c == 0xE0) lo = 0xA0;
  if (c == 0xED) hi = 0x9F;
  if (c == 0xF0) lo = 0x90;
  if (c == 0xF4) hi = 0x8F;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  for (size_t k = 2; k < want; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return want;
}

// strconv.Quote-like rendering of the input for error messages. Printable runes are kept;
// control characters and invalid bytes are escaped. (Go also escapes unassigned and other
// non-printable code points above U+00FF; only the Latin-1 ones are recognised here.)
std::string go_quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\a':
        out += "\\a";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\v':
        out += "\\v";
        continue;
      default:
        break;
    }
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
      continue;
    }
    const size_t len = c >= 0x80 ? utf8_len(s, i) : 0;
    if (len == 0) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else if (len == 2 && (c == 0xC2 && (static_cast<unsigned char>(s[i + 1]) < 0xA0 ||
                                          static_cast<unsigned char>(s[i + 1]) == 0xAD))) {
      // C1 controls and the soft hyphen: \u0080-\u009f, \u00ad.
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      out += "\\u00";
      out += kHex[(b1 & 0x3F) >> 4 | 0x8];
      out += kHex[b1 & 0xf];
      i += 1;
    } else {
      out.append(s.substr(i, len));
      i += len - 1;
    }
  }
  out += '"';
  return out;
}

[[noreturn]] void fail(const char* fn, std::string_view s, const char* why) {
  throw Error(std::string("strconv.") + fn + ": parsing " + go_quote(s) + ": " + why);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The syntax Go accepts: sign, then a decimal mantissa with an optional exponent, or 0x, a
// hex mantissa and a mandatory p exponent; underscores between digits.
bool valid_float_syntax(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  bool hex = false;
  if (i + 2 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
    hex = true;
    i += 2;
  }
  bool digits = false;
  bool dot = false;
  bool underscores = false;
  for (; i < s.size(); ++i) {
    if (hex ? is_hex(s[i]) : is_digit(s[i])) {
      digits = true;
    } else if (s[i] == '_') {
      underscores = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!digits) return false;
  if (i < s.size() && (hex ? (s[i] == 'p' || s[i] == 'P') : (s[i] == 'e' || s[i] == 'E'))) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= s.size() || !is_digit(s[i])) return false;
    while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) {
      underscores = underscores || s[i] == '_';
      ++i;
    }
  } else if (hex) {
    return false;  // a hex mantissa needs a 'p' exponent
  }
  return i == s.size() && (!underscores || json::scan::go_underscores_ok(s));
}

}  // namespace

double parse_go_float(std::string_view s) {
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
    if (json::scan::ieq(body, "inf") || json::scan::ieq(body, "infinity")) {
      return negative ? -std::numeric_limits<double>::infinity()
                      : std::numeric_limits<double>::infinity();
    }
  } else if (json::scan::ieq(body, "inf") || json::scan::ieq(body, "infinity")) {
    return std::numeric_limits<double>::infinity();
  } else if (json::scan::ieq(body, "nan")) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (!valid_float_syntax(s)) fail("ParseFloat", s, "invalid syntax");
  std::string text;
  text.reserve(s.size());
  for (char c : s) {
    if (c != '_') text += c;
  }
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) fail("ParseFloat", s, "invalid syntax");
  if (std::isinf(v)) fail("ParseFloat", s, "value out of range");
  return v;
}

int64_t parse_go_int(std::string_view s) {
  size_t i = 0;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) fail("ParseInt", s, "invalid syntax");
  uint64_t magnitude = 0;
  bool overflow = false;
  constexpr uint64_t kLimit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1;
  for (; i < s.size(); ++i) {
    if (!is_digit(s[i])) fail("ParseInt", s, "invalid syntax");
    if (overflow) continue;
    const uint64_t d = static_cast<uint64_t>(s[i] - '0');
    if (magnitude > (kLimit - d) / 10) {
      overflow = true;
      continue;
    }
    magnitude = magnitude * 10 + d;
  }
  if (overflow || magnitude > kLimit || (!negative && magnitude == kLimit)) {
    fail("ParseInt", s, "value out of range");
  }
  if (negative)
    return magnitude == kLimit ? std::numeric_limits<int64_t>::min()
                               : -static_cast<int64_t>(magnitude);
  return static_cast<int64_t>(magnitude);
}

size_t rune_count(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++count) {
    const size_t len = utf8_len(s, i);
    i += len == 0 ? 1 : len;
  }
  return count;
}

}  // namespace sub::condition
