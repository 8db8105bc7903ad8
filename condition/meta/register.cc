// Registers the meta_* conditions and their short aliases.
#include "transform/registry.h"

namespace sub {

ConditionPtr new_meta_all(const config::Settings& s, Builder& b);
ConditionPtr new_meta_any(const config::Settings& s, Builder& b);
ConditionPtr new_meta_none(const config::Settings& s, Builder& b);

void register_meta_conditions(Registry& r) {
  r.add_condition("meta_all", &new_meta_all);
  r.add_condition("all", &new_meta_all);
  r.add_condition("meta_any", &new_meta_any);
  r.add_condition("any", &new_meta_any);
  r.add_condition("meta_none", &new_meta_none);
  r.add_condition("none", &new_meta_none);
}

}  // namespace sub
