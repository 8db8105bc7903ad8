// Building one condition from its settings and testing messages with it: what the condition
// unit tests share.
#pragma once

#include <string>

#include "catalogue/config_builder.h"
#include "config/node.h"

namespace sub::testing {

// The condition `type` built from `settings_json` with the built-in registry.
inline condition::ConditionPtr build_condition(const std::string& type,
                                               const std::string& settings_json = "{}") {
  services::Services services;
  catalogue::ConfigBuilder builder(catalogue::Registry::builtin(), services);
  const config::Node settings = config::Node::parse(settings_json);
  return catalogue::Registry::builtin().condition(type)(
      config::Settings(&settings, "condition " + type), builder);
}

// Whether `c` holds for a message of `data` (and metadata `meta`).
inline bool check(const condition::ConditionPtr& c, std::string data, std::string meta = "") {
  return c->test(Message(std::move(data), std::move(meta)), Context{});
}

}  // namespace sub::testing
