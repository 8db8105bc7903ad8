#include "transform/registry.h"

namespace sub {

const Registry& Registry::builtin() {
  static const Registry registry = [] {
    Registry r;
    register_aggregate_transforms(r);
    register_array_transforms(r);
    register_enrich_transforms(r);
    register_format_transforms(r);
    register_hash_transforms(r);
    register_meta_transforms(r);
    register_network_transforms(r);
    register_number_transforms(r);
    register_object_transforms(r);
    register_send_transforms(r);
    register_send_aws_transforms(r);
    register_string_transforms(r);
    register_test_transforms(r);
    register_time_transforms(r);
    register_utility_transforms(r);
    register_enrich_dns_http_transforms(r);
    register_enrich_aws_transforms(r);
    register_meta_kv_metric_transforms(r);
    register_send_http_transforms(r);
    register_utility_secret_metric_transforms(r);
    register_format_conditions(r);
    register_meta_conditions(r);
    register_network_conditions(r);
    register_number_conditions(r);
    register_string_conditions(r);
    register_utility_conditions(r);
    return r;
  }();
  return registry;
}

TransformFactory Registry::transform(std::string_view type) const {
  auto it = transforms_.find(type);
  return it == transforms_.end() ? nullptr : it->second;
}

ConditionFactory Registry::condition(std::string_view type) const {
  auto it = conditions_.find(type);
  return it == conditions_.end() ? nullptr : it->second;
}

namespace {

// Reads `type` and `settings` of a component config, with errors named by `where`.
std::pair<std::string, const config::Node*> split_component(const config::Node& cfg,
                                                            const std::string& where,
                                                            const char* what) {
  if (!cfg.is_object()) {
    throw ConfigError(where + ": " + what + " must be an object with \"type\" and \"settings\"");
  }
  const config::Node* type = cfg.find("type");
  if (!type) throw ConfigError(where + ": type: " + std::string(kMissingRequiredOption));
  if (!type->is_string()) throw ConfigError(where + ": type: must be a string");
  const config::Node* settings = cfg.find("settings");
  if (settings && !settings->is_object()) {
    throw ConfigError(where + " " + type->text() + ": settings: must be an object");
  }
  return {type->text(), settings};
}

}  // namespace

Step Builder::build(const config::Node& cfg, const std::string& where_prefix,
                    const std::string& position) {
  auto [type, settings] = split_component(cfg, where_prefix + position, "transform");
  const std::string where = where_prefix + type + " " + position;
  TransformFactory f = registry_.transform(type);
  if (!f) {
    throw ConfigError(where + ": type: " + std::string(kInvalidFactoryInput) +
                      ": unknown transform type \"" + type + "\"");
  }
  config::Settings s(settings, where);
  std::string id = s.string("id");
  if (id.empty()) id = type;
  return Step{f(s, *this), std::move(id)};
}

Step Builder::transform(const config::Node& cfg, size_t index) {
  return build(cfg, "transform ", "(#" + std::to_string(index) + ")");
}

Chain Builder::chain(const config::Node& transforms) {
  if (!transforms.is_array()) throw ConfigError("config: transforms: must be an array");
  std::vector<Step> steps;
  steps.reserve(transforms.items().size());
  for (size_t i = 0; i < transforms.items().size(); ++i) {
    steps.push_back(transform(transforms.items()[i], i));
  }
  return Chain(std::move(steps));
}

Step Builder::nested_transform(const config::Node& cfg, const config::Settings& parent,
                               const std::string& key) {
  return build(cfg, parent.where() + " > transform ", "(" + key + ")");
}

Chain Builder::nested_chain(const config::Settings& parent, std::string_view key) {
  std::vector<Step> steps;
  const std::vector<const config::Node*> items = parent.objects(key);
  for (size_t i = 0; i < items.size(); ++i) {
    steps.push_back(
        nested_transform(*items[i], parent, parent.key_name(key) + "[" + std::to_string(i) + "]"));
  }
  return Chain(std::move(steps));
}

ConditionPtr Builder::nested_condition(const config::Node& cfg, const config::Settings& parent,
                                       const std::string& key) {
  const std::string at = parent.where() + " > condition (" + key + ")";
  auto [type, settings] = split_component(cfg, at, "condition");
  const std::string where = parent.where() + " > condition " + type + " (" + key + ")";
  ConditionFactory f = registry_.condition(type);
  if (!f) {
    throw ConfigError(where + ": type: " + std::string(kInvalidFactoryInput) +
                      ": unknown condition type \"" + type + "\"");
  }
  return f(config::Settings(settings, where), *this);
}

}  // namespace sub
