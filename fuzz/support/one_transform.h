// A pipeline of one data-only transform (no settings), built once per target, for the
// decoders that live inside transforms (format_from_gzip, format_from_zip).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "core/context.h"
#include "core/message.h"
#include "services/services.h"

namespace sub::fuzz {

class OneTransform {
 public:
  explicit OneTransform(const std::string& type) {
    services_.stdout_sink = std::make_shared<services::CaptureSink>();
    pipeline_ = catalogue::build_pipeline(
        config::Node::parse(R"({"transforms":[{"type":")" + type + R"("}]})"), services_);
  }
  // The data of every non-control output. Throws what the transform throws.
  std::vector<std::string> apply(std::string data) const {
    std::vector<std::string> out;
    for (Message& m : pipeline_.chain.apply(Message(std::move(data)), Context{})) {
      if (!m.is_control()) out.push_back(m.data());
    }
    return out;
  }

 private:
  services::Services services_;
  catalogue::Pipeline pipeline_;
};

}  // namespace sub::fuzz
