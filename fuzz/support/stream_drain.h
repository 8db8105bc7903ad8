// Reads a decompressing stream to its end, or to a cap: a small input may legitimately
// expand a thousandfold, and the targets look for memory errors, not for bombs.
#pragma once

#include <cstddef>
#include <string>

#include "fuzz/support/fuzz_support.h"
#include "services/file/reader.h"

namespace sub::fuzz {

inline constexpr size_t kMaxDecodedBytes = 64 * 1024 * 1024;

// Returns the bytes read (up to the cap); keeps them when `keep` is given.
inline size_t drain(sub::file::ByteStream& s, std::string* keep = nullptr) {
  char buf[16 * 1024];
  size_t total = 0;
  while (total < kMaxDecodedBytes) {
    const size_t n = s.read(buf, sizeof(buf));
    if (n == 0) break;
    check(n <= sizeof(buf), "a stream returned more bytes than it was asked for");
    total += n;
    if (keep != nullptr) keep->append(buf, n);
  }
  return total;
}

}  // namespace sub::fuzz
