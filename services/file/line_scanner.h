// Splits a byte stream into lines the way the reference's scanner (Go bufio.ScanLines)
// does: lines end at '\n', one trailing '\r' is removed, empty lines are lines, a final
// line without '\n' is a line, and a trailing '\n' does not start another line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "services/file/reader.h"

namespace sub::file {

// The reference's maximum line length outside Lambda.
inline constexpr size_t kMaxLineBytes = 128'000'000;

class LineScanner {
 public:
  explicit LineScanner(ByteStream& in, size_t max_line = kMaxLineBytes,
                       size_t chunk = size_t{256} << 10);

  // The next line, or false at the end of the input. The view is valid until the next
  // call. A line of `max_line` bytes or more throws sub::Error naming the line number.
  // When reading fails (a truncated archive), the bytes of the unfinished last line are
  // returned as a line first, as Go's scanner does, and the error comes from the next call.
  [[nodiscard]] bool next(std::string_view& line);

  // 1-based number of the line last returned.
  uint64_t line_number() const { return line_no_; }

 private:
  void refill();
  [[noreturn]] void too_long() const;

  ByteStream& in_;
  size_t max_line_;
  std::vector<char> buf_;
  size_t start_ = 0;  // first byte of the pending line
  size_t scan_ = 0;   // bytes before this were searched for '\n' already
  size_t end_ = 0;    // end of the buffered bytes
  bool eof_ = false;
  uint64_t line_no_ = 0;
  std::string error_;  // a read error held back while the partial line is handed over
};

}  // namespace sub::file
