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
  void flush() override;

 private:
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
