// What a transform's factory may ask of the code that builds it: services, nested transforms
// and chains (meta_*, auxiliary_transforms) and nested conditions. The catalogue
// (catalogue/config_builder.h) implements it, so transforms do not depend on the table of
// types above them.
#pragma once

#include <string>
#include <string_view>

#include "condition/builder.h"
#include "transform/transform.h"

namespace sub::transform {

class Builder : public condition::ConditionBuilder {
 public:
  // A nested transform config at `key` of `parent` (errors: "<where> > transform <type>
  // (<key>)").
  virtual Step nested_transform(const config::Node& cfg, const config::Settings& parent,
                                const std::string& key) = 0;
  // A nested array of transform configs at `key` of `parent` (absent gives an empty chain).
  virtual Chain nested_chain(const config::Settings& parent, std::string_view key) = 0;
};

}  // namespace sub::transform
