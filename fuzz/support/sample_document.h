// A JSON document used by the path targets when an input carries only a path: paths then
// meet objects, arrays, escapes, numbers of every shape and nested members, so the fuzzer
// explores the path language instead of first having to invent a document.
#pragma once

#include <string_view>

namespace sub::fuzz {

inline constexpr std::string_view kSampleDocument = R"({
  "name": {"first": "Tom", "last": "Anderson"},
  "age": 37,
  "children": ["Sara", "Alex", "Jack"],
  "fav.movie": "Deer Hunter",
  "friends": [
    {"first": "Dale", "last": "Murphy", "age": 44, "nets": ["ig", "fb", "tw"]},
    {"first": "Roger", "last": "Craig", "age": 68, "nets": ["fb", "tw"]},
    {"first": "Jane", "last": "Murphy", "age": 47, "nets": ["ig", "tw"]}
  ],
  "numbers": [0, -1, 1.5e3, 18446744073709551616, -9223372036854775809, 1E-7],
  "escaped": "a\"b\\c\/d\u00e9\ud83d\ude00\n",
  "empty": {"o": {}, "a": [], "s": ""},
  "bools": [true, false, null],
  "deep": {"a": {"b": {"c": [[1, [2, [3]]], {"d": "e"}]}}},
  "tags": "[\"x\",\"y\"]",
  "ip": "192.168.1.1"
})";

}  // namespace sub::fuzz
