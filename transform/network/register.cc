// Registers the network_* transforms.
#include "transform/registry.h"

namespace sub {

void register_network_transforms(Registry& /*r*/) {}

}  // namespace sub
