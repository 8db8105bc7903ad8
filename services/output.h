// Where send_stdout writes: a thread-safe line sink. The CLI gives a buffered writer on
// file descriptor 1; tests give a capture.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sub::services {

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  // Writes `line` followed by '\n' (Go fmt.Println of the bytes).
  virtual void write_line(std::string_view line) = 0;
  // Writes the lines of `joined`, back to back there and ending at `ends` (offsets from its
  // start), each followed by '\n': a whole batch at once, which a sink can take under one
  // lock instead of one per line.
  virtual void write_lines(std::string_view joined, const std::vector<size_t>& ends) {
    size_t begin = 0;
    for (size_t end : ends) {
      write_line(joined.substr(begin, end - begin));
      begin = end;
    }
  }
  virtual void flush() {}
};

// Buffered writer on a file descriptor; flushes when its buffer is full and on flush().
// 256 KiB by default: a larger buffer writes no faster, and on a VM every first touch of
// a page costs microseconds (a 4 MiB buffer was ~1,000 page faults per run of `read`).
class FdSink : public OutputSink {
 public:
  explicit FdSink(int fd, size_t buffer_size = size_t{256} << 10);
  ~FdSink() override;
  void write_line(std::string_view line) override;
  void write_lines(std::string_view joined, const std::vector<size_t>& ends) override;
  void flush() override;

 private:
  void append_locked(std::string_view line);
  void flush_locked();
  int fd_;
  size_t cap_;
  std::string buf_;
  std::mutex mu_;
};

// Keeps every line (tests, conformance, the playground).
class CaptureSink : public OutputSink {
 public:
  void write_line(std::string_view line) override {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.emplace_back(line);
  }
  std::vector<std::string> lines() const {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

}  // namespace sub::services
