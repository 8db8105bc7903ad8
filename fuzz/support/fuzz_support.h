// Helpers shared by the libFuzzer targets in fuzz/ (each target is one fuzz/<name>.cc).
//
// The rule every target follows: bad input may make the code under test throw sub::Error
// (the codebase's one error idiom, core/error.h); anything else is a finding. A memory or
// undefined-behaviour error is caught by ASan/UBSan, a hang by libFuzzer's -timeout, and
// an exception of another type, or a broken invariant, aborts here with a message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "core/error.h"

namespace sub::fuzz {

inline std::string_view bytes_of(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// Splits `in` on `sep` into at most `max_parts` parts (the last part keeps any further
// separators). Always returns at least one part.
inline std::vector<std::string_view> split(std::string_view in, char sep, size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    const size_t at = in.find(sep);
    if (at == std::string_view::npos) break;
    parts.push_back(in.substr(0, at));
    in.remove_prefix(at + 1);
  }
  parts.push_back(in);
  return parts;
}

// Aborts (a libFuzzer crash, with the input saved) when an invariant does not hold.
[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "FUZZ INVARIANT BROKEN: %s\n", what);
  if (!detail.empty()) {
    std::fprintf(stderr, "  detail: %.*s\n",
                 static_cast<int>(detail.size() > 2000 ? 2000 : detail.size()), detail.data());
  }
  std::abort();
}

inline void check(bool ok, const char* what, std::string_view detail = {}) {
  if (!ok) fail(what, detail);
}

// Runs `fn`; a sub::Error is an accepted outcome for bad input and returns false. Any other
// exception is a finding: the codebase promises sub::Error for every failure.
template <class Fn>
bool run_expecting_only_sub_errors(Fn&& fn) {
  try {
    fn();
    return true;
  } catch (const sub::Error&) {
    return false;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "FUZZ: unexpected exception %s: %s\n", typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "FUZZ: unexpected non-standard exception\n");
    std::abort();
  }
}

}  // namespace sub::fuzz
