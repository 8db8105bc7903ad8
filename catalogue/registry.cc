#include "catalogue/registry.h"

// The factories, declared once from the table (generated from catalogue/types/*/*.json:
// type `x` is made by new_x, its aliases too), each in the namespace of its layer.
#define SUBSTATION_TRANSFORM(name, factory) \
  std::shared_ptr<Transform> factory(const config::Settings&, Builder&);
#define SUBSTATION_CONDITION(name, factory)
namespace sub::transform {
#include "embedded/catalogue_types.inc"
}  // namespace sub::transform
#undef SUBSTATION_TRANSFORM
#undef SUBSTATION_CONDITION
#define SUBSTATION_TRANSFORM(name, factory)
#define SUBSTATION_CONDITION(name, factory) \
  ConditionPtr factory(const config::Settings&, ConditionBuilder&);
namespace sub::condition {
#include "embedded/catalogue_types.inc"
}  // namespace sub::condition
#undef SUBSTATION_TRANSFORM
#undef SUBSTATION_CONDITION

namespace sub::catalogue {

const Registry& Registry::builtin() {
  static const Registry registry = [] {
    Registry r;
#define SUBSTATION_TRANSFORM(name, factory) r.add_transform(#name, &transform::factory);
#define SUBSTATION_CONDITION(name, factory) r.add_condition(#name, &condition::factory);
#include "embedded/catalogue_types.inc"
#undef SUBSTATION_TRANSFORM
#undef SUBSTATION_CONDITION
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

}  // namespace sub::catalogue
