#include "services/logger.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>

#include "core/gotime/layout.h"
#include "core/json/encode.h"

namespace sub::services {
namespace {

std::string_view level_name(Logger::Level level) {
  switch (level) {
    case Logger::Level::kDebug:
      return "debug";
    case Logger::Level::kInfo:
      return "info";
    case Logger::Level::kWarn:
      return "warning";
    case Logger::Level::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void Logger::write(Level level, std::string_view msg, Fields fields) const {
  if (level == Level::kDebug && !debug_) return;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
  std::string line = "{\"time\":\"";
  line += gotime::format(gotime::Instant::from_unix_nano(ns), *gotime::Zone::utc(),
                         "2006-01-02T15:04:05.000000Z07:00");
  line += "\",\"level\":\"";
  line += level_name(level);
  line += "\",\"msg\":";
  json::append_go_string(line, msg);
  for (const auto& [key, value] : fields) {
    line += ',';
    json::append_go_string(line, key);
    line += ':';
    json::append_go_string(line, value);
  }
  line += "}\n";
  size_t off = 0;
  for (int attempts = 0; off < line.size() && attempts < 64; ++attempts) {
    const ssize_t n = ::write(fd_, line.data() + off, line.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
}

}  // namespace sub::services
