// A reader of an event already checked to be valid JSON (require_json) that takes each value
// as it comes: members and elements are read in one pass, where path lookups first skip a
// whole value to find its end and then read inside it. Keys are compared unescaped, as
// lookups compare them. Positions are byte offsets in the event; running off its end (which
// valid JSON never does) is an EventError.
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "apps/lambda/handler.h"
#include "core/json/internal.h"
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
    if (i >= t_.size()) throw EventError("event is not valid JSON");
    return t_[i];
  }
  // One past the value that starts at i.
  size_t value_end(size_t i) const {
    const json::scan::ValueKind kind = json::scan::value_kind(t_, i);
    bool esc, ok;
    return std::min(json::scan::value_end(t_, i, kind, esc, ok), t_.size());
  }
  json::Value value(size_t i, size_t end) const {
    return json::Value::view_raw(t_.substr(i, end - i));
  }
  // The value that starts at i, as value(i, value_end(i)) gives it, made from what the
  // skip learns (its kind, end and escapes) instead of reading its text again: a Kinesis
  // record's base64 data is hundreds of bytes. Sets `end` one past it.
  json::Value value_at(size_t i, size_t& end) const {
    const json::scan::ValueKind kind = json::scan::value_kind(t_, i);
    if (kind == json::scan::ValueKind::kNone) {
      end = value_end(i);
      return value(i, end);
    }
    bool esc, ok;
    end = std::min(json::scan::value_end(t_, i, kind, esc, ok), t_.size());
    if (kind == json::scan::ValueKind::kContainer || !ok) return value(i, end);
    return json::internal::value_of(kind, t_.substr(i, end - i), esc);
  }

  // Calls fn(key, i) for each member of the object whose brace is at i, with i at the
  // member's value; fn returns one past that value. Returns one past the closing brace.
  template <typename Fn>
  size_t members(size_t i, Fn&& fn) const {
    std::string unescaped;
    for (i = skip_ws(i + 1);; i = skip_ws(i)) {
      const char c = at(i);
      if (c == '}') return i + 1;
      if (c == ',') {
        i = skip_ws(i + 1);
        continue;
      }
      bool esc, ok;
      const size_t from = i + 1;
      i = json::scan::string_end(t_, from, esc, ok);
      std::string_view key = t_.substr(from, i - 1 - from);
      if (esc) {
        unescaped = json::scan::unescape(key);
        key = unescaped;
      }
      i = skip_ws(skip_ws(i) + 1);  // past the colon
      i = fn(key, i);
    }
  }
  // Calls fn(i) for each element of the array of the first top-level member named `key`
  // (as a lookup finds it); fn returns one past the element. False when the text is not an
  // object or that member is missing or not an array.
  template <typename Fn>
  bool each_element_of(std::string_view key, Fn&& fn) const {
    bool seen = false, array = false;
    const size_t top = skip_ws(0);
    if (top >= t_.size() || t_[top] != '{') return false;
    members(top, [&](std::string_view k, size_t i) {
      if (seen || k != key) return value_end(i);
      seen = true;
      if (at(i) != '[') return value_end(i);
      array = true;
      return elements(i, fn);
    });
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
    for (i = skip_ws(i + 1);; i = skip_ws(i)) {
      const char c = at(i);
      if (c == ']') return i + 1;
      if (c == ',') {
        i = skip_ws(i + 1);
        continue;
      }
      i = fn(i);
    }
  }

 private:
  std::string_view t_;
};

}  // namespace sub::lambda::handlers
