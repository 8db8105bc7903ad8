// Registers the meta_* conditions.
#include "transform/registry.h"

namespace sub {

void register_meta_conditions(Registry& /*r*/) {}

}  // namespace sub
