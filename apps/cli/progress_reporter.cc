#include "apps/cli/progress_reporter.h"

#include <unistd.h>

#include <cinttypes>
#include <cstdint>

namespace sub::cli {
namespace {

using Clock = std::chrono::steady_clock;

// 98.3 MiB
std::string human_bytes(uint64_t n) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(n);
  size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  if (unit == 0) {
    std::snprintf(text, sizeof text, "%" PRIu64 " B", n);
  } else {
    std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  }
  return text;
}

// `1 event`, `2 events`.
std::string events_text(uint64_t n) { return std::to_string(n) + (n == 1 ? " event" : " events"); }

uint64_t per_second(uint64_t count, Clock::duration elapsed) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  return seconds > 0 ? static_cast<uint64_t>(static_cast<double>(count) / seconds) : 0;
}

}  // namespace

bool ProgressReporter::wanted(bool asked) {
  return asked || (::isatty(STDERR_FILENO) == 1 && ::isatty(STDOUT_FILENO) != 1);
}

ProgressReporter::ProgressReporter(std::string verb, const ProgressCounters& counters,
                                   bool terminal)
    : verb_(std::move(verb)), counters_(counters), terminal_(terminal) {}

ProgressReporter::~ProgressReporter() { stop(); }

void ProgressReporter::start() {
  started_ = Clock::now();
  thread_ = std::thread([this] { run(); });
}

void ProgressReporter::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProgressReporter::run() {
  uint64_t last_events = counters_.events();
  Clock::time_point last = Clock::now();
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, kInterval, [this] { return stopping_; })) {
    const Clock::time_point now = Clock::now();
    const uint64_t events = counters_.events();
    print(verb_ + ": " + events_text(events) + " in, " + human_bytes(counters_.bytes()) + ", " +
              std::to_string(per_second(events - last_events, now - last)) + " events/s",
          false);
    last_events = events;
    last = now;
  }
}

void ProgressReporter::finish(const std::string& exit_meaning) {
  stop();
  const Clock::duration elapsed = Clock::now() - started_;
  const uint64_t events = counters_.events();
  const uint64_t bytes = counters_.bytes();
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1fs", std::chrono::duration<double>(elapsed).count());
  print(verb_ + ": " + events_text(events) + " in, " + std::to_string(bytes) + " bytes (" +
            human_bytes(bytes) + ") in " + seconds + ", " +
            std::to_string(per_second(events, elapsed)) + " events/s; " + exit_meaning,
        true);
}

void ProgressReporter::print(const std::string& line, bool final_line) {
  // One write per line, so the line is not split by other output to stderr.
  std::string text;
  if (terminal_) {
    text = "\r" + line + "\x1b[K";  // erase what a longer previous line left
    if (final_line) text += "\n";
  } else {
    text = line + "\n";
  }
  std::fputs(text.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace sub::cli
