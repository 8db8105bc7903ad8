// `file_path` settings of send_file (and the object-storage sends): how the name of each
// written file is built.
//
// Settings (all optional):
//   file_path.prefix       first path element
//   file_path.time_format  Go reference layout ("2006/01/02"), or "unix" / "unix_milli";
//                          formatted with the process's local time when the file is written
//   file_path.uuid         true: a random UUID v4 element
//   file_path.suffix       appended to the joined path as is (".json", ".gz")
// The path is the set elements joined with '/' and cleaned as Go's path.Join does, followed
// by the suffix. Everything empty gives an empty path, which the caller reports.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "config/settings.h"
#include "core/gotime/zone.h"

namespace sub::transform {

struct FilePath {
  std::string prefix;
  std::string time_format;
  bool uuid = false;
  std::string suffix;
  std::shared_ptr<const gotime::Zone> zone;  // the process's local zone (Go's time.Local)

  static FilePath read(const config::Settings& settings);  // reads `file_path`

  // Builds a path for `now` (prefix replaced by `prefix_override` when it is not empty).
  std::string build(std::chrono::system_clock::time_point now,
                    std::string_view prefix_override = {}) const;
};

// Go's path.Clean.
std::string clean_path(std::string_view p);

// A random (version 4) UUID in its canonical lower-case form.
std::string new_uuid_v4();

}  // namespace sub::transform
