// Registers the utility_* conditions.
#include "transform/registry.h"

namespace sub {

void register_utility_conditions(Registry& /*r*/) {}

}  // namespace sub
