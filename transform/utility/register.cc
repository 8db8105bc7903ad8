// Registers the utility_* transforms.
#include "transform/registry.h"

namespace sub {

void register_utility_transforms(Registry& /*r*/) {}

}  // namespace sub
