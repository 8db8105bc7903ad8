// What a condition's factory may ask of the code that builds it: the services and nested
// conditions (meta_all/any/none). The catalogue (catalogue/config_builder.h) implements it,
// so conditions do not depend on the table of types above them.
#pragma once

#include <string>

#include "condition/condition.h"
#include "config/node.h"
#include "config/settings.h"
#include "services/services.h"

namespace sub::condition {

class ConditionBuilder {
 public:
  virtual ~ConditionBuilder() = default;

  virtual services::Services& services() = 0;
  // A nested condition config at `key` of `parent`, named relative to the parent's settings
  // in errors (`parent.where()` + " > condition <type> (<key>)").
  virtual ConditionPtr nested_condition(const config::Node& cfg, const config::Settings& parent,
                                        const std::string& key) = 0;

 protected:
  ConditionBuilder() = default;
  ConditionBuilder(const ConditionBuilder&) = default;
  ConditionBuilder& operator=(const ConditionBuilder&) = default;
};

}  // namespace sub::condition
