// Registers the number_* conditions.
#include "transform/registry.h"

namespace sub {

void register_number_conditions(Registry& /*r*/) {}

}  // namespace sub
