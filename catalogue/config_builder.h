// Turns `{type, settings}` configuration into built transforms, chains and conditions, with
// the factories of a Registry. Errors name the component and its position:
//   transform object_copy (transforms:3): object.target_key: missing required option
//   transform meta_switch (transforms:1) > transform object_copy (cases[0].transforms[1]): ...
// A built Step keeps its position (`transforms:3`, `cases[0].transforms[1]`), so that its data
// errors name it too: `transform object_copy (transforms:3): ...`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/registry.h"

namespace sub::catalogue {

// Used once, while a pipeline is constructed; not thread-safe.
class ConfigBuilder final : public transform::Builder {
 public:
  ConfigBuilder(const Registry& registry, services::Services& services)
      : registry_(registry), services_(services) {}

  services::Services& services() override { return services_; }

  // A top-level transform config `{type, settings}` at `index` of the `transforms` list.
  transform::Step transform(const config::Node& cfg, size_t index);
  // The whole top-level `transforms` list.
  transform::Chain chain(const config::Node& transforms);

  transform::Step nested_transform(const config::Node& cfg, const config::Settings& parent,
                                   const std::string& key) override;
  transform::Chain nested_chain(const config::Settings& parent, std::string_view key) override;
  condition::ConditionPtr nested_condition(const config::Node& cfg, const config::Settings& parent,
                                           const std::string& key) override;

 private:
  // `position` without parentheses: `transforms:3`, `cases[0].transforms[1]`.
  transform::Step build(const config::Node& cfg, const std::string& where_prefix,
                        const std::string& position);
  const Registry& registry_;
  services::Services& services_;
  // One entry per step being built: false once a step nested in it is not order-free.
  std::vector<bool> nested_order_free_;
};

}  // namespace sub::catalogue
