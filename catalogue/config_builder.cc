#include "catalogue/config_builder.h"

#include "catalogue/catalogue.h"
#include "core/error.h"

namespace sub::catalogue {

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

transform::Step ConfigBuilder::build(const config::Node& cfg, const std::string& where_prefix,
                                     const std::string& position) {
  const std::string at = "(" + position + ")";
  auto [type, settings] = split_component(cfg, where_prefix + at, "transform");
  const std::string where = where_prefix + type + " " + at;
  TransformFactory f = registry_.transform(type);
  if (!f) {
    throw ConfigError(where + ": type: " + std::string(kInvalidFactoryInput) +
                      ": unknown transform type \"" + type + "\"");
  }
  config::Settings s(settings, where);
  std::string id = s.string("id");
  if (id.empty()) id = type;
  // The steps the factory builds inside this one report whether they are order-free.
  nested_order_free_.push_back(true);
  struct Pop {
    std::vector<bool>& v;
    ~Pop() { v.pop_back(); }
  };
  std::shared_ptr<const transform::Transform> built;
  bool nested_free = true;
  {
    const Pop pop{nested_order_free_};
    built = f(s, *this);
    nested_free = nested_order_free_.back();
  }
  const OrderFree declared = registry_.order_free(type);
  const bool order_free =
      declared == OrderFree::kYes || (declared == OrderFree::kWhenNested && nested_free);
  if (!order_free && !nested_order_free_.empty()) nested_order_free_.back() = false;
  // The position also names the step in its data errors (transform/chain.cc).
  return transform::Step{std::move(built), std::move(id), position, order_free};
}

transform::Step ConfigBuilder::transform(const config::Node& cfg, size_t index) {
  // 1-based, as vet and the reference's vet count them (`<file>:transforms:3`).
  return build(cfg, "transform ", "transforms:" + std::to_string(index + 1));
}

transform::Chain ConfigBuilder::chain(const config::Node& transforms) {
  if (!transforms.is_array()) throw ConfigError("config: transforms: must be an array");
  std::vector<transform::Step> steps;
  steps.reserve(transforms.items().size());
  for (size_t i = 0; i < transforms.items().size(); ++i) {
    steps.push_back(transform(transforms.items()[i], i));
  }
  return transform::Chain(std::move(steps));
}

transform::Step ConfigBuilder::nested_transform(const config::Node& cfg,
                                                const config::Settings& parent,
                                                const std::string& key) {
  return build(cfg, parent.where() + " > transform ", key);
}

transform::Chain ConfigBuilder::nested_chain(const config::Settings& parent, std::string_view key) {
  std::vector<transform::Step> steps;
  const std::vector<const config::Node*> items = parent.objects(key);
  for (size_t i = 0; i < items.size(); ++i) {
    steps.push_back(
        nested_transform(*items[i], parent, parent.key_name(key) + "[" + std::to_string(i) + "]"));
  }
  return transform::Chain(std::move(steps));
}

condition::ConditionPtr ConfigBuilder::nested_condition(const config::Node& cfg,
                                                        const config::Settings& parent,
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

}  // namespace sub::catalogue
