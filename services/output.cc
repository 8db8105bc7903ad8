#include "services/output.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace sub::services {

FdSink::FdSink(int fd, size_t buffer_size) : fd_(fd), cap_(buffer_size) { buf_.reserve(cap_); }

FdSink::~FdSink() {
  try {
    flush();
  } catch (...) {
    // Nothing useful to do with a write error while tearing down.
  }
}

void FdSink::append_locked(std::string_view line) {
  if (buf_.size() + line.size() + 1 > cap_) flush_locked();
  buf_.append(line);
  buf_ += '\n';
}

void FdSink::write_line(std::string_view line) {
  std::lock_guard<std::mutex> lock(mu_);
  append_locked(line);
}

void FdSink::write_lines(std::string_view joined, const std::vector<size_t>& ends) {
  std::lock_guard<std::mutex> lock(mu_);
  size_t begin = 0;
  for (size_t end : ends) {
    append_locked(joined.substr(begin, end - begin));
    begin = end;
  }
}

void FdSink::flush() {
  std::lock_guard<std::mutex> lock(mu_);
  flush_locked();
}

void FdSink::flush_locked() {
  size_t off = 0;
  while (off < buf_.size()) {
    ssize_t n = ::write(fd_, buf_.data() + off, buf_.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      buf_.clear();
      throw Error(std::string("stdout: write failed: ") + std::strerror(errno));
    }
    off += static_cast<size_t>(n);
  }
  buf_.clear();
}

}  // namespace sub::services
