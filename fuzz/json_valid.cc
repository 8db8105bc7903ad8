// JSON validation (core/json/valid.cc, json::valid) against a reference written here in a
// different style: a byte-at-a-time state machine after Go's encoding/json scanner, with
// Go's nesting limit (kMaxNestingDepth open containers). The two must agree on every
// input, and whatever valid() accepts must nest no deeper than the limit.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/json/path.h"
#include "fuzz/support/fuzz_support.h"
#include "fuzz/support/json_depth.h"

namespace {

// The reference: one state per position in the grammar, one step per byte.
class ReferenceScanner {
 public:
  bool valid(std::string_view s) {
    for (const char ch : s) {
      if (!step(static_cast<unsigned char>(ch))) return false;
    }
    return at_end();
  }

 private:
  enum class State {
    kBeginValue,
    kBeginValueOrEmpty,
    kBeginKeyOrEmpty,
    kBeginKey,
    kEndValue,
    kEndTop,
    kString,
    kEscape,
    kHex,
    kNeg,
    kInt,
    kZero,
    kDot,
    kFraction,
    kExp,
    kExpSign,
    kExpDigits,
    kLiteral,
  };
  // What an open container expects: a key, a key's value, or an array element.
  enum class Open { kKey, kValue, kElement };

  static bool space(unsigned c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  static bool digit(unsigned c) { return c >= '0' && c <= '9'; }
  static bool hexdig(unsigned c) {
    return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  bool push(Open o) {
    stack_.push_back(o);
    return stack_.size() <= sub::json::kMaxNestingDepth;
  }

  bool begin_value(unsigned c) {
    if (space(c)) return true;
    switch (c) {
      case '{':
        state_ = State::kBeginKeyOrEmpty;
        return push(Open::kKey);
      case '[':
        state_ = State::kBeginValueOrEmpty;
        return push(Open::kElement);
      case '"':
        state_ = State::kString;
        return true;
      case '-':
        state_ = State::kNeg;
        return true;
      case '0':
        state_ = State::kZero;
        return true;
      case 't':
        literal_ = "rue";
        state_ = State::kLiteral;
        return true;
      case 'f':
        literal_ = "alse";
        state_ = State::kLiteral;
        return true;
      case 'n':
        literal_ = "ull";
        state_ = State::kLiteral;
        return true;
      default:
        if (c >= '1' && c <= '9') {
          state_ = State::kInt;
          return true;
        }
        return false;
    }
  }

  // A value just ended; `c` is the byte after it.
  bool end_value(unsigned c) {
    if (stack_.empty()) {
      state_ = State::kEndTop;
      return space(c);
    }
    state_ = State::kEndValue;
    if (space(c)) return true;
    switch (stack_.back()) {
      case Open::kKey:
        if (c != ':') return false;
        stack_.back() = Open::kValue;
        state_ = State::kBeginValue;
        return true;
      case Open::kValue:
        if (c == ',') {
          stack_.back() = Open::kKey;
          state_ = State::kBeginKey;
          return true;
        }
        if (c != '}') return false;
        stack_.pop_back();
        return end_of_container();
      case Open::kElement:
        if (c == ',') {
          state_ = State::kBeginValue;
          return true;
        }
        if (c != ']') return false;
        stack_.pop_back();
        return end_of_container();
    }
    return false;
  }

  bool end_of_container() {
    state_ = stack_.empty() ? State::kEndTop : State::kEndValue;
    return true;
  }

  bool step(unsigned c) {
    switch (state_) {
      case State::kBeginValue:
        return begin_value(c);
      case State::kBeginValueOrEmpty:
        if (space(c)) return true;
        if (c == ']') {
          stack_.pop_back();
          return end_of_container();
        }
        return begin_value(c);
      case State::kBeginKeyOrEmpty:
        if (space(c)) return true;
        if (c == '}') {
          stack_.pop_back();
          return end_of_container();
        }
        [[fallthrough]];
      case State::kBeginKey:
        if (space(c)) return true;
        if (c != '"') return false;
        state_ = State::kString;
        return true;
      case State::kEndValue:
      case State::kEndTop:
        return end_value(c);
      case State::kString:
        if (c == '"') {
          state_ = State::kEndValue;
          if (stack_.empty()) state_ = State::kEndTop;
          return true;
        }
        if (c == '\\') {
          state_ = State::kEscape;
          return true;
        }
        return c >= 0x20;
      case State::kEscape:
        if (c == 'u') {
          hex_left_ = 4;
          state_ = State::kHex;
          return true;
        }
        state_ = State::kString;
        return c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' ||
               c == 't';
      case State::kHex:
        if (!hexdig(c)) return false;
        if (--hex_left_ == 0) state_ = State::kString;
        return true;
      case State::kNeg:
        if (c == '0') {
          state_ = State::kZero;
          return true;
        }
        if (c >= '1' && c <= '9') {
          state_ = State::kInt;
          return true;
        }
        return false;
      case State::kInt:
        if (digit(c)) return true;
        [[fallthrough]];
      case State::kZero:
        if (c == '.') {
          state_ = State::kDot;
          return true;
        }
        if (c == 'e' || c == 'E') {
          state_ = State::kExp;
          return true;
        }
        return end_value(c);
      case State::kDot:
        if (!digit(c)) return false;
        state_ = State::kFraction;
        return true;
      case State::kFraction:
        if (digit(c)) return true;
        if (c == 'e' || c == 'E') {
          state_ = State::kExp;
          return true;
        }
        return end_value(c);
      case State::kExp:
        if (c == '+' || c == '-') {
          state_ = State::kExpSign;
          return true;
        }
        [[fallthrough]];
      case State::kExpSign:
        if (!digit(c)) return false;
        state_ = State::kExpDigits;
        return true;
      case State::kExpDigits:
        if (digit(c)) return true;
        return end_value(c);
      case State::kLiteral:
        if (literal_.empty() || static_cast<unsigned char>(literal_[0]) != c) return false;
        literal_.remove_prefix(1);
        if (literal_.empty()) state_ = stack_.empty() ? State::kEndTop : State::kEndValue;
        return true;
    }
    return false;
  }

  // At the end of input: a complete top-level value, possibly a number still being read.
  bool at_end() const {
    if (!stack_.empty()) return false;
    switch (state_) {
      case State::kEndTop:
      case State::kInt:
      case State::kZero:
      case State::kFraction:
      case State::kExpDigits:
        return true;
      default:
        return false;
    }
  }

  State state_ = State::kBeginValue;
  std::vector<Open> stack_;
  std::string_view literal_;
  int hex_left_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in = sub::fuzz::bytes_of(data, size);
  const bool ours = sub::json::valid(in);
  const bool reference = ReferenceScanner().valid(in);
  sub::fuzz::check(ours == reference,
                   ours ? "json::valid accepts what the reference scanner rejects"
                        : "json::valid rejects what the reference scanner accepts");
  if (ours) {
    sub::fuzz::check(sub::fuzz::max_depth(in) <= sub::json::kMaxNestingDepth,
                     "json::valid accepted a document nested deeper than kMaxNestingDepth");
  }
  return 0;
}
