// A reader of an event that checks it is valid JSON while it takes each value as it comes:
// members and elements are read in one pass, where a validation first and path lookups
// then read the event again and again (a lookup skips a whole value to find its end, then
// reads inside it). What the reader passes over is checked as json::valid checks it
// (json::valid_value_end), and so is every separator between; each_element_of also checks
// that nothing but white space follows the top-level value. So once it has returned, the
// whole event was valid JSON, and anything invalid on the way is EventError("event is not
// valid JSON"), the error a validation before the reading gave. Keys are compared
// unescaped, as lookups compare them; among members of the same name the first counts, as
// for lookups. Positions are byte offsets in the event.
#pragma once

#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "apps/lambda/handler.h"
#include "core/json/internal.h"
#include "core/json/path.h"
#include "core/json/scan.h"
#include "core/json/value.h"

namespace sub::lambda::handlers {

class ValidJson {
 public:
  explicit ValidJson(std::string_view text) : t_(text) {}

  size_t skip_ws(size_t i) const {
    while (i < t_.size() && (t_[i] == ' ' || t_[i] == '\t' || t_[i] == '\n' || t_[i] == '\r')) {
      ++i;
    }
    return i;
  }
  char at(size_t i) const {
    if (i >= t_.size()) throw invalid();
    return t_[i];
  }
  // One past the value that starts at i, which must be valid.
  size_t value_end(size_t i) const {
    // Most are strings: checked without the general walk's set-up.
    const size_t end = i < t_.size() && t_[i] == '"' ? json::valid_string_end(t_, i)
                                                     : json::valid_value_end(t_, i, open_);
    if (end == std::string_view::npos) throw invalid();
    return end;
  }
  json::Value value(size_t i, size_t end) const {
    return json::Value::view_raw(t_.substr(i, end - i));
  }
  // The value that starts at i, as a lookup gives it (i is at its first byte). Sets `end`
  // one past it.
  json::Value value_at(size_t i, size_t& end) const {
    end = value_end(i);
    const json::scan::ValueKind kind = json::scan::value_kind(t_, i);
    if (kind == json::scan::ValueKind::kContainer) return value(i, end);
    const bool esc = kind == json::scan::ValueKind::kString &&
                     std::memchr(t_.data() + i, '\\', end - i) != nullptr;
    return json::internal::value_of(kind, t_.substr(i, end - i), esc);
  }

  // Calls fn(key, i) for each member of the object whose brace is at i, with i at the
  // member's value; fn returns one past that value. Returns one past the closing brace.
  template <typename Fn>
  size_t members(size_t i, Fn&& fn) const {
    const Open open(*this);
    i = skip_ws(i + 1);
    if (at(i) == '}') return i + 1;
    std::string unescaped;
    for (;;) {
      if (at(i) != '"') throw invalid();
      const size_t key_end = json::valid_string_end(t_, i);
      if (key_end == std::string_view::npos) throw invalid();
      std::string_view key = t_.substr(i + 1, key_end - i - 2);
      if (std::memchr(key.data(), '\\', key.size()) != nullptr) {
        unescaped = json::scan::unescape(key);
        key = unescaped;
      }
      i = skip_ws(key_end);
      if (at(i) != ':') throw invalid();
      i = skip_ws(fn(key, skip_ws(i + 1)));
      const char c = at(i);
      if (c == '}') return i + 1;
      if (c != ',') throw invalid();
      i = skip_ws(i + 1);
    }
  }

  // Calls fn(i) for each element of the array of the first top-level member named `key`
  // (as a lookup finds it); fn returns one past the element. False when the text is not an
  // object or that member is missing or not an array. The whole text is checked.
  template <typename Fn>
  bool each_element_of(std::string_view key, Fn&& fn) const {
    bool seen = false, array = false;
    const size_t top = skip_ws(0);
    size_t end;
    if (top < t_.size() && t_[top] == '{') {
      end = members(top, [&](std::string_view k, size_t i) {
        if (seen || k != key) return value_end(i);
        seen = true;
        if (at(i) != '[') return value_end(i);
        array = true;
        return elements(i, fn);
      });
    } else {
      end = value_end(top);
    }
    if (skip_ws(end) != t_.size()) throw invalid();
    return array;
  }

  // For each element of the array of the top-level member `key` (as each_element_of finds
  // it), the first value of each member named in `names`, in that order; an absent member,
  // or an element that is not an object, leaves json::Value(). For events whose records are
  // flat objects (SQS, Data Firehose). False when there is no such array.
  template <size_t N>
  bool flat_records(std::string_view key, const std::array<std::string_view, N>& names,
                    std::vector<std::array<json::Value, N>>& out) const {
    return each_element_of(key, [&](size_t e) {
      std::array<json::Value, N>& r = out.emplace_back();
      if (at(e) != '{') return value_end(e);
      return members(e, [&](std::string_view k, size_t v) {
        for (size_t i = 0; i < N; ++i) {
          if (k == names[i] && !r[i].exists()) {
            size_t end;
            r[i] = value_at(v, end);
            return end;
          }
        }
        return value_end(v);
      });
    });
  }

  // Calls fn(i) for each element of the array whose bracket is at i; fn returns one past
  // the element. Returns one past the closing bracket.
  template <typename Fn>
  size_t elements(size_t i, Fn&& fn) const {
    const Open open(*this);
    i = skip_ws(i + 1);
    if (at(i) == ']') return i + 1;
    for (;;) {
      i = skip_ws(fn(i));
      const char c = at(i);
      if (c == ']') return i + 1;
      if (c != ',') throw invalid();
      i = skip_ws(i + 1);
    }
  }

 private:
  static EventError invalid() { return EventError("event is not valid JSON"); }

  // Counts a container the reader is inside while it reads it: the values it checks there
  // are that much deeper (json::kMaxNestingDepth).
  class Open {
   public:
    explicit Open(const ValidJson& j) : j_(j) {
      if (++j_.open_ > json::kMaxNestingDepth) {
        --j_.open_;
        throw invalid();
      }
    }
    ~Open() { --j_.open_; }
    Open(const Open&) = delete;
    Open& operator=(const Open&) = delete;

   private:
    const ValidJson& j_;
  };

  std::string_view t_;
  mutable size_t open_ = 0;  // containers the reader is inside (not thread-shared: one per call)
};

}  // namespace sub::lambda::handlers
