#include "apps/cli/tap_log.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>

#include "core/json/encode.h"
#include "core/time/layout.h"

namespace sub::cli {

DebugLog::DebugLog() : enabled_(std::getenv("SUBSTATION_DEBUG") != nullptr) {}

void DebugLog::operator()(std::string_view msg, Fields fields) const {
  if (!enabled_) return;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
  std::string line = "{\"time\":\"";
  line += gotime::format(gotime::Instant::from_unix_nano(ns), *gotime::Zone::utc(),
                         "2006-01-02T15:04:05.000000Z07:00");
  line += "\",\"level\":\"debug\",\"msg\":";
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
    const ssize_t n = ::write(2, line.data() + off, line.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
}

}  // namespace sub::cli
