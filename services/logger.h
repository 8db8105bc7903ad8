// Structured logs of the Lambda applications and the CLI's tap: one JSON object per line on
// stderr ({"time","level","msg", fields...}), written with a single write(2) so lines from
// different threads never interleave. SUBSTATION_DEBUG (any value) enables debug lines:
// the callers pass `debug` from it.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace sub::services {

class Logger {
 public:
  enum class Level { kDebug, kInfo, kWarn, kError };
  using Fields = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  explicit Logger(bool debug, int fd = 2) : debug_(debug), fd_(fd) {}

  bool debug_enabled() const { return debug_; }
  void debug(std::string_view msg, Fields fields = {}) const { write(Level::kDebug, msg, fields); }
  void info(std::string_view msg, Fields fields = {}) const { write(Level::kInfo, msg, fields); }
  void warn(std::string_view msg, Fields fields = {}) const { write(Level::kWarn, msg, fields); }
  void error(std::string_view msg, Fields fields = {}) const { write(Level::kError, msg, fields); }

  void write(Level level, std::string_view msg, Fields fields) const;

 private:
  bool debug_;
  int fd_;
};

}  // namespace sub::services
