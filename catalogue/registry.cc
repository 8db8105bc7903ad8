#include "catalogue/registry.h"

// The factories, declared once from the table (generated from catalogue/types/*/*.json:
// type `x` is made by new_x, its aliases too), each in the namespace of its layer.
#define SUBSTATION_TRANSFORM(name, factory, order) \
  std::shared_ptr<Transform> factory(const config::Settings&, Builder&);
#define SUBSTATION_CONDITION(name, factory, order)
namespace sub::transform {
#include "embedded/catalogue_types.inc"
}  // namespace sub::transform
#undef SUBSTATION_TRANSFORM
#undef SUBSTATION_CONDITION
#define SUBSTATION_TRANSFORM(name, factory, order)
#define SUBSTATION_CONDITION(name, factory, order) \
  ConditionPtr factory(const config::Settings&, ConditionBuilder&);
namespace sub::condition {
#include "embedded/catalogue_types.inc"
}  // namespace sub::condition
#undef SUBSTATION_TRANSFORM
#undef SUBSTATION_CONDITION

namespace sub::catalogue {
namespace {

constexpr OrderFree kOrder_yes = OrderFree::kYes;
constexpr OrderFree kOrder_no = OrderFree::kNo;
constexpr OrderFree kOrder_nested = OrderFree::kWhenNested;

}  // namespace

const Registry& Registry::builtin() {
  static const Registry registry = [] {
    Registry r;
#define SUBSTATION_TRANSFORM(name, factory, order) \
  r.add_transform(#name, &transform::factory, kOrder_##order);
#define SUBSTATION_CONDITION(name, factory, order) r.add_condition(#name, &condition::factory);
#include "embedded/catalogue_types.inc"
#undef SUBSTATION_TRANSFORM
#undef SUBSTATION_CONDITION
    return r;
  }();
  return registry;
}

void Registry::add_transform(std::string type, TransformFactory f) {
  transforms_[std::move(type)] = f;
}

void Registry::add_transform(std::string type, TransformFactory f, OrderFree order) {
  order_free_[type] = order;
  transforms_[std::move(type)] = f;
}

OrderFree Registry::order_free(std::string_view type) const {
  auto it = order_free_.find(type);
  return it == order_free_.end() ? OrderFree::kNo : it->second;
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
