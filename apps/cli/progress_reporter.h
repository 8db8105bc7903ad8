// Progress of a streaming command on stderr: while it runs, about once a second,
//   substation read: 1200000 events in, 98.3 MiB, 401234 events/s
// rewritten in place (\r) on a terminal, one line each time otherwise; when it ends, one
// summary line:
//   substation read: 1200000 events in, 103079215 bytes (98.3 MiB) in 3.0s, 400000 events/s;
//   exit 0: every event was processed
// A thread of its own reads the counters (apps/cli/progress_counters.h), so the command's
// hot path only increments them. Nothing is printed before start().
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "apps/cli/progress_counters.h"

namespace sub::cli {

class ProgressReporter {
 public:
  static constexpr std::chrono::seconds kInterval{1};

  // Whether to report: asked for (--progress), or stderr is a terminal while stdout is not
  // (when both are the same terminal, a rewritten line would garble the events printed).
  static bool wanted(bool asked);

  // `verb` prefixes every line; `terminal`: rewrite one line in place.
  ProgressReporter(std::string verb, const ProgressCounters& counters, bool terminal);
  ~ProgressReporter();  // stops the thread; no summary
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  void start();
  // Stops the periodic lines and prints the summary; `exit_meaning` follows the counts
  // (`exit 0: every event was processed`).
  void finish(const std::string& exit_meaning);

 private:
  void run();
  void stop();
  void print(const std::string& line, bool final_line);

  std::string verb_;
  const ProgressCounters& counters_;
  bool terminal_;
  std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;  // guards stopping_ between the reporter thread and stop()
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sub::cli
