// Helpers shared by the AWS integration tests: building transforms from JSON settings with
// every AWS family registered, and running messages through them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalogue/config_builder.h"
#include "config/node.h"

namespace sub::itest {

inline const catalogue::Registry& aws_registry() { return catalogue::Registry::builtin(); }

// Builds transform `type` from `settings_json` with a fresh Services (or `services`).
inline std::shared_ptr<transform::Transform> build_transform(
    const std::string& type, const std::string& settings_json,
    services::Services* services = nullptr) {
  services::Services local;
  catalogue::ConfigBuilder builder(aws_registry(), services ? *services : local);
  const config::Node settings = config::Node::parse(settings_json);
  return aws_registry().transform(type)(config::Settings(&settings, "transform " + type), builder);
}

// Runs every datum then a control message; returns the outputs.
inline std::vector<Message> run_all(transform::Transform& tf,
                                    const std::vector<std::string>& data) {
  std::vector<Message> out;
  for (const std::string& d : data) tf.transform(Message(d), out, Context{});
  tf.transform(Message::control(), out, Context{});
  return out;
}

}  // namespace sub::itest
