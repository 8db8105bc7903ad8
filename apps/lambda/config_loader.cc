#include "apps/lambda/config_loader.h"

#include <sys/stat.h>

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

}  // namespace

std::string ConfigLoader::fetch(const std::string& location) {
  struct stat st;
  std::string bytes;
  if (::stat(location.c_str(), &st) == 0) {
    std::unique_ptr<file::ByteStream> in = file::open_path(location);
    bytes = file::read_all(*in);
  } else if (starts_with(location, "http://") || starts_with(location, "https://")) {
    bytes = file::fetch_http(location);
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

bool ConfigLoader::remote() const {
  struct stat st;
  return ::stat(location_.c_str(), &st) != 0;
}

const Pipeline& ConfigLoader::get() {
  if (!location_set_) throw ConfigLoadError("SUBSTATION_CONFIG: no config found");
  const Clock::time_point now = Clock::now();
  const bool due = !have_bytes_ || !remote() || now - fetched_at_ >= refresh_;
  if (due) {
    try {
      std::string bytes = fetch(location_);
      fetched_at_ = now;
      if (!have_bytes_ || bytes != bytes_) {
        if (have_bytes_) log_.info("configuration changed", {{"location", location_}});
        bytes_ = std::move(bytes);
        have_bytes_ = true;
        pipeline_.reset();
      }
    } catch (const Error& e) {
      if (!have_bytes_) throw ConfigLoadError("SUBSTATION_CONFIG " + location_ + ": " + e.what());
      fetched_at_ = now;
      log_.warn("configuration refresh failed, keeping the last one",
                {{"location", location_}, {"error", e.what()}});
    }
  }
  if (!pipeline_) {
    try {
      const config::Node root = config::Node::parse(to_json(location_, bytes_));
      auto built = std::make_unique<Pipeline>(build_pipeline(root, services_));
      pipeline_ = std::move(built);
      log_.debug("pipeline built", {{"location", location_},
                                    {"transforms", std::to_string(pipeline_->chain.steps().size())},
                                    {"concurrency", std::to_string(pipeline_->concurrency)}});
    } catch (const Error& e) {
      // A bad config is fetched again at the next invocation.
      have_bytes_ = false;
      throw ConfigLoadError("SUBSTATION_CONFIG " + location_ + ": " + e.what());
    }
  }
  return *pipeline_;
}

}  // namespace sub::lambda
