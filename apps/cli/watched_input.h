// The standard input of `read` when it is a pipe or a terminal: it waits for data in short
// polls instead of one blocking read, so that
//   - the command's output is flushed whenever the input goes quiet (`tail -f | substation
//     read` prints lines as they come, not when a 4 MiB buffer fills), and
//   - SIGINT/SIGTERM (apps/cli/stop_signals.h) ends the input cleanly: the control message
//     still flushes every batch before the command exits.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "services/file/reader.h"

namespace sub::cli {

class WatchedInput final : public file::ByteStream {
 public:
  static constexpr std::chrono::milliseconds kPoll{200};

  // `on_idle` runs once each time the input has had nothing to read for a poll period.
  WatchedInput(int fd, std::string name, std::function<void()> on_idle)
      : fd_(fd), name_(std::move(name)), on_idle_(std::move(on_idle)) {}

  size_t read(char* buf, size_t n) override;
  bool interactive() const override { return true; }

 private:
  int fd_;
  std::string name_;
  std::function<void()> on_idle_;
  bool idle_ran_ = false;
};

}  // namespace sub::cli
