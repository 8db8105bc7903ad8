#include "services/metrics/registry.h"

#include <unistd.h>

#include "core/error.h"
#include "services/metrics/aws_cloudwatch_embedded_metrics.h"

namespace sub::metrics {
namespace {

std::shared_ptr<Destination> new_emf(const config::Settings&,
                                     const std::shared_ptr<services::OutputSink>& stdout_sink) {
  return std::make_shared<AwsCloudWatchEmbeddedMetrics>(stdout_sink);
}

// Unbuffered so metric lines interleave with other output in order.
class Stdout final : public services::OutputSink {
 public:
  void write_line(std::string_view line) override {
    std::string buf(line);
    buf += '\n';
    std::lock_guard<std::mutex> lock(mu_);
    size_t off = 0;
    while (off < buf.size()) {
      const ssize_t n = ::write(STDOUT_FILENO, buf.data() + off, buf.size() - off);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw Error("metrics: cannot write to stdout");
      }
      off += static_cast<size_t>(n);
    }
  }

 private:
  std::mutex mu_;
};

}  // namespace

Metrics::Metrics() : fallback_stdout_(std::make_shared<Stdout>()) {
  add_type("aws_cloudwatch_embedded_metrics", &new_emf);
}

void Metrics::add_type(std::string type, Factory factory) {
  std::lock_guard<std::mutex> lock(mu_);
  types_[std::move(type)] = factory;
}

Metric Metrics::read(const config::Settings& parent, std::string_view key,
                     const std::shared_ptr<services::OutputSink>& stdout_sink) {
  const config::Settings block = parent.child(key);
  Metric m;
  m.name = block.string("name");
  m.attributes = block.string_map("attributes");
  if (!block.has("destination")) block.missing("destination");
  const config::Settings dest = block.child("destination");
  const std::string type = dest.string("type");
  if (type.empty()) dest.missing("type");
  Factory factory = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = types_.find(type);
    if (it != types_.end()) factory = it->second;
  }
  if (factory == nullptr) {
    dest.fail("type",
              std::string(kInvalidFactoryInput) + ": unknown metric destination \"" + type + "\"");
  }
  m.destination = factory(dest.child("settings"), stdout_sink ? stdout_sink : fallback_stdout_);
  return m;
}

}  // namespace sub::metrics
