// Registers the string_* conditions.
#include "transform/registry.h"

namespace sub {

void register_string_conditions(Registry& /*r*/) {}

}  // namespace sub
