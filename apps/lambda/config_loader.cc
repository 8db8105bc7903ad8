#include "apps/lambda/config_loader.h"

#include <sys/stat.h>

#include <algorithm>

#include "config/jsonnet.h"
#include "config/node.h"
#include "core/json/path.h"
#include "services/aws/options.h"
#include "services/aws/s3.h"
#include "services/file/reader.h"

namespace sub::lambda {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// How long an invocation may wait for the config. The first fetch of a container retries a
// few times (the AppConfig extension may still be starting); a refresh is one short try,
// since a working config is at hand. A non-2xx answer (404, 400 from the extension) is an
// error, never a config.
file::HttpFetchOptions http_options(bool refreshing) {
  file::HttpFetchOptions o;
  o.require_success = true;
  if (refreshing) {
    o.max_retries = 0;
    o.timeout = std::chrono::seconds(2);
    o.connect_timeout = std::chrono::seconds(1);
    o.stall = std::chrono::seconds(2);
  } else {
    o.max_retries = 3;
    o.timeout = std::chrono::seconds(10);
    o.connect_timeout = std::chrono::seconds(2);
    o.stall = std::chrono::seconds(5);
  }
  return o;
}

}  // namespace

std::string ConfigLoader::fetch(const std::string& location, bool refreshing) {
  struct stat st;
  std::string bytes;
  if (::stat(location.c_str(), &st) == 0) {
    std::unique_ptr<file::ByteStream> in = file::open_path(location);
    bytes = file::read_all(*in);
  } else if (starts_with(location, "http://") || starts_with(location, "https://")) {
    bytes = file::fetch_http(location, http_options(refreshing));
  } else if (starts_with(location, "s3://")) {
    const std::string rest = location.substr(5);
    const size_t slash = rest.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == rest.size()) {
      throw Error("invalid S3 location: " + location + ": want s3://bucket/key");
    }
    aws::S3Client s3(aws::make_client_options());
    bytes = s3.get_object(rest.substr(0, slash), rest.substr(slash + 1));
  } else {
    throw Error("no file found: " + location);
  }
  if (bytes.empty()) throw Error("empty file: " + location);
  return bytes;
}

std::string ConfigLoader::to_json(const std::string& location, const std::string& bytes) {
  std::string_view path = location;
  const size_t q = path.find('?');
  if (q != std::string_view::npos) path = path.substr(0, q);
  const bool jsonnet = ends_with(path, ".jsonnet") || ends_with(path, ".libsonnet");
  if (!jsonnet && json::valid(bytes)) return bytes;
  return config::compile_jsonnet(bytes, location);
}

bool ConfigLoader::settled(const FileStamp& f) const {
  const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  return now_ns - std::max(f.mtime_ns, f.ctime_ns) >= settle_.count();
}

std::optional<ConfigLoader::FileStamp> ConfigLoader::stamp() const {
  struct stat st;
  if (::stat(location_.c_str(), &st) != 0) return std::nullopt;
  FileStamp f;
  f.dev = static_cast<uint64_t>(st.st_dev);
  f.ino = static_cast<uint64_t>(st.st_ino);
  f.size = static_cast<uint64_t>(st.st_size);
  f.mtime_ns = int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  f.ctime_ns = int64_t{st.st_ctim.tv_sec} * 1000000000 + st.st_ctim.tv_nsec;
  return f;
}

std::unique_ptr<catalogue::Pipeline> ConfigLoader::build(const std::string& bytes) const {
  const config::Node root = config::Node::parse(to_json(location_, bytes));
  auto built = std::make_unique<catalogue::Pipeline>(catalogue::build_pipeline(root, services_));
  log_.debug("pipeline built", {{"location", location_},
                                {"transforms", std::to_string(built->chain.steps().size())},
                                {"concurrency", std::to_string(built->concurrency)}});
  return built;
}

const catalogue::Pipeline& ConfigLoader::get() {
  if (!location_set_) throw ConfigLoadError("SUBSTATION_CONFIG: no config found");
  const Clock::time_point now = Clock::now();
  // A local file that stat says is the one read last time is not read again (eight system
  // calls an invocation fewer); a changed one is, and so is one whose last read failed or
  // came too soon after its last change to trust the stamp.
  const std::optional<FileStamp> local = stamp();
  const bool due = !have_bytes_ ||
                   (local ? !read_stamp_ || *local != *read_stamp_ : now - fetched_at_ >= refresh_);
  if (due) {
    std::string bytes;
    try {
      ++fetches_;
      read_stamp_.reset();
      bytes = fetch(location_, have_bytes_);
      if (local && settled(*local)) read_stamp_ = local;
    } catch (const Error& e) {
      if (!have_bytes_) throw ConfigLoadError("SUBSTATION_CONFIG " + location_ + ": " + e.what());
      log_.warn("configuration refresh failed, keeping the last good one",
                {{"location", location_}, {"error", e.what()}});
    }
    fetched_at_ = now;
    // A new config is built before it replaces the running one: one that does not build
    // (garbage, a bad setting) is rejected once, logged, and the last good one stays.
    if (!bytes.empty() && (!have_bytes_ || bytes != bytes_) && bytes != rejected_) {
      try {
        std::unique_ptr<catalogue::Pipeline> built = build(bytes);
        if (have_bytes_) log_.info("configuration changed", {{"location", location_}});
        bytes_ = std::move(bytes);
        have_bytes_ = true;
        rejected_.clear();
        pipeline_ = std::move(built);
      } catch (const Error& e) {
        if (!have_bytes_) throw ConfigLoadError("SUBSTATION_CONFIG " + location_ + ": " + e.what());
        log_.error("new configuration rejected, keeping the last good one",
                   {{"location", location_}, {"error", e.what()}});
        rejected_ = std::move(bytes);
      }
    }
  }
  if (!pipeline_) {
    // After discard(): the same good bytes, built afresh.
    try {
      pipeline_ = build(bytes_);
    } catch (const Error& e) {
      have_bytes_ = false;
      throw ConfigLoadError("SUBSTATION_CONFIG " + location_ + ": " + e.what());
    }
  }
  return *pipeline_;
}

}  // namespace sub::lambda
