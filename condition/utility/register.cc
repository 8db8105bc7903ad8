// Registers the utility_* conditions.
#include "transform/registry.h"

namespace sub {

ConditionPtr new_utility_random(const config::Settings& s, Builder& b);

void register_utility_conditions(Registry& r) {
  r.add_condition("utility_random", &new_utility_random);
}

}  // namespace sub
