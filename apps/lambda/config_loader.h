// SUBSTATION_CONFIG, fetched and built once per warm container and reused.
//
// The location is a local path, an http(s):// URL (e.g. the AppConfig extension at
// http://localhost:2772/...) or s3://bucket/key; the content is JSON or Jsonnet (a name
// ending in .jsonnet/.libsonnet, or content that is not JSON). A local file is stat'ed on
// every invocation and read again when its device, inode, size, modification or change
// time differ from the last read, or when that read came less than `settle` after the
// file's last change (file times tick coarsely, so an edit in the same tick could look
// unchanged: git's "racy" entries); a remote one at most every `refresh` (default 45 s,
// AppConfig's poll interval). The pipeline is rebuilt only when the bytes differ, or after an
// invocation failed (its transforms' state is then discarded). When a refresh fails (the
// endpoint is down, answers non-2xx, or is slow: a refresh waits at most about 2 s) or the
// new config does not build, the last good pipeline stays in use and the log says so.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "apps/lambda/runtime_error.h"
#include "catalogue/pipeline.h"
#include "services/logger.h"
#include "services/services.h"

namespace sub::lambda {

// Thrown for any problem fetching or building the configuration (errorType ConfigError).
class ConfigLoadError : public RuntimeError {
 public:
  explicit ConfigLoadError(const std::string& what) : RuntimeError("ConfigError", what) {}
};

class ConfigLoader {
 public:
  using Clock = std::chrono::steady_clock;

  ConfigLoader(std::string location, bool location_set, std::chrono::seconds refresh,
               services::Services& services, const services::Logger& log,
               std::chrono::nanoseconds settle = std::chrono::seconds(2))
      : location_(std::move(location)),
        location_set_(location_set),
        refresh_(refresh),
        settle_(settle),
        services_(services),
        log_(log) {}

  // The pipeline to use for this invocation. Throws ConfigLoadError.
  const catalogue::Pipeline& get();
  // Drops the built pipeline: the next get() builds a fresh one from the same bytes.
  void discard() { pipeline_.reset(); }
  // How many times the location has been fetched (read or downloaded), failures included.
  size_t fetches() const { return fetches_; }

  // The raw configuration bytes from the location (for tests and diagnostics).
  // `refreshing`: a good config is at hand, so an http(s) fetch is one short try.
  static std::string fetch(const std::string& location, bool refreshing = false);
  // JSON text of the configuration bytes (Jsonnet compiled).
  static std::string to_json(const std::string& location, const std::string& bytes);

 private:
  // What stat says of a local file: when any of it changes, the file is read again.
  struct FileStamp {
    uint64_t dev = 0, ino = 0, size = 0;
    int64_t mtime_ns = 0, ctime_ns = 0;
    bool operator==(const FileStamp&) const = default;
  };
  // The stamp of the local file at location_, or nothing when it is not one (remote).
  std::optional<FileStamp> stamp() const;
  // True when the file's last change is at least `settle_` before now (wall-clock, as file
  // times are): a later edit will show in the stamp.
  bool settled(const FileStamp& f) const;
  std::unique_ptr<catalogue::Pipeline> build(const std::string& bytes) const;

  std::string location_;
  bool location_set_;
  std::chrono::seconds refresh_;
  std::chrono::nanoseconds settle_;
  services::Services& services_;
  const services::Logger& log_;
  std::string bytes_;
  bool have_bytes_ = false;  // bytes_ hold the last config that built
  std::string rejected_;     // the last fetched config that did not build
  Clock::time_point fetched_at_{};
  std::optional<FileStamp> read_stamp_;  // the local file's stamp at its last trusted read
  size_t fetches_ = 0;
  std::unique_ptr<catalogue::Pipeline> pipeline_;
};

}  // namespace sub::lambda
