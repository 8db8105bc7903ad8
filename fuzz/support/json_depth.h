// The deepest nesting of brackets outside strings, counted without any grammar: the
// simplest possible reference for "how deep is this document".
#pragma once

#include <cstddef>
#include <string_view>

namespace sub::fuzz {

inline size_t max_depth(std::string_view s) {
  size_t depth = 0;
  size_t deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > deepest) deepest = depth;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace sub::fuzz
