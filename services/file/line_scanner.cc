#include "services/file/line_scanner.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "core/error.h"

namespace sub::file {

LineScanner::LineScanner(ByteStream& in, size_t max_line, size_t chunk)
    : in_(in), max_line_(max_line), buf_(std::max<size_t>(chunk, 16)) {}

void LineScanner::too_long() const {
  throw Error("line " + std::to_string(line_no_ + 1) + " is longer than the limit of " +
              std::to_string(max_line_) + " bytes");
}

void LineScanner::refill() {
  // Keep the pending partial line at the front, grow only when it fills the buffer.
  if (start_ > 0) {
    std::memmove(buf_.data(), buf_.data() + start_, end_ - start_);
    scan_ -= start_;
    end_ -= start_;
    start_ = 0;
  }
  if (end_ == buf_.size()) {
    if (end_ >= max_line_) too_long();
    buf_.resize(std::min(buf_.size() * 2, max_line_ + 1));
  }
  size_t got = 0;
  try {
    got = in_.read(buf_.data() + end_, buf_.size() - end_);
  } catch (const Error& e) {
    if (start_ == end_) throw;
    error_ = e.what();
    eof_ = true;  // the partial line is the last one; the error follows it
    return;
  }
  if (got == 0) {
    eof_ = true;
  } else {
    end_ += got;
  }
}

bool LineScanner::next(std::string_view& line) {
  if (!error_.empty()) throw Error(error_);
  for (;;) {
    const char* base = buf_.data();
    const void* nl = scan_ < end_ ? std::memchr(base + scan_, '\n', end_ - scan_) : nullptr;
    if (nl != nullptr) {
      const size_t pos = static_cast<size_t>(static_cast<const char*>(nl) - base);
      size_t len = pos - start_;
      if (len >= max_line_) too_long();
      if (len > 0 && base[start_ + len - 1] == '\r') --len;
      line = std::string_view(base + start_, len);
      start_ = scan_ = pos + 1;
      ++line_no_;
      return true;
    }
    scan_ = end_;
    if (end_ - start_ >= max_line_) too_long();
    if (eof_) {
      if (start_ == end_) return false;
      size_t len = end_ - start_;
      if (base[end_ - 1] == '\r') --len;
      line = std::string_view(base + start_, len);
      start_ = scan_ = end_;
      ++line_no_;
      return true;
    }
    refill();
  }
}

}  // namespace sub::file
