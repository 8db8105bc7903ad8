// Registers the network_* conditions.
#include "transform/registry.h"

namespace sub {

void register_network_conditions(Registry& /*r*/) {}

}  // namespace sub
