// Helpers shared by the AWS integration tests: building transforms from JSON settings with
// every AWS family registered, and running messages through them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/node.h"
#include "transform/registry.h"

namespace sub {
void register_send_aws_transforms(Registry& r);
void register_enrich_aws_transforms(Registry& r);
void register_meta_kv_metric_transforms(Registry& r);
void register_meta_transforms(Registry& r);
void register_enrich_transforms(Registry& r);
void register_utility_transforms(Registry& r);
void register_object_transforms(Registry& r);
}  // namespace sub

namespace sub::itest {

inline const Registry& aws_registry() {
  static const Registry registry = [] {
    Registry r;
    register_send_aws_transforms(r);
    register_enrich_aws_transforms(r);
    register_meta_kv_metric_transforms(r);
    register_meta_transforms(r);
    register_enrich_transforms(r);
    register_utility_transforms(r);
    register_object_transforms(r);
    return r;
  }();
  return registry;
}

// Builds transform `type` from `settings_json` with a fresh Services (or `services`).
inline std::shared_ptr<Transform> build_transform(const std::string& type,
                                                  const std::string& settings_json,
                                                  Services* services = nullptr) {
  Services local;
  Builder builder(aws_registry(), services ? *services : local);
  const config::Node settings = config::Node::parse(settings_json);
  return aws_registry().transform(type)(config::Settings(&settings, "transform " + type), builder);
}

// Runs every datum then a control message; returns the outputs.
inline std::vector<Message> run_all(Transform& tf, const std::vector<std::string>& data) {
  std::vector<Message> out;
  for (const std::string& d : data) tf.transform(Message(d), out, Context{});
  tf.transform(Message::control(), out, Context{});
  return out;
}

}  // namespace sub::itest
