// The registry maps type names to factories. Registry::builtin() holds every built-in
// transform and condition, from the table in catalogue/types/<kind>/<family>.json (each
// type `x` is made by a function new_x defined in its source file), with whether each
// transform is order-free as the table declares it: a chain is built without parsing the
// tables (Catalogue::builtin() parses them all, for vet and docs).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "catalogue/catalogue.h"
#include "condition/builder.h"
#include "transform/builder.h"

namespace sub::catalogue {

using TransformFactory = std::shared_ptr<transform::Transform> (*)(const config::Settings& settings,
                                                                   transform::Builder& builder);
using ConditionFactory = condition::ConditionPtr (*)(const config::Settings& settings,
                                                     condition::ConditionBuilder& builder);

class Registry {
 public:
  // Every built-in transform and condition. Built once; immutable afterwards.
  static const Registry& builtin();

  // A type added again keeps what it declared about order unless `order` is given.
  void add_transform(std::string type, TransformFactory f);
  void add_transform(std::string type, TransformFactory f, OrderFree order);
  void add_condition(std::string type, ConditionFactory f) { conditions_[std::move(type)] = f; }
  TransformFactory transform(std::string_view type) const;  // null if unknown
  ConditionFactory condition(std::string_view type) const;  // null if unknown
  // As the type's `order_free` in the tables; kNo for a type that is unknown.
  OrderFree order_free(std::string_view type) const;
  const std::map<std::string, TransformFactory, std::less<>>& transforms() const {
    return transforms_;
  }
  const std::map<std::string, ConditionFactory, std::less<>>& conditions() const {
    return conditions_;
  }

 private:
  std::map<std::string, TransformFactory, std::less<>> transforms_;
  std::map<std::string, ConditionFactory, std::less<>> conditions_;
  std::map<std::string, OrderFree, std::less<>> order_free_;
};

}  // namespace sub::catalogue
