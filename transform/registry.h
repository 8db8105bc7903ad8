// The registry maps type names to factories, and the Builder turns `{type, settings}`
// configuration into built transforms, chains and conditions.
//
// Families register themselves through one function each (transform/<family>/register.cc),
// called explicitly by Registry::builtin(): nothing depends on static initialisers that a
// static library could drop.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "condition/condition.h"
#include "config/node.h"
#include "config/settings.h"
#include "services/services.h"
#include "transform/transform.h"

namespace sub {

class Builder;

using TransformFactory = std::shared_ptr<Transform> (*)(const config::Settings& settings,
                                                        Builder& builder);
using ConditionFactory = ConditionPtr (*)(const config::Settings& settings, Builder& builder);

class Registry {
 public:
  // Every built-in transform and condition. Built once; immutable afterwards.
  static const Registry& builtin();

  void add_transform(std::string type, TransformFactory f) { transforms_[std::move(type)] = f; }
  void add_condition(std::string type, ConditionFactory f) { conditions_[std::move(type)] = f; }
  TransformFactory transform(std::string_view type) const;  // null if unknown
  ConditionFactory condition(std::string_view type) const;  // null if unknown
  const std::map<std::string, TransformFactory, std::less<>>& transforms() const {
    return transforms_;
  }
  const std::map<std::string, ConditionFactory, std::less<>>& conditions() const {
    return conditions_;
  }

 private:
  std::map<std::string, TransformFactory, std::less<>> transforms_;
  std::map<std::string, ConditionFactory, std::less<>> conditions_;
};

// Builds components while a pipeline is constructed. Not thread-safe; used once.
class Builder {
 public:
  Builder(const Registry& registry, Services& services)
      : registry_(registry), services_(services) {}

  Services& services() { return services_; }
  const Registry& registry() const { return registry_; }

  // A top-level transform config `{type, settings}` at `index` of the `transforms` list.
  Step transform(const config::Node& cfg, size_t index);
  // The whole top-level `transforms` list.
  Chain chain(const config::Node& transforms);

  // Nested components, named relative to their parent's settings for error messages:
  // `parent.where()` + " > " + key (e.g. "cases[0].transforms[1]").
  Step nested_transform(const config::Node& cfg, const config::Settings& parent,
                        const std::string& key);
  // A nested array of transform configs at `key` of `parent` (absent gives an empty chain).
  Chain nested_chain(const config::Settings& parent, std::string_view key);
  ConditionPtr nested_condition(const config::Node& cfg, const config::Settings& parent,
                                const std::string& key);

 private:
  Step build(const config::Node& cfg, const std::string& where_prefix, const std::string& position);
  const Registry& registry_;
  Services& services_;
};

// Family registration functions (one per folder).
void register_aggregate_transforms(Registry& r);
void register_enrich_transforms(Registry& r);
void register_array_transforms(Registry& r);
void register_format_transforms(Registry& r);
void register_hash_transforms(Registry& r);
void register_meta_transforms(Registry& r);
void register_network_transforms(Registry& r);
void register_number_transforms(Registry& r);
void register_object_transforms(Registry& r);
void register_send_transforms(Registry& r);
void register_send_aws_transforms(Registry& r);
void register_string_transforms(Registry& r);
void register_test_transforms(Registry& r);
void register_time_transforms(Registry& r);
void register_utility_transforms(Registry& r);
void register_enrich_dns_http_transforms(Registry& r);
void register_enrich_aws_transforms(Registry& r);
void register_meta_kv_metric_transforms(Registry& r);
void register_send_http_transforms(Registry& r);
void register_utility_secret_metric_transforms(Registry& r);
void register_format_conditions(Registry& r);
void register_meta_conditions(Registry& r);
void register_network_conditions(Registry& r);
void register_number_conditions(Registry& r);
void register_string_conditions(Registry& r);
void register_utility_conditions(Registry& r);

}  // namespace sub
